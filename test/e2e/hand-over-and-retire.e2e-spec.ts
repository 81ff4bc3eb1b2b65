// A host hands their space to a colleague, who takes it over through the mail's link, and the new host retires
// it while it holds an event: across the services, through real mail and real presses. Retiring runs the
// fallback protocol for the event, as a host's withdrawal does. A booking Anna accepted before the hand-over mails
// Ravi from then on, and a request she had not answered is asked of Ravi (bookings hears space.host-changed).
import request from 'supertest';
import { DateTime } from 'luxon';
import { EntityManager } from '@mikro-orm/postgresql';
import { MANAGE_SPACE_PATH } from '@cocomo/links';
import type { ServiceUnderTest } from '@cocomo/testing';
import { approvedSpace, operator } from '../../apps/directory/test/directory-harness';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let mailTo: SystemOverMail['mailTo'];
let kiez: string;
let annasLink: string;
let ravisLink: string;
/** A booking Anna accepted before she handed the space over. */
let before: string;
const ZONE = 'Europe/Berlin';
/** The forms of the manage page, in its order. */
const HAND_OVER_FORM = 2;
const RETIRE_FORM = 3;

beforeAll(async () => {
  system = await startSystemOverMail();
  ({ directory, bookings, mailTo } = system);
  const berlin = { city: 'Berlin', country: 'DE', timezone: ZONE, capacity: 60, amenities: ['wifi'] };
  kiez = await approvedSpace(directory, {
    ...berlin,
    name: 'Kiez Commons',
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Anna', email: 'anna@example.org' },
  });
  await approvedSpace(directory, {
    ...berlin,
    name: 'Spree Loft',
    latitude: 52.51,
    longitude: 13.41,
    host: { name: 'Bruno', email: 'bruno@example.org' },
  });
  annasLink = linkIn(await mailTo('anna@example.org', /^Kiez Commons is now listed/), 'Manage your space');
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

const hostOfKiez = async () =>
  (await request(directory.url).get(`/api/spaces/${kiez}`).set(operator).expect(200)).body.host;

/** Asks Kiez Commons for an event in `days` days, as Rhea; the booking's id. */
async function requestAtKiez(title: string, days: number): Promise<string> {
  const start = DateTime.now().setZone(ZONE).plus({ days }).set({ hour: 18, minute: 0, second: 0 });
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Rhea', email: 'rhea@example.org', community: 'Berlin Rust' },
      event: { title, start: start.toISO(), end: start.plus({ hours: 3 }).toISO(), expectedAttendees: 30 },
      spaceId: kiez,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
    })
    .expect(201);
  return body.id as string;
}

/** The host bookings keeps for Kiez Commons in a booking's snapshot of it. */
async function snapshotHost(id: string): Promise<string | undefined> {
  const rows: { email: string | null }[] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(
      `select "space_snapshots" -> ? -> 'host' ->> 'email' as "email" from "bookings"."booking" where "id" = ?`,
      [kiez, id],
    );
  return rows[0]?.email ?? undefined;
}

it('Anna accepts a booking before she hands the space over', async () => {
  before = await requestAtKiez('Handed-over night', 9);
  const asked = await mailTo('anna@example.org', /^Can Kiez Commons host Handed-over night\?$/);
  const accept = await openLink(bookings.url, linkIn(asked, 'Accept'));
  expect((await submit(bookings.url, accept)).status).toBe(200);
  expect(await snapshotHost(before)).toBe('anna@example.org');
});

/** A request and a series Anna is asked and does not answer before the hand-over; and her mails asking them. */
let waiting: string;
let annasRequest: Awaited<ReturnType<typeof mailTo>>;
let annasSeries: Awaited<ReturnType<typeof mailTo>>;
let seriesDates: string[];

it('Anna is asked for another event and a series and answers neither before she hands the space over', async () => {
  waiting = await requestAtKiez('Waiting night', 10);
  annasRequest = await mailTo('anna@example.org', /^Can Kiez Commons host Waiting night\?$/);
  const start = DateTime.now().setZone(ZONE).plus({ days: 20 }).set({ hour: 18, minute: 0, second: 0 });
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Rhea', email: 'rhea@example.org', community: 'Berlin Rust' },
      event: {
        title: 'Weekly night',
        start: start.toISO(),
        end: start.plus({ hours: 3 }).toISO(),
        expectedAttendees: 30,
      },
      spaceId: kiez,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
      recurrence: { frequency: 'weekly', count: 2 },
    })
    .expect(201);
  seriesDates = body.dates.map((date: { id: string }) => date.id);
  annasSeries = await mailTo('anna@example.org', /^Can Kiez Commons host Weekly night as a series\?$/);
});

