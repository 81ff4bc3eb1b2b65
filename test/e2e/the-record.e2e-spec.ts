// Every operator action, and every host's and organizer's action through a link, leaves exactly one entry in
// the record, with who acted, on which space or booking and from which address: across the four services, with
// named operators, through real mail and real presses of its links. The record answers by person, space,
// booking and period, newest first, a page at a time; its entries stay when their actor's account is removed;
// its page works in Chromium at 375 px.
import request from 'supertest';
import { DateTime } from 'luxon';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Browser } from 'playwright-core';
import { readEnvironment } from '@cocomo/config';
import { ActionLinks } from '@cocomo/links';
import {
  freePort,
  isolatedInfra,
  launchBrowser,
  openWatchedPage,
  seriousAxeFindings,
  startService,
  TestSmtpServer,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { bookingsApp } from '../../apps/bookings/src/bookings.module';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { metricsApp } from '../../apps/metrics/src/metrics.module';
import {
  SUMMARY_OPT_OUT,
  SUMMARY_OPT_OUT_PATH,
} from '../../apps/directory/src/profile/host-summaries.service';
import { aSpace } from '../../apps/directory/test/directory-harness';
import { notificationsApp } from '../../apps/notifications/src/notifications.module';
import {
  namedOperator,
  OPERATOR_PASSWORD,
  postSignIn,
  verifyingAt,
  type NamedOperator,
} from '../../apps/notifications/test/named-operators';
import { linkIn, openLink, submit } from './link-pages';

let infra: IsolatedInfra;
let smtp: TestSmtpServer;
let notifications: ServiceUnderTest;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let metrics: ServiceUnderTest;
let admin: NamedOperator;
let reviewer: NamedOperator;
let dispatcher: NamedOperator;
let since: string;

const ZONE = 'Europe/Berlin';
const ANNA = 'anna@example.org';
const BRUNO = 'bruno@example.org';
const CARLA = 'carla@example.org';
const RAVI = 'ravi@example.org';
const RHEA = 'rhea@example.org';
/** The forms of the manage page, in its order. */
const [LISTING_FORM, AVAILABILITY_FORM, HAND_OVER_FORM, RETIRE_FORM] = [0, 1, 2, 3];

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  const bookingsPort = await freePort();
  infra = await isolatedInfra({
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: `http://127.0.0.1:${bookingsPort}`,
    BOOKING_REPORT_AFTER: '300ms',
    BOOKING_RECONFIRM_BEFORE: '1h',
  });
  notifications = await startService(notificationsApp, infra.env);
  const verifying = readEnvironment({ ...infra.variables, ...verifyingAt(notifications) });
  directory = await startService(directoryApp, verifying);
  bookings = await startService(bookingsApp, verifying, bookingsPort);
  metrics = await startService(metricsApp, verifying);
  [admin, reviewer, dispatcher] = await Promise.all([
    namedOperator(notifications, ['admin']),
    namedOperator(notifications, ['reviewer']),
    namedOperator(notifications, ['dispatcher']),
  ]);
  since = new Date().toISOString();
}, 120_000);
afterAll(async () => {
  await metrics?.close();
  await bookings?.close();
  await directory?.close();
  await notifications?.close();
  await smtp?.stop();
  await infra?.cleanup();
});

const as = (operator: NamedOperator) => ({ authorization: `Bearer ${operator.token}` });
const mailTo = (address: string, subject: RegExp) => smtp.mailTo(address, subject, 30_000);

/** What the test did, and so what the record must hold of it: each exactly once. */
interface Expected {
  action: string;
  by: { kind: 'operator' | 'host' | 'organizer'; email: string; id?: string };
  spaceId?: string;
  bookingId?: string;
}
const expected: Expected[] = [];
const byHost = (email: string) => ({ kind: 'host' as const, email });
const byOrganizer = { kind: 'organizer' as const, email: RHEA };
const byOperator = (operator: NamedOperator) => ({
  kind: 'operator' as const,
  email: operator.email,
  id: operator.id,
});

