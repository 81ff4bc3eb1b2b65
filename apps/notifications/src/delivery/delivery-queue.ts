// The queue of delivery attempts after a first one made in-process (or of every attempt, when the process
// that recorded the delivery does not send), separate from the inbox so that sending retries on its own
// schedule. The job id is the delivery id, so putting a delivery in twice is a no-op.
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { QueueConnection } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import { Batch } from './batch';
import type { AttemptOutcome } from './delivery-worker';

export const DELIVERY_QUEUE = 'notifications-delivery';

export interface DeliveryJob {
  deliveryId: string;
  correlationId: string | null;
}

@Injectable()
export class DeliveryQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryQueue.name);
  private queue?: Queue<DeliveryJob>;
  private readonly connection: QueueConnection;
  private readonly retries = new Batch<DeliveryJob, void>(async (jobs) => {
    await this.add(jobs, true);
    return jobs.map(() => undefined);
  });

  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {
    this.connection = new QueueConnection(env.REDIS_URL);
  }

  /**
   * Queues the deliveries. `afterFirstAttempt`: their first attempt failed here, so the job's first run is
   * their second attempt, after the first pause, and its back-off goes on from there (1, 2, 4… × the delay).
   */
  async add(jobs: DeliveryJob[], afterFirstAttempt = false): Promise<void> {
    if (jobs.length === 0) return;
    const delay = this.env.EMAIL_RETRY_DELAY;
    const options: JobsOptions = afterFirstAttempt
      ? { ...this.jobOptions(), delay, backoff: { type: 'exponential', delay: 2 * delay } }
      : this.jobOptions();
    await this.bullQueue().addBulk(
      jobs.map((job) => ({ name: 'deliver', data: job, opts: { ...options, jobId: job.deliveryId } })),
    );
  }

  /** After a first attempt that failed (the server said "try later", or the database was away), a job retries. */
  retryIfNeeded(job: DeliveryJob, attempt: Promise<AttemptOutcome>): void {
    const queued = () =>
      void this.retries
        .call(job)
        .catch((error) =>
          this.logger.warn(`Could not queue delivery ${job.deliveryId}, the sweeper will: ${error.message}`),
        );
    attempt.then(({ outcome }) => {
      if (outcome === 'retry') queued();
    }, queued);
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
    await this.connection.close();
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
      connection: this.connection.options,
      prefix: this.env.QUEUE_PREFIX,
    });
    return this.queue;
  }
}
