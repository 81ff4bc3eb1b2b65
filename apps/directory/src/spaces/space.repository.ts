// Every read of spaces, and the transaction their changes run in: controllers, handlers and services ask
// this, never the EntityManager. Reads go through the current context (the HTTP request's); changes take the
// transaction they belong to. The search's statement lives with the search (search/search-statements.ts).
import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { NotFound } from '@cocomo/platform';
import { SpaceHistoryEntry } from './space-history.entity';
import { Space, type SpaceStatus } from './space.entity';

@Injectable()
export class SpaceRepository {
  constructor(private readonly em: EntityManager) {}

  /** Runs `work` in a transaction: what it writes through the EntityManager it is given commits together. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.transactional(work);
  }

  async byId(id: string): Promise<Space | null> {
    return this.em.findOne(Space, { id });
  }

  /** The space; NotFound when there is none. */
  async get(id: string): Promise<Space> {
    const space = await this.byId(id);
    if (!space) throw new NotFound('Space', id);
    return space;
  }

  /** The space under a row lock for the rest of the transaction, so that decisions on it come one by one. */
  async locked(em: EntityManager, id: string): Promise<Space> {
    const space = await em.findOne(Space, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!space) throw new NotFound('Space', id);
    return space;
  }

  /**
   * Spaces in one status, the oldest first, read afresh: a page shown again after a refused decision lists
   * them as the database has them, not as that decision loaded them.
   */
  async oldestIn(status: SpaceStatus, limit: number): Promise<Space[]> {
    return this.em.fork().find(Space, { status }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit });
  }

  /** How many spaces there are, in one status or in any. */
  async count(status?: SpaceStatus): Promise<number> {
    return this.em.fork().count(Space, status ? { status } : {});
  }

  /** The spaces an email hosts that can still be managed (not rejected, not retired). */
  async hostedBy(email: string): Promise<Space[]> {
    return this.em.fork().find(
      Space,
      // Case aside, the address itself: its % and _ are letters here, not patterns.
      {
        hostEmail: { $ilike: email.replace(/[\\%_]/g, '\\$&') },
        status: { $in: ['unverified', 'pending_review', 'approved'] },
      },
      { orderBy: { createdAt: 'asc' } },
    );
  }

  /** The space's history, the newest first. */
  async historyOf(spaceId: string, limit = 50): Promise<SpaceHistoryEntry[]> {
    return this.em.fork().find(SpaceHistoryEntry, { spaceId }, { orderBy: { at: 'desc', id: 'asc' }, limit });
  }

  /** Approved spaces whose host changed fields operators review, the oldest change first. */
  async withPendingChange(limit: number): Promise<Space[]> {
    return this.em
      .fork()
      .find(
        Space,
        { pendingChange: { $ne: null }, status: 'approved' },
        { orderBy: { pendingChangeAt: 'asc' }, limit },
      );
  }
}
