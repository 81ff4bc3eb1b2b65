// Keeps the booking and space records true to the event log: each event refolds the record of its booking or
// space from all of that entity's logged events, in the inbox's transaction; a rebuild refolds every record.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Envelope } from '@cocomo/contracts';
import { foldBooking, type LoggedEvent } from '../projections/booking-record';
import { foldSpace } from '../projections/space-record';

interface Projection {
  table: string;
  key: string;
  /** Which logged events belong to this projection, and the payload field naming their entity. */
  names: string;
  field: 'bookingId' | 'spaceId';
  fold: (events: LoggedEvent[]) => object | undefined;
}

const PROJECTIONS: Projection[] = [
  { table: 'booking_record', key: 'booking_id', names: 'booking.%', field: 'bookingId', fold: foldBooking },
  { table: 'space_record', key: 'space_id', names: 'space.%', field: 'spaceId', fold: foldSpace },
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
    const projection = PROJECTIONS.find((p) => matches(p.names, event.name));
    const entity = projection && (event.payload as Record<string, unknown>)[projection.field];
    if (!projection || typeof entity !== 'string') return;
    // Two events of one booking logged at once would each miss the other: the second waits for the first.
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
      `${projection.table}:${entity}`,
    ]);
    await this.refold(em, projection, [entity]);
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
