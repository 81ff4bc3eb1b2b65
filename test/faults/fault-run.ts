// The fault and load run: the four services as processes against real PostgreSQL, Redis and an SMTP server;
// simulated people drive booking workflows through their mails while a random service is SIGKILLed every
// few seconds and started again, the system's Redis keys are flushed once, and PostgreSQL goes away once.
// At the end it counts what must be zero: bookings lost, bookings stuck, mails sent twice; and compares
// the metrics with what the bookings database says.
import { execFileSync } from 'node:child_process';
import { createWriteStream, readdirSync } from 'node:fs';
import { Client } from 'pg';
import { isolatedInfra, TestSmtpServer, type IsolatedInfra } from '@cocomo/testing';
import { seededRandom } from '../bench/bench-section';
import { SCENARIOS, SimulatedPeople, type PeopleSystem } from './simulated-people';
import { SERVICE_NAMES, SystemProcesses } from './system-processes';
import {
  duplicateMails,
  pressOnce,
  registerSpaces,
  requestBooking,
  retried,
  serverAnswers,
  sleep,
} from './system-calls';

export interface FaultRunOptions {
  workflows: number;
  /** New booking requests per second. */
  requestsPerSecond: number;
  /** Seconds between two SIGKILLs of a random service. */
  killEverySeconds: number;
  /**
   * How PostgreSQL goes away once: 'connections' cuts every connection of the run's database and refuses
   * new ones for a few seconds (safe beside other tests on the same server); 'server' restarts the server
   * with pg_ctlcluster (only where this run has the machine to itself).
   */
  postgresOutage: 'connections' | 'server';
  seed: number;
  say: (line: string) => void;
}

export interface FaultRunReport {
  workflows: number;
  bookingsCreated: number;
  bookingsLost: number;
  bookingsStuck: number;
  stuckStates: Record<string, number>;
  finalStates: Record<string, number>;
  mailsSent: number;
  /** 5xx answers the people and clients met: 503 while a database or Redis was away, and any other. */
  serverAnswers: { unavailable: number; otherServerErrors: number };
  /** Notifications sent twice, and of those, the ones sent just before a SIGKILL of their sender. */
  duplicateMails: {
    total: number;
    atKill: number;
    notAtKill: { notificationId: string; acceptedAt: string[] }[];
  };
  metricsMismatches: string[];
  /** The protocols the metrics counted: late denials, rescues, escalations, unplaced, cancellations. */
  protocols: Record<string, unknown>;
  kills: Record<string, number>;
  redisFlushes: number;
  postgresOutages: number;
  people: SimulatedPeople['figures'];
  memoryMb: { before: Record<string, number>; after: Record<string, number> };
  seconds: number;
}

interface Database {
  query: <R extends object>(text: string, values?: unknown[]) => Promise<{ rows: R[] }>;
}

const SPACES = 40;
const OPERATOR_EMAIL = 'operators@faults.test';
const OPERATOR_TOKEN = 'faults-operator-token';
/** The event starts this long after its request, and lasts a few seconds. */
const LEAD_MS = 70_000;
const EVENT_MS = 3_000;
/**
 * How long the system may make no progress at all before the bookings still open count as stuck: longer
 * than a killed worker's job takes to come back (BullMQ notices a stalled job after its 30 s lock and a
 * 30 s check; a job that stalled twice fails, and the timer sweeper takes it up TIMER_OVERDUE_AFTER later).
 */
const PROGRESS_WINDOW_MS = 120_000;
const FINAL = ['cancelled', 'held', 'not_held', 'unreported'];

