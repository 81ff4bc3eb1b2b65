// Reads what the metrics are computed from: the records of spaces and bookings, and the failed emails.
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { notificationFailed, type NotificationFailed } from '@cocomo/contracts';
import type { BookingRecord } from '../projections/booking-record';
import type { SpaceRecord } from '../projections/space-record';

export interface FailedEmail extends NotificationFailed {
  failedAt: string;
}

@Injectable()
export class RecordsReader {
  constructor(private readonly em: EntityManager) {}

  async spaces(): Promise<SpaceRecord[]> {
    const rows: { record: SpaceRecord }[] = await this.em
      .fork()
      .execute(`select "record" from "metrics"."space_record"`);
    return rows.map((row) => row.record);
  }

  async bookings(): Promise<BookingRecord[]> {
    const rows: { record: BookingRecord }[] = await this.em
      .fork()
      .execute(`select "record" from "metrics"."booking_record"`);
    return rows.map((row) => row.record);
  }

  async failedEmailCount(): Promise<number> {
    const [row]: { count: string }[] = await this.em
      .fork()
      .execute(`select count(*) as "count" from "metrics"."event_log" where "name" = ?`, [
        notificationFailed.name,
      ]);
    return Number(row.count);
  }

  async failedEmails(limit: number): Promise<FailedEmail[]> {
    const rows: { payload: NotificationFailed; occurred_at: Date }[] = await this.em.fork().execute(
      `select "payload", "occurred_at" from "metrics"."event_log" where "name" = ?
       order by "occurred_at" desc limit ?`,
      [notificationFailed.name, limit],
    );
    return rows.map((row) => ({ ...row.payload, failedAt: new Date(row.occurred_at).toISOString() }));
  }
}
