// The record of what was done to operators' accounts: one entry per action, with who, when, on whom and from
// which address. Entries keep the actor's email, so they stay when the account goes. The record's other
// entries, and the queries of it all, are in ../record.
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { assertOperator } from '@cocomo/platform';

export const RECORDED_ACTIONS = [
  'signed-in',
  'sign-in-refused',
  'signed-out',
  'token-made',
  'token-revoked',
  'operator-made',
  'operator-changed',
  'second-factor-on',
  'second-factor-off',
] as const;
export type RecordedAction = (typeof RECORDED_ACTIONS)[number];

export interface RecordEntry {
  at: string;
  actorId: string | null;
  actorEmail: string;
  action: RecordedAction;
  subject: string | null;
  address: string | null;
}

@Injectable()
export class OperatorRecord {
  constructor(private readonly orm: MikroORM) {}

  private get table(): string {
    return `"${this.orm.config.get('schema')!}"."operator_record"`;
  }

  /** Adds the entry; inside OperatorAccounts.inTransaction, with the change it records. */
  async add(entry: Omit<RecordEntry, 'at'>): Promise<void> {
    await this.orm.em
      .fork({ keepTransactionContext: true })
      .execute(
        `insert into ${this.table} ("actor_id", "actor_email", "action", "subject", "address") values (?, ?, ?, ?, ?)`,
        [entry.actorId, entry.actorEmail, entry.action, entry.subject, entry.address],
      );
  }

  /** Records an action of the operator signed in on this request, from its address. */
  async byRequest(request: Request, action: RecordedAction, subject: string): Promise<void> {
    const actor = assertOperator(request);
    await this.add({
      actorId: actor.kind === 'development' ? null : actor.id,
      actorEmail: actor.email,
      action,
      subject,
      address: request.ip ?? null,
    });
  }
}