it('a hand-over takes effect only when the new host confirms it through the link mailed to them', async () => {
  const form = await openLink(directory.url, annasLink, HAND_OVER_FORM);
  const own = await submit(directory.url, form, { newHostName: 'Anna', newHostEmail: 'anna@example.org' });
  expect(own.status).toBe(400);
  expect(own.html).toContain('is already the host’s email');
  const unnamed = await submit(directory.url, form, { newHostName: '', newHostEmail: 'ravi@example.org' });
  expect(unnamed.status).toBe(400);
  expect(unnamed.html).toContain('value="ravi@example.org"');

  const offered = await submit(directory.url, form, {
    newHostName: 'Ravi',
    newHostEmail: 'ravi@example.org',
  });
  expect(offered.status).toBe(303);
  await mailTo('anna@example.org', /^Kiez Commons: a hand-over waits for its new host$/);
  const invitation = await mailTo('ravi@example.org', /^Anna hands Kiez Commons on CoCoMo to you$/);
  const takeOver = linkIn(invitation, 'Take over the space');
  const page = await openLink(directory.url, takeOver);
  await openLink(directory.url, takeOver);
  expect(page.heading).toBe('Take over Kiez Commons');
  expect(await hostOfKiez()).toEqual({ name: 'Anna', email: 'anna@example.org' });

  const taken = await submit(directory.url, page);
  expect([taken.status, taken.heading]).toEqual([200, 'You host the space now']);
  expect(await hostOfKiez()).toEqual({ name: 'Ravi', email: 'ravi@example.org' });
  expect((await submit(directory.url, page)).status).toBe(409);
  // Anna's manage link no longer opens the space; Ravi's, from his mail, does.
  expect((await openLink(directory.url, annasLink)).status).toBe(409);
  await mailTo('anna@example.org', /^Kiez Commons has a new host$/);
  ravisLink = linkIn(await mailTo('ravi@example.org', /^Kiez Commons has a new host$/), 'Manage your space');
  expect(ravisLink.startsWith(MANAGE_SPACE_PATH)).toBe(true);
  expect((await openLink(directory.url, ravisLink)).heading).toBe('Manage Kiez Commons');
});

it('after the hand-over, a booking made before it mails the new host, not the old one', async () => {
  // space.host-changed reaches bookings through its inbox: wait until the booking's snapshot has Ravi.
  for (let tries = 0; (await snapshotHost(before)) !== 'ravi@example.org'; tries++) {
    if (tries > 200) throw new Error('bookings never heard of the new host');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await request(bookings.url)
    .post(`/api/bookings/${before}/cancel`)
    .set(operator)
    .send({ reason: 'The community moved the meetup online' })
    .expect(200);
  await mailTo('ravi@example.org', /^Cancelled: Handed-over night at Kiez Commons$/);
  await mailTo('rhea@example.org', /^Cancelled: Handed-over night/);
  expect(
    system.smtp.mails.filter(
      (mail) =>
        mail.to.includes('anna@example.org') && /Cancelled: Handed-over night/.test(mail.subject ?? ''),
    ),
  ).toEqual([]);
});

it("a request or a series waiting for the old host's answer reaches the new host, with links of his own", async () => {
  const asked = await mailTo('ravi@example.org', /^Can Kiez Commons host Waiting night\?$/);
  expect(asked.text).toContain(waiting);
  // Anna's links name her: they no longer act for the space, and change nothing.
  const annas = await openLink(bookings.url, linkIn(annasRequest, 'Accept'));
  expect(annas.status).toBeGreaterThanOrEqual(400);
  const accept = await openLink(bookings.url, linkIn(asked, 'Accept'));
  expect(accept.status).toBe(200);
  expect((await submit(bookings.url, accept)).status).toBe(200);
  const booking = (await request(bookings.url).get(`/api/bookings/${waiting}`).set(operator).expect(200))
    .body;
  expect([booking.state, booking.spaceId]).toEqual(['confirmed', kiez]);
  await mailTo('ravi@example.org', /^Confirmed: Waiting night at Kiez Commons$/);
  await mailTo('rhea@example.org', /^Confirmed: Waiting night at Kiez Commons$/);
  // The series' one mail reaches Ravi too; Anna's buttons no longer act, Ravi's accept every date.
  const series = await mailTo('ravi@example.org', /^Can Kiez Commons host Weekly night as a series\?$/);
  expect(series.text?.match(/^- .* to .*$/gm)).toHaveLength(2);
  expect(
    (await openLink(bookings.url, linkIn(annasSeries, 'Accept all dates'))).status,
  ).toBeGreaterThanOrEqual(400);
  const acceptAll = await openLink(bookings.url, linkIn(series, 'Accept all dates'));
  expect(acceptAll.status).toBe(200);
  expect((await submit(bookings.url, acceptAll)).status).toBe(200);
  for (const id of seriesDates) {
    const date = (await request(bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;
    expect([date.state, date.spaceId]).toEqual(['confirmed', kiez]);
  }
  await mailTo('ravi@example.org', /^You host Weekly night as a series at Kiez Commons$/);
  // The booking Anna had answered already is not asked again.
  expect(
    system.smtp.mails.filter(
      (mail) =>
        mail.to.includes('ravi@example.org') && /^Can .* host Handed-over night/.test(mail.subject ?? ''),
    ),
  ).toEqual([]);
});

it('retiring a space that holds an event runs the fallback protocol for it, as a host withdrawal does', async () => {
  const id = await requestAtKiez('Retiring night', 12);
  const asked = await mailTo('ravi@example.org', /^Can Kiez Commons host Retiring night\?$/);
  const accept = await openLink(bookings.url, linkIn(asked, 'Accept'));
  expect((await submit(bookings.url, accept)).status).toBe(200);

  const form = await openLink(directory.url, ravisLink, RETIRE_FORM);
  const unticked = await submit(directory.url, form);
  expect(unticked.status).toBe(400);
  expect(unticked.html).toContain('Tick the box');
  expect((await hostOfKiez()).email).toBe('ravi@example.org');
  const retired = await submit(directory.url, form, { understood: 'yes' });
  expect([retired.status, retired.heading]).toEqual([200, 'The space is retired']);
  await request(directory.url).get(`/api/spaces/${kiez}`).expect(404);

  // Bookings hears space.retired: the event needs another space, and Spree Loft is asked for it.
  await mailTo('rhea@example.org', /^Kiez Commons can no longer host Retiring night$/);
  await mailTo('bruno@example.org', /^Can Spree Loft host Retiring night\?$/);
  const booking = (await request(bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;
  expect(booking.state).toBe('seeking_fallback');
  expect((await openLink(directory.url, ravisLink)).status).toBe(409);
});
