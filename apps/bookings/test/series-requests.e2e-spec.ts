// A recurring series asked through POST /api/bookings: checked in the zone of the space asked, refused naming
// the field before anything is stored, and asked of that space's host in one mail whose three links answer
// for every date — all, the dates ticked on a page, or none; the dates not taken go to the next space.
import request from 'supertest';
import { DateTime } from 'luxon';
import type { BookingMailData, NotifyEmail } from '@cocomo/contracts';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../directory/src/directory.module';
import { approvedSpace, mailsAskedFor, operator } from '../../directory/test/directory-harness';
import { fingerprint } from '../../../test/security/security-harness';
import { openLink, submit } from '../../../test/e2e/link-pages';
import { bookingsDefinition, BookingsModule } from '../src/bookings.module';
import { mailsOf } from './bookings-harness';

const ZONE = 'Europe/Berlin';
let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let commons: string;
let loft: string;

beforeAll(async () => {
  infra = await isolatedInfra();
  directory = await startService(directoryApp, infra.env);
  bookings = await startService({ ...bookingsDefinition, module: BookingsModule.forRoot }, infra.env);
  const berlin = { city: 'Berlin', country: 'DE', timezone: ZONE, capacity: 60 };
  commons = await approvedSpace(directory, {
    ...berlin,
    name: 'Series Commons',
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Sina', email: 'sina@example.org' },
  });
  loft = await approvedSpace(directory, {
    ...berlin,
    name: 'Other Loft',
    latitude: 52.51,
    longitude: 13.41,
    host: { name: 'Lars', email: 'lars@example.org' },
  });
}, 120_000);
afterAll(async () => {
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});

/** The second Tuesday of the month `months` ahead, 19:00 in Berlin. */
function secondTuesday(months: number): DateTime {
  const first = DateTime.now().setZone(ZONE).plus({ months }).startOf('month');
  const tuesday = first.plus({ days: (2 - first.weekday + 7) % 7 });
  return tuesday.plus({ weeks: 1 }).set({ hour: 19 });
}

function aSeries(start: DateTime, recurrence: Record<string, unknown>, change: Record<string, unknown> = {}) {
  return {
    organizer: { name: 'Mira', email: 'mira@example.org', community: 'Berlin Go' },
    event: {
      title: 'Go night',
      start: start.toISO(),
      end: start.plus({ hours: 2 }).toISO(),
      expectedAttendees: 30,
    },
    spaceId: commons,
    recurrence,
    ...change,
  };
}

