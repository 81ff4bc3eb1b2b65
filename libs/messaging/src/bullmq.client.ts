// The sending half of the BullMQ transport: events to every subscriber's inbox, queries to their handler.
import { randomUUID } from 'node:crypto';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { Job, Queue, QueueEvents } from 'bullmq';
import { lastValueFrom } from 'rxjs';
import {
  inboxQueue,
  recipientsOf,
  type Envelope,
  type MessageDefinition,
  type PayloadOf,
  type ReplyOf,
  type ServiceName,
} from '@cocomo/contracts';
import { deliveryJobOptions, type BullMqTransportOptions } from './bullmq-options';
import { currentCorrelationId } from './correlation';
import { QueueConnection } from './redis-connection';

const POLL_INTERVAL_MS = 250;

export class QueryTimeoutError extends Error {
  constructor(name: string, timeoutMs: number) {
    super(`No answer to "${name}" within ${timeoutMs} ms`);
    this.name = 'QueryTimeoutError';
  }
}

export class BullMqClient extends ClientProxy {
  private readonly queues = new Map<ServiceName, Queue>();
  private readonly queueEvents = new Map<ServiceName, QueueEvents>();
  private readonly connection: QueueConnection;

  constructor(private readonly options: BullMqTransportOptions & { requestTimeoutMs: number }) {
    super();
    this.connection = new QueueConnection(options.redisUrl);
  }

  async connect(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all([...this.queueEvents.values()].map((events) => events.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queueEvents.clear();
    this.queues.clear();
    await this.connection.close();
  }

  unwrap<T>(): T {
    return this.queues as T;
  }

  on(): void {}

  queueOf(service: ServiceName): Queue {
    let queue = this.queues.get(service);
    if (!queue) {
      queue = new Queue(inboxQueue(service), {
        connection: this.connection.options,
        prefix: this.options.prefix,
      });
      // Every query waiting for its answer listens for the queue closing; many may wait at once.
      queue.setMaxListeners(0);
      this.queues.set(service, queue);
    }
    return queue;
  }

  /**
   * Puts each envelope in the inbox of every service its route names. The job id is the message id, so
   * delivering the same envelope again while its job is still kept is a no-op.
   */
  async deliver(envelopes: Envelope[], delayMs?: (envelope: Envelope) => number): Promise<void> {
    const byService = new Map<ServiceName, Envelope[]>();
    for (const envelope of envelopes) {
      for (const service of recipientsOf(envelope.name)) {
        byService.set(service, [...(byService.get(service) ?? []), envelope]);
      }
    }
    await Promise.all(
      [...byService].map(([service, batch]) =>
        this.queueOf(service).addBulk(
          batch.map((envelope) => ({
            name: envelope.name,
            data: envelope,
            opts: { ...deliveryJobOptions, jobId: envelope.id, delay: delayMs?.(envelope) },
          })),
        ),
      ),
    );
  }

  /** Asks the service that answers `definition` and waits for its reply, at most the request timeout. */
  async ask<M extends MessageDefinition>(definition: M, payload: PayloadOf<M>): Promise<ReplyOf<M>> {
    const envelope: Envelope<PayloadOf<M>> = {
      id: randomUUID(),
      name: definition.name,
      version: definition.version,
      occurredAt: new Date().toISOString(),
      correlationId: currentCorrelationId(),
      payload,
    };
    return lastValueFrom(this.send<ReplyOf<M>>(definition.name, envelope));
  }

  protected async dispatchEvent<T = undefined>(packet: ReadPacket<Envelope>): Promise<T> {
    await this.deliver([packet.data]);
    return undefined as T;
  }

  protected publish(packet: ReadPacket<Envelope>, callback: (packet: WritePacket) => void): () => void {
    const envelope = packet.data;
    const [service] = recipientsOf(envelope.name);
    const timeoutMs = this.options.requestTimeoutMs;
    void (async () => {
      const queue = this.queueOf(service);
      const job = await queue.add(envelope.name, envelope, {
        jobId: envelope.id,
        removeOnComplete: { age: 60 },
        removeOnFail: { age: 60 },
      });
      const answered = { done: false };
      try {
        // The finish event is the fast path; polling covers an event missed while the listener was starting.
        const response = await Promise.race([
          job.waitUntilFinished(this.eventsOf(service), timeoutMs),
          this.pollUntilFinished(queue, job.id!, timeoutMs, answered),
        ]);
        answered.done = true;
        callback({ response, isDisposed: true });
      } catch (error) {
        answered.done = true;
        const timedOut = error instanceof Error && /timed out/i.test(error.message);
        // Redis lost the question's job (its data) before the answer was awaited: no answer will come.
        const lost = error instanceof Error && /Missing key for job/.test(error.message);
        if (timedOut) await job.remove().catch(() => undefined);
        callback({
          err: timedOut || lost ? new QueryTimeoutError(envelope.name, timeoutMs) : error,
          isDisposed: true,
        });
      }
    })().catch((error) => callback({ err: error, isDisposed: true }));
    return () => undefined;
  }

  private async pollUntilFinished(
    queue: Queue,
    jobId: string,
    timeoutMs: number,
    answered: { done: boolean },
  ) {
    const deadline = Date.now() + timeoutMs;
    while (!answered.done && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      const job = await Job.fromId(queue, jobId);
      if (job?.finishedOn && job.failedReason) throw new Error(job.failedReason);
      if (job?.finishedOn) return job.returnvalue;
    }
    // The event path reports the timeout; this path only stops looking.
    return new Promise<never>(() => undefined);
  }

  private eventsOf(service: ServiceName): QueueEvents {
    let events = this.queueEvents.get(service);
    if (!events) {
      events = new QueueEvents(inboxQueue(service), {
        connection: this.connection.options,
        prefix: this.options.prefix,
      });
      this.queueEvents.set(service, events);
    }
    return events;
  }
}
