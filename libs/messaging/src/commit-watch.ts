// Calls back after each commit that wrote rows of the given entity, with the ones it inserted: how the outbox
// relay and the timer scheduler start work right after a transaction, instead of waiting for their next poll.
// The rows are candidates only (a savepoint that rolled back may have flushed some): the callee reads which of
// them the database holds.
//
// A flush and the commit that makes it durable are seen by different EntityManagers whenever transactions
// nest: a handler's `em.transactional` inside the inbox's transaction runs in a fork of its own and flushes
// there, while the commit is the outer transaction's, reported with the outer fork. So a flush is remembered
// by the database transaction it wrote in (the outermost one, as savepoints commit only with it), and a flush
// outside any transaction, which opens and commits one of its own, by its EntityManager.
import { ChangeSetType } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

type Transaction = object;

export function afterCommitsWriting<E extends object>(
  orm: MikroORM,
  entity: new (...args: never[]) => E,
  callback: (written: E[]) => void,
): void {
  // What each transaction (or EntityManager) inserted of the entity, until its commit.
  const wrote = new WeakMap<object, E[]>();
  orm.em.getEventManager().registerSubscriber({
    onFlush: ({ em, uow }) => {
      const inserted = uow
        .getChangeSets()
        .filter((change) => change.type === ChangeSetType.CREATE && change.entity instanceof entity)
        .map((change) => change.entity as E);
      const touched = uow.getChangeSets().some((change) => change.entity instanceof entity);
      if (!touched) return;
      const transaction = (em as EntityManager).getTransactionContext<Transaction>();
      const key = transaction ? outermost(transaction) : em;
      wrote.set(key, [...(wrote.get(key) ?? []), ...inserted]);
    },
    afterTransactionCommit: ({ em, transaction }) => {
      // Both are asked: either may be the one remembered, and a rolled-back transaction is simply forgotten.
      for (const key of [transaction, em]) {
        const written = key === undefined ? undefined : wrote.get(key as object);
        if (!written) continue;
        wrote.delete(key as object);
        callback(written);
        return;
      }
    },
  });
}

/**
 * The transaction a savepoint belongs to. MikroORM marks a nested transaction with a symbol pointing at its
 * parent (`parentTransaction`, in its SQL connection); only the outermost one reports a commit.
 */
export function outermost(transaction: Transaction): Transaction {
  let current = transaction;
  for (let parent = parentOf(current); parent; parent = parentOf(current)) current = parent;
  return current;
}

function parentOf(transaction: Transaction): Transaction | undefined {
  const symbol = Object.getOwnPropertySymbols(transaction).find(
    (candidate) => candidate.description === 'parentTransaction',
  );
  return symbol ? ((transaction as Record<symbol, Transaction | undefined>)[symbol] ?? undefined) : undefined;
}
