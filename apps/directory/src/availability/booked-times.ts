// What availability asks of the booking events' record in the directory's own tables: which spaces a booking
// holds at a time ("booked_time", kept by the calendar's BookedTimesHandler) and how often each was asked
// ("space_request", kept here in the inbox's transaction, so that a repeated message changes nothing).
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

const placeholders = (values: unknown[]) => values.map(() => '?').join(', ');

@Injectable()
export class BookedTimes {
  constructor(private readonly em: EntityManager) {}

  async asked(bookingId: string, spaceId: string, at: Date): Promise<void> {
    await this.em.execute(
      `insert into "directory"."space_request" ("booking_id", "space_id", "asked_at") values (?, ?, ?)
       on conflict do nothing`,
      [bookingId, spaceId, at],
    );
  }

  /** Of these spaces, those a booking holds during any part of the time. */
  async bookedDuring(spaceIds: string[], start: Date, end: Date): Promise<Set<string>> {
    if (!spaceIds.length) return new Set();
    const rows: { space_id: string }[] = await this.em.execute(
      `select distinct "space_id" from "directory"."booked_time"
       where "space_id" in (${placeholders(spaceIds)}) and not "released"
         and "event_start" < ? and "event_end" > ?`,
      [...spaceIds, end, start],
    );
    return new Set(rows.map((row) => row.space_id));
  }

  /** When each of these spaces was asked since `since`, to count a month's requests in the space's zone. */
  async askedSince(spaceIds: string[], since: Date): Promise<Map<string, Date[]>> {
    const asked = new Map<string, Date[]>();
    if (!spaceIds.length) return asked;
    const rows: { space_id: string; asked_at: Date }[] = await this.em.execute(
      `select "space_id", "asked_at" from "directory"."space_request"
       where "space_id" in (${placeholders(spaceIds)}) and "asked_at" >= ?`,
      [...spaceIds, since],
    );
    for (const row of rows)
      asked.set(row.space_id, [...(asked.get(row.space_id) ?? []), new Date(row.asked_at)]);
    return asked;
  }
}
