// Sends deliveries: the first attempt in this process right after the delivery is recorded (reserve), each later
// one as a job of the delivery queue, retried by BullMQ with exponential back-off. The deliveries table, not the
// job, decides: a sent or failed delivery is never sent again, two live attempts never send the same mail, and
// its attempts are counted there.
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { isErasedAddress } from '@cocomo/contracts';
import { QueueConnection, withCorrelationId } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import { Deliveries } from './deliveries.service';
import type { Delivery } from './delivery.entity';
import { DELIVERY_QUEUE, type DeliveryJob } from './delivery-queue';
import { MailAttempts } from './mail-attempts';
import { MailSender } from './mail-sender';
import { describeFailure, isPermanentRefusal } from './smtp-failure';

/** How many deliveries one process attempts at once, from jobs and after commits each; the SMTP pool bounds the connections. */
const CONCURRENCY = 50;
/**
 * How long a command waits for a place to send at once before its delivery is queued instead: in a burst, the
 * commands take turns for the places while the inbox keeps the rest, rather than each becoming a queue job.
 */
const PLACE_WAIT_MS = 2000;
/** How often recording a sent mail is tried while the database is away (about five minutes in all). */
const RECORD_SENT_ATTEMPTS = 60;

export interface AttemptOutcome {
  outcome: 'sent' | 'retry' | 'failed' | 'nothing to do';
  reason?: string;
}

/** A place for one attempt in this process: `send` makes the attempt, `release` gives the place up unused. */
export interface Place {
  send: (claimed: Delivery) => Promise<AttemptOutcome>;
  release: () => void;
}

