// The idempotent inbox: a message's effect and the record that it happened commit together, so a message
// delivered twice has one effect.
import { Injectable } from '@nestjs/common';
import { MikroORM, RequestContext, type EntityManager } from '@mikro-orm/postgresql';
import type { Envelope } from '@cocomo/contracts';

@Injectable()
export class Inbox {
  constructor(private readonly orm: MikroORM) {}

  /**
   * Runs `effect` in a transaction that also records the message id. The injected EntityManager resolves to
   * that transaction inside `effect`. Returns false, doing nothing, when the message was already processed.
   */
  async once(envelope: Envelope, effect: () => Promise<unknown>): Promise<boolean> {
    const schema = this.orm.config.get('schema') as string;
    return this.orm.em.fork().transactional(async (em) => {
      const inserted = await em.execute(
        `insert into "${schema}"."processed_message" ("message_id", "name", "processed_at")
         values (?, ?, now()) on conflict do nothing returning "message_id"`,
        [envelope.id, envelope.name],
      );
      if (inserted.length === 0) return false;
      if (envelope.timer && !(await this.claimTimer(em, schema, envelope.id))) return false;
      await effect();
      return true;
    });
  }

  /** A timer acts once, and not at all once stopped: claiming it is part of its effect's transaction. */
  private async claimTimer(em: EntityManager, schema: string, id: string): Promise<boolean> {
    const claimed = await em.execute(
      `update "${schema}"."timer" set "fired_at" = now()
       where "id" = ? and "fired_at" is null and "stopped_at" is null returning "id"`,
      [id],
    );
    return claimed.length === 1;
  }

  /** Runs a query handler with its own EntityManager context. */
  withinContext<T>(fn: () => Promise<T>): Promise<T> {
    return RequestContext.create(this.orm.em, fn);
  }
}
