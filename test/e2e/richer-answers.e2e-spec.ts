// Answers richer than yes or no, across the services and through real mail: a host declines with a reason, or
// offers other times; the organizer takes one from the mail and the booking is confirmed then; a time booked
// by someone else meanwhile is refused with a clear page while the request goes on; the host of an event held
// is thanked with the report's figures. Every link is pressed as a person does: open the page, submit its form.
import request from 'supertest';
import { DateTime } from 'luxon';
import { readCalendar, type ReceivedMail, type ServiceUnderTest } from '@cocomo/testing';
import { approvedSpace, operator } from '../../apps/directory/test/directory-harness';
import { fingerprint } from '../security/security-harness';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;
let bookings: ServiceUnderTest;
let mailTo: SystemOverMail['mailTo'];
let kiez: string;
let spree: string;
const ZONE = 'Europe/Berlin';

beforeAll(async () => {
  system = await startSystemOverMail({ BOOKING_REPORT_AFTER: '300ms' }, { metrics: true });
  ({ bookings, mailTo } = system);
  const berlin = { city: 'Berlin', country: 'DE', timezone: ZONE, capacity: 60, amenities: ['wifi'] };
  kiez = await approvedSpace(system.directory, {
    ...berlin,
    name: 'Kiez Commons',
    latitude: 52.52,
    longitude: 13.405,
    marketRate: { amount: 480, currency: 'EUR', per: 'day' },
    host: { name: 'Anna', email: 'anna@example.org' },
  });
  spree = await approvedSpace(system.directory, {
    ...berlin,
    name: 'Spree Loft',
    latitude: 52.51,
    longitude: 13.41,
    host: { name: 'Bruno', email: 'bruno@example.org' },
  });
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

/** 18:00 (or `hour`) in Berlin, `days` from today: times as a host in Berlin types them. */
const evening = (days: number, hour = 18) =>
  DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });
const typed = (moment: DateTime) => moment.toFormat("yyyy-MM-dd'T'HH:mm");
/** How the link pages write a moment: "Wednesday, 10 March 2027 at 18:00 (Europe/Berlin)". */
const shown = (moment: DateTime) =>
  `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: ZONE }).format(moment.toJSDate())} (${ZONE})`;

async function ask(title: string, organizer: string, start: DateTime, hours = 3): Promise<string> {
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: {
        name: organizer,
        email: `${organizer.toLowerCase()}@example.org`,
        community: 'Berlin Rust',
      },
      event: { title, start: start.toISO(), end: start.plus({ hours }).toISO(), expectedAttendees: 30 },
      spaceId: kiez,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
    })
    .expect(201);
  return body.id;
}

