// Booking throughput with the four built services each in its own process, as they run in production:
// organizers' requests through to confirmed, with simulated hosts pressing Accept through the action endpoint,
// while the mails go to an SMTP server in this process and the metrics service counts every event. Beside it,
// raw BullMQ jobs per second on the same Redis in the same run, and what each process spent of the CPU.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { SERVICES, type ServiceName } from '@cocomo/contracts';
import { redisOptions } from '@cocomo/messaging';
import { TestSmtpServer } from '@cocomo/testing';
import { dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import type { BenchSection } from './bench-section';
import { cpuMs, cpuMsNamed, driveBookings, inboxQueues, jobCount, settled } from './booking-load';
import { sweptTimers, sweptTimersIn, type TimerTrace } from './swept-timers';
import { BUILT_ROOT, serviceVariables, startAllServices, type RunningService } from './service-process';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS || 1000);
const WARMUP = 100;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 32);
const YARDSTICK_JOBS = 10_000;

/** One producer adding in bulk, one worker at the same concurrency: what Redis and BullMQ alone can do. */
async function rawBullmq(env: Environment, jobs: number): Promise<number> {
  const connection = redisOptions(env.REDIS_URL);
  const queue = new Queue('yardstick', { connection, prefix: env.QUEUE_PREFIX });
  let done = 0;
  let finished: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (finished = resolve));
  const worker = new Worker(
    'yardstick',
    async () => {
      if (++done === jobs) finished();
    },
    { connection, prefix: env.QUEUE_PREFIX, concurrency: CONCURRENCY },
  );
  await worker.waitUntilReady();
  const started = performance.now();
  for (let i = 0; i < jobs; i += 100) {
    await queue.addBulk(
      Array.from({ length: Math.min(100, jobs - i) }, () => ({ name: 'job', data: { id: randomUUID() } })),
    );
  }
  await all;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.close();
  return jobs / seconds;
}

