// The yearly summary of a host's year, across the services through real mail: an event held at the space sets
// the space's summary timer (at HOST_SUMMARY_AT in the space's zone); the test makes it due now, the host gets the
// summary, and opts out through the mail's link (GET shows a button, the POST acts, a second press says so).
// A space whose host opted out, or that hosted nothing in the twelve months, gets no summary.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DateTime } from 'luxon';
import { EntityManager } from '@mikro-orm/postgresql';
import { bookingHeld, spaceSummaryDue, type BookingHeld } from '@cocomo/contracts';
import { BullMqClient, Outbox, Timers } from '@cocomo/messaging';
import type { ServiceUnderTest } from '@cocomo/testing';
import { approvedSpace, mailsAskedFor } from '../../apps/directory/test/directory-harness';
import { summaryTimerId } from '../../apps/directory/src/profile/host-summary';
import { HostSummaries } from '../../apps/directory/src/profile/host-summaries.service';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let kiez: string;
const ZONE = 'Europe/Berlin';

beforeAll(async () => {
  system = await startSystemOverMail({ HOST_SUMMARY_AT: '03-01' });
  ({ directory, bookings } = system);
  kiez = await approvedSpace(directory, {
    name: 'Kiez Commons',
    city: 'Berlin',
    country: 'DE',
    timezone: ZONE,
    latitude: 52.52,
    longitude: 13.405,
    capacity: 60,
    host: { name: 'Anna', email: 'anna@example.org' },
  });
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

/** Bookings tells of an event held at the space, `daysAgo` days ago, as its workflow does (booking.held). */
async function held(spaceId: string, daysAgo: number, figures: Partial<BookingHeld> = {}): Promise<void> {
  const start = DateTime.now().minus({ days: daysAgo });
  const payload: BookingHeld = {
    bookingId: randomUUID(),
    community: 'Berlin Rust',
    at: new Date().toISOString(),
    eventStart: start.toISO()!,
    eventEnd: start.plus({ hours: 3 }).toISO()!,
    spaceId,
    country: 'DE',
    pricingModel: 'free',
    eventTitle: 'Rust night',
    attendance: 30,
    newcomers: 8,
    ageGroups: {},
    amountPaid: 0,
    marketCost: 300,
    currency: 'EUR',
    ...figures,
  };
  const outbox = bookings.app.get(Outbox);
  await bookings.app
    .get(EntityManager)
    .fork()
    .transactional(async (em) => outbox.add(em, bookingHeld, payload));
}

async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let tries = 0; tries < 200; tries++) {
    const found = await read();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never: ${what}`);
}

/** The space's summary timer of `year`, once the directory has set it. */
const timerOf = (spaceId: string, year: number) =>
  until(async () => {
    const rows: { due_at: Date; fired_at: Date | null }[] = await directory.app
      .get(EntityManager)
      .fork()
      .execute(`select "due_at", "fired_at" from "directory"."timer" where "id" = ?`, [
        summaryTimerId(spaceId, year),
      ]);
    return rows[0];
  }, `the summary timer of ${spaceId}`);

/** Time passes until the timer is due: its delayed job runs now, as it would on its day. */
async function makeDue(spaceId: string, year: number): Promise<void> {
  const queue = directory.app.get(BullMqClient).queueOf('directory');
  const job = await until(
    async () => (await queue.getJob(summaryTimerId(spaceId, year))) ?? undefined,
    'the timer in Redis',
  );
  await job.promote();
}

/** The year of the next 1 March in Berlin, and that moment. */
function nextFirstOfMarch(): { year: number; dueAt: Date } {
  const now = DateTime.now().setZone(ZONE);
  let due = now.set({ month: 3, day: 1, hour: 9, minute: 0, second: 0, millisecond: 0 });
  if (due <= now) due = due.plus({ years: 1 });
  return { year: due.year, dueAt: due.toJSDate() };
}

it('an event held sets the space’s summary for HOST_SUMMARY_AT at nine in its zone, once a year', async () => {
  await held(kiez, 40);
  await held(kiez, 20, { attendance: 12, newcomers: 2, marketCost: 300 });
  // Both events are on the space's profile (the directory heard of them), and one timer is set for them.
  await until(async () => {
    const { body } = await request(directory.url).get(`/api/spaces/${kiez}/hosted-events`).expect(200);
    return body.events === 2 ? true : undefined;
  }, 'both events recorded');
  const { year, dueAt } = nextFirstOfMarch();
  const timer = await timerOf(kiez, year);
  expect([new Date(timer.due_at), timer.fired_at]).toEqual([dueAt, null]);
  const timers: unknown[] = await directory.app
    .get(EntityManager)
    .fork()
    .execute(`select 1 from "directory"."timer" where "subject" = ?`, [kiez]);
  expect(timers).toHaveLength(1);
});

it('on its day the host gets the summary of their year, and opts out through its link', async () => {
  const { year } = nextFirstOfMarch();
  await makeDue(kiez, year);
  const summary = await system.mailTo('anna@example.org', /^Your year of hosting on CoCoMo at Kiez Commons$/);
  expect(summary.text).toContain('Events hosted: 2');
  expect(summary.text).toContain('People who came: 42');
  expect(summary.text).toContain('New to their community: 10');
  expect(summary.text).toContain('would have cost the communities about €600');
  expect(summary.text).toContain('Manage your space');
  expect((await timerOf(kiez, year)).fired_at).not.toBeNull();

  const optOut = linkIn(summary, 'Get no more yearly summaries');
  const page = await openLink(directory.url, optOut);
  await openLink(directory.url, optOut);
  expect(page.heading).toBe('Stop the yearly summaries of Kiez Commons');
  const space = async () =>
    (
      await directory.app
        .get(EntityManager)
        .fork()
        .execute(`select "summary_opt_out_at" from "directory"."space" where "id" = ?`, [kiez])
    )[0] as { summary_opt_out_at: Date | null };
  expect((await space()).summary_opt_out_at).toBeNull();
  const done = await submit(directory.url, page);
  expect([done.status, done.heading]).toEqual([200, 'No more yearly summaries']);
  expect((await space()).summary_opt_out_at).not.toBeNull();
  const again = await submit(directory.url, page);
  expect([again.status, again.heading]).toEqual([200, 'Already done']);
  expect((await openLink(directory.url, optOut)).html).toContain('are stopped already');
  expect((await openLink(directory.url, `${optOut.slice(0, -3)}xyz`)).status).toBe(400);
});

it('no summary goes to a host who opted out, nor to one whose space hosted nothing in the year', async () => {
  const spree = await approvedSpace(directory, {
    name: 'Spree Loft',
    city: 'Berlin',
    country: 'DE',
    timezone: ZONE,
    latitude: 52.51,
    longitude: 13.41,
    capacity: 40,
    host: { name: 'Bruno', email: 'bruno@example.org' },
  });
  // Held more than a year ago: it sets a timer (the message comes late), but the year has nothing to tell.
  await held(spree, 400);
  const { year } = nextFirstOfMarch();
  await timerOf(spree, year);
  await makeDue(spree, year);
  // Kiez's host opted out: a summary due for it now (a timer set by hand, due at once) sends nothing either.
  const timers = directory.app.get(Timers);
  await directory.app
    .get(EntityManager)
    .fork()
    .transactional(async (em) =>
      timers.set(
        em,
        spaceSummaryDue,
        { spaceId: kiez, year: year + 1 },
        { id: summaryTimerId(kiez, year + 1), subject: kiez, dueAt: new Date() },
      ),
    );
  for (const [space, due] of [
    [spree, year],
    [kiez, year + 1],
  ] as const) {
    await until(async () => ((await timerOf(space, due)).fired_at ? true : undefined), `${space} fired`);
  }
  // The directory asks for the mails it sends in the handler's own transaction: none beyond Anna's first.
  const summaries = (await mailsAskedFor(directory)).filter((mail) => mail.template === 'space-summary');
  expect(summaries.map((mail) => mail.to.email)).toEqual(['anna@example.org']);
});

it('a space whose events were recorded before the summaries existed gets its summary at the next start', async () => {
  const older = await approvedSpace(directory, {
    name: 'Older Hall',
    city: 'Berlin',
    country: 'DE',
    timezone: ZONE,
    latitude: 52.5,
    longitude: 13.4,
    capacity: 40,
    host: { name: 'Olga', email: 'olga@example.org' },
  });
  const em = directory.app.get(EntityManager).fork();
  const start = DateTime.now().minus({ days: 60 }).toJSDate();
  await em.execute(
    `insert into "directory"."hosted_event" ("booking_id", "space_id", "community", "event_start", "event_end",
       "attendance", "newcomers", "recorded_at") values (?, ?, 'Berlin Rust', ?, ?, 20, 3, now())`,
    [randomUUID(), older, start, start],
  );
  const summaries = directory.app.get(HostSummaries);
  expect(await summaries.backfill()).toBe(1);
  const { year, dueAt } = nextFirstOfMarch();
  expect(new Date((await timerOf(older, year)).due_at)).toEqual(dueAt);
  // Again (another start): nothing more; and Kiez, whose host opted out, and Spree, are not among them.
  expect(await summaries.backfill()).toBe(0);
});
