// Calls back after each commit that wrote rows of the given entity: how the outbox relay and the timer
// scheduler start work right after a transaction, instead of waiting for their next poll.
import type { MikroORM } from '@mikro-orm/postgresql';

export function afterCommitsWriting(
  orm: MikroORM,
  entity: new (...args: never[]) => object,
  callback: () => void,
): void {
  const wrote = new WeakSet<object>();
  orm.em.getEventManager().registerSubscriber({
    onFlush: ({ em, uow }) => {
      if (uow.getChangeSets().some((change) => change.entity instanceof entity)) wrote.add(em);
    },
    afterTransactionCommit: ({ em }) => {
      if (wrote.delete(em)) callback();
    },
  });
}
