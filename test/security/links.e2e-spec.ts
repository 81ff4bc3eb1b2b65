// The links in booking mails act for one booking, one action and one recipient, once, until they expire:
// a forged, altered, replayed, expired or borrowed link gets a 4xx page and changes nothing.
import request from 'supertest';
import type { Environment } from '@cocomo/config';
import { linkSecrets, signLinkToken } from '@cocomo/links';
import { ENVIRONMENT } from '@cocomo/platform';
import {
  aBookingRequest,
  approvedSpace,
  bookingLink,
  fingerprint,
  operator,
  press,
  startSystem,
  type SystemUnderTest,
} from './security-harness';

let system: SystemUnderTest;
let spaceId: string;
let secret: string;

beforeAll(async () => {
  system = await startSystem();
  secret = linkSecrets(system.bookings.app.get<Environment>(ENVIRONMENT).LINK_SECRET)[0];
  spaceId = await approvedSpace(system.directory, {
    name: 'Link Commons',
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Fritz', email: 'fritz@example.org' },
  });
});
afterAll(async () => {
  await system?.stop();
});

const newBooking = async (community: string) =>
  (
    await request(system.bookings.url)
      .post('/api/bookings')
      .send(aBookingRequest({ spaceId, organizer: { name: 'Olga', email: 'olga@example.org', community } }))
      .expect(201)
  ).body.id as string;
const stateOf = async (id: string) =>
  (await request(system.bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body.state;
const tokenOf = (path: string) => path.split('/').pop()!.split('?')[0];
const sign = (
  claims: { subject: string; action: string; recipient: string },
  expiresAt: number,
  secrets = [secret],
) => signLinkToken({ ...claims, expiresAt, nonce: `n-${Math.random().toString(36).slice(2)}` }, secrets);
const inAWeek = () => Math.floor(Date.now() / 1000) + 7 * 86_400;

async function expectRefusedAndUnchanged(token: string, status: number, words: RegExp): Promise<void> {
  const before = await fingerprint(system.bookings, 'bookings');
  const opened = await request(system.bookings.url).get(`/actions/${token}`);
  expect(opened.status).toBe(status);
  const pressed = await press(system.bookings, `/actions/${token}`);
  expect(pressed.status).toBe(status);
  expect(pressed.type).toBe('text/html');
  expect(pressed.text).toMatch(words);
  expect(pressed.text).not.toMatch(/at .+\.(ts|js):\d+/);
  expect(await fingerprint(system.bookings, 'bookings')).toEqual(before);
}

it('a forged link, or one with a single character changed anywhere, is not valid and changes nothing', async () => {
  const id = await newBooking('Forgers');
  const token = tokenOf(await bookingLink(system.bookings, id, 'booking-host-request', 'Accept'));
  const subject = `${id}~${spaceId}`;
  await expectRefusedAndUnchanged(
    sign({ subject, action: 'host-accept', recipient: 'fritz@example.org' }, inAWeek(), [
      'a-guessed-secret-0123456789',
    ]),
    400,
    /not valid/,
  );
  for (const at of [3, Math.floor(token.length / 2), token.length - 1]) {
    const changed = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    await expectRefusedAndUnchanged(changed, 400, /not valid/);
  }
  expect(await stateOf(id)).toBe('pending_host');
});

it('a link signed for another recipient or another booking does not act', async () => {
  const mine = await newBooking('Mine');
  const theirs = await newBooking('Theirs');
  await expectRefusedAndUnchanged(
    sign(
      { subject: `${mine}~${spaceId}`, action: 'host-accept', recipient: 'mallory@example.org' },
      inAWeek(),
    ),
    400,
    /not valid/,
  );
  // The organizer's own link, turned into the host's action on the same booking.
  await expectRefusedAndUnchanged(
    sign({ subject: `${mine}~${spaceId}`, action: 'host-accept', recipient: 'olga@example.org' }, inAWeek()),
    400,
    /not valid/,
  );
  // The organizer's status link shows their booking only.
  const follow = await bookingLink(
    system.bookings,
    mine,
    'booking-organizer-host-asked',
    'Follow your request',
  );
  await request(system.bookings.url).get(follow).expect(200);
  await request(system.bookings.url)
    .get(`/api/bookings/${theirs}?token=${follow.replace(/^.*token=/, '')}`)
    .expect(401);
  expect([await stateOf(mine), await stateOf(theirs)]).toEqual(['pending_host', 'pending_host']);
});

it('an expired link says so and changes nothing; so does an expired status link', async () => {
  const id = await newBooking('Latecomers');
  const past = Math.floor(Date.now() / 1000) - 60;
  await expectRefusedAndUnchanged(
    sign({ subject: `${id}~${spaceId}`, action: 'host-accept', recipient: 'fritz@example.org' }, past),
    410,
    /expired/,
  );
  const oldStatus = sign({ subject: id, action: 'organizer-view', recipient: 'olga@example.org' }, past);
  await request(system.bookings.url).get(`/api/bookings/${id}?token=${oldStatus}`).expect(401);
  expect(await stateOf(id)).toBe('pending_host');
});

it('a link acts once: pressing it again, or its sibling after it, answers 409 and changes nothing', async () => {
  const id = await newBooking('Replayers');
  const accept = await bookingLink(system.bookings, id, 'booking-host-request', 'Accept');
  const decline = await bookingLink(system.bookings, id, 'booking-host-request', 'Decline');
  await request(system.bookings.url).get(accept).expect(200);
  expect(await stateOf(id)).toBe('pending_host');
  await press(system.bookings, accept).expect(200);
  expect(await stateOf(id)).toBe('confirmed');
  await expectRefusedAndUnchanged(tokenOf(accept), 409, /Already done/);
  await expectRefusedAndUnchanged(tokenOf(decline), 409, /moved on/);
  expect(await stateOf(id)).toBe('confirmed');
});