/** Waits until the SMTP server has had no new mail for a second: the deliveries' own retries are over. */
async function mailsStopped(smtp: TestSmtpServer): Promise<void> {
  for (let seen = -1; seen !== smtp.mails.length;) {
    seen = smtp.mails.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

type Meter = ServiceName | 'postgres' | 'redis' | 'load generator and SMTP';
const LOAD_GENERATOR = 'load generator and SMTP' as const;

/**
 * CPU used so far by each service, by the PostgreSQL backends serving `database` (not those of other
 * databases on a shared server, nor its background writers) and by Redis (all of it: it cannot be split).
 */
function cpuNow(running: Record<ServiceName, RunningService>, database: string): Record<Meter, number> {
  return {
    ...(Object.fromEntries(SERVICES.map((s) => [s, cpuMs(running[s].pid)])) as Record<ServiceName, number>),
    postgres: cpuMsNamed('postgres', ` ${database} `),
    redis: cpuMsNamed('redis-server'),
    [LOAD_GENERATOR]: cpuMs(process.pid),
  };
}

const tenths = (value: number) => Math.round(value * 10) / 10;

interface WorkflowRun {
  confirmed: number;
  bookingsPerS: number;
  settledSeconds: number;
  jobs: number;
  mails: number;
  cpuMsPerBookingByProcess: Record<Meter, number>;
  /** Every process but the load generator and the SMTP server, PostgreSQL and Redis included. */
  cpuMsPerBooking: number;
  scheduledBySweep: number | undefined;
  /** The timers a sweep scheduled, with their subject's other timers. */
  sweptBySubject: Record<string, TimerTrace[]>;
}

/** The workflow on the services built under `root`, in a database and Redis prefix of its own. */
async function measureWorkflow(
  name: string,
  root: string,
  say: (line: string) => void,
): Promise<WorkflowRun> {
  const smtp = await TestSmtpServer.start({ parse: false });
  const env = await freshBenchEnvironment(name, { REQUEST_TIMEOUT: '30s' });
  const database = new URL(env.DATABASE_URL).pathname.slice(1);
  const variables = { ...serviceVariables(env), SMTP_URL: smtp.url };
  const running = {} as Record<ServiceName, RunningService>;
  const queues = inboxQueues(env);
  try {
    say(`${root}: migrating the four schemas, starting the services, loading the demo spaces`);
    await startAllServices(variables, running, root);
    await settled(queues, 60_000);
    say(`${WARMUP} bookings to warm up`);
    await driveBookings(env, running, WARMUP, CONCURRENCY);
    await settled(queues, 120_000);
    await mailsStopped(smtp);

    say(`${BOOKINGS} bookings, ${CONCURRENCY} at a time: request, then the host presses Accept`);
    const jobsBefore = await jobCount(queues);
    const mailsBefore = smtp.mails.length;
    const cpuBefore = cpuNow(running, database);
    const started = performance.now();
    const load = await driveBookings(env, running, BOOKINGS, CONCURRENCY, WARMUP);
    await settled(queues, 300_000);
    await mailsStopped(smtp);
    const settledSeconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuNow(running, database);
    const jobs = (await jobCount(queues)) - jobsBefore;
    const mails = smtp.mails.length - mailsBefore;
    const byProcess = Object.fromEntries(
      (Object.keys(cpuAfter) as Meter[]).map((meter) => [
        meter,
        tenths((cpuAfter[meter] - cpuBefore[meter]) / BOOKINGS),
      ]),
    ) as Record<Meter, number>;
    const services = (Object.keys(byProcess) as Meter[]).filter((meter) => meter !== LOAD_GENERATOR);
    const swept = await sweptTimersIn(env.DATABASE_URL, 'bookings');
    return {
      confirmed: load.confirmed,
      bookingsPerS: tenths(load.confirmed / load.seconds),
      settledSeconds,
      jobs,
      mails,
      cpuMsPerBookingByProcess: byProcess,
      cpuMsPerBooking: tenths(services.reduce((sum, meter) => sum + byProcess[meter], 0)),
      scheduledBySweep: swept?.count,
      sweptBySubject: swept?.bySubject ?? {},
    };
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    for (const service of SERVICES) await running[service]?.stop();
    await dropBenchEnvironment(env);
    await smtp.stop();
  }
}

export const workflowSection: BenchSection = {
  key: 'workflow',
  title: 'Booking workflow',
  run: async (say) => {
    // BENCH_BESIDE=<another checkout, built>: its services run the same workflow first, as the yardstick;
    // BENCH_BESIDE_ROUNDS=<n> takes turns n times, and each side's least CPU per booking counts (the machine's
    // other load only ever adds to it).
    const beside = process.env.BENCH_BESIDE ? path.resolve(process.env.BENCH_BESIDE, 'dist') : undefined;
    const rounds = beside ? Math.max(1, Number(process.env.BENCH_BESIDE_ROUNDS || 1)) : 1;
    const baseRuns: WorkflowRun[] = [];
    const runs: WorkflowRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      if (rounds > 1) say(`round ${round} of ${rounds}`);
      if (beside) baseRuns.push(await measureWorkflow('workflow_beside', beside, say));
      runs.push(await measureWorkflow('workflow', BUILT_ROOT, say));
    }
    const least = (all: WorkflowRun[]) =>
      all.reduce((best, one) => (one.cpuMsPerBooking < best.cpuMsPerBooking ? one : best), all[0]);
    const base = beside ? least(baseRuns) : undefined;
    const run = least(runs);
    sweptTimers.workflow = runs.reduce((sum, one) => sum + (one.scheduledBySweep ?? 0), 0);

    say('yardstick: raw BullMQ jobs through one worker');
    const env = await freshBenchEnvironment('workflow');
    const rawBullmqJobsPerS = await rawBullmq(env, YARDSTICK_JOBS).finally(() => dropBenchEnvironment(env));
    // What the machine's cores could do at most, were every one of them busy with nothing but bookings.
    const cores = availableParallelism();
    const allMs = run.cpuMsPerBooking + run.cpuMsPerBookingByProcess[LOAD_GENERATOR];
    const ceilingBookingsPerS = tenths((cores * 1000) / allMs);
    const result = {
      bookings: BOOKINGS,
      confirmed: run.confirmed,
      bookingsPerS: run.bookingsPerS,
      // Until every mail of those bookings was sent and every event counted by the metrics service.
      settledBookingsPerS: tenths(BOOKINGS / run.settledSeconds),
      jobsPerBooking: tenths(run.jobs / BOOKINGS),
      mailsPerBooking: tenths(run.mails / BOOKINGS),
      cpuMsPerBooking: run.cpuMsPerBooking,
      cpuMsPerBookingByProcess: run.cpuMsPerBookingByProcess,
      cores,
      ceilingBookingsPerS,
      timersScheduledBySweep: sweptTimers.workflow,
      // Each timer a sweep took, with its subject's other timers: where a commit's kick went missing.
      timersSweptBySubject: Object.assign({}, ...runs.map((one) => one.sweptBySubject)),
      yardstick: {
        rawBullmqJobsPerS: Math.round(rawBullmqJobsPerS),
        bookingJobsPerSToRaw:
          Math.round(((run.bookingsPerS * run.jobs) / BOOKINGS / rawBullmqJobsPerS) * 100) / 100,
      },
      ...(base && {
        beside: {
          build: process.env.BENCH_BESIDE,
          confirmed: base.confirmed,
          bookingsPerS: base.bookingsPerS,
          jobsPerBooking: tenths(base.jobs / BOOKINGS),
          mailsPerBooking: tenths(base.mails / BOOKINGS),
          cpuMsPerBooking: base.cpuMsPerBooking,
          cpuMsPerBookingByProcess: base.cpuMsPerBookingByProcess,
        },
        cpuMsPerBookingToBeside: Math.round((run.cpuMsPerBooking / base.cpuMsPerBooking) * 100) / 100,
        rounds: baseRuns.map((one, index) => ({
          beside: one.cpuMsPerBooking,
          this: runs[index].cpuMsPerBooking,
          ratio: Math.round((runs[index].cpuMsPerBooking / one.cpuMsPerBooking) * 100) / 100,
        })),
      }),
    };
    const meters = Object.keys(run.cpuMsPerBookingByProcess) as Meter[];
    return {
      result,
      rows: [
        { measure: 'bookings confirmed', value: `${run.confirmed} of ${BOOKINGS}` },
        {
          measure: 'bookings/s, request to confirmed',
          value: String(run.bookingsPerS),
          goal: '≥ 200',
          met: run.bookingsPerS >= 200,
        },
        { measure: 'bookings/s, until mails sent and counted', value: String(result.settledBookingsPerS) },
        { measure: 'queue jobs per booking', value: String(result.jobsPerBooking) },
        { measure: 'mails per booking', value: String(result.mailsPerBooking) },
        ...meters.map((meter) => ({
          measure: `CPU ms per booking: ${meter}`,
          value: base
            ? `${run.cpuMsPerBookingByProcess[meter]} (beside: ${base.cpuMsPerBookingByProcess[meter]})`
            : String(run.cpuMsPerBookingByProcess[meter]),
        })),
        {
          measure: 'CPU ms per booking: services, PostgreSQL and Redis',
          value: base
            ? `${run.cpuMsPerBooking} (beside: ${base.cpuMsPerBooking})`
            : String(run.cpuMsPerBooking),
          ...(base && {
            goal: '≤ 0.5 × beside',
            met: run.cpuMsPerBooking <= base.cpuMsPerBooking / 2,
          }),
        },
        {
          measure: 'timers scheduled by a sweep',
          value: String(sweptTimers.workflow),
          goal: '0',
          met: sweptTimers.workflow === 0,
        },
        {
          measure: `ceiling: ${cores} cores ÷ CPU per booking, all processes (bookings/s)`,
          value: String(ceilingBookingsPerS),
        },
        { measure: 'raw BullMQ jobs/s (yardstick)', value: String(result.yardstick.rawBullmqJobsPerS) },
      ],
    };
  },
};
