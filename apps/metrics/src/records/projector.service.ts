// Keeps the booking and space records true to the event log: each event refolds the record of its booking or
// space from all of that entity's logged events, in the inbox's transaction (a group of events refolds each of
// its records once); a rebuild refolds every record.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Envelope } from '@cocomo/contracts';
import { BOOKING_EVENTS, foldBooking, type LoggedEvent } from '../projections/booking-record';
import { foldSpace, SPACE_EVENTS } from '../projections/space-record';

interface Projection {
  table: string;
  key: string;
  /** Which logged events belong to this projection, and the payload field naming their entity. */
  names: string;
  field: 'bookingId' | 'spaceId';
  fold: (events: LoggedEvent[]) => object | undefined;
}

const PROJECTIONS: Projection[] = [
  // The event log's partial indexes (event_log_booking, event_log_space) serve these patterns.
  {
    table: 'booking_record',
    key: 'booking_id',
    names: `${BOOKING_EVENTS}%`,
    field: 'bookingId',
    fold: foldBooking,
  },
  { table: 'space_record', key: 'space_id', names: `${SPACE_EVENTS}%`, field: 'spaceId', fold: foldSpace },
];

/** How many entities a rebuild refolds per round trip. */
const REBUILD_CHUNK = 500;

interface LogRow {
  entity: string;
  name: string;
  occurred_at: Date;
  payload: unknown;
}

@Injectable()
export class Projector {
  /** Refolds the record the event belongs to; call it in the transaction that logged the event. */
  async project(em: EntityManager, event: Envelope): Promise<void> {
    await this.projectAll(em, [event]);
  }

  /**
   * Refolds the records these events belong to, each once, in the transaction that logged them: a few
   * statements for a whole group of events.
   */
  async projectAll(em: EntityManager, events: Envelope[]): Promise<void> {
    const touched = PROJECTIONS.map(() => new Set<string>());
    for (const event of events) {
      const index = PROJECTIONS.findIndex((p) => matches(p.names, event.name));
      const entity = index >= 0 && (event.payload as Record<string, unknown>)?.[PROJECTIONS[index].field];
      if (typeof entity === 'string') touched[index].add(entity);
    }
    // Two events of one booking logged at once by two transactions would each miss the other: the second
    // waits for the first. The locks are taken in one order, so that two groups never wait for each other.
    const locks = PROJECTIONS.flatMap((projection, index) =>
      [...touched[index]].map((entity) => `${projection.table}:${entity}`),
    ).sort();
    if (locks.length === 0) return;
    await em.execute(
      `select count(pg_advisory_xact_lock(hashtextextended("key", 0))) from (values ${locks
        .map(() => '(?)')
        .join(', ')}) as "locks" ("key")`,
      locks,
    );
    for (const [index, projection] of PROJECTIONS.entries()) {
      if (touched[index].size) await this.refold(em, projection, [...touched[index]]);
    }
  }

  /** Throws every record away and folds them again from the whole log, in the caller's transaction. */
  async rebuild(em: EntityManager): Promise<{ bookings: number; spaces: number }> {
    const counts: number[] = [];
    for (const projection of PROJECTIONS) {
      await em.execute(`lock table "metrics"."${projection.table}" in exclusive mode`);
      await em.execute(`delete from "metrics"."${projection.table}"`);
      const rows: { entity: string }[] = await em.execute(
        `select distinct "payload"->>'${projection.field}' as "entity" from "metrics"."event_log"
         where "name" like ? and "payload"->>'${projection.field}' is not null`,
        [projection.names],
      );
      const entities = rows.map((row) => row.entity);
      for (let i = 0; i < entities.length; i += REBUILD_CHUNK) {
        await this.refold(em, projection, entities.slice(i, i + REBUILD_CHUNK));
      }
      counts.push(entities.length);
    }
    return { bookings: counts[0], spaces: counts[1] };
  }

  private async refold(em: EntityManager, projection: Projection, entities: string[]): Promise<void> {
    const rows: LogRow[] = await em.execute(
      `select "payload"->>'${projection.field}' as "entity", "name", "occurred_at", "payload"
       from "metrics"."event_log"
       where "name" like ? and "payload"->>'${projection.field}' in (${entities.map(() => '?').join(', ')})`,
      [projection.names, ...entities],
    );
    const byEntity = new Map<string, LoggedEvent[]>();
    for (const row of rows) {
      const events = byEntity.get(row.entity) ?? [];
      events.push({
        name: row.name,
        occurredAt: new Date(row.occurred_at).toISOString(),
        payload: row.payload,
      });
      byEntity.set(row.entity, events);
    }
    const records = [...byEntity].flatMap(([entity, events]) => {
      const record = projection.fold(events);
      return record ? [[entity, JSON.stringify(record)]] : [];
    });
    if (records.length === 0) return;
    await em.execute(
      `insert into "metrics"."${projection.table}" ("${projection.key}", "updated_at", "record")
       values ${records.map(() => '(?, now(), ?::jsonb)').join(', ')}
       on conflict ("${projection.key}") do update set "record" = excluded."record", "updated_at" = now()`,
      records.flat(),
    );
  }
}

function matches(pattern: string, name: string): boolean {
  return name.startsWith(pattern.replace('%', ''));
}
