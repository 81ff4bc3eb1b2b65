// The queue of deliveries to attempt, separate from the inbox so that sending retries on its own schedule.
// The job id is the delivery id, so putting a delivery in twice is a no-op.
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Queue, type JobsOptions } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { redisOptions } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import { Batch } from './batch';

export const DELIVERY_QUEUE = 'notifications-delivery';

export interface DeliveryJob {
  deliveryId: string;
  correlationId: string | null;
}

@Injectable()
export class DeliveryQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryQueue.name);
  private readonly afterCommit = new WeakMap<object, DeliveryJob[]>();
  private queue?: Queue<DeliveryJob>;
  // The deliveries of many inbox transactions committed in the same moment leave in one round trip.
  private readonly committed = new Batch<DeliveryJob, void>(async (jobs) => {
    await this.add(jobs);
    return jobs.map(() => undefined);
  });

  constructor(
    orm: MikroORM,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {
    // Registered at construction: the inbox worker starts before the application's bootstrap hooks run.
    orm.em.getEventManager().registerSubscriber({
      afterTransactionCommit: ({ em }) => {
        const jobs = this.afterCommit.get(em);
        if (!jobs) return;
        this.afterCommit.delete(em);
        // The deliveries are committed; if Redis fails now, the sweeper queues them later.
        for (const job of jobs) {
          this.committed
            .call(job)
            .catch((error) =>
              this.logger.warn(
                `Could not queue delivery ${job.deliveryId}, the sweeper will: ${error.message}`,
              ),
            );
        }
      },
    });
  }

  /** Queues the delivery once the transaction of `em` commits; nothing if it rolls back. */
  addAfterCommit(em: EntityManager, job: DeliveryJob): void {
    const jobs = this.afterCommit.get(em) ?? [];
    jobs.push(job);
    this.afterCommit.set(em, jobs);
  }

  async add(jobs: DeliveryJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.bullQueue().addBulk(
      jobs.map((job) => ({
        name: 'deliver',
        data: job,
        opts: { ...this.jobOptions(), jobId: job.deliveryId },
      })),
    );
  }

  /** The job's state, "unknown" when there is none. */
  state(deliveryId: string): Promise<string> {
    return this.bullQueue().getJobState(deliveryId);
  }

  /** Removes a finished job so that the delivery can be queued again; false when it is locked by a worker. */
  async removeFinished(deliveryId: string): Promise<boolean> {
    return (await this.bullQueue().remove(deliveryId)) === 1;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }

  private jobOptions(): JobsOptions {
    return {
      attempts: this.env.EMAIL_MAX_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.env.EMAIL_RETRY_DELAY },
      removeOnComplete: { age: 24 * 3600, count: 50_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
    };
  }

  private bullQueue(): Queue<DeliveryJob> {
    this.queue ??= new Queue<DeliveryJob>(DELIVERY_QUEUE, {
      connection: redisOptions(this.env.REDIS_URL),
      prefix: this.env.QUEUE_PREFIX,
    });
    return this.queue;
  }
}