/** A space registered by its host, who confirms it through the mailed link. */
async function registered(name: string, host: string, latitude: number): Promise<string> {
  const hostName = host[0].toUpperCase() + host.slice(1, host.indexOf('@'));
  const { body } = await request(directory.url)
    .post('/api/spaces')
    .send(
      aSpace({
        name,
        city: 'Berlin',
        country: 'DE',
        timezone: ZONE,
        latitude,
        longitude: 13.405,
        capacity: 60,
        amenities: ['wifi'],
        host: { name: hostName, email: host },
      }),
    )
    .expect(201);
  const verify = await mailTo(host, new RegExp(`^Confirm your email address for ${name}$`));
  const page = await openLink(directory.url, linkIn(verify, 'Confirm my email address'));
  expect((await submit(directory.url, page)).status).toBe(200);
  expected.push({ action: 'space-verified', by: byHost(host), spaceId: body.id });
  return body.id;
}

const evening = (days: number, hour = 18) =>
  DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });
const typed = (moment: DateTime) => moment.toFormat("yyyy-MM-dd'T'HH:mm");

/** Rhea asks Kiez Commons for an event; its booking's id. */
async function ask(kiez: string, title: string, start: DateTime, hours = 3): Promise<string> {
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Rhea', email: RHEA, community: 'Berlin Rust' },
      event: { title, start: start.toISO(), end: start.plus({ hours }).toISO(), expectedAttendees: 30 },
      spaceId: kiez,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
    })
    .expect(201);
  return body.id;
}

/** Rhea asks Kiez Commons for a weekly series of `count` dates; the series' id and its dates' ids. */
async function askSeries(kiez: string, title: string, start: DateTime, count: number) {
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Rhea', email: RHEA, community: 'Berlin Rust' },
      event: { title, start: start.toISO(), end: start.plus({ hours: 3 }).toISO(), expectedAttendees: 30 },
      spaceId: kiez,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
      recurrence: { frequency: 'weekly', count },
    })
    .expect(201);
  return { seriesId: body.seriesId as string, dates: body.dates.map((date: { id: string }) => date.id) };
}