const monthly = { frequency: 'monthly', monthlyOn: { weekday: 'tue', ordinal: 2 } };
const booking = async (id: string) =>
  (await request(bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;
const pathOf = (mail: NotifyEmail, label: string) =>
  new URL(mail.actions.find((action) => action.label === label)!.url).pathname;
const seriesMail = async (firstId: string) =>
  (await mailsOf(bookings, firstId)).find((mail) => mail.template === 'booking-host-series-request')!;

it("a monthly series asks the host once for every date, each at 19:00 in the space's zone", async () => {
  const start = secondTuesday(2);
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send(aSeries(start, { ...monthly, count: 6 }))
    .expect(201);
  expect(body).toMatchObject({ state: 'asking', spaceId: commons, timezone: ZONE });
  expect(body.dates).toHaveLength(6);
  for (const date of body.dates) {
    const local = DateTime.fromISO(date.start, { zone: ZONE });
    expect([local.weekday, Math.ceil(local.day / 7), local.toFormat('HH:mm')]).toEqual([2, 2, '19:00']);
    expect(date).toMatchObject({ state: 'requested', clashes: false, date: local.toISODate() });
  }
  // Each date is a booking of its own, waiting for the one answer.
  expect(await booking(body.dates[5].id)).toMatchObject({ state: 'requested', asked: [] });

  const mails = await mailsOf(bookings, body.id);
  expect(mails.map((mail) => [mail.template, mail.to.email])).toEqual([
    ['booking-host-series-request', 'sina@example.org'],
    ['booking-organizer-series-asked', 'mira@example.org'],
  ]);
  expect(mails[0].actions.map((action) => action.label)).toEqual([
    'Accept all dates',
    'Choose dates',
    'Decline the series',
  ]);
  const { series } = mails[0].data as BookingMailData;
  expect(series?.dates.map((date) => date.start)).toEqual(
    body.dates.map((date: { start: string }) => date.start),
  );
  // Only the one mail: no date asks its host on its own.
  for (const date of body.dates.slice(1)) expect(await mailsOf(bookings, date.id)).toEqual([]);
}, 60_000);

it.each<[string, Record<string, unknown>, string, number]>([
  ['a series without an end', { ...monthly }, 'recurrence.until', 0],
  ['more than 26 dates', { frequency: 'weekly', count: 27 }, 'recurrence.count', 0],
  ['more than 26 dates until a date', { frequency: 'weekly', until: '2099-01-01' }, 'recurrence.until', 0],
  ['an interval of 0', { frequency: 'weekly', interval: 0, count: 3 }, 'recurrence.interval', 0],
  [
    'dates left out that are not in the series',
    { ...monthly, count: 3, except: ['2001-01-01'] },
    'recurrence.except.0',
    0,
  ],
  [
    'a monthly rule on the 31st that does not say what happens in shorter months',
    { frequency: 'monthly', monthlyOn: { dayOfMonth: 31 }, count: 3 },
    'recurrence.monthlyOn.shorterMonths',
    31,
  ],
  ['a frequency the house does not know', { frequency: 'daily', count: 3 }, 'recurrence.frequency', 0],
])('%s is refused naming the field, and nothing is stored', async (_name, recurrence, field, day) => {
  let start = secondTuesday(3);
  if (day) start = DateTime.fromObject({ year: start.year + 1, month: 1, day, hour: 19 }, { zone: ZONE });
  const before = await fingerprint(bookings, 'bookings');
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send(aSeries(start, recurrence))
    .expect(400);
  expect(body.problems.map((problem: { field: string }) => problem.field)).toContain(field);
  expect(await fingerprint(bookings, 'bookings')).toEqual(before);
});

it('a series whose every date is booked at the space says so, and stores nothing', async () => {
  const start = secondTuesday(4).plus({ days: 1 });
  const first = await request(bookings.url)
    .post('/api/bookings')
    .send(aSeries(start, { frequency: 'weekly', count: 2 }))
    .expect(201);
  const accept = await openLink(bookings.url, pathOf(await seriesMail(first.body.id), 'Accept all dates'));
  expect([accept.status, accept.heading]).toEqual([200, 'Host every date of this series?']);
  expect((await submit(bookings.url, accept)).status).toBe(200);
  expect((await booking(first.body.dates[1].id)).state).toBe('confirmed');

  const before = await fingerprint(bookings, 'bookings');
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send(
      aSeries(
        start,
        { frequency: 'weekly', count: 2 },
        { organizer: { name: 'Max', email: 'max@example.org', community: 'Berlin Zig' } },
      ),
    )
    .expect(400);
  expect(body.problems).toEqual([
    expect.objectContaining({ field: 'recurrence', code: 'every_date_clashes' }),
  ]);
  expect(await fingerprint(bookings, 'bookings')).toEqual(before);

  // A series only some of whose dates are booked there is asked, saying which.
  const partly = await request(bookings.url)
    .post('/api/bookings')
    .send(
      aSeries(
        start,
        { frequency: 'weekly', count: 3 },
        { organizer: { name: 'Max', email: 'max@example.org', community: 'Berlin Zig' } },
      ),
    )
    .expect(201);
  expect(partly.body.dates.map((date: { clashes: boolean }) => date.clashes)).toEqual([true, true, false]);
  const choose = await openLink(bookings.url, pathOf(await seriesMail(partly.body.id), 'Choose dates'));
  expect(choose.html.match(/booked by another event then/g)).toHaveLength(2);
  expect(choose.form?.ticked).toEqual({ dates: [partly.body.dates[2].date] });
}, 60_000);

it('the host chooses dates on a page: a refused choice changes nothing; the dates left go to the next space', async () => {
  const start = secondTuesday(6);
  const near = { latitude: 52.52, longitude: 13.405, radiusKm: 10 };
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send(aSeries(start, { ...monthly, count: 3 }, { near }))
    .expect(201);
  const mail = await seriesMail(body.id);
  const page = await openLink(bookings.url, pathOf(mail, 'Choose dates'));
  expect([page.status, page.heading]).toEqual([200, 'Which dates can you host?']);
  const dates = body.dates.map((date: { date: string }) => date.date);
  expect(page.form?.ticked).toEqual({ dates });

  const before = await fingerprint(bookings, 'bookings');
  for (const wrong of [[], ['2001-01-01'], [dates[0], '2001-01-01']]) {
    const refused = await submit(bookings.url, page, { dates: wrong });
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/Choose (only dates|at least one date)/);
  }
  expect(await fingerprint(bookings, 'bookings')).toEqual(before);

  const done = await submit(bookings.url, page, { dates: [dates[0], dates[2]] });
  expect([done.status, done.heading]).toEqual([200, 'Thank you — the dates you chose are yours']);
  expect(done.html).toContain('You host 2 dates.');
  expect(await booking(body.dates[0].id)).toMatchObject({ state: 'confirmed', spaceId: commons });
  expect(await booking(body.dates[2].id)).toMatchObject({ state: 'confirmed', spaceId: commons });
  // The date left is asked of the next space on its own, as any request.
  expect(await booking(body.dates[1].id)).toMatchObject({ state: 'pending_host', asked: [loft] });
  const left = await mailsOf(bookings, body.dates[1].id);
  expect(left.map((sent) => sent.template)).toEqual(
    expect.arrayContaining(['booking-host-request', 'booking-organizer-host-asked']),
  );

  // The series is answered: its other links, and this one again, change nothing.
  expect((await openLink(bookings.url, pathOf(mail, 'Decline the series'))).heading).toBe(
    'Things have moved on',
  );
  expect((await submit(bookings.url, page, { dates: [dates[1]] })).status).toBe(409);
}, 60_000);

it('the choose page marks a date on which the space is closed, without a box; accepting all leaves it', async () => {
  const start = secondTuesday(18);
  // The host closes the space on the second date, through their manage page.
  const approved = (await mailsAskedFor(directory)).find(
    (mail) => mail.template === 'space-approved' && mail.data.spaceName === 'Series Commons',
  );
  const manage = await openLink(
    directory.url,
    new URL((approved!.data.manage as { url: string }).url).pathname,
    1,
  );
  const closedOn = start.plus({ weeks: 1 }).toISODate()!;
  const closure = { 'closures.0.from': closedOn, 'closures.0.to': closedOn, 'closures.0.note': 'Fair' };
  expect((await submit(directory.url, manage, closure)).status).toBe(303);

  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send(aSeries(start, { frequency: 'weekly', count: 3 }))
    .expect(201);
  const mail = await seriesMail(body.id);
  const choose = await openLink(bookings.url, pathOf(mail, 'Choose dates'));
  expect(choose.form?.ticked).toEqual({ dates: [body.dates[0].date, body.dates[2].date] });
  expect(choose.html.match(/the space is closed that day/g)).toHaveLength(1);
  expect(choose.html).not.toContain(`value="${closedOn}"`);
  // Ticking it anyway is refused; accepting all takes the two others and leaves it to the next space.
  expect((await submit(bookings.url, choose, { dates: [closedOn] })).status).toBe(400);
  const accept = await openLink(bookings.url, pathOf(mail, 'Accept all dates'));
  expect(accept.html).toContain('the space is closed that day');
  expect((await submit(bookings.url, accept)).status).toBe(200);
  expect((await booking(body.dates[0].id)).state).toBe('confirmed');
  expect((await booking(body.dates[1].id)).state).not.toBe('confirmed');
  expect((await booking(body.dates[2].id)).state).toBe('confirmed');
}, 60_000);

it('the host declines the series: every date goes to the next space', async () => {
  const start = secondTuesday(9);
  const near = { latitude: 52.52, longitude: 13.405, radiusKm: 10 };
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send(aSeries(start, { frequency: 'weekly', interval: 2, count: 2 }, { near }))
    .expect(201);
  const page = await openLink(bookings.url, pathOf(await seriesMail(body.id), 'Decline the series'));
  expect([page.status, page.heading]).toEqual([200, 'Decline this series?']);
  expect((await submit(bookings.url, page)).status).toBe(200);
  for (const date of body.dates) {
    expect(await booking(date.id)).toMatchObject({ state: 'pending_host', asked: [loft] });
  }
}, 60_000);

it('the organizer cancels the series before the host answers: every date ends, the host is told once', async () => {
  const start = secondTuesday(15);
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send(aSeries(start, { frequency: 'weekly', count: 3 }))
    .expect(201);
  const ids: string[] = body.dates.map((date: { id: string }) => date.id);
  const asked = (await mailsOf(bookings, ids[0])).find(
    (mail) => mail.template === 'booking-organizer-series-asked',
  )!;
  expect(asked.actions.map((action) => action.label)).toEqual(['Follow your request', 'Cancel the series']);

  // Opening the link shows every date and changes nothing.
  const before = await fingerprint(bookings, 'bookings');
  const page = await openLink(bookings.url, pathOf(asked, 'Cancel the series'));
  expect([page.status, page.heading]).toEqual([200, 'Cancel this series?']);
  expect(page.html.match(/<li>/g)).toHaveLength(3);
  expect(await fingerprint(bookings, 'bookings')).toEqual(before);
  // The status page offers the same: a link of its own, to the same question.
  const statusPage = async () => {
    const follow = new URL(asked.actions.find((action) => action.label === 'Follow your request')!.url);
    return (
      await request(bookings.url)
        .get(follow.pathname + follow.search)
        .set('accept', 'text/html')
        .expect(200)
    ).text;
  };
  const fromStatus = /<a class="button danger" href="([^"]+)">Cancel the series<\/a>/.exec(
    await statusPage(),
  );
  const asking = await openLink(bookings.url, new URL(fromStatus![1]).pathname);
  expect(asking.heading).toBe('Cancel this series?');

  const done = await submit(bookings.url, page);
  expect([done.status, done.heading]).toEqual([200, 'The series is cancelled']);
  expect(await statusPage()).not.toContain('Cancel the series');
  for (const id of ids) expect((await booking(id)).state).toBe('cancelled');
  // Each date has the organizer's usual cancellation; the host hears once, with every date listed.
  for (const id of ids) {
    expect((await mailsOf(bookings, id)).map((mail) => mail.template)).toContain(
      'booking-organizer-cancelled',
    );
  }
  const toHost = (await mailsOf(bookings, ids[0])).filter(
    (mail) => mail.template === 'booking-host-cancelled',
  );
  expect(toHost.map((mail) => [mail.to.email, (mail.data as BookingMailData).series?.dates.length])).toEqual([
    ['sina@example.org', 3],
  ]);

  // The link is used; the host's links no longer act.
  expect((await submit(bookings.url, page)).status).toBe(409);
  expect((await openLink(bookings.url, pathOf(await seriesMail(ids[0]), 'Accept all dates'))).heading).toBe(
    'Things have moved on',
  );
}, 60_000);

