// When a space can be asked reaches everywhere spaces are chosen, across the services: a host sets it on their
// manage page (real mail, real form posts), and the search for a time, the ranking of a request and a request
// naming the space leave out spaces paused, closed, booked then or asked as often this month as their host
// allows. The directory learns of bookings from the booking events alone.
import request from 'supertest';
import { DateTime } from 'luxon';
import type { ServiceUnderTest } from '@cocomo/testing';
import { approvedSpace } from '../../apps/directory/test/directory-harness';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;
let directory: ServiceUnderTest;
let mailTo: SystemOverMail['mailTo'];
let kiez: string;
let spree: string;
const manage: Record<string, string> = {};
const ZONE = 'Europe/Berlin';

beforeAll(async () => {
  system = await startSystemOverMail();
  ({ directory, mailTo } = system);
  const berlin = { city: 'Berlin', country: 'DE', timezone: ZONE, capacity: 60, amenities: ['wifi'] };
  for (const [name, host, latitude] of [
    ['Kiez Commons', 'anna', 52.52],
    ['Spree Loft', 'bruno', 52.51],
  ] as const) {
    const id = await approvedSpace(directory, {
      ...berlin,
      name,
      latitude,
      longitude: 13.405,
      host: { name: host, email: `${host}@example.org` },
    });
    if (name === 'Kiez Commons') kiez = id;
    else spree = id;
    manage[id] = linkIn(await mailTo(`${host}@example.org`, /is now listed/), 'Manage your space');
  }
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

const evening = (days: number) =>
  DateTime.now().setZone(ZONE).plus({ days }).set({ hour: 18, minute: 0, second: 0, millisecond: 0 });

async function setAvailability(spaceId: string, values: Record<string, string>) {
  const page = await openLink(directory.url, manage[spaceId], 1);
  expect((await submit(directory.url, page, values)).status).toBe(303);
}

async function openThen(start: DateTime, hours = 3): Promise<string[]> {
  const { body } = await request(directory.url)
    .get('/api/spaces')
    .query({
      near: '52.52,13.405',
      radiusKm: 10,
      from: start.toISO(),
      to: start.plus({ hours }).toISO(),
    })
    .expect(200);
  return body.items.map((item: { id: string }) => item.id).sort();
}

function ask(title: string, start: DateTime, spaceId?: string) {
  return request(system.bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Rhea', email: 'rhea@example.org', community: 'Berlin Rust' },
      event: { title, start: start.toISO(), end: start.plus({ hours: 3 }).toISO(), expectedAttendees: 30 },
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
      ...(spaceId ? { spaceId } : {}),
    });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; ; tries++) {
    const value = await read();
    if (done(value) || tries > 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('the search for a time leaves out a paused space and a space closed then, and checks its range', async () => {
  expect(await openThen(evening(20))).toEqual([kiez, spree].sort());
  await setAvailability(spree, { pausedUntil: evening(40).toISODate()! });
  expect(await openThen(evening(20))).toEqual([kiez]);
  await setAvailability(kiez, {
    'closures.0.from': evening(29).toISODate()!,
    'closures.0.to': evening(31).toISODate()!,
    'closures.0.note': 'Painting',
  });
  expect(await openThen(evening(30))).toEqual([]);
  expect(await openThen(evening(32))).toEqual([kiez]);
  const refused = await request(directory.url)
    .get('/api/spaces')
    .query({ from: evening(3).toISO(), to: evening(2).toISO() })
    .expect(400);
  expect(JSON.stringify(refused.body)).toContain('must be after from');
});

it('a request is not sent to a paused space, and naming it is refused by field', async () => {
  const named = await ask('Named night', evening(20), spree).expect(400);
  expect(named.body.problems).toEqual([
    { field: 'spaceId', code: 'paused', problem: 'is paused then: its host takes no requests until later' },
  ]);
  await ask('Rust night', evening(20)).expect(201);
  const asked = await mailTo('anna@example.org', /^Can Kiez Commons host Rust night\?$/);
  expect(
    system.smtp.mails.some((mail) => /Rust night/.test(mail.subject ?? '') && mail.to.includes('bruno@')),
  ).toBe(false);
  // Anna accepts: the directory hears of it from booking.confirmed, and Kiez is booked then, not later.
  const accept = await openLink(system.bookings.url, linkIn(asked, 'Accept'));
  expect((await submit(system.bookings.url, accept)).status).toBe(200);
  expect(
    await until(
      () => openThen(evening(20)),
      (open) => open.length === 0,
    ),
  ).toEqual([]);
  expect(await openThen(evening(21))).toEqual([kiez]);
});

it('a request near a place where no space can take it then says why in the organizer’s "no space found"', async () => {
  // Evening 20: Spree Loft is paused and Kiez Commons holds Rust night; evening 30: Kiez is closed for painting.
  const both = await ask('Crowded night', evening(20)).expect(201);
  expect(both.body.state).toBe('unplaced');
  const crowded = await mailTo('rhea@example.org', /^No space found for Crowded night$/);
  expect(crowded.text).toContain(
    '2 spaces that fit could not take it at that time: 1 paused, 1 booked then.',
  );
  expect(crowded.html).toContain('1 paused, 1 booked then');
  // The request's page, behind the mail's "Follow your request", says so too.
  const follow = new URL(/^Follow your request:\n(http:\S+)$/m.exec(crowded.text ?? '')![1]);
  const status = await request(system.bookings.url)
    .get(follow.pathname + follow.search)
    .set('accept', 'text/html')
    .expect(200);
  expect(status.text).toContain('No space could take it.');
  expect(status.text).toContain('2 spaces that fit could not take it at that time: 1 paused, 1 booked then.');
  await ask('Painting night', evening(30)).expect(201);
  const painting = await mailTo('rhea@example.org', /^No space found for Painting night$/);
  expect(painting.text).toContain(
    '2 spaces that fit could not take it at that time: 1 paused, 1 closed then.',
  );
});

it('a space asked as often this month as its host allows is not asked again', async () => {
  // Kiez was asked once this month (above): a cap of one leaves it out of any time now.
  await setAvailability(kiez, { monthlyCap: '1' });
  expect(await openThen(evening(22))).toEqual([]);
  await setAvailability(kiez, { monthlyCap: '5' });
  expect(await openThen(evening(22))).toEqual([kiez]);
});
