// The queue signals against a real Redis: depths by state, how long the oldest waiting job has been ready (from
// when it was added, or when its delay ran out), and delayed jobs left past their due time.
import { spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { freePort, isolatedInfra, type IsolatedInfra } from '@cocomo/testing';
import { redisOptions } from '../redis-connection';
import { registerQueueSignals } from './queue-signals';

let infra: IsolatedInfra;
let queue: Queue;
let idle: Queue;
const registry = new Registry();

beforeAll(async () => {
  infra = await isolatedInfra();
  const connection = redisOptions(infra.env.REDIS_URL);
  queue = new Queue('signals-probe', { connection, prefix: infra.env.QUEUE_PREFIX });
  idle = new Queue('signals-idle', { connection, prefix: infra.env.QUEUE_PREFIX });
  registerQueueSignals(registry, () => [queue, idle]);
});
afterAll(async () => {
  await queue?.close();
  await idle?.close();
  await infra?.cleanup();
});

const value = async (name: string, labels: Record<string, string>) =>
  (await registry.getSingleMetric(name)!.get()).values.find((entry) =>
    Object.entries(labels).every(([label, wanted]) => entry.labels[label] === wanted),
  )?.value;

it('tells each queue its waiting jobs and how long the oldest of them has been ready', async () => {
  // Added two minutes ago, then a second one now: the oldest is the first.
  await queue.add('probe', {}, { timestamp: Date.now() - 120_000 });
  await queue.add('probe', {});
  // Delayed by a minute when it was added three minutes ago: ready for two minutes too.
  await queue.add('probe', {}, { timestamp: Date.now() - 180_000, delay: 60_000 });
  await registry.metrics();
  expect(await value('cocomo_queue_jobs', { queue: 'signals-probe', state: 'waiting' })).toBe(2);
  const oldest = await value('cocomo_queue_oldest_waiting_seconds', { queue: 'signals-probe' });
  expect(oldest).toBeGreaterThanOrEqual(119);
  expect(oldest).toBeLessThan(150);
  expect(await value('cocomo_queue_jobs', { queue: 'signals-idle', state: 'waiting' })).toBe(0);
  expect(await value('cocomo_queue_oldest_waiting_seconds', { queue: 'signals-idle' })).toBe(0);
});

it('tells the delayed jobs a worker should have moved on more than a minute ago', async () => {
  await idle.add('timer', {}, { timestamp: Date.now() - 5 * 60_000, delay: 1000 });
  await idle.add('timer', {}, { delay: 60 * 60_000 });
  await registry.metrics();
  expect(await value('cocomo_queue_jobs', { queue: 'signals-idle', state: 'delayed' })).toBe(2);
  expect(await value('cocomo_overdue_timers', { queue: 'signals-idle' })).toBe(1);
});

it('leaves its series out of a scrape while Redis does not answer, and the scrape still answers in time', async () => {
  // A Redis of its own, stopped (SIGSTOP) once the queue is connected: commands get no answer, as in an outage.
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const stalled = new Queue('signals-stalled', {
    connection: redisOptions(`redis://127.0.0.1:${port}`),
    prefix: infra.env.QUEUE_PREFIX,
  });
  stalled.on('error', () => undefined);
  try {
    await eventually(() => stalled.waitUntilReady().then(() => true));
    const alone = new Registry();
    registerQueueSignals(alone, () => [stalled]);
    server.kill('SIGSTOP');
    const started = Date.now();
    const text = await alone.metrics();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(text).toContain('# TYPE cocomo_queue_jobs gauge');
    expect(text).not.toMatch(/^cocomo_queue_jobs\{/m);
  } finally {
    server.kill('SIGCONT');
    await stalled.close();
    server.kill('SIGTERM');
  }
});

/** Retries `attempt` until it resolves, for at most ten seconds (redis-server takes a moment to listen). */
async function eventually(attempt: () => Promise<unknown>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (i >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