it('the organizer cancels the rest of a series, the host withdraws from the rest, and the status page shows each date', async () => {
  const start = secondTuesday(12).plus({ days: 2 });
  const near = { latitude: 52.52, longitude: 13.405, radiusKm: 10 };
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send(aSeries(start, { frequency: 'weekly', count: 4 }, { near }))
    .expect(201);
  const ids: string[] = body.dates.map((date: { id: string }) => date.id);
  const accept = await openLink(bookings.url, pathOf(await seriesMail(body.id), 'Accept all dates'));
  expect((await submit(bookings.url, accept)).status).toBe(200);

  // Each date's own mails: the organizer may cancel that date, or it and the later ones.
  const confirmed = async (id: string, template: string) =>
    (await mailsOf(bookings, id)).find((mail) => mail.template === template)!;
  const toOrganizer = await confirmed(ids[2], 'booking-organizer-confirmed');
  expect(toOrganizer.actions.map((action) => action.label)).toEqual([
    'Cancel the request',
    'Cancel this and later dates',
    'Follow your request',
    'Your calendar (subscribe)',
  ]);
  const cancelRest = await openLink(bookings.url, pathOf(toOrganizer, 'Cancel this and later dates'));
  expect(cancelRest.heading).toBe('Cancel this date and the rest of the series?');
  expect(cancelRest.html).toContain('With this date, the one later date of the series is cancelled:');
  expect((await submit(bookings.url, cancelRest)).status).toBe(200);
  expect(await Promise.all(ids.map(async (id) => (await booking(id)).state))).toEqual([
    'confirmed',
    'confirmed',
    'cancelled',
    'cancelled',
  ]);

  // The host withdraws from the first date and the rest it holds: a fallback for each, the others untouched.
  const toHost = await confirmed(ids[0], 'booking-host-confirmed');
  expect(toHost.actions.map((action) => action.label)).toEqual([
    'Withdraw',
    'Withdraw from this and later dates',
    'Your space’s calendar (subscribe)',
  ]);
  const withdraw = await openLink(bookings.url, pathOf(toHost, 'Withdraw from this and later dates'));
  expect(withdraw.html).toContain('With this date, you withdraw from the one later date you host:');
  expect((await submit(bookings.url, withdraw)).status).toBe(200);
  for (const id of ids.slice(0, 2)) {
    expect(await booking(id)).toMatchObject({ state: 'seeking_fallback', spaceId: null, asked: [loft] });
  }
  expect((await booking(ids[3])).state).toBe('cancelled');

  // Each change took its date out of the organizer's series entry, at a sequence above every earlier one.
  const entry = await confirmed(ids[0], 'booking-organizer-series-confirmed');
  const changes = [
    await confirmed(ids[2], 'booking-organizer-cancelled'),
    await confirmed(ids[3], 'booking-organizer-cancelled'),
    await confirmed(ids[0], 'booking-organizer-late-denial'),
    await confirmed(ids[1], 'booking-organizer-late-denial'),
  ];
  for (const [index, change] of changes.entries()) {
    expect(change.calendar).toMatchObject({ method: 'CANCEL', uid: entry.calendar!.uid });
    expect(change.calendar!.recurrenceId).toBeDefined();
    const before = index === 0 ? entry.calendar!.sequence : changes[index - 1].calendar!.sequence;
    expect(change.calendar!.sequence).toBeGreaterThan(before);
  }

  // The organizer's status page of any date lists every date, its space and its state.
  const follow = new URL(toOrganizer.actions[2].url);
  const status = await request(bookings.url)
    .get(follow.pathname + follow.search)
    .set('accept', 'text/html')
    .expect(200);
  expect(status.text).toContain('Every date of the series (4)');
  const rows = [...status.text.matchAll(/<tr(?: aria-current="true")?>\s*<td>[\s\S]*?<\/tr>/g)].map((row) =>
    row[0]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  expect(rows).toHaveLength(4);
  expect(rows[0]).toMatch(/Other Loft \(asked\) looking for another space$/);
  expect(rows[2]).toMatch(/\(this date\) Series Commons cancelled$/);
}, 60_000);
