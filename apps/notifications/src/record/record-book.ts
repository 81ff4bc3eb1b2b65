// The one record of who did what: operators' account actions (written here, by OperatorRecord), and every other
// operator action and host's and organizer's link press, which the other services send as record.entry. Read
// by person, space, booking, subject and period, newest first, a page at a time.
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { RecordActor, RecordEntry, RecordedElsewhere } from '@cocomo/contracts';
import type { RecordedAction } from '../operators/operator-record';
import type { RecordQuery } from './record-query';

export interface RecordedEntry {
  at: string;
  actorKind: RecordActor['kind'];
  /** An operator's account id; null for a link's holder and for the development token. */
  actorId: string | null;
  actorEmail: string;
  action: RecordedAction | RecordedElsewhere;
  spaceId: string | null;
  bookingId: string | null;
  /** What an account action was done to: an operator's, token's or session's id. */
  subject: string | null;
  detail: string | null;
  address: string | null;
}

export interface RecordPage {
  items: RecordedEntry[];
  page: number;
  /** The page of older entries, when there are any. */
  next: number | null;
}

@Injectable()
export class RecordBook {
  constructor(private readonly orm: MikroORM) {}

  private get table(): string {
    return `"${this.orm.config.get('schema')!}"."operator_record"`;
  }

  /** Keeps an entry another service sent; the same message again inserts nothing. */
  async keep(messageId: string, entry: RecordEntry): Promise<void> {
    await this.orm.em.fork().execute(
      `insert into ${this.table} ("message_id", "at", "actor_kind", "actor_id", "actor_email", "action",
         "space_id", "booking_id", "detail", "address")
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict ("message_id") do nothing`,
      [
        messageId,
        entry.at,
        entry.actor.kind,
        entry.actor.id,
        entry.actor.email,
        entry.action,
        entry.spaceId,
        entry.bookingId,
        entry.detail,
        entry.address,
      ],
    );
  }

  async page(query: RecordQuery): Promise<RecordPage> {
    const rows: Record<string, unknown>[] = await this.orm.em.fork().execute(
      `select * from ${this.table}
       where (?::text is null or "actor_id"::text = lower(?) or lower("actor_email") = lower(?))
         and (?::uuid is null or "space_id" = ?) and (?::uuid is null or "booking_id" = ?)
         and (?::text is null or "subject" = ?)
         and (?::timestamptz is null or "at" >= ?) and (?::timestamptz is null or "at" < ?)
       order by "at" desc, "id" desc limit ? offset ?`,
      [
        ...Array(3).fill(query.person ?? null),
        ...Array(2).fill(query.space ?? null),
        ...Array(2).fill(query.booking ?? null),
        ...Array(2).fill(query.subject ?? null),
        ...Array(2).fill(query.from ?? null),
        ...Array(2).fill(query.to ?? null),
        query.limit + 1,
        (query.page - 1) * query.limit,
      ],
    );
    return {
      items: rows.slice(0, query.limit).map(entryOf),
      page: query.page,
      next: rows.length > query.limit ? query.page + 1 : null,
    };
  }
}

function entryOf(row: Record<string, unknown>): RecordedEntry {
  const text = (value: unknown) => (value as string | null) ?? null;
  return {
    at: new Date(row.at as string).toISOString(),
    actorKind: row.actor_kind as RecordActor['kind'],
    actorId: text(row.actor_id),
    actorEmail: row.actor_email as string,
    action: row.action as RecordedEntry['action'],
    spaceId: text(row.space_id),
    bookingId: text(row.booking_id),
    subject: text(row.subject),
    detail: text(row.detail),
    address: text(row.address),
  };
}
