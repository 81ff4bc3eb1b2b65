// `npm run test:availability-skips`: what the ranking skips now that hosts say when their space can be asked.
// The same 30 requests go twice to the same ten spaces in Berlin, through real mail and real link presses;
// their hosts answer by when their building is really open (weekday evenings, weekends, office hours, a
// closure, a pause): asked for a time it is not, a host declines ("closed then") or stays silent until the
// escalation, by the host's habit; asked for a time it is, the host accepts. Once the directory ignores the
// hours (every space "on request", as before hosts could say), once it honours them. Each request runs to its
// end before the next, and the ranking's order is decided by each request's size, so the figures are the same
// on every run. Prints both runs' counts, the declines and escalations taken from the bookings' own history.
import 'reflect-metadata';
import request from 'supertest';
import { DateTime } from 'luxon';
import { EntityManager } from '@mikro-orm/postgresql';
import { findTestServers, type ReceivedMail } from '@cocomo/testing';
import { approvedSpace, operator } from '../../apps/directory/test/directory-harness';
import {
  ALWAYS_AVAILABLE,
  WEEKDAYS,
  unavailability,
  type Availability,
  type TimeRange,
} from '../../apps/directory/src/availability/availability';
import { linkIn, openLink, submit } from '../e2e/link-pages';
import { startSystemOverMail, type SystemOverMail } from '../e2e/system-over-mail';

const ZONE = 'Europe/Berlin';
const REQUESTS = 30;
/** How many people each request expects, in turn. */
const SIZES = [18, 28, 38, 48, 23, 33];
/** A request ends placed (confirmed) or with no space left (unplaced). */
const ENDS = ['confirmed', 'unplaced'];

const week = (days: Partial<Record<(typeof WEEKDAYS)[number], TimeRange[]>>): Availability['hours'] => ({
  mode: 'weekly',
  days: Object.fromEntries(WEEKDAYS.map((day) => [day, days[day] ?? []])) as Record<
    (typeof WEEKDAYS)[number],
    TimeRange[]
  >,
});
const evenings = [{ from: '18:00', to: '22:00' }];
/** A Monday three to four weeks ahead, so that every run asks for the same weekdays. */
const firstDay = DateTime.now().setZone(ZONE).plus({ days: 21 }).startOf('week');

/**
 * The spaces, each with when it is really open and what its host does when asked for another time. Their
 * capacities differ (20, 25, … 65), so that the ranking orders them by fit for each request's size (rather
 * than by their random ids) and a request's size decides which it asks first.
 */
const SPACES: { name: string; open: Availability; whenClosed: 'decline' | 'silent' }[] = [
  {
    name: 'Evenings A',
    open: {
      ...ALWAYS_AVAILABLE,
      hours: week({ mon: evenings, tue: evenings, wed: evenings, thu: evenings }),
    },
    whenClosed: 'decline',
  },
  { name: 'Always A', open: ALWAYS_AVAILABLE, whenClosed: 'decline' },
  {
    name: 'Weekends A',
    open: {
      ...ALWAYS_AVAILABLE,
      hours: week({ sat: [{ from: '10:00', to: '22:00' }], sun: [{ from: '10:00', to: '20:00' }] }),
    },
    whenClosed: 'silent',
  },
  {
    name: 'Office hours',
    open: {
      ...ALWAYS_AVAILABLE,
      hours: week(
        Object.fromEntries(
          (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [
            day,
            [{ from: '09:00', to: '17:00' }],
          ]),
        ),
      ),
    },
    whenClosed: 'silent',
  },
  {
    name: 'Closed midway',
    open: {
      ...ALWAYS_AVAILABLE,
      closures: [
        {
          from: firstDay.plus({ days: 10 }).toISODate()!,
          to: firstDay.plus({ days: 24 }).toISODate()!,
          note: 'Renovation',
        },
      ],
    },
    whenClosed: 'decline',
  },
  {
    name: 'Evenings B',
    open: {
      ...ALWAYS_AVAILABLE,
      hours: week({ tue: evenings, wed: evenings, thu: evenings, fri: evenings }),
    },
    whenClosed: 'silent',
  },
  { name: 'Always B', open: ALWAYS_AVAILABLE, whenClosed: 'silent' },
  {
    name: 'Paused',
    open: { ...ALWAYS_AVAILABLE, pausedUntil: firstDay.plus({ days: 90 }).toISODate()! },
    whenClosed: 'silent',
  },
  {
    name: 'Weekends B',
    open: { ...ALWAYS_AVAILABLE, hours: week({ sat: [{ from: '09:00', to: '18:00' }] }) },
    whenClosed: 'decline',
  },
  {
    name: 'Evenings C',
    open: { ...ALWAYS_AVAILABLE, hours: week({ mon: evenings, wed: evenings, fri: evenings }) },
    whenClosed: 'decline',
  },
];

/** The requests: weekday evenings, Saturday afternoons and weekday mornings, one a day, in turn. */
function requestTimes(): { start: DateTime; end: DateTime }[] {
  const kinds = [
    { hour: 19, hours: 2 },
    { hour: 14, hours: 3 },
    { hour: 10, hours: 2 },
  ];
  return Array.from({ length: REQUESTS }, (_, index) => {
    const day = firstDay.plus({ days: index });
    const kind = day.weekday >= 6 ? kinds[1] : kinds[index % 3 === 1 ? 2 : 0];
    const start = day.set({ hour: kind.hour });
    return { start, end: start.plus({ hours: kind.hours }) };
  });
}

