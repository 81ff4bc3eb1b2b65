// Every queue of every service, as operators watch them: each service's inbox and the notifications' delivery
// queue, under the deployment's QUEUE_PREFIX. Counts by state, and the delayed jobs overdue by more than a minute.
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Environment } from '@cocomo/config';
import { inboxQueue, SERVICES } from '@cocomo/contracts';
import { redisOptions } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';

/** The notifications service's queue of mails to send (apps/notifications/src/delivery/delivery-queue.ts). */
export const DELIVERY_QUEUE = 'notifications-delivery';
export const WATCHED_QUEUE_NAMES = [...SERVICES.map(inboxQueue), DELIVERY_QUEUE];

/** A delayed job this long past its due time means no worker is promoting it: a stopped scheduler. */
export const OVERDUE_AFTER_MS = 60_000;

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueCounts = Record<(typeof QUEUE_STATES)[number], number> & { overdue: number };

@Injectable()
export class WatchedQueues implements OnApplicationShutdown {
  readonly queues: Queue[];

  constructor(@Inject(ENVIRONMENT) env: Environment) {
    const connection = redisOptions(env.REDIS_URL);
    this.queues = WATCHED_QUEUE_NAMES.map(
      (name) => new Queue(name, { connection, prefix: env.QUEUE_PREFIX }),
    );
  }

  async counts(): Promise<Record<string, QueueCounts>> {
    const entries = await Promise.all(
      this.queues.map(async (queue) => {
        const [counts, overdue] = await Promise.all([
          queue.getJobCounts(...QUEUE_STATES),
          this.overdue(queue),
        ]);
        return [
          queue.name,
          { ...(counts as Record<(typeof QUEUE_STATES)[number], number>), overdue },
        ] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  /**
   * Delayed jobs (timers, and retries waiting for their back-off) whose due time passed more than a minute ago.
   * BullMQ scores a delayed job by its due time in milliseconds times 0x1000.
   */
  private async overdue(queue: Queue): Promise<number> {
    const client = (await queue.client) as unknown as Redis;
    return client.zcount(queue.keys.delayed, 0, (Date.now() - OVERDUE_AFTER_MS) * 0x1000 - 1);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}
