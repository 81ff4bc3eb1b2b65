// An entry of the record, written in the action's own transaction as a message to the record's keeper (the
// notifications service): the action and its entry commit together, or neither does.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { recordEntry, type RecordActor, type RecordedElsewhere } from '@cocomo/contracts';
import { Outbox } from '@cocomo/messaging';
import { assertOperator } from '../operator.guard';

/** Who acts, and the address their request came from. */
export interface Actor extends RecordActor {
  address: string | null;
}

/** The operator signed in on the request (the development token has no account, so no id). */
export function operatorActor(request: Request): Actor {
  const operator = assertOperator(request);
  return {
    kind: 'operator',
    id: operator.kind === 'development' ? null : operator.id,
    email: operator.email,
    address: request.ip ?? null,
  };
}

/** The holder of a mailed link: the email the link was sent to. */
export function linkActor(request: Request, kind: 'host' | 'organizer', email: string): Actor {
  return { kind, id: null, email, address: request.ip ?? null };
}

/** What an entry is about: the space and booking acted on, and a line on what was done. */
export interface RecordedOn {
  spaceId?: string | null;
  bookingId?: string | null;
  detail?: string | null;
}

@Injectable()
export class ActionRecord {
  constructor(private readonly outbox: Outbox) {}

  /** Adds the entry to the unit of work of `em`: it is kept only if the action's transaction commits. */
  add(em: EntityManager, by: Actor, action: RecordedElsewhere, on: RecordedOn): void {
    const { address, ...actor } = by;
    this.outbox.add(em, recordEntry, {
      actor,
      action,
      at: new Date().toISOString(),
      spaceId: on.spaceId ?? null,
      bookingId: on.bookingId ?? null,
      detail: on.detail ?? null,
      address,
    });
  }
}