export interface SkipFigures {
  requests: number;
  placed: number;
  unplaced: number;
  /** Requests mailed to hosts, and of them, those for a time the space was not open. */
  hostsAsked: number;
  askedWhenClosed: number;
  declines: number;
  escalations: number;
}

async function run(honoured: boolean): Promise<SkipFigures> {
  const system = await startSystemOverMail({
    LOG_LEVEL: 'warn',
    THROTTLE_LIMIT: 'off',
    THROTTLE_READ_LIMIT: 'off',
    BOOKING_REMINDER_AFTER: '1s',
    BOOKING_ESCALATE_AFTER: '2s',
    OUTBOX_POLL_INTERVAL: '500ms',
  });
  try {
    const hostOf = new Map<string, (typeof SPACES)[number]>();
    for (const [index, space] of SPACES.entries()) {
      const id = await approvedSpace(system.directory, {
        name: space.name,
        city: 'Berlin',
        country: 'DE',
        timezone: ZONE,
        latitude: 52.52 + index * 0.004,
        longitude: 13.405,
        capacity: 20 + index * 5,
        amenities: ['wifi'],
        host: { name: space.name, email: `host${index}@skips.test` },
      });
      hostOf.set(`host${index}@skips.test`, space);
      if (honoured) {
        // What the host would set on the manage page: the directory keeps it on the space.
        await system.directory.app
          .get(EntityManager)
          .fork()
          .getConnection()
          .execute(`update "directory"."space" set "availability" = ?::jsonb where "id" = ?`, [
            JSON.stringify(space.open),
            id,
          ]);
      }
    }
    let askedWhenClosed = 0;
    let hostsAsked = 0;
    const ids: string[] = [];
    for (const [index, { start, end }] of requestTimes().entries()) {
      const title = `Skips ${index + 1}`;
      const { body } = await request(system.bookings.url)
        .post('/api/bookings')
        .send({
          organizer: { name: 'Olga', email: `olga${index}@skips.test`, community: `Community ${index + 1}` },
          event: {
            title,
            start: start.toISO(),
            end: end.toISO(),
            expectedAttendees: SIZES[index % SIZES.length],
          },
          near: { latitude: 52.53, longitude: 13.405, radiusKm: 20 },
        })
        .expect(201);
      ids.push(body.id);
      const answered = new Set<ReceivedMail>();
      const deadline = Date.now() + 120_000;
      for (;;) {
        const state = (
          await request(system.bookings.url).get(`/api/bookings/${body.id}`).set(operator).expect(200)
        ).body.state as string;
        if (ENDS.includes(state)) break;
        if (Date.now() > deadline) throw new Error(`${title} is still ${state}`);
        const asks = system.smtp.mails.filter(
          (mail) => !answered.has(mail) && mail.subject === `Can ${spaceNameIn(mail)} host ${title}?`,
        );
        for (const mail of asks) {
          answered.add(mail);
          hostsAsked++;
          const host = hostOf.get(mail.to[0])!;
          const open =
            unavailability(host.open, start.toJSDate(), end.toJSDate(), {
              zone: ZONE,
              now: new Date(),
              requestsThisMonth: 0,
              booked: false,
            }) === null;
          if (open) await press(system, mail, 'Accept');
          else {
            askedWhenClosed++;
            if (host.whenClosed === 'decline') await press(system, mail, 'Decline', { reason: 'closed' });
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    return { ...(await counts(system, ids)), hostsAsked, askedWhenClosed };
  } finally {
    await system.stop();
  }
}

function spaceNameIn(mail: ReceivedMail): string {
  return /^Can (.*) host /.exec(mail.subject ?? '')?.[1] ?? '';
}

async function press(system: SystemOverMail, mail: ReceivedMail, label: string, values = {}) {
  const page = await openLink(system.bookings.url, linkIn(mail, label));
  const done = await submit(system.bookings.url, page, values);
  if (done.status !== 200) throw new Error(`${label} in "${mail.subject}" answered ${done.status}`);
}

/** Declines and escalations as the bookings' history has them; placed and unplaced as the requests ended. */
async function counts(system: SystemOverMail, ids: string[]) {
  const connection = system.bookings.app.get(EntityManager).fork().getConnection();
  const [steps] = await connection.execute<{ declines: number; escalations: number }[]>(
    `select count(*) filter (where "cause" like 'host declined%')::int as "declines",
            count(*) filter (where "cause" like 'host silent; escalated%')::int as "escalations"
     from "bookings"."booking_transition"`,
  );
  const states = await connection.execute<{ state: string }[]>(
    `select "state" from "bookings"."booking" where "id" in (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  return {
    requests: ids.length,
    placed: states.filter((row) => row.state === 'confirmed').length,
    unplaced: states.filter((row) => row.state === 'unplaced').length,
    declines: steps.declines,
    escalations: steps.escalations,
  };
}

async function main(): Promise<void> {
  const servers = await findTestServers();
  process.env.TEST_DATABASE_URL = servers.databaseUrl;
  process.env.TEST_REDIS_URL = servers.redisUrl;
  try {
    const ignored = await run(false);
    const honoured = await run(true);
    process.stdout.write(`${JSON.stringify({ ignored, honoured }, null, 2)}\n`);
  } finally {
    await servers.stop();
  }
  process.exit(0);
}

void main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
