// Puts back in the queue every unfinished delivery that has no live job: committed but never queued (a crash
// between commit and enqueue, Redis lost its data) or whose job ended while the delivery did not. It runs at
// start and every EMAIL_SWEEP_INTERVAL; the job id is the delivery id, so a delivery is never queued twice.
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT } from '@cocomo/platform';
import { Deliveries, type UnfinishedDelivery } from './deliveries.service';
import { DeliveryQueue, type DeliveryJob } from './delivery-queue';

const PAGE = 500;

@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliverySweeper.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deliveries: Deliveries,
    private readonly queue: DeliveryQueue,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.ROLE === 'web') return;
    this.timer = setInterval(() => void this.sweep(), this.env.EMAIL_SWEEP_INTERVAL);
    void this.sweep();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round; resolves with how many deliveries it queued again. Rounds never overlap. */
  sweep(): Promise<number> {
    this.running ??= this.round()
      .catch((error) => {
        this.logger.warn(`Delivery sweep failed, will retry: ${(error as Error).message}`);
        return 0;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<number> {
    let requeued = 0;
    let after: UnfinishedDelivery | null = null;
    for (;;) {
      const page = await this.deliveries.unfinished(after, PAGE);
      const lost = await this.withoutLiveJob(page);
      await this.queue.add(lost);
      requeued += lost.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1];
    }
    if (requeued) this.logger.log(`Queued ${requeued} unfinished deliveries again`);
    return requeued;
  }

  private async withoutLiveJob(page: UnfinishedDelivery[]): Promise<DeliveryJob[]> {
    const states = await Promise.all(page.map((delivery) => this.queue.state(delivery.id)));
    const lost: DeliveryJob[] = [];
    for (const [index, delivery] of page.entries()) {
      const state = states[index];
      const ended = state === 'completed' || state === 'failed';
      if (state !== 'unknown' && !(ended && (await this.queue.removeFinished(delivery.id)))) continue;
      lost.push({ deliveryId: delivery.id, correlationId: delivery.correlationId });
    }
    return lost;
  }
}
