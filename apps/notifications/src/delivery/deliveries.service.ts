// The deliveries table: recording a mail once per notification id, and each step of sending it.
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { notificationFailed } from '@cocomo/contracts';
import type { Environment } from '@cocomo/config';
import { Outbox } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import { Batch } from './batch';
import { Delivery, UNFINISHED, type DeliveryStatus } from './delivery.entity';

export type NewDelivery = Omit<Delivery, 'sentAt' | 'attemptStartedAt'>;

/** What the sweeper needs to put a delivery back in the queue. */
export interface UnfinishedDelivery {
  id: string;
  correlationId: string | null;
  createdAt: Date;
}

@Injectable()
export class Deliveries {
  // Every mail is claimed and marked sent; under load, one statement does it for many.
  private readonly claims = new Batch<string, Delivery | null>((ids) => this.claimAll(ids));
  private readonly sent = new Batch<string, void>((ids) => this.markAllSent(ids));
  private readonly beats = new Batch<string, void>((ids) => this.touchAll(ids));
  private readonly claimedInserts = new Batch<NewDelivery, Delivery | null>(
    (deliveries) => this.insertAll(deliveries, this.orm.em.fork(), true),
    100,
  );

  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: Outbox,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Runs `work` in a transaction: what it writes and adds to the outbox commits together. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.orm.em.fork().transactional(work);
  }

  /**
   * Inserts the delivery (in `em`'s transaction, if any) unless one with its id exists. Returns false when it
   * existed: a second command for the same notification changes nothing.
   */
  async record(delivery: NewDelivery, em: EntityManager = this.orm.em.getContext()): Promise<boolean> {
    return (await this.insert(delivery, em, false)) !== null;
  }

  /**
   * Inserts the delivery already claimed for its first attempt (`sending`, one attempt, started now), as
   * `claim` would leave it, unless one with its id exists: then null, and nothing is to be sent. Under load one
   * statement inserts the deliveries of many commands.
   */
  recordClaimed(delivery: NewDelivery): Promise<Delivery | null> {
    return this.claimedInserts.call(delivery);
  }

  private async insert(delivery: NewDelivery, em: EntityManager, claimed: boolean): Promise<Delivery | null> {
    const [inserted] = await this.insertAll([delivery], em, claimed);
    return inserted;
  }

  /** One insert for all; null for each delivery whose id existed (or came twice: its first one is inserted). */
  private async insertAll(
    deliveries: NewDelivery[],
    em: EntityManager,
    claimed: boolean,
  ): Promise<(Delivery | null)[]> {
    const rows: { id: string; attempt_started_at: Date | null }[] = await em.execute(
      `insert into "${this.schema}"."delivery" ("id", "template", "locale", "recipient", "recipient_name",
         "subject", "text", "html", "actions", "calendar", "status", "attempts", "last_error", "created_at",
         "correlation_id", "attempt_started_at")
       values ${deliveries
         .map(() => `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${claimed ? 'now()' : 'null'})`)
         .join(', ')}
       on conflict ("id") do nothing returning "id", "attempt_started_at"`,
      deliveries.flatMap((delivery) => [
        delivery.id,
        delivery.template,
        delivery.locale,
        delivery.recipient,
        delivery.recipientName,
        delivery.subject,
        delivery.text,
        delivery.html,
        JSON.stringify(delivery.actions),
        delivery.calendar ? JSON.stringify(delivery.calendar) : null,
        claimed ? 'sending' : delivery.status,
        claimed ? 1 : delivery.attempts,
        delivery.lastError,
        delivery.createdAt,
        delivery.correlationId,
      ]),
    );
    const started = new Map(rows.map((row) => [row.id, row.attempt_started_at]));
    return deliveries.map((delivery): Delivery | null => {
      if (!started.has(delivery.id)) return null;
      const at = started.get(delivery.id);
      started.delete(delivery.id);
      const attemptStartedAt = at ? new Date(at) : null;
      return claimed
        ? { ...delivery, status: 'sending', attempts: 1, sentAt: null, attemptStartedAt }
        : { ...delivery, sentAt: null, attemptStartedAt };
    });
  }

  /** Adds notification.failed to the transaction that marks the delivery failed (the current one, by default). */
  announceFailure(
    delivery: Pick<Delivery, 'id' | 'template' | 'recipient' | 'attempts'>,
    reason: string,
    em: EntityManager = this.orm.em.getContext(),
  ) {
    this.outbox.add(em, notificationFailed, {
      notificationId: delivery.id,
      template: delivery.template,
      to: delivery.recipient,
      attempts: delivery.attempts,
      reason,
    });
  }

  /**
   * Starts an attempt: a queued delivery becomes `sending` with one attempt more, committed before any byte
   * goes out, so a crash mid-send is visible. A `sending` one is taken again only once its attempt is older
   * than EMAIL_STALLED_AFTER (its sender died): two live attempts never send the same mail. Null when there
   * is nothing to send now.
   */
  claim(id: string): Promise<Delivery | null> {
    return this.claims.call(id);
  }

  markSent(id: string): Promise<void> {
    return this.sent.call(id);
  }

  /**
   * The attempt is alive, though slow (waiting for a connection of the pool, or for a slow server): its start
   * moves on, so that it is not taken for the attempt of a dead sender and sent a second time.
   */
  stillSending(id: string): Promise<void> {
    return this.beats.call(id);
  }

  /** The attempt failed and another one will follow after the back-off. */
  async markForRetry(id: string, reason: string): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(Delivery, { id, status: 'sending' }, { status: 'queued', lastError: reason });
  }

  /** The last attempt failed: `failed`, and notification.failed in the same transaction. */
  async markFailed(delivery: Delivery, reason: string): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const changed = await em.nativeUpdate(
        Delivery,
        { id: delivery.id, status: { $in: UNFINISHED } },
        { status: 'failed', lastError: reason },
      );
      if (changed) this.announceFailure(delivery, reason, em);
    });
  }

  async find(id: string): Promise<Delivery | null> {
    return this.orm.em.fork().findOne(Delivery, { id });
  }

  /** Newest first. */
  async list(status: DeliveryStatus | undefined, limit: number): Promise<Delivery[]> {
    return this.orm.em
      .fork()
      .find(Delivery, status ? { status } : {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }

  /** Queued and sending deliveries, oldest first, after the given one. */
  async unfinished(after: UnfinishedDelivery | null, limit: number): Promise<UnfinishedDelivery[]> {
    const where = after
      ? {
          status: { $in: UNFINISHED },
          $or: [
            { createdAt: { $gt: after.createdAt } },
            { createdAt: after.createdAt, id: { $gt: after.id } },
          ],
        }
      : { status: { $in: UNFINISHED } };
    return this.orm.em.fork().find(Delivery, where, {
      fields: ['id', 'correlationId', 'createdAt'],
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit,
    });
  }

  private async claimAll(ids: string[]): Promise<(Delivery | null)[]> {
    const em = this.orm.em.fork();
    const rows: Record<string, unknown>[] = await em.execute(
      `update "${this.schema}"."delivery"
       set "status" = 'sending', "attempts" = "attempts" + 1, "attempt_started_at" = now()
       where "id" in (${ids.map(() => '?').join(', ')})
         and ("status" = 'queued' or ("status" = 'sending' and
              ("attempt_started_at" is null or "attempt_started_at" < now() - ? * interval '1 millisecond')))
       returning *`,
      [...ids, this.env.EMAIL_STALLED_AFTER],
    );
    const claimed = new Map(rows.map((row) => [row.id as string, em.map(Delivery, row)]));
    return ids.map((id) => claimed.get(id) ?? null);
  }

  private async markAllSent(ids: string[]): Promise<void[]> {
    // One plain statement: building it through the query builder cost more than the update (0.2 ms a mail).
    await this.orm.em.fork().execute(
      `update "${this.schema}"."delivery" set "status" = 'sent', "sent_at" = now(), "last_error" = null
       where "id" in (${ids.map(() => '?').join(', ')}) and "status" = 'sending'`,
      ids,
    );
    return ids.map(() => undefined);
  }

  private async touchAll(ids: string[]): Promise<void[]> {
    // The database's clock, as the claim compares with it.
    await this.orm.em.fork().execute(
      `update "${this.schema}"."delivery" set "attempt_started_at" = now()
       where "id" in (${ids.map(() => '?').join(', ')}) and "status" = 'sending'`,
      ids,
    );
    return ids.map(() => undefined);
  }

  private get schema(): string {
    return this.orm.config.get('schema')!;
  }
}
