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

  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: Outbox,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /**
   * Inserts the delivery in the caller's transaction unless one with its id exists. Returns false when it
   * existed: a second command for the same notification changes nothing.
   */
  async record(em: EntityManager, delivery: NewDelivery): Promise<boolean> {
    const inserted: unknown[] = await em.execute(
      `insert into "${this.schema}"."delivery" ("id", "template", "locale", "recipient", "recipient_name",
         "subject", "text", "html", "actions", "calendar", "status", "attempts", "last_error", "created_at",
         "correlation_id")
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict ("id") do nothing returning "id"`,
      [
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
        delivery.status,
        delivery.attempts,
        delivery.lastError,
        delivery.createdAt,
        delivery.correlationId,
      ],
    );
    return inserted.length > 0;
  }

  /** Adds notification.failed to the transaction of `em`, which also marks the delivery failed. */
  announceFailure(
    em: EntityManager,
    delivery: Pick<Delivery, 'id' | 'template' | 'recipient' | 'attempts'>,
    reason: string,
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
      if (changed) this.announceFailure(em, delivery, reason);
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
    await this.orm.em
      .fork()
      .nativeUpdate(
        Delivery,
        { id: { $in: ids }, status: 'sending' },
        { status: 'sent', sentAt: new Date(), lastError: null },
      );
    return ids.map(() => undefined);
  }

  private get schema(): string {
    return this.orm.config.get('schema')!;
  }
}
