// The queues' signals, from Redis: jobs by state, how long the oldest waiting job has been ready without a worker
// taking it, and delayed jobs (timers, retries waiting for their back-off) more than a minute past their due time,
// which a running worker would have moved on: that queue's worker has stopped.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { SampledGauges } from './sampled-gauges';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A delayed job this long past its due time means no worker is promoting it. */
export const DELAYED_OVERDUE_AFTER_MS = 60_000;

export function registerQueueSignals(registry: Registry, queues: () => Queue[]): void {
  new SampledGauges(
    registry,
    {
      jobs: {
        name: 'cocomo_queue_jobs',
        help: 'Jobs in each queue by state',
        labelNames: ['queue', 'state'],
      },
      oldestWaiting: {
        name: 'cocomo_queue_oldest_waiting_seconds',
        help: 'How long the oldest waiting job of each queue has been ready for a worker (0 when none waits)',
        labelNames: ['queue'],
      },
      overdue: {
        name: 'cocomo_overdue_timers',
        help: 'Delayed jobs (timers, retries) more than a minute past their due time',
        labelNames: ['queue'],
      },
    },
    async ({ jobs, oldestWaiting, overdue }) => {
      await Promise.all(
        queues().map(async (queue) => {
          const [counts, waitingFor, late] = await Promise.all([
            queue.getJobCounts(...QUEUE_STATES),
            oldestWaitingSeconds(queue),
            overdueDelayed(queue),
          ]);
          for (const state of QUEUE_STATES) jobs.set({ queue: queue.name, state }, counts[state] ?? 0);
          oldestWaiting.set({ queue: queue.name }, waitingFor);
          overdue.set({ queue: queue.name }, late);
        }),
      );
    },
    'the queues',
  );
}

/**
 * The oldest job of the wait list is at its tail (workers take from there). It has been ready since it was added,
 * or, for a job that was delayed (a timer, a retry), since its delay ran out.
 */
async function oldestWaitingSeconds(queue: Queue): Promise<number> {
  const client = await queue.client;
  const [id] = await client.lrange(queue.keys.wait, -1, -1);
  if (!id) return 0;
  const [timestamp, delay] = await client.hmget(`${queue.keys['']}${id}`, 'timestamp', 'delay');
  if (!timestamp) return 0;
  return Math.max(0, (Date.now() - Number(timestamp) - Number(delay ?? 0)) / 1000);
}

/** BullMQ scores a delayed job by its due time in milliseconds times 0x1000. */
async function overdueDelayed(queue: Queue): Promise<number> {
  const client = (await queue.client) as unknown as Redis;
  return client.zcount(queue.keys.delayed, 0, (Date.now() - DELAYED_OVERDUE_AFTER_MS) * 0x1000 - 1);
}
