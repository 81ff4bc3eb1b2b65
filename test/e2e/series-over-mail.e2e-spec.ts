// A monthly series through real mail and real link presses: six dates asked of one host in one mail; the host
// takes four; the two left go to the next space, date by date; the host withdraws from the third date and the
// fallback rescues that date only; the organizer cancels the last; each date held reports on its own, and the
// metrics count the series' stability. The months between the dates pass by firing each date's own timers
// (the end of the event, the report request) as the timer queue would; everything else is a person's press.
import request from 'supertest';
import { DateTime } from 'luxon';
import { EntityManager } from '@mikro-orm/postgresql';
import { readCalendar, type ReceivedMail, type ServiceUnderTest } from '@cocomo/testing';
import { approvedSpace, operator } from '../../apps/directory/test/directory-harness';
import { BookingWorkflow } from '../../apps/bookings/src/workflow/booking-workflow.service';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

const ZONE = 'Europe/Berlin';
const ORGANIZER = 'rosa@example.org';
let system: SystemOverMail;
let bookings: ServiceUnderTest;
let kiez: string;
let spree: string;

beforeAll(async () => {
  system = await startSystemOverMail({}, { metrics: true });
  bookings = system.bookings;
  const berlin = { city: 'Berlin', country: 'DE', timezone: ZONE, capacity: 60 };
  kiez = await approvedSpace(system.directory, {
    ...berlin,
    name: 'Kiez Commons',
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Anna', email: 'anna@example.org' },
  });
  spree = await approvedSpace(system.directory, {
    ...berlin,
    name: 'Spree Loft',
    latitude: 52.51,
    longitude: 13.41,
    host: { name: 'Bruno', email: 'bruno@example.org' },
  });
}, 300_000);
afterAll(async () => {
  await system?.stop();
});