@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private worker?: Worker<DeliveryJob>;
  private connection?: QueueConnection;
  /** The attempts started right after a commit, still going. */
  private readonly inHand = new Set<Promise<AttemptOutcome>>();
  /** Places taken by deliveries being recorded, whose attempt starts next. */
  private reserved = 0;
  /** Commands waiting for a place, first come first served. */
  private waiting: ((place: Place | null) => void)[] = [];
  private stopping = false;

  constructor(
    private readonly deliveries: Deliveries,
    private readonly sender: MailSender,
    private readonly signals: MailAttempts,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.ROLE === 'web') return;
    this.connection = new QueueConnection(this.env.REDIS_URL);
    this.worker = new Worker<DeliveryJob>(DELIVERY_QUEUE, (job) => this.process(job), {
      connection: this.connection.options,
      prefix: this.env.QUEUE_PREFIX,
      concurrency: CONCURRENCY,
      // A worker that dies mid-send holds its job until the lock expires; then another worker takes it up.
      lockDuration: this.env.EMAIL_STALLED_AFTER,
      stalledInterval: this.env.EMAIL_STALLED_AFTER,
      maxStalledCount: this.env.EMAIL_MAX_ATTEMPTS,
    });
    this.worker.on('error', (error) => this.logger.error(`Delivery worker error: ${error.message}`));
  }

  /**
   * A place for one attempt in this process, right after the delivery is recorded: no job to add, fetch and
   * complete. Null when this process does not send now (a web process, as many attempts in hand as it takes,
   * stopping): the delivery is then queued. A delivery whose attempt a crash cuts short stays `sending` in the
   * table, and the sweeper gives it a job, taken up once the attempt is older than EMAIL_STALLED_AFTER.
   */
  reserve(): Place | null {
    if (!this.sendsHere() || this.reserved + this.inHand.size >= CONCURRENCY) return null;
    this.reserved++;
    let used = false;
    const giveUp = () => {
      if (!used) this.reserved--;
      used = true;
    };
    return {
      release: () => {
        giveUp();
        this.placeFreed();
      },
      send: (claimed) => {
        giveUp();
        const attempt = this.attemptClaimed(claimed).then((attempted) => {
          if (attempted.outcome !== 'nothing to do') this.signals.count(attempted.outcome);
          return attempted;
        });
        this.inHand.add(attempt);
        const done = () => {
          this.inHand.delete(attempt);
          this.placeFreed();
        };
        attempt.then(done, done);
        return attempt;
      },
    };
  }

  /**
   * A place as `reserve` gives one, waiting up to PLACE_WAIT_MS for one to free up when all are taken. Null
   * when this process does not send now, or no place freed in time.
   */
  reserveSoon(): Promise<Place | null> {
    const place = this.reserve();
    if (place || !this.sendsHere()) return Promise.resolve(place);
    return new Promise((resolve) => {
      const take = (given: Place | null) => {
        clearTimeout(timeout);
        resolve(given);
      };
      const timeout = setTimeout(() => {
        this.waiting = this.waiting.filter((waiter) => waiter !== take);
        resolve(null);
      }, PLACE_WAIT_MS);
      this.waiting.push(take);
    });
  }

  private sendsHere(): boolean {
    return this.env.ROLE !== 'web' && !this.stopping;
  }

  /** A place came free: the first command waiting takes it. */
  private placeFreed(): void {
    while (this.waiting.length > 0) {
      const place = this.reserve();
      if (!place) return;
      this.waiting.shift()!(place);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Finishes the attempts in hand before the database goes away; the rest wait in Redis.
    this.stopping = true;
    // The commands waiting for a place queue their deliveries instead.
    for (const take of this.waiting.splice(0)) take(null);
    await this.worker?.close();
    await Promise.allSettled([...this.inHand]);
    await this.connection?.close();
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

  /** One attempt to send the delivery, counted by outcome on /metrics. */
  async attempt(deliveryId: string): Promise<AttemptOutcome> {
    const attempted = await this.attemptOnce(deliveryId);
    if (attempted.outcome !== 'nothing to do') this.signals.count(attempted.outcome);
    return attempted;
  }

  private async attemptOnce(deliveryId: string): Promise<AttemptOutcome> {
    const delivery = await this.deliveries.claim(deliveryId);
    if (!delivery) return { outcome: 'nothing to do' };
    return this.attemptClaimed(delivery);
  }

  /** The attempt of a delivery this process has claimed (marked `sending`, the attempt counted). */
  private async attemptClaimed(delivery: Delivery): Promise<AttemptOutcome> {
    const deliveryId = delivery.id;
    const max = this.env.EMAIL_MAX_ATTEMPTS;
    if (delivery.attempts > max) {
      // Earlier attempts ended without a word (the process died each time): stop rather than loop.
      const reason = `gave up: ${max} attempts ended without an answer`;
      await this.deliveries.markFailed(delivery, reason);
      return { outcome: 'failed', reason };
    }
    if (isErasedAddress(delivery.recipient)) {
      // Its person was erased while it waited: the address is a placeholder, which no mail reaches.
      const reason = 'its recipient was erased';
      await this.deliveries.markFailed(delivery, reason);
      return { outcome: 'failed', reason };
    }
    // While this attempt lives, its claim is renewed: only a dead sender's attempt grows older than
    // EMAIL_STALLED_AFTER, however long this one waits for the pool or the server.
    const heartbeat = setInterval(
      () => void this.deliveries.stillSending(deliveryId).catch(() => undefined),
      this.env.EMAIL_STALLED_AFTER / 3,
    ).unref();
    try {
      await this.sender.send(delivery);
    } catch (error) {
      clearInterval(heartbeat);
      const reason = describeFailure(error);
      if (isPermanentRefusal(error) || delivery.attempts >= max) {
        await this.deliveries.markFailed(delivery, reason);
        this.logger.warn(`Delivery ${deliveryId} failed after ${delivery.attempts} attempts: ${reason}`);
        return { outcome: 'failed', reason };
      }
      await this.deliveries.markForRetry(deliveryId, reason);
      return { outcome: 'retry', reason };
    }
    try {
      await this.recordSent(deliveryId);
    } finally {
      clearInterval(heartbeat);
    }
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
