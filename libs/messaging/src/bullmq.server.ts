// The receiving half of the BullMQ transport: a worker on the service's inbox that calls the
// @EventPattern / @MessagePattern handler named by each job. Events pass through the idempotent inbox.
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { lastValueFrom } from 'rxjs';
import { inboxQueue, type Envelope, type ServiceName } from '@cocomo/contracts';
import type { BullMqTransportOptions } from './bullmq-options';
import { withCorrelationId } from './correlation';
import type { Inbox } from './inbox';
import { QueueConnection } from './redis-connection';
import { DUE_TOGETHER, type DueTogether } from './timers/timer-jobs';

/**
 * `@EventPattern(name, OWN_IDEMPOTENCE)`: the handler's single write is its own idempotency record (an insert
 * keyed by an id the message carries, which does nothing the second time), so it runs outside the inbox and its
 * transaction: one statement instead of a transaction, the inbox's record and the write. Only for handlers
 * whose whole effect is such a write.
 */
export const OWN_IDEMPOTENCE = { ownIdempotence: true } as const;

export interface BullMqServerOptions extends BullMqTransportOptions {
  service: ServiceName;
  inbox: Inbox;
  concurrency: number;
}

export class BullMqServer extends Server implements CustomTransportStrategy {
  private worker?: Worker;
  private readonly connection: QueueConnection;
  /** Each message name's handler, looked up once: Nest parses the pattern on every lookup. */
  private readonly handlers = new Map<string, ReturnType<Server['getHandlerByPattern']>>();

  constructor(private readonly options: BullMqServerOptions) {
    super();
    this.connection = new QueueConnection(options.redisUrl);
  }

  listen(callback: (error?: unknown) => void): void {
    this.worker = new Worker(inboxQueue(this.options.service), (job) => this.handle(job), {
      connection: this.connection.options,
      prefix: this.options.prefix,
      concurrency: this.options.concurrency,
    });
    this.worker.on('error', (error) => this.logger.error(`Inbox worker error: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.warn(
        `Message ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
      ),
    );
    this.worker.waitUntilReady().then(
      () => callback(),
      (error) => callback(error),
    );
  }

  async close(): Promise<void> {
    // Waits for the jobs in hand; what is not finished stays in Redis for the next worker.
    await this.worker?.close();
    await this.connection.close();
  }

  on(): void {}

  unwrap<T>(): T {
    return this.worker as T;
  }

  private async handle(job: Job<Envelope | DueTogether>): Promise<unknown> {
    if (job.name !== DUE_TOGETHER) return this.handleOne(job.name, job.data as Envelope);
    // Timers due at the same moment: each acts on its own (the inbox takes them into one transaction); the job
    // is retried while any failed, and those that acted are then seen before and do nothing.
    const { timers } = job.data as DueTogether;
    const outcomes = await Promise.allSettled(timers.map((timer) => this.handleOne(timer.name, timer)));
    const failed = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    if (failed.length) {
      const first = failed[0] instanceof Error ? failed[0].message : String(failed[0]);
      const message = `${failed.length} of the ${timers.length} timers due together failed; the first: ${first}`;
      // Retried unless each failure is for good, as a job of its own would be; the sweep then schedules the
      // timers that did not act again, once overdue.
      throw failed.every((reason) => reason instanceof UnrecoverableError)
        ? new UnrecoverableError(message)
        : new Error(message);
    }
    return undefined;
  }

  private async handleOne(name: string, envelope: Envelope): Promise<unknown> {
    let handler = this.handlers.get(name);
    if (handler === undefined) this.handlers.set(name, (handler = this.getHandlerByPattern(name)));
    if (!handler) {
      this.logger.warn(`No handler for ${name} in ${this.options.service}; message ${envelope.id} ignored`);
      return undefined;
    }
    return withCorrelationId(envelope.correlationId ?? envelope.id, async () => {
      const run = async () =>
        lastValueFrom(this.transformToObservable(await handler(envelope)), { defaultValue: undefined });
      if (handler.isEventHandler && handler.extras?.ownIdempotence !== true) {
        const acted = await this.options.inbox.once(envelope, run);
        this.logger.debug?.(`${envelope.name} ${envelope.id} ${acted ? 'handled' : 'seen before, ignored'}`);
        return undefined;
      }
      const reply = await this.options.inbox.withinContext(run);
      this.logger.debug?.(
        `${envelope.name} ${envelope.id} ${handler.isEventHandler ? 'handled' : 'answered'}`,
      );
      return handler.isEventHandler ? undefined : reply;
    });
  }
}