/** The first mail to `address` whose subject matches and whose text names the booking. */
async function mailAbout(address: string, subject: RegExp, bookingId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = smtp.mails.find(
      (mail) =>
        mail.to.includes(address) && subject.test(mail.subject ?? '') && mail.text?.includes(bookingId),
    );
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no mail to ${address} matching ${subject} about ${bookingId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens a link's page and submits its form (the first unless said) with `values` typed in. */
async function press(base: string, path: string, values: Record<string, string> = {}, form = 0) {
  return submit(base, await openLink(base, path, form), values);
}

interface Entry {
  at: string;
  actorKind: string;
  actorId: string | null;
  actorEmail: string;
  action: string;
  spaceId: string | null;
  bookingId: string | null;
  detail: string | null;
  address: string | null;
}

async function record(query: string): Promise<{ items: Entry[]; next: number | null }> {
  return (await request(notifications.url).get(`/api/operators/record?${query}`).set(as(admin)).expect(200))
    .body;
}

/** The entry is of that action, by that person, on that booking and space (where the test says which). */
const matches = (one: Expected, entry: Entry) =>
  entry.action === one.action &&
  entry.actorEmail === one.by.email &&
  (one.bookingId === undefined || entry.bookingId === one.bookingId) &&
  (one.spaceId === undefined || entry.spaceId === one.spaceId);

let kiez: string;
let spree: string;
const booking: Record<string, string> = {};

it('operators, hosts and organizers act across the services, through their accounts and their links', async () => {
  kiez = await registered('Kiez Commons', ANNA, 52.52);
  spree = await registered('Spree Loft', BRUNO, 52.51);
  const third = await registered('Third Place', CARLA, 52.5);

  // The reviewer approves one space on the review page's form, one through the API, and rejects the third.
  await request(directory.url).post(`/review/${kiez}/approve`).set(as(reviewer)).expect(303);
  await request(directory.url).post(`/api/spaces/${spree}/approve`).set(as(reviewer)).expect(200);
  await request(directory.url)
    .post(`/api/spaces/${third}/reject`)
    .set(as(reviewer))
    .send({ reason: 'Not a place for events' })
    .expect(200);
  // An edit through the API, from behind the router: the record names the client's address.
  await request(directory.url)
    .patch(`/api/spaces/${spree}`)
    .set({ ...as(reviewer), 'x-forwarded-for': '203.0.113.7' })
    .send({ capacity: 80 })
    .expect(200);
  expected.push(
    { action: 'space-approved', by: byOperator(reviewer), spaceId: kiez },
    { action: 'space-approved', by: byOperator(reviewer), spaceId: spree },
    { action: 'space-rejected', by: byOperator(reviewer), spaceId: third },
    { action: 'space-edited', by: byOperator(reviewer), spaceId: spree },
  );

  // Hosts edit through their manage links; the reviewer decides the changes that wait.
  const annasLink = linkIn(await mailTo(ANNA, /^Kiez Commons is now listed/), 'Manage your space');
  const brunosLink = linkIn(await mailTo(BRUNO, /^Spree Loft is now listed/), 'Manage your space');
  expect((await press(directory.url, annasLink, { name: 'Kiez Palace' }, LISTING_FORM)).status).toBe(303);
  expect((await press(directory.url, brunosLink, { address: 'Spreeufer 2' }, LISTING_FORM)).status).toBe(303);
  expect((await press(directory.url, annasLink, { monthlyCap: '20' }, AVAILABILITY_FORM)).status).toBe(303);
  await request(directory.url)
    .post(`/api/spaces/${kiez}/change/reject`)
    .set(as(reviewer))
    .send({ reason: 'Keep the name people know' })
    .expect(200);
  await request(directory.url).post(`/review/changes/${spree}/approve`).set(as(reviewer)).expect(303);
  expected.push(
    { action: 'listing-edited', by: byHost(ANNA), spaceId: kiez },
    { action: 'listing-edited', by: byHost(BRUNO), spaceId: spree },
    { action: 'availability-changed', by: byHost(ANNA), spaceId: kiez },
    { action: 'change-rejected', by: byOperator(reviewer), spaceId: kiez },
    { action: 'change-approved', by: byOperator(reviewer), spaceId: spree },
  );

  // The organizer cancels while the host is asked.
  booking.cancelled = await ask(kiez, 'Cancelled night', evening(10));
  const askedHost = await mailTo(RHEA, /^We asked Kiez Commons to host Cancelled night$/);
  expect((await press(bookings.url, linkIn(askedHost, 'Cancel the request'))).status).toBe(200);
  expected.push({ action: 'organizer-cancel', by: byOrganizer, bookingId: booking.cancelled });

  // The host declines, offering another time, and the organizer takes it.
  booking.offered = await ask(kiez, 'Offered night', evening(11));
  const offer = evening(12);
  const request_ = await mailTo(ANNA, /^Can Kiez Commons host Offered night\?$/);
  await press(bookings.url, linkIn(request_, 'Decline'), {
    reason: 'closed',
    offer1Start: typed(offer),
    offer1End: typed(offer.plus({ hours: 3 })),
  });
  const offered = await mailTo(RHEA, /^Kiez Commons cannot host Offered night then, and offers other times$/);
  expect((await press(bookings.url, linkIn(offered, 'Take time 1'))).status).toBe(200);
  expected.push(
    { action: 'host-decline', by: byHost(ANNA), bookingId: booking.offered, spaceId: kiez },
    { action: 'organizer-take-offer', by: byOrganizer, bookingId: booking.offered },
  );

  // The host accepts an event an hour and a few seconds away, and is soon asked whether it is still on: it is.
  const inAnHour = DateTime.now().plus({ hours: 1, seconds: 10 }).set({ millisecond: 0 });
  booking.reconfirmed = await ask(kiez, 'Reconfirmed night', inAnHour);
  await press(
    bookings.url,
    linkIn(await mailTo(ANNA, /^Can Kiez Commons host Reconfirmed night\?$/), 'Accept'),
  );
  const stillOn = await mailTo(ANNA, /^Is Reconfirmed night at Kiez Commons still on\?$/);
  expect((await press(bookings.url, linkIn(stillOn, 'Still on'))).status).toBe(200);
  expected.push(
    { action: 'host-accept', by: byHost(ANNA), bookingId: booking.reconfirmed, spaceId: kiez },
    { action: 'host-still-on', by: byHost(ANNA), bookingId: booking.reconfirmed, spaceId: kiez },
  );

  // The host accepts, then withdraws; the dispatcher cancels what is left of it.
  booking.withdrawn = await ask(kiez, 'Withdrawn night', evening(14));
  await press(
    bookings.url,
    linkIn(await mailTo(ANNA, /^Can Kiez Commons host Withdrawn night\?$/), 'Accept'),
  );
  const confirmed = await mailTo(ANNA, /^Confirmed: Withdrawn night at Kiez Commons$/);
  expect((await press(bookings.url, linkIn(confirmed, 'Withdraw'))).status).toBe(200);
  await request(bookings.url)
    .post(`/api/bookings/${booking.withdrawn}/cancel`)
    .set(as(dispatcher))
    .send({ reason: 'The community moved online' })
    .expect(200);
  expected.push(
    { action: 'host-accept', by: byHost(ANNA), bookingId: booking.withdrawn, spaceId: kiez },
    { action: 'host-withdraw', by: byHost(ANNA), bookingId: booking.withdrawn, spaceId: kiez },
    { action: 'booking-cancelled', by: byOperator(dispatcher), bookingId: booking.withdrawn },
  );

  // Anna renews her space's private calendar link, which that mail carries too.
  const calendar = /^Your space’s calendar \(subscribe\):\n(http\S+)$/m.exec(confirmed.text ?? '')![1];
  await request(bookings.url)
    .post(`${new URL(calendar).pathname}/renew`)
    .set('accept', 'application/json')
    .expect(202);
  expected.push({ action: 'calendar-link-renewed', by: byHost(ANNA), spaceId: kiez });

  // The dispatcher gives a request another space by hand, on the bookings page's form.
  booking.assigned = await ask(kiez, 'Assigned night', evening(15));
  await mailTo(ANNA, /^Can Kiez Commons host Assigned night\?$/);
  await request(bookings.url)
    .post(`/bookings/${booking.assigned}/assign`)
    .set(as(dispatcher))
    .type('form')
    .send({ space: spree })
    .expect(303);
  expected.push({
    action: 'booking-assigned',
    by: byOperator(dispatcher),
    bookingId: booking.assigned,
    spaceId: spree,
  });

  // An event that ends at once: the organizer reports on it.
  const soon = DateTime.now().plus({ seconds: 4 }).set({ millisecond: 0 });
  booking.reported = await ask(kiez, 'Reported sprint', soon, 1 / 3600);
  await press(
    bookings.url,
    linkIn(await mailTo(ANNA, /^Can Kiez Commons host Reported sprint\?$/), 'Accept'),
  );
  const reportAsked = await mailTo(RHEA, /^How did Reported sprint go\?$/);
  const reported = await press(bookings.url, linkIn(reportAsked, 'Report on the event'), {
    held: 'yes',
    attendance: '30',
    newcomers: '4',
    amountPaid: '0',
  });
  expect(reported.status).toBe(200);
  expected.push(
    { action: 'host-accept', by: byHost(ANNA), bookingId: booking.reported, spaceId: kiez },
    { action: 'organizer-report', by: byOrganizer, bookingId: booking.reported, spaceId: kiez },
  );

  // A weekly series: Anna takes all its dates at once, and Rhea cancels the second date and those after it.
  // Another series Rhea cancels before its host answers.
  const weekly = await askSeries(kiez, 'Weekly night', evening(20), 3);
  const seriesAsked = await mailTo(ANNA, /^Can Kiez Commons host Weekly night as a series\?$/);
  expect((await press(bookings.url, linkIn(seriesAsked, 'Accept all dates'))).status).toBe(200);
  const second = await mailAbout(RHEA, /^Confirmed: Weekly night at Kiez Commons$/, weekly.dates[1]);
  expect((await press(bookings.url, linkIn(second, 'Cancel this and later dates'))).status).toBe(200);
  const dropped = await askSeries(kiez, 'Dropped night', evening(30), 2);
  const droppedAsked = await mailTo(RHEA, /^We asked Kiez Commons to host Dropped night as a series$/);
  expect((await press(bookings.url, linkIn(droppedAsked, 'Cancel the series'))).status).toBe(200);
  expected.push(
    { action: 'series-accept-all', by: byHost(ANNA), bookingId: weekly.seriesId, spaceId: kiez },
    { action: 'organizer-cancel-rest', by: byOrganizer, bookingId: weekly.dates[1] },
    { action: 'series-cancel', by: byOrganizer, bookingId: dropped.seriesId, spaceId: kiez },
  );

  // Anna stops her yearly summaries through the link a summary carries (signed here: a summary comes once a year).
  const optOut = directory.app
    .get(ActionLinks)
    .sign({ subject: kiez, action: SUMMARY_OPT_OUT, recipient: ANNA }, new Date(Date.now() + 3_600_000));
  expect((await press(directory.url, `${SUMMARY_OPT_OUT_PATH}/${optOut.token}`)).status).toBe(200);
  expected.push({ action: 'summaries-stopped', by: byHost(ANNA), spaceId: kiez });

  // Bruno hands his space to Ravi, who takes it over and retires it; the reviewer retires Kiez Commons.
  const offeredTo = { newHostName: 'Ravi', newHostEmail: RAVI };
  expect((await press(directory.url, brunosLink, offeredTo, HAND_OVER_FORM)).status).toBe(303);
  const invitation = await mailTo(RAVI, /^Bruno hands Spree Loft on CoCoMo to you$/);
  expect((await press(directory.url, linkIn(invitation, 'Take over the space'))).status).toBe(200);
  const ravisLink = linkIn(await mailTo(RAVI, /^Spree Loft has a new host$/), 'Manage your space');
  expect((await press(directory.url, ravisLink, { understood: 'yes' }, RETIRE_FORM)).status).toBe(200);
  await request(directory.url).post(`/api/spaces/${kiez}/retire`).set(as(reviewer)).expect(200);
  expected.push(
    { action: 'hand-over-offered', by: byHost(BRUNO), spaceId: spree },
    { action: 'space-taken-over', by: byHost(RAVI), spaceId: spree },
    { action: 'space-retired-by-host', by: byHost(RAVI), spaceId: spree },
    { action: 'space-retired', by: byOperator(reviewer), spaceId: kiez },
  );

  // An admin cleans the failed jobs of a queue on the queue board.
  await request(metrics.url)
    .put('/queues/api/queues/notifications-delivery/clean/failed')
    .set(as(admin))
    .expect(200);
  expected.push({ action: 'queue-acted', by: byOperator(admin) });

  // Operators' own accounts: signing in, a token made and revoked, an operator made and their role changed.
  const api = request(notifications.url);
  expect(
    (await postSignIn(notifications.url, { email: admin.email, password: OPERATOR_PASSWORD })).status,
  ).toBe(303);
  const token = await api
    .post('/api/operators/me/tokens')
    .set(as(admin))
    .send({ name: 'script' })
    .expect(201);
  await api.delete(`/api/operators/me/tokens/${token.body.id}`).set(as(admin)).expect(200);
  const made = await api
    .post('/api/operators')
    .set(as(admin))
    .send({ email: 'new@operators.test', name: 'New', password: OPERATOR_PASSWORD, roles: ['viewer'] })
    .expect(201);
  await api
    .patch(`/api/operators/${made.body.id}`)
    .set(as(admin))
    .send({ roles: ['reviewer'] })
    .expect(200);
  for (const action of ['signed-in', 'token-made', 'token-revoked', 'operator-made', 'operator-changed']) {
    expected.push({ action, by: byOperator(admin) });
  }
}, 240_000);

it('leaves exactly one entry for each of those actions, with its actor, its space or booking, and its address', async () => {
  // The entries of the other services arrive through their outboxes: wait until all have.
  const deadline = Date.now() + 30_000;
  let entries: Entry[] = [];
  for (;;) {
    entries = (await record(`from=${since}&limit=200`)).items;
    if (entries.length >= expected.length || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(entries.filter((entry) => !expected.some((one) => matches(one, entry)))).toEqual([]);
  for (const one of expected) {
    const found = entries.filter((entry) => matches(one, entry));
    expect({ ...one, found: found.length }).toEqual({ ...one, found: 1 });
    expect(found[0]).toMatchObject({ actorKind: one.by.kind, actorId: one.by.id ?? null });
    expect(found[0].address).toEqual(expect.any(String));
  }
  expect(entries).toHaveLength(expected.length);
  const edited = entries.find((entry) => entry.action === 'space-edited');
  expect(edited).toMatchObject({ address: '203.0.113.7', detail: 'capacity' });
  expect(entries.find((entry) => entry.action === 'booking-cancelled')?.detail).toContain(
    'The community moved online',
  );
  expect(entries.find((entry) => entry.action === 'space-rejected')?.detail).toBe('Not a place for events');
});

it('answers by space, booking, person and period, newest first, a page at a time; refuses a bad query, naming the field', async () => {
  const all = (await record(`from=${since}&limit=200`)).items;
  expect(all.map((entry) => entry.at)).toEqual([...all.map((entry) => entry.at)].sort().reverse());

  const onKiez = (await record(`space=${kiez}&limit=200`)).items;
  expect(onKiez.length).toBeGreaterThan(5);
  expect(onKiez.every((entry) => entry.spaceId === kiez)).toBe(true);
  expect((await record(`booking=${booking.offered}`)).items.map((entry) => entry.action)).toEqual([
    'organizer-take-offer',
    'host-decline',
  ]);
  const annas = (await record(`person=${ANNA.toUpperCase()}&limit=200`)).items;
  expect(annas.length).toBe(expected.filter((one) => one.by.email === ANNA).length);
  const reviewers = (await record(`person=${reviewer.id}&limit=200`)).items;
  expect(reviewers.length).toBe(expected.filter((one) => one.by.email === reviewer.email).length);
  const later = new Date(Date.now() + 60_000).toISOString();
  expect((await record(`from=${later}`)).items).toEqual([]);
  expect((await record(`to=${since}&person=${ANNA}`)).items).toEqual([]);

  const first = await record(`from=${since}&limit=4`);
  const second = await record(`from=${since}&limit=4&page=${first.next}`);
  expect([first.items.length, second.items.length, first.next]).toEqual([4, 4, 2]);
  expect(second.items).toEqual(all.slice(4, 8));

  const api = request(notifications.url);
  for (const [query, field] of [
    ['space=kiez', 'space'],
    ['booking=12', 'booking'],
    ['from=yesterday', 'from'],
    [`from=${later}&to=${since}`, 'to'],
    ['page=0', 'page'],
  ]) {
    const refused = await api.get(`/api/operators/record?${query}`).set(as(admin)).expect(400);
    expect(JSON.stringify(refused.body)).toContain(field);
  }
  // Admins only.
  await api.get('/api/operators/record').set(as(reviewer)).expect(403);
  await api.get('/api/operators/record').expect(401);
});

it("keeps the entries when their actor's account is removed", async () => {
  const before = (await record(`person=${reviewer.email}&limit=200`)).items;
  await notifications.app
    .get(EntityManager)
    .fork()
    .execute(`delete from "notifications"."operator" where "id" = ?`, [reviewer.id]);
  expect((await record(`person=${reviewer.email}&limit=200`)).items).toEqual(before);
  expect(before.length).toBeGreaterThan(0);
});

describe('the page, in Chromium at 375 px', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an admin signs in, asks for a booking and a person, and is told plainly what is wrong with a query', async () => {
    const { page, errors } = await openWatchedPage(browser, {
      viewport: { width: 375, height: 800 },
      bypassCSP: true,
    });
    await page.goto(`${notifications.url}/operators/sign-in?return=/operators/record`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(OPERATOR_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'The record', level: 1 }).waitFor();

    await page.getByLabel('Booking').fill(booking.offered);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/booking=/);
    expect(await page.locator('.record-entries h2').allInnerTexts()).toEqual([
      'organizer-take-offer',
      'host-decline',
    ]);
    expect(await page.locator('.record-entries li').first().innerText()).toContain(RHEA);
    expect(await seriousAxeFindings(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // From an entry to everything its person did.
    await page.getByRole('link', { name: ANNA }).first().click();
    await page.waitForURL(/person=/);
    const annas = await page.locator('.record-entries h2').allInnerTexts();
    expect(annas.length).toBe(expected.filter((one) => one.by.email === ANNA).length);

    await page.getByLabel('Booking').fill('not an id');
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.url().includes('/operators/record?')),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    expect(await page.locator('.field-problem').innerText()).toBe('must be the id of a booking or a series');
    expect(await page.getByLabel('Booking').inputValue()).toBe('not an id');
    expect(await page.locator('.record-entries').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
