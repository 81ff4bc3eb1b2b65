// The times each space is booked, kept from the booking events (the directory never reads the bookings' tables):
// a confirmed, moved or rescued booking holds its space's time; a cancelled, unplaced or late-denied one
// releases it. Each step carries the booking's version, so a step that arrives late never undoes a newer one.
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

export interface BookedStep {
  bookingId: string;
  bookingVersion: number;
  eventTitle: string;
  eventStart: Date;
  eventEnd: Date;
  at: Date;
}

export interface BookedTime {
  bookingId: string;
  title: string;
  start: Date;
  end: Date;
  /** The booking's version: the entry's SEQUENCE in the space's calendar. */
  version: number;
  changedAt: Date;
}

/** How far back a space's calendar shows the times it was booked. */
export const CALENDAR_PAST_DAYS = 90;

@Injectable()
export class BookedTimesService {
  constructor(private readonly em: EntityManager) {}

  /** Records, in the current transaction (the inbox's), that the booking holds `spaceId` at its times. */
  async hold(spaceId: string, step: BookedStep): Promise<void> {
    await this.write(spaceId, false, step);
  }

  /** Records that the booking holds no space any more. */
  async release(step: BookedStep): Promise<void> {
    await this.write(null, true, step);
  }

  private async write(spaceId: string | null, released: boolean, step: BookedStep): Promise<void> {
    await this.em.execute(
      `insert into "directory"."booked_time" as "kept"
         ("booking_id", "space_id", "event_title", "event_start", "event_end", "booking_version", "released",
          "changed_at")
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict ("booking_id") do update set
         "space_id" = coalesce(excluded."space_id", "kept"."space_id"), "event_title" = excluded."event_title",
         "event_start" = excluded."event_start", "event_end" = excluded."event_end",
         "booking_version" = excluded."booking_version", "released" = excluded."released",
         "changed_at" = excluded."changed_at"
       where "kept"."booking_version" < excluded."booking_version"`,
      [
        step.bookingId,
        spaceId,
        step.eventTitle.slice(0, 255),
        step.eventStart,
        step.eventEnd,
        step.bookingVersion,
        released,
        step.at,
      ],
    );
  }

  /** The space's booked times from CALENDAR_PAST_DAYS ago on, earliest first. */
  async of(spaceId: string, now = new Date()): Promise<BookedTime[]> {
    const rows: {
      booking_id: string;
      event_title: string;
      event_start: Date;
      event_end: Date;
      booking_version: number;
      changed_at: Date;
    }[] = await this.em.fork().execute(
      `select "booking_id", "event_title", "event_start", "event_end", "booking_version", "changed_at"
       from "directory"."booked_time"
       where "space_id" = ? and not "released" and "event_end" > ?
       order by "event_start", "booking_id"`,
      [spaceId, new Date(now.getTime() - CALENDAR_PAST_DAYS * 24 * 3600_000)],
    );
    return rows.map((row) => ({
      bookingId: row.booking_id,
      title: row.event_title,
      start: new Date(row.event_start),
      end: new Date(row.event_end),
      version: row.booking_version,
      changedAt: new Date(row.changed_at),
    }));
  }
}
