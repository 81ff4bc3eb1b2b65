// Booking throughput with the four built services each in its own process, as they run in production:
// organizers' requests through to confirmed, with simulated hosts pressing Accept through the action endpoint,
// while the mails go to an SMTP server in this process and the metrics service counts every event. Beside it,
// raw BullMQ jobs per second on the same Redis in the same run, and what each process spent of the CPU.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Queue, Worker } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { SERVICES, type ServiceName } from '@cocomo/contracts';
import { redisOptions } from '@cocomo/messaging';
import { TestSmtpServer } from '@cocomo/testing';
import { dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import type { BenchSection } from './bench-section';
import { cpuMs, cpuMsNamed, driveBookings, inboxQueues, jobCount, settled } from './booking-load';
import { serviceVariables, startAllServices, type RunningService } from './service-process';

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

function cpuNow(running: Record<ServiceName, RunningService>): Record<Meter, number> {
  return {
    ...(Object.fromEntries(SERVICES.map((s) => [s, cpuMs(running[s].pid)])) as Record<ServiceName, number>),
    postgres: cpuMsNamed('postgres'),
    redis: cpuMsNamed('redis-server'),
    'load generator and SMTP': cpuMs(process.pid),
  };
}

export const workflowSection: BenchSection = {
  key: 'workflow',
  title: 'Booking workflow',
  run: async (say) => {
    const smtp = await TestSmtpServer.start({ parse: false });
    const env = await freshBenchEnvironment('workflow', { REQUEST_TIMEOUT: '30s' });
    const variables = { ...serviceVariables(env), SMTP_URL: smtp.url };
    const running = {} as Record<ServiceName, RunningService>;
    const queues = inboxQueues(env);
    try {
      say('migrating the four schemas, starting the services, loading the demo spaces');
      await startAllServices(variables, running);
      await settled(queues, 60_000);
      say(`${WARMUP} bookings to warm up`);
      await driveBookings(env, running, WARMUP, CONCURRENCY);
      await settled(queues, 120_000);
      await mailsStopped(smtp);

      say(`${BOOKINGS} bookings, ${CONCURRENCY} at a time: request, then the host presses Accept`);
      const jobsBefore = await jobCount(queues);
      const mailsBefore = smtp.mails.length;
      const cpuBefore = cpuNow(running);
      const started = performance.now();
      const load = await driveBookings(env, running, BOOKINGS, CONCURRENCY, WARMUP);
      await settled(queues, 300_000);
      await mailsStopped(smtp);
      const settledSeconds = (performance.now() - started) / 1000;
      const cpuAfter = cpuNow(running);
      const jobs = (await jobCount(queues)) - jobsBefore;
      const mails = smtp.mails.length - mailsBefore;

      say('yardstick: raw BullMQ jobs through one worker');
      const rawBullmqJobsPerS = await rawBullmq(env, YARDSTICK_JOBS);
      const cpuMsPerBooking = Object.fromEntries(
        (Object.keys(cpuAfter) as Meter[]).map((meter) => [
          meter,
          Math.round(((cpuAfter[meter] - cpuBefore[meter]) / BOOKINGS) * 10) / 10,
        ]),
      ) as Record<Meter, number>;
      const cpuMsPerBookingInAll = Object.values(cpuMsPerBooking).reduce((sum, ms) => sum + ms, 0);
      // What the machine's cores could do at most, were every one of them busy with nothing but bookings.
      const cores = availableParallelism();
      const ceilingBookingsPerS = Math.round(((cores * 1000) / cpuMsPerBookingInAll) * 10) / 10;
      const bookingsPerS = Math.round((load.confirmed / load.seconds) * 10) / 10;
      const result = {
        bookings: BOOKINGS,
        confirmed: load.confirmed,
        bookingsPerS,
        // Until every mail of those bookings was sent and every event counted by the metrics service.
        settledBookingsPerS: Math.round((BOOKINGS / settledSeconds) * 10) / 10,
        jobsPerBooking: Math.round((jobs / BOOKINGS) * 10) / 10,
        mailsPerBooking: Math.round((mails / BOOKINGS) * 10) / 10,
        cpuMsPerBooking: { ...cpuMsPerBooking, all: Math.round(cpuMsPerBookingInAll * 10) / 10 },
        cores,
        ceilingBookingsPerS,
        yardstick: {
          rawBullmqJobsPerS: Math.round(rawBullmqJobsPerS),
          bookingJobsPerSToRaw:
            Math.round(((bookingsPerS * jobs) / BOOKINGS / rawBullmqJobsPerS) * 100) / 100,
        },
      };
      return {
        result,
        rows: [
          { measure: 'bookings confirmed', value: `${load.confirmed} of ${BOOKINGS}` },
          {
            measure: 'bookings/s, request to confirmed',
            value: String(bookingsPerS),
            goal: '≥ 200',
            met: bookingsPerS >= 200,
          },
          { measure: 'bookings/s, until mails sent and counted', value: String(result.settledBookingsPerS) },
          { measure: 'queue jobs per booking', value: String(result.jobsPerBooking) },
          { measure: 'mails per booking', value: String(result.mailsPerBooking) },
          ...(Object.keys(cpuMsPerBooking) as Meter[]).map((meter) => ({
            measure: `CPU ms per booking: ${meter}`,
            value: String(cpuMsPerBooking[meter]),
          })),
          { measure: 'CPU ms per booking: all of them', value: String(result.cpuMsPerBooking.all) },
          {
            measure: `ceiling: ${cores} cores ÷ CPU per booking (bookings/s)`,
            value: String(ceilingBookingsPerS),
          },
          { measure: 'raw BullMQ jobs/s (yardstick)', value: String(result.yardstick.rawBullmqJobsPerS) },
        ],
      };
    } finally {
      await Promise.all(queues.map((queue) => queue.close()));
      for (const service of SERVICES) await running[service]?.stop();
      await dropBenchEnvironment(env);
      await smtp.stop();
    }
  },
};