const booking = async (id: string) =>
  (await request(bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;

const calendarOf = (mail: ReceivedMail) =>
  mail.parsed?.attachments.find((file) => /calendar/.test(file.contentType))?.content.toString() ?? '';

it('a host declines with a reason: a refused form first changes nothing; the organizer hears why', async () => {
  const start = evening(20);
  const id = await ask('Reasons night', 'Rhea', start);
  const asked = await mailTo('anna@example.org', /^Can Kiez Commons host Reasons night\?$/);
  const decline = linkIn(asked, 'Decline');

  const page = await openLink(bookings.url, decline);
  expect([page.status, page.heading]).toEqual([200, 'Decline this request?']);
  expect(page.form?.fields).toMatchObject({ reason: '', note: '', offer1Start: '', offer3End: '' });

  // "Another reason" without words, and a time in the past: both named, what was typed kept, nothing changed.
  const before = await fingerprint(bookings, 'bookings');
  const past = evening(-2);
  const refused = await submit(bookings.url, page, {
    reason: 'other',
    offer1Start: typed(past),
    offer1End: typed(past.plus({ hours: 2 })),
  });
  expect(refused.status).toBe(400);
  expect(refused.html).toContain('<li>For another reason, say in a few words why</li>');
  expect(refused.html).toMatch(
    new RegExp(
      `<span class="field-problem">Time 1 is in the past</span>\\s*<input type="datetime-local" name="offer1Start" value="${typed(past)}"`,
    ),
  );
  expect(refused.html).toMatch(/name="reason" value="other" checked>/);
  expect(await fingerprint(bookings, 'bookings')).toEqual(before);
  // A host reading the page in German reads its problems in German too.
  const inGerman = await submit(
    bookings.url,
    page,
    { reason: 'other', offer1Start: typed(past), offer1End: typed(past.plus({ hours: 2 })) },
    { 'accept-language': 'de' },
  );
  expect(inGerman.status).toBe(400);
  expect(inGerman.html).toContain(
    '<li>Bei einem anderen Grund sagen Sie bitte in wenigen Worten, welcher es ist</li>',
  );
  expect(inGerman.html).toContain('<span class="field-problem">Zeit 1 liegt in der Vergangenheit</span>');
  expect(await fingerprint(bookings, 'bookings')).toEqual(before);

  const done = await submit(bookings.url, page, { reason: 'closed' });
  expect([done.status, done.heading]).toEqual([200, 'Thank you for answering']);
  const told = await mailTo('rhea@example.org', /^Kiez Commons cannot host Reasons night$/);
  expect(told.text).toContain('The host told us that the space is closed at that time.');
  await mailTo('bruno@example.org', /^Can Spree Loft host Reasons night\?$/);
  expect(await booking(id)).toMatchObject({ state: 'pending_host', asked: [spree], offers: [] });

  // The link has acted; pressing it again does nothing.
  expect((await submit(bookings.url, page, { reason: 'closed' })).status).toBe(409);
  expect((await openLink(bookings.url, decline)).heading).toBe('Already done');
}, 60_000);

it('the organizer takes a time the host offered: confirmed then, the host asked meanwhile released', async () => {
  const start = evening(21);
  const id = await ask('Offers night', 'Otto', start);
  const asked = await mailTo('anna@example.org', /^Can Kiez Commons host Offers night\?$/);
  const first = evening(22);
  const second = evening(23, 19);
  const page = await openLink(bookings.url, linkIn(asked, 'Decline'));
  const done = await submit(bookings.url, page, {
    reason: 'closed',
    offer1Start: typed(first),
    offer1End: typed(first.plus({ hours: 3 })),
    offer2Start: typed(second),
    offer2End: typed(second.plus({ hours: 3 })),
  });
  expect(done.status).toBe(200);

  const offered = await mailTo(
    'otto@example.org',
    /^Kiez Commons cannot host Offers night then, and offers other times$/,
  );
  expect(offered.text).toContain('The host told us that the space is closed at that time.');
  expect(offered.text).toMatch(/Time 1: from .* to .*\. To take it, press Take time 1 below\./);
  // Meanwhile the next space is asked for the time the organizer asked.
  await mailTo('bruno@example.org', /^Can Spree Loft host Offers night\?$/);
  const waiting = await booking(id);
  expect(waiting).toMatchObject({ state: 'pending_host', asked: [spree] });
  expect(waiting.offers.map((offer: { start: string }) => offer.start)).toEqual([
    first.toUTC().toISO(),
    second.toUTC().toISO(),
  ]);

  // The organizer opens the first time's link: the time and the space; nothing changes until the press.
  const take = linkIn(offered, 'Take time 1');
  const offer = await openLink(bookings.url, take);
  expect([offer.status, offer.heading]).toEqual([200, 'Take this time?']);
  expect(offer.html).toContain(shown(first));
  expect(offer.html).toContain('Kiez Commons');
  expect(offer.html).toContain(`You asked for ${shown(start).replace(` (${ZONE})`, '')}.`);
  expect((await booking(id)).state).toBe('pending_host');
  const taken = await submit(bookings.url, offer);
  expect([taken.status, taken.heading]).toEqual([200, 'Confirmed at the new time']);

  const confirmed = await booking(id);
  expect(confirmed).toMatchObject({ state: 'confirmed', spaceId: kiez, asked: [], offers: [] });
  expect(confirmed.event).toMatchObject({
    start: first.toUTC().toISO(),
    end: first.plus({ hours: 3 }).toUTC().toISO(),
  });
  await mailTo('bruno@example.org', /^No longer needed: Spree Loft for Offers night$/);
  const organizerTold = await mailTo(
    'otto@example.org',
    /^Confirmed: Offers night at Kiez Commons, at the time the host offered$/,
  );
  const hostTold = await mailTo(
    'anna@example.org',
    /^Confirmed: Offers night at Kiez Commons, at the time you offered$/,
  );
  for (const mail of [organizerTold, hostTold]) {
    expect(readCalendar(calendarOf(mail)).events[0].start).toEqual(first.toJSDate());
    expect(mail.text).toContain(`Starts:     ${first.setLocale('en-US').toFormat('cccc, LLLL d, yyyy')}`);
  }
  expect(hostTold.text).toMatch(/^Withdraw:$/m);

  // The other time, and the first one again: the booking has its space, and that link has acted.
  const other = await openLink(bookings.url, linkIn(offered, 'Take time 2'));
  expect([other.status, other.heading]).toEqual([409, 'Things have moved on']);
  expect((await openLink(bookings.url, take)).heading).toBe('Already done');
}, 60_000);

it('an offered time booked by someone else meanwhile is refused with a clear page; the request goes on', async () => {
  const start = evening(30);
  const id = await ask('Meanwhile night', 'Mona', start);
  const asked = await mailTo('anna@example.org', /^Can Kiez Commons host Meanwhile night\?$/);
  const offered = evening(31);
  await submit(bookings.url, await openLink(bookings.url, linkIn(asked, 'Decline')), {
    offer1Start: typed(offered),
    offer1End: typed(offered.plus({ hours: 3 })),
  });
  const offerMail = await mailTo('mona@example.org', /^Kiez Commons cannot host Meanwhile night then/);

  // Another community asks for the same space at an overlapping time, and its host accepts.
  const other = await ask('Other night', 'Yuri', offered.plus({ minutes: 30 }), 1);
  const otherAsked = await mailTo('anna@example.org', /^Can Kiez Commons host Other night\?$/);
  await submit(bookings.url, await openLink(bookings.url, linkIn(otherAsked, 'Accept')));
  expect((await booking(other)).state).toBe('confirmed');

  const take = linkIn(offerMail, 'Take time 1');
  const page = await openLink(bookings.url, take);
  expect(page.heading).toBe('Take this time?');
  const refused = await submit(bookings.url, page);
  expect([refused.status, refused.heading]).toEqual([409, 'That time is no longer free']);
  const after = await booking(id);
  expect(after).toMatchObject({ state: 'pending_host', spaceId: null, asked: [spree], offers: [] });
  expect(after.event.start).toBe(start.toUTC().toISO());
  expect(after.history.at(-1).cause).toMatch(/booked meanwhile/);
  expect((await openLink(bookings.url, take)).heading).toBe('Already done');

  // The protocol goes on: the next space, asked meanwhile, accepts at the time asked for.
  const spreeAsked = await mailTo('bruno@example.org', /^Can Spree Loft host Meanwhile night\?$/);
  await submit(bookings.url, await openLink(bookings.url, linkIn(spreeAsked, 'Accept')));
  expect(await booking(id)).toMatchObject({ state: 'confirmed', spaceId: spree });
}, 60_000);

it("the host of an event held is thanked with the report's figures and what renting would have cost", async () => {
  const start = DateTime.now().plus({ seconds: 4 }).set({ millisecond: 0 });
  await ask('Thanks sprint', 'Tara', start, 1 / 3600);
  const asked = await mailTo('anna@example.org', /^Can Kiez Commons host Thanks sprint\?$/);
  await submit(bookings.url, await openLink(bookings.url, linkIn(asked, 'Accept')));

  const reportAsked = await mailTo('tara@example.org', /^How did Thanks sprint go\?$/);
  const report = await openLink(bookings.url, linkIn(reportAsked, 'Report on the event'));
  const sent = await submit(bookings.url, report, {
    held: 'yes',
    attendance: '42',
    newcomers: '9',
    amountPaid: '80',
    age_under18: '2',
    age_18to24: '20',
    age_25to34: '20',
  });
  expect(sent.status).toBe(200);

  const thanks = await mailTo('anna@example.org', /^Thank you for hosting Thanks sprint$/);
  expect(thanks.text).toContain('People who came:      42\nNew to the community: 9');
  expect(thanks.text).toContain('  Under 18: 2\n  18 to 24: 20\n  25 to 34: 20\n');
  expect(thanks.text).not.toContain('35 to 49');
  expect(thanks.text).toContain(
    'Renting a space like yours for this event would have cost the community about €480. ' +
      'They paid €80, so your space saved them €400.',
  );
  expect(thanks.html).toContain('<li>People who came: 42</li>');
}, 60_000);

it('the metrics count the declines by reason, the times offered and the one taken', async () => {
  const deadline = Date.now() + 20_000;
  let declines: unknown;
  for (;;) {
    declines = (await request(system.metrics!.url).get('/api/metrics').expect(200)).body.declines;
    if ((declines as { offersTaken: number }).offersTaken === 1 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(declines).toEqual({
    declined: 3,
    byReason: { closed: 2, too_many_people: 0, not_a_fit: 0, other: 0, unsaid: 1 },
    withOffers: 2,
    offersMade: 3,
    offersTaken: 1,
    takenShare: 0.3333,
  });
});
