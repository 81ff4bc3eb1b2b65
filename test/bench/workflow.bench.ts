// Booking throughput: organizers' requests through to confirmed, with simulated hosts pressing Accept
// through the action endpoint; beside it, raw BullMQ jobs per second on the same Redis in the same run.
import { randomUUID } from 'node:crypto';
import { RequestContext, MikroORM } from '@mikro-orm/postgresql';
import { Queue, Worker } from 'bullmq';
import { inboxQueue, SERVICES } from '@cocomo/contracts';
import { linkSecrets, newNonce, signLinkToken } from '@cocomo/links';
import { redisOptions } from '@cocomo/messaging';
import { startService } from '@cocomo/testing';
import { bookingsDefinition, BookingsModule } from '../../apps/bookings/src/bookings.module';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { SpacesService } from '../../apps/directory/src/spaces/spaces.service';
import { dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import type { BenchSection } from './bench-section';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS || 300);
const CONCURRENCY = 20;
const SPACES = 40;

async function rawBullmq(
  env: Awaited<ReturnType<typeof freshBenchEnvironment>>,
  jobs: number,
): Promise<number> {
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

async function jobCount(queues: Queue[]): Promise<number> {
  const counts = await Promise.all(
    queues.map((queue) =>
      queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'),
    ),
  );
  return counts.reduce((sum, count) => sum + Object.values(count).reduce((a, b) => a + b, 0), 0);
}

export const workflowSection: BenchSection = {
  key: 'workflow',
  title: 'Booking workflow',
  run: async (say) => {
    const env = await freshBenchEnvironment('workflow', { REQUEST_TIMEOUT: '30s' });
    const directory = await startService(directoryApp, env);
    const bookings = await startService(
      { ...bookingsDefinition, module: BookingsModule.forRoot, concurrency: 32 },
      env,
    );
    const queues = SERVICES.map(
      (service) =>
        new Queue(inboxQueue(service), { connection: redisOptions(env.REDIS_URL), prefix: env.QUEUE_PREFIX }),
    );
    try {
      say(`seeding ${SPACES} approved spaces`);
      const hosts = new Map<string, string>();
      const spaces = directory.app.get(SpacesService);
      await RequestContext.create(directory.app.get(MikroORM).em, async () => {
        for (let i = 0; i < SPACES; i++) {
          const email = `bench-host-${i}@example.org`;
          const space = await spaces.register(
            {
              name: `Bench Space ${i}`,
              kind: 'community',
              description: '',
              address: `${i} Bench Street`,
              city: 'Berlin',
              country: 'DE',
              latitude: 52.4 + (i % 10) * 0.02,
              longitude: 13.3 + Math.floor(i / 10) * 0.02,
              timezone: 'Europe/Berlin',
              capacity: 100,
              amenities: ['wifi'],
              pricing: { model: 'free' },
              marketRate: { amount: 300, currency: 'EUR', per: 'day' },
              host: { name: `Host ${i}`, email },
              eligibility: { supportsFoss: true, nonCommercialPledge: true },
            },
            { quiet: true },
          );
          await spaces.verifyWithoutLink(space.id);
          await spaces.approve(space.id, { quiet: true });
          hosts.set(space.id, email);
        }
      });

      const secrets = linkSecrets(env.LINK_SECRET);
      const before = await jobCount(queues);
      let next = 0;
      let confirmed = 0;
      const oneBooking = async (index: number) => {
        const start = Date.now() + (30 + index) * 86_400_000;
        const created = await fetch(`${bookings.url}/api/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            organizer: { name: 'Bench', email: 'bench@example.org', community: `Bench ${index % 50}` },
            event: {
              title: `Bench ${index}`,
              start: new Date(start).toISOString(),
              end: new Date(start + 3_600_000).toISOString(),
              expectedAttendees: 20,
            },
            near: { latitude: 52.45, longitude: 13.35, radiusKm: 30 },
          }),
        });
        const { id, spaceId } = (await created.json()) as { id: string; spaceId: string };
        const token = signLinkToken(
          {
            subject: `${id}~${spaceId}`,
            action: 'host-accept',
            recipient: hosts.get(spaceId)!,
            expiresAt: Math.floor(Date.now() / 1000) + 3600,
            nonce: newNonce(),
          },
          secrets,
        );
        const pressed = await fetch(`${bookings.url}/actions/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'choice=confirm',
        });
        if (pressed.status === 200) confirmed++;
      };
      say(`${BOOKINGS} bookings, ${CONCURRENCY} at a time: request, then the host presses Accept`);
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < BOOKINGS) await oneBooking(next++);
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const jobs = (await jobCount(queues)) - before;
      say('yardstick: raw BullMQ jobs through one worker');
      const rawBullmqJobsPerS = await rawBullmq(env, 5000);
      const result = {
        bookings: BOOKINGS,
        confirmed,
        bookingsPerS: Math.round((confirmed / seconds) * 10) / 10,
        jobsPerBooking: Math.round((jobs / BOOKINGS) * 10) / 10,
        yardstick: { rawBullmqJobsPerS: Math.round(rawBullmqJobsPerS) },
      };
      return {
        result,
        rows: [
          { measure: 'bookings confirmed', value: `${confirmed} of ${BOOKINGS}` },
          {
            measure: 'bookings/s, request to confirmed',
            value: String(result.bookingsPerS),
            goal: '≥ 200',
            met: result.bookingsPerS >= 200,
          },
          { measure: 'queue jobs per booking', value: String(result.jobsPerBooking) },
          { measure: 'raw BullMQ jobs/s (yardstick)', value: String(result.yardstick.rawBullmqJobsPerS) },
        ],
      };
    } finally {
      await Promise.all(queues.map((queue) => queue.close()));
      await bookings.close();
      await directory.close();
      await dropBenchEnvironment(env);
    }
  },
};
