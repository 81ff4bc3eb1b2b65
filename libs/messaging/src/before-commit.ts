// Work gathered over a transaction and done once, just before it commits: when the inbox handles a group of
// messages in one transaction, what each message adds is written for all of them in a few statements, not a
// few for each. The work is part of the transaction: if it fails, the transaction rolls back (and the inbox
// runs each message again alone); if the transaction rolls back, the gathered items are forgotten.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { outermost } from './commit-watch';

export class BeforeCommit<T> {
  private readonly pending = new WeakMap<object, T[]>();

  constructor(
    orm: MikroORM,
    private readonly work: (em: EntityManager, items: T[]) => Promise<void>,
  ) {
    orm.em.getEventManager().registerSubscriber({
      // Called for the outermost transaction only, with the EntityManager that runs it.
      beforeTransactionCommit: async ({ em, transaction }) => {
        const items = transaction === undefined ? undefined : this.pending.get(transaction as object);
        if (!items) return;
        this.pending.delete(transaction as object);
        await this.work(em as EntityManager, items);
      },
    });
  }

  /**
   * Adds `item` to the work of `em`'s transaction. Outside a transaction the work is done at once, in a
   * transaction of its own.
   */
  async add(em: EntityManager, item: T): Promise<void> {
    const transaction = em.getTransactionContext<object>();
    if (!transaction) return em.transactional((tx) => this.work(tx, [item]));
    const key = outermost(transaction);
    const items = this.pending.get(key);
    if (items) items.push(item);
    else this.pending.set(key, [item]);
  }
}