export async function runFaults(options: FaultRunOptions): Promise<FaultRunReport> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const smtp = await TestSmtpServer.start();
  const infra = await isolatedInfra({
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: 'http://cocomo.faults.test',
    OPERATOR_TOKEN,
    OPERATOR_EMAIL,
    LOG_LEVEL: 'warn',
    BOOKING_REMINDER_AFTER: '3s',
    BOOKING_ESCALATE_AFTER: '6s',
    BOOKING_RECONFIRM_BEFORE: '25s',
    BOOKING_URGENT_WINDOW: '35s',
    BOOKING_URGENT_FANOUT: '3',
    BOOKING_REPORT_AFTER: '2s',
    BOOKING_REPORT_REMINDER_AFTER: '6s',
    BOOKING_REPORT_CLOSE_AFTER: '15s',
    TIMER_SWEEP_INTERVAL: '2s',
    TIMER_OVERDUE_AFTER: '20s',
    OUTBOX_POLL_INTERVAL: '500ms',
    EMAIL_RETRY_DELAY: '1s',
    EMAIL_SWEEP_INTERVAL: '2s',
    REQUEST_TIMEOUT: '5s',
  });
  // FAULTS_LOG=<file>: every line every service wrote, to find out afterwards what happened to a booking or mail.
  const kept = process.env.FAULTS_LOG ? createWriteStream(process.env.FAULTS_LOG) : undefined;
  const system = new SystemProcesses(infra.variables, (line) => {
    kept?.write(`${new Date().toISOString()} ${line}\n`);
    // Warnings are expected while services die and PostgreSQL is away; errors are worth seeing, briefly.
    if (/"level":(50|60)/.test(line)) options.say(errorLine(line));
  });
  // A connection per query: the PostgreSQL outage cuts every connection to the run's database, this one too.
  const database = {
    query: async <R extends object>(text: string, values?: unknown[]) => {
      const client = new Client({ connectionString: infra.env.DATABASE_URL });
      await client.connect();
      try {
        return await client.query<R>(text, values);
      } finally {
        await client.end();
      }
    },
  };
  const created: { id: string; title: string }[] = [];
  let faultsRunning = true;
  let redisFlushes = 0;
  let postgresOutages = 0;
  try {
    options.say('starting the four services');
    await system.start();
    const memoryBefore = system.residentMemoryMb();
    const people = new SimulatedPeople(peopleSystem(system), OPERATOR_EMAIL, random);
    let mailsSeen = 0;
    const reader = setInterval(() => {
      while (mailsSeen < smtp.mails.length) people.read(smtp.mails[mailsSeen++]);
    }, 100);

    options.say(`registering, verifying and approving ${SPACES} spaces`);
    await registerSpaces(system, smtp, SPACES, OPERATOR_TOKEN);

    const requestSeconds = options.workflows / options.requestsPerSecond;
    const faults = (async () => {
      const flushAt = Date.now() + (requestSeconds * 1000) / 3;
      const outageAt = Date.now() + (requestSeconds * 2000) / 3;
      while (faultsRunning) {
        await sleep(options.killEverySeconds * 1000);
        if (!faultsRunning) break;
        if (redisFlushes === 0 && Date.now() > flushAt) {
          options.say('flushing every Redis key of the system');
          await infra.flushRedis();
          redisFlushes++;
        } else if (postgresOutages === 0 && Date.now() > outageAt) {
          options.say(`PostgreSQL goes away (${options.postgresOutage})`);
          await postgresOutage(infra, options.postgresOutage);
          postgresOutages++;
        } else {
          const victim = SERVICE_NAMES[Math.floor(random() * SERVICE_NAMES.length)];
          options.say(`SIGKILL ${victim}`);
          await system.killAndRestart(victim);
        }
      }
    })();

    options.say(`${options.workflows} booking workflows, ${options.requestsPerSecond} new requests a second`);
    const requests: Promise<void>[] = [];
    for (let index = 0; index < options.workflows; index++) {
      const scenario = SCENARIOS[index % SCENARIOS.length];
      const title = `Faults ${index} ${scenario}`;
      requests.push(
        requestBooking(system, title, index, { leadMs: LEAD_MS, lengthMs: EVENT_MS }).then((id) => {
          if (id) created.push({ id, title });
        }),
      );
      await sleep(1000 / options.requestsPerSecond);
    }
    await Promise.all(requests);

    // Every workflow ends within its lead, its event and the report's close, if the system keeps up; under
    // more load than the machine takes, later. The faults stop once the last events are due; then the run
    // waits while the system still makes progress (bookings finishing, mails going out), and what is not
    // final when progress has stopped for PROGRESS_WINDOW_MS is stuck.
    const faultsEnd = Date.now() + LEAD_MS + EVENT_MS;
    let open = await openBookings(database);
    let lastProgress = Date.now();
    let lastSeen = { open, mails: smtp.mails.length };
    while (open > 0 && Date.now() - lastProgress < PROGRESS_WINDOW_MS) {
      await sleep(2000);
      if (Date.now() > faultsEnd) faultsRunning = false;
      open = await openBookings(database);
      if (open !== lastSeen.open || smtp.mails.length !== lastSeen.mails) lastProgress = Date.now();
      lastSeen = { open, mails: smtp.mails.length };
      options.say(`${open} bookings not finished yet`);
    }
    faultsRunning = false;
    await faults;
    await people.settled();
    clearInterval(reader);

    const states = await countStates(database);
    const stored = new Set(
      (await database.query<{ id: string }>('select "id" from "bookings"."booking"')).rows.map((r) => r.id),
    );
    const stuckStates = Object.fromEntries(Object.entries(states).filter(([s]) => !FINAL.includes(s)));
    if (Object.keys(stuckStates).length) await describeStuck(database, options.say);
    const metrics = await compareMetrics(database, system, states, options.say);
    return {
      workflows: options.workflows,
      bookingsCreated: created.length,
      bookingsLost: created.filter((booking) => !stored.has(booking.id)).length,
      bookingsStuck: Object.values(stuckStates).reduce((a, b) => a + b, 0),
      stuckStates,
      finalStates: Object.fromEntries(Object.entries(states).filter(([s]) => FINAL.includes(s))),
      mailsSent: smtp.mails.length,
      serverAnswers: { ...serverAnswers },
      duplicateMails: duplicateMails(smtp, system.killedAt.get('notifications')),
      metricsMismatches: metrics.mismatches,
      protocols: metrics.protocols,
      kills: Object.fromEntries(system.kills),
      redisFlushes,
      postgresOutages,
      people: people.figures,
      memoryMb: { before: memoryBefore, after: system.residentMemoryMb() },
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    faultsRunning = false;
    await system.stop();
    await smtp.stop();
    await infra.cleanup();
  }
}

