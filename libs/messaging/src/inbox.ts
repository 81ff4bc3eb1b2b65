// The idempotent inbox: a message's effect and the record that it happened commit together, so a message
// delivered twice has one effect.
//
// Messages that arrive together share a transaction (group commit): the worker hands over many jobs at
// once under load, and one commit for a batch is what lets 10,000 timers due at the same moment act on
// time. If any effect of a batch fails, the batch is rolled back and each of its messages runs again in a
// transaction of its own, so that a bad message fails alone and the others still act once.
import { Injectable, Optional } from '@nestjs/common';
import { MikroORM, RequestContext, type EntityManager } from '@mikro-orm/postgresql';
import type { Envelope } from '@cocomo/contracts';
import { currentCorrelationId, withCorrelationId } from './correlation';
import { InboxSignals, type InboxOutcome } from './signals/inbox-signals';

/** The most messages one transaction takes, and how many such transactions run at once. */
const BATCH_SIZE = 250;
const PARALLEL_BATCHES = 4;

interface Arrival {
  envelope: Envelope;
  effect: () => Promise<unknown>;
  correlationId: string | undefined;
  resolve: (done: boolean) => void;
  reject: (error: unknown) => void;
}

@Injectable()
export class Inbox {
  private readonly waiting: Arrival[] = [];
  private running = 0;
  private drainScheduled = false;

  constructor(
    private readonly orm: MikroORM,
    @Optional() private readonly signals?: InboxSignals,
  ) {}

  private get schema(): string {
    return this.orm.config.get('schema') as string;
  }

  /**
   * Runs `effect` in a transaction that also records the message id. The injected EntityManager resolves to
   * that transaction inside `effect`. Resolves false, doing nothing, when the message was already processed
   * (or is a timer that was stopped or has fired).
   */
  once(envelope: Envelope, effect: () => Promise<unknown>): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ envelope, effect, correlationId: currentCorrelationId(), resolve, reject });
      if (!this.drainScheduled) {
        this.drainScheduled = true;
        // Lets the other jobs the worker is taking right now join the same batch.
        setImmediate(() => {
          this.drainScheduled = false;
          this.drain();
        });
      }
    });
  }

  /** Runs a query handler with its own EntityManager context. */
  withinContext<T>(fn: () => Promise<T>): Promise<T> {
    return RequestContext.create(this.orm.em, fn);
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.running < PARALLEL_BATCHES) {
      const batch = this.waiting.splice(0, BATCH_SIZE);
      this.running++;
      void this.settle(batch).finally(() => {
        this.running--;
        this.drain();
      });
    }
  }

  private async settle(batch: Arrival[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const outcomes = await this.runTogether(batch);
        batch.forEach((arrival, index) => {
          this.signals?.count(arrival.envelope.name, outcomes[index]);
          arrival.resolve(outcomes[index] === 'handled');
        });
        return;
      } catch {
        // Some effect failed (or the batch met a conflict): each message now runs alone, below.
      }
    }
    await Promise.all(
      batch.map((arrival) =>
        this.runAlone(arrival).then((outcome) => {
          this.signals?.count(arrival.envelope.name, outcome);
          arrival.resolve(outcome === 'handled');
        }, arrival.reject),
      ),
    );
  }

  private runAlone(arrival: Arrival): Promise<InboxOutcome> {
    return this.orm.em.fork().transactional(async (em) => {
      const [fresh] = await this.recordProcessed(em, [arrival]);
      if (!fresh) return 'redelivered';
      if (arrival.envelope.timer && (await this.claimTimers(em, [arrival.envelope.id])).size === 0) {
        return 'stopped_timer';
      }
      await this.runEffect(arrival);
      return 'handled';
    });
  }

  /** What became of each message; counted only once the transaction has committed. */
  private runTogether(batch: Arrival[]): Promise<InboxOutcome[]> {
    return this.orm.em.fork().transactional(async (em) => {
      const fresh = await this.recordProcessed(em, batch);
      const timerIds = batch.filter((a, i) => fresh[i] && a.envelope.timer).map((a) => a.envelope.id);
      const claimed = timerIds.length ? await this.claimTimers(em, timerIds) : new Set<string>();
      const outcomes: InboxOutcome[] = [];
      for (const [index, arrival] of batch.entries()) {
        if (!fresh[index]) outcomes.push('redelivered');
        else if (arrival.envelope.timer && !claimed.has(arrival.envelope.id)) outcomes.push('stopped_timer');
        else {
          await this.runEffect(arrival);
          outcomes.push('handled');
        }
      }
      return outcomes;
    });
  }

  /** Records the messages as processed; true for each one seen here for the first time. */
  private async recordProcessed(em: EntityManager, batch: Arrival[]): Promise<boolean[]> {
    const inserted: { message_id: string }[] = await em.execute(
      `insert into "${this.schema}"."processed_message" ("message_id", "name", "processed_at")
       values ${batch.map(() => '(?, ?, now())').join(', ')}
       on conflict do nothing returning "message_id"`,
      batch.flatMap((arrival) => [arrival.envelope.id, arrival.envelope.name]),
    );
    const firstSeen = new Set(inserted.map((row) => row.message_id));
    // The same message twice in one batch: only its first arrival acts.
    return batch.map((arrival) => firstSeen.delete(arrival.envelope.id));
  }

  /** A timer acts once, and not at all once stopped: claiming it is part of its effect's transaction. */
  private async claimTimers(em: EntityManager, ids: string[]): Promise<Set<string>> {
    const claimed: { id: string }[] = await em.execute(
      `update "${this.schema}"."timer" set "fired_at" = now()
       where "id" in (${ids.map(() => '?').join(', ')}) and "fired_at" is null and "stopped_at" is null
       returning "id"`,
      ids,
    );
    return new Set(claimed.map((row) => row.id));
  }

  private runEffect(arrival: Arrival): Promise<unknown> {
    const correlationId = arrival.correlationId ?? arrival.envelope.correlationId ?? arrival.envelope.id;
    return withCorrelationId(correlationId, arrival.effect);
  }
}