/** Every mail to `address` whose subject matches and whose text names the booking, once it has arrived. */
async function mailAbout(address: string, subject: RegExp, bookingId: string): Promise<ReceivedMail> {
  // A date whose ranking the directory did not answer in time is ranked again after BOOKING_RANKING_RETRY.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = system.smtp.mails.find(
      (mail) =>
        mail.to.includes(address) && subject.test(mail.subject ?? '') && mail.text?.includes(bookingId),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no mail to ${address} matching ${subject} about ${bookingId}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const press = async (mail: ReceivedMail, label: string, values: Record<string, string | string[]> = {}) => {
  const page = await openLink(bookings.url, linkIn(mail, label));
  expect(page.status).toBe(200);
  const done = await submit(bookings.url, page, values);
  expect(done.status).toBe(200);
  return { page, done };
};
/** The calendar file a mail carries, read by ical.js; null when it carries none. */
const calendarOf = (mail: ReceivedMail) => {
  const file = mail.parsed?.attachments.find((part) => /calendar|ics/.test(part.contentType));
  return file ? readCalendar(file.content.toString('utf8')) : null;
};
const booking = async (id: string) =>
  (await request(bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;
const where = async (ids: string[]) =>
  Promise.all(
    ids.map(async (id) => {
      const { state, spaceId } = await booking(id);
      return [state, spaceId === kiez ? 'kiez' : spaceId === spree ? 'spree' : spaceId];
    }),
  );

/** The time between now and a date passes: its end, then its report request, as their timers fire. */
async function afterTheEvent(id: string, end: Date): Promise<void> {
  const workflow = bookings.app.get(BookingWorkflow);
  const versionOf = async () =>
    (
      await bookings.app
        .get(EntityManager)
        .fork()
        .execute(`select "version" from "bookings"."booking" where "id" = ?`, [id])
    )[0].version as number;
  const later = new Date(end.getTime() + 3_600_000);
  await workflow.apply(id, { type: 'timerFired', timer: 'eventEnd', version: await versionOf() }, later);
  await workflow.apply(id, { type: 'timerFired', timer: 'reportRequest', version: await versionOf() }, later);
}

it('a six-date monthly series: four taken, two placed elsewhere, one rescued, one cancelled, each reported', async () => {
  // The 2nd Tuesday of each month, 19:00 in Berlin, six times, from two months ahead.
  const month = DateTime.now().setZone(ZONE).plus({ months: 2 }).startOf('month');
  const start = month.plus({ days: ((2 - month.weekday + 7) % 7) + 7 }).set({ hour: 19 });
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Rosa', email: ORGANIZER, community: 'Berlin Rust monthly' },
      event: {
        title: 'Rust monthly',
        start: start.toISO(),
        end: start.plus({ hours: 3 }).toISO(),
        expectedAttendees: 30,
      },
      spaceId: kiez,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
      recurrence: { frequency: 'monthly', monthlyOn: { weekday: 'tue', ordinal: 2 }, count: 6 },
    })
    .expect(201);
  const ids: string[] = body.dates.map((date: { id: string }) => date.id);
  const dates: string[] = body.dates.map((date: { date: string }) => date.date);
  expect(ids).toHaveLength(6);

  // One mail asks Anna for the whole series; she ticks the first four dates.
  const asked = await system.mailTo('anna@example.org', /^Can Kiez Commons host Rust monthly as a series\?$/);
  expect(asked.text?.match(/^- .* to .*$/gm)).toHaveLength(6);
  await system.mailTo(ORGANIZER, /^We asked Kiez Commons to host Rust monthly as a series$/);
  const { page: choose, done } = await press(asked, 'Choose dates', { dates: dates.slice(0, 4) });
  expect(choose.form?.ticked).toEqual({ dates });
  expect(done.html).toContain('We ask other spaces for the 2 other dates.');
  expect(await where(ids)).toEqual([
    ['confirmed', 'kiez'],
    ['confirmed', 'kiez'],
    ['confirmed', 'kiez'],
    ['confirmed', 'kiez'],
    ['pending_host', null],
    ['pending_host', null],
  ]);

  // Rosa and Anna each get one calendar entry for the series, whose RRULE less its EXDATEs expands to exactly
  // the four dates taken; the dates' own confirmations carry no entry of their own.
  const seriesUid = `${body.seriesId}@cocomo`;
  const taken = body.dates.slice(0, 4).map((date: { start: string }) => new Date(date.start));
  const sequences: number[] = [];
  for (const address of [ORGANIZER, 'anna@example.org']) {
    const told = await system.mailTo(
      address,
      /series.*Rust monthly.*Kiez Commons|Rust monthly as a series at/,
    );
    const invitation = calendarOf(told)!;
    expect(invitation.method).toBe('REQUEST');
    expect(invitation.events).toHaveLength(1);
    const [series] = invitation.events;
    expect(series).toMatchObject({ uid: seriesUid, zone: ZONE, recurrenceId: null });
    expect(series.occurrences).toEqual(taken);
    sequences.push(series.sequence);
    expect(told.text?.match(/^- .* to .*$/gm)).toHaveLength(4);
    for (const id of ids.slice(0, 4)) {
      const confirmed = await mailAbout(address, /^Confirmed: Rust monthly at Kiez Commons$/, id);
      expect(calendarOf(confirmed)).toBeNull();
    }
  }

  // The two dates left are asked of the next space one by one, as any request; Bruno takes both.
  for (const id of ids.slice(4)) {
    await press(await mailAbout('bruno@example.org', /^Can Spree Loft host Rust monthly\?$/, id), 'Accept');
    await mailAbout(ORGANIZER, /^Confirmed: Rust monthly at Spree Loft$/, id);
  }

  // Anna withdraws from the third date: its fallback asks Bruno, who rescues it; no other date moves.
  const third = await mailAbout('anna@example.org', /^Confirmed: Rust monthly at Kiez Commons$/, ids[2]);
  await press(third, 'Withdraw');
  const lateDenial = await mailAbout(ORGANIZER, /^Kiez Commons can no longer host Rust monthly$/, ids[2]);
  const withdrawn = await mailAbout('anna@example.org', /^Taken out of your calendar: Rust monthly/, ids[2]);
  // Both take that date alone out of the series' entry, at a higher sequence than the entry had.
  for (const mail of [lateDenial, withdrawn]) {
    const cancel = calendarOf(mail)!;
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.events).toEqual([
      expect.objectContaining({ uid: seriesUid, status: 'CANCELLED', recurrenceId: taken[2] }),
    ]);
    expect(cancel.events[0].sequence).toBeGreaterThan(Math.max(...sequences));
  }
  const withdrawnAt = calendarOf(lateDenial)!.events[0].sequence;
  await press(await mailAbout('bruno@example.org', /^Can Spree Loft host Rust monthly\?$/, ids[2]), 'Accept');
  // The rescue moves that date of Rosa's series entry to Spree Loft (the same uid and RECURRENCE-ID, a higher
  // sequence again), instead of adding an event beside it; Bruno, who has no series entry, gets the date alone.
  const rescued = calendarOf(await mailAbout(ORGANIZER, /^Confirmed: Rust monthly at Spree Loft$/, ids[2]))!;
  expect(rescued.method).toBe('REQUEST');
  expect(rescued.events).toEqual([
    expect.objectContaining({ uid: seriesUid, status: 'CONFIRMED', recurrenceId: taken[2], start: taken[2] }),
  ]);
  expect(rescued.events[0].location).toMatch(/^Spree Loft,/);
  expect(rescued.events[0].sequence).toBeGreaterThan(withdrawnAt);
  expect(rescued.events[0].attendees.map((attendee) => attendee.email)).toEqual(['bruno@example.org']);
  const brunos = calendarOf(await mailAbout('bruno@example.org', /^Confirmed: Rust monthly/, ids[2]))!;
  expect(brunos.events).toEqual([
    expect.objectContaining({ uid: `${ids[2]}@cocomo`, recurrenceId: null, start: taken[2] }),
  ]);
  expect(await where(ids)).toEqual([
    ['confirmed', 'kiez'],
    ['confirmed', 'kiez'],
    ['confirmed', 'spree'],
    ['confirmed', 'kiez'],
    ['confirmed', 'spree'],
    ['confirmed', 'spree'],
  ]);

  // Rosa cancels the last date only.
  await press(
    await mailAbout(ORGANIZER, /^Confirmed: Rust monthly at Spree Loft$/, ids[5]),
    'Cancel the request',
  );
  expect((await booking(ids[5])).state).toBe('cancelled');
  expect((await booking(ids[4])).state).toBe('confirmed');

  // Each date held is asked for its own report, and Rosa answers each.
  for (const [index, id] of ids.slice(0, 5).entries()) {
    await afterTheEvent(id, new Date(body.dates[index].end));
    const report = await mailAbout(ORGANIZER, /^How did Rust monthly go\?$/, id);
    await press(report, 'Report on the event', {
      held: 'yes',
      attendance: String(20 + index),
      newcomers: '3',
      amountPaid: '0',
    });
  }
  expect((await where(ids)).map(([state]) => state)).toEqual([
    'held',
    'held',
    'held',
    'held',
    'held',
    'cancelled',
  ]);

  // The organizer's status page shows the series: each date, its space and its state.
  const seriesAsked = await system.mailTo(
    ORGANIZER,
    /^We asked Kiez Commons to host Rust monthly as a series$/,
  );
  const follow = new URL(/^Follow your request:\n(http:\S+)$/m.exec(seriesAsked.text ?? '')![1]);
  const status = await request(bookings.url)
    .get(follow.pathname + follow.search)
    .set('accept', 'text/html')
    .expect(200);
  const rows = [...status.text.matchAll(/<tr(?: aria-current="true")?>\s*<td>[\s\S]*?<\/tr>/g)].map((row) =>
    row[0]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^.*?(Kiez Commons|Spree Loft)/, '$1'),
  );
  expect(rows).toEqual([
    'Kiez Commons held',
    'Kiez Commons held',
    'Spree Loft held',
    'Kiez Commons held',
    'Spree Loft held',
    'Spree Loft cancelled',
  ]);

  // Stability: the series' own share of dates held at its space (3 of 6), and the metrics' repeat-venue share
  // over the community's held events (each with the one before it: only the second date is at the same space).
  const atItsSpace = (await where(ids)).filter(([state, space]) => state === 'held' && space === 'kiez');
  expect(atItsSpace.length / ids.length).toBe(0.5);
  const scope = `from=${start.minus({ days: 1 }).toISODate()}&to=${start.plus({ months: 6 }).toISODate()}`;
  const deadline = Date.now() + 20_000;
  let metrics: Record<string, Record<string, unknown>> = {};
  for (;;) {
    metrics = (await request(system.metrics!.url).get(`/api/metrics?${scope}`).expect(200)).body;
    const held = metrics.stability.eventsWithPrevious === 4 && metrics.seriesStability.heldElsewhere === 2;
    if (held || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(metrics.stability).toMatchObject({
    eventsWithPrevious: 4,
    sameSpaceAsPrevious: 1,
    repeatVenueShare: 0.25,
  });
  // The metrics learn the series from the booking events alone: 3 of its 6 dates held at its space.
  expect(metrics.seriesStability).toMatchObject({
    series: 1,
    dates: 6,
    heldAtItsSpace: 3,
    heldElsewhere: 2,
    shareHeldAtItsSpace: 0.5,
    // The withdrawal came months before the third date: a venue change, not a late one.
    lateVenueChanges: 0,
    singleEvents: { events: 0 },
  });
  expect(metrics.seriesStability.averageWeeksHeld).toBeGreaterThan(16);
}, 300_000);