/** A service's error log line, shortened to what it says: where, and the error's first lines. */
function errorLine(line: string): string {
  const match = /^(\[\w+\]) (\{.*\})$/.exec(line);
  if (!match) return line.slice(0, 300);
  const entry = JSON.parse(match[2]) as {
    msg?: string;
    context?: string;
    req?: { method?: string; url?: string };
  };
  const where = entry.req ? `${entry.req.method} ${entry.req.url?.slice(0, 40)}` : (entry.context ?? '');
  const lines = (entry.msg ?? '').split('\n');
  const ours = lines.filter((text) => /\/(apps|libs)\//.test(text)).slice(0, 3);
  return `${match[1]} ${where}: ${[lines[0].slice(0, 300), ...ours.map((text) => text.trim())].join(' | ')}`;
}

/** Pressing a link as a person does: open its page, then submit the form with the button and fields. */
function peopleSystem(system: SystemProcesses): PeopleSystem {
  const resolve = (link: string) => {
    const { pathname } = new URL(link);
    return `${system.urlFor(pathname)}${pathname}`;
  };
  const operator = { authorization: `Bearer ${OPERATOR_TOKEN}` };
  return {
    press: async (link, choice, fields = {}) => {
      for (let attempt = 0; attempt < 60; attempt++) {
        const outcome = await pressOnce(resolve(link), choice, fields).catch(() => undefined);
        if (outcome) return outcome;
        await sleep(1000); // the service is down or restarting: the person tries again a moment later
      }
      throw new Error(`could not press ${link} for a minute`);
    },
    cancelAsOperator: async (bookingId) => {
      const url = `${system.urlOf('bookings')}/api/bookings/${bookingId}/cancel`;
      await retried(() =>
        fetch(url, {
          method: 'POST',
          headers: { ...operator, 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'No space could be found in time' }),
        }),
      );
    },
    unplacedBookings: async () => {
      const url = `${system.urlOf('bookings')}/api/bookings?state=unplaced&limit=200`;
      const response = await retried(() => fetch(url, { headers: operator }));
      const { items } = (await response.json()) as { items: { id: string; event: { title: string } }[] };
      return items.map((item) => ({ id: item.id, title: item.event.title }));
    },
  };
}

async function postgresOutage(infra: IsolatedInfra, kind: FaultRunOptions['postgresOutage']): Promise<void> {
  if (kind === 'server') {
    const version = readdirSync('/etc/postgresql')[0];
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart']);
    return;
  }
  const name = new URL(infra.env.DATABASE_URL).pathname.slice(1);
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`alter database "${name}" allow_connections false`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
    await sleep(4000);
    await admin.query(`alter database "${name}" allow_connections true`);
  } finally {
    await admin.end();
  }
}

