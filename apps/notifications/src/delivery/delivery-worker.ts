// Sends queued deliveries: one attempt per job, retried by BullMQ with exponential back-off. The deliveries
// table, not the job, decides: a sent or failed delivery is never sent again, and its attempts are counted there.
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { redisOptions, withCorrelationId } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import { Deliveries } from './deliveries.service';
import { DELIVERY_QUEUE, type DeliveryJob } from './delivery-queue';
import { MailSender } from './mail-sender';
import { describeFailure, isPermanentRefusal } from './smtp-failure';

/** How many deliveries one process attempts at once; the SMTP pool bounds the connections. */
const CONCURRENCY = 50;
/** How often recording a sent mail is tried while the database is away (about five minutes in all). */
const RECORD_SENT_ATTEMPTS = 60;

export interface AttemptOutcome {
  outcome: 'sent' | 'retry' | 'failed' | 'nothing to do';
  reason?: string;
}

@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private worker?: Worker<DeliveryJob>;

  constructor(
    private readonly deliveries: Deliveries,
    private readonly sender: MailSender,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.ROLE === 'web') return;
    this.worker = new Worker<DeliveryJob>(DELIVERY_QUEUE, (job) => this.process(job), {
      connection: redisOptions(this.env.REDIS_URL),
      prefix: this.env.QUEUE_PREFIX,
      concurrency: CONCURRENCY,
      // A worker that dies mid-send holds its job until the lock expires; then another worker takes it up.
      lockDuration: this.env.EMAIL_STALLED_AFTER,
      stalledInterval: this.env.EMAIL_STALLED_AFTER,
      maxStalledCount: this.env.EMAIL_MAX_ATTEMPTS,
    });
    this.worker.on('error', (error) => this.logger.error(`Delivery worker error: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Finishes the attempts in hand before the database goes away; the rest wait in Redis.
    await this.worker?.close();
    await this.sender.close();
  }

  private process(job: Job<DeliveryJob>): Promise<string> {
    const { deliveryId, correlationId } = job.data;
    return withCorrelationId(correlationId ?? deliveryId, async () => {
      const { outcome, reason } = await this.attempt(deliveryId);
      // Thrown so that the queue dashboards show the job as BullMQ sees it: retried, or failed for good.
      if (outcome === 'retry') throw new Error(reason);
      if (outcome === 'failed') throw new UnrecoverableError(reason);
      return outcome;
    });
  }

  /** One attempt to send the delivery. */
  async attempt(deliveryId: string): Promise<AttemptOutcome> {
    const delivery = await this.deliveries.claim(deliveryId);
    if (!delivery) return { outcome: 'nothing to do' };
    const max = this.env.EMAIL_MAX_ATTEMPTS;
    if (delivery.attempts > max) {
      // Earlier attempts ended without a word (the process died each time): stop rather than loop.
      const reason = `gave up: ${max} attempts ended without an answer`;
      await this.deliveries.markFailed(delivery, reason);
      return { outcome: 'failed', reason };
    }
    try {
      await this.sender.send(delivery);
    } catch (error) {
      const reason = describeFailure(error);
      if (isPermanentRefusal(error) || delivery.attempts >= max) {
        await this.deliveries.markFailed(delivery, reason);
        this.logger.warn(`Delivery ${deliveryId} failed after ${delivery.attempts} attempts: ${reason}`);
        return { outcome: 'failed', reason };
      }
      await this.deliveries.markForRetry(deliveryId, reason);
      return { outcome: 'retry', reason };
    }
    await this.recordSent(deliveryId);
    this.logger.log(`Delivery ${deliveryId} (${delivery.template}) sent, attempt ${delivery.attempts}`);
    return { outcome: 'sent' };
  }

  /**
   * The mail is out: recording that must outlast a passing database outage, for if the job failed now its
   * retry would send the mail a second time.
   */
  private async recordSent(deliveryId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.deliveries.markSent(deliveryId);
      } catch (error) {
        if (attempt >= RECORD_SENT_ATTEMPTS) throw error;
        this.logger.warn(
          `Delivery ${deliveryId} was sent and cannot be recorded yet, trying again: ${(error as Error).message}`,
        );
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5000)));
      }
    }
  }
}