async function openBookings(database: Database): Promise<number> {
  const states = await countStates(database).catch(() => ({ unknown: 1 }));
  return Object.entries(states)
    .filter(([state]) => !FINAL.includes(state))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** For each booking left open: its history and its timers, to tell what it waits for. */
async function describeStuck(database: Database, say: (line: string) => void): Promise<void> {
  const { rows } = await database.query<{ id: string; state: string; version: number; title: string }>(
    `select "id", "state", "version", "title" from "bookings"."booking"
     where "state" not in (${FINAL.map((state) => `'${state}'`).join(', ')}) limit 10`,
  );
  for (const booking of rows) {
    const history = await database.query<{ from_state: string; to_state: string; cause: string }>(
      `select "from_state", "to_state", "cause" from "bookings"."booking_transition"
       where "booking_id" = $1 order by "id"`,
      [booking.id],
    );
    const timers = await database.query<{ id: string; due_at: Date; fired_at: Date; stopped_at: Date }>(
      `select "id", "due_at", "fired_at", "stopped_at" from "bookings"."timer" where "subject" = $1 order by "due_at"`,
      [booking.id],
    );
    say(`stuck: ${booking.title} (${booking.id}) ${booking.state} v${booking.version}`);
    say(
      `  history: ${history.rows.map((row) => `${row.from_state}->${row.to_state} (${row.cause})`).join('; ')}`,
    );
    for (const timer of timers.rows) {
      const fate = timer.fired_at ? 'fired' : timer.stopped_at ? 'stopped' : 'pending';
      say(`  timer ${timer.id.slice(37)} due ${new Date(timer.due_at).toISOString()} ${fate}`);
    }
  }
}

async function countStates(database: Database): Promise<Record<string, number>> {
  const { rows } = await database.query<{ state: string; count: number }>(
    'select "state", count(*)::int as "count" from "bookings"."booking" group by "state"',
  );
  return Object.fromEntries(rows.map((row) => [row.state, row.count]));
}

/**
 * What the metrics service answers (GET /api/metrics) against the bookings and directory databases: the
 * requests, the events held, the cancellations, the spaces. Waits a while for the last events to arrive.
 */
async function compareMetrics(
  database: Database,
  system: SystemProcesses,
  states: Record<string, number>,
  say: (line: string) => void,
): Promise<{ mismatches: string[]; protocols: Record<string, unknown> }> {
  const [{ count: approvedSpaces }] = (
    await database.query<{ count: number }>(
      `select count(*)::int as "count" from "directory"."space" where "status" = 'approved'`,
    )
  ).rows;
  const expected: Record<string, number> = {
    registeredSpaces: approvedSpaces,
    availabilityRequests: Object.values(states).reduce((a, b) => a + b, 0),
    eventsConducted: states.held ?? 0,
    cancellations: states.cancelled ?? 0,
  };
  let mismatches: string[] = [];
  let protocols: Record<string, unknown> = {};
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await retried(() =>
      fetch(`${system.urlOf('metrics')}/api/metrics?to=${encodeURIComponent(new Date().toISOString())}`),
    );
    const metrics = (await response.json()) as {
      registeredSpaces: { total: number };
      availabilityRequests: number;
      eventsConducted: number;
      protocols: { cancellations: { organizer: number; operator: number } } & Record<string, unknown>;
    };
    protocols = metrics.protocols;
    const counted: Record<string, number> = {
      registeredSpaces: metrics.registeredSpaces.total,
      availabilityRequests: metrics.availabilityRequests,
      eventsConducted: metrics.eventsConducted,
      cancellations: metrics.protocols.cancellations.organizer + metrics.protocols.cancellations.operator,
    };
    mismatches = Object.entries(expected)
      .filter(([name, count]) => counted[name] !== count)
      .map(([name, count]) => `${name}: metrics ${counted[name]}, databases ${count}`);
    if (mismatches.length === 0) break;
    await sleep(1000);
  }
  if (mismatches.length) say(`metrics disagree: ${mismatches.join('; ')}`);
  return { mismatches, protocols };
}
