// The events spaces have hosted: recorded from booking.held, read for a space's public profile.
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { BookingHeld } from '@cocomo/contracts';
import type { HostedEvents } from '../spaces/space-answer.dto';
import { HostSummaries } from './host-summaries.service';

/** How many of a space's events its profile lists, newest first; the totals count them all. */
export const LISTED_EVENTS = 100;

export type { HostedEvents };

@Injectable()
export class HostedEventsService {
  constructor(
    private readonly em: EntityManager,
    private readonly summaries: HostSummaries,
  ) {}

  /**
   * Records the event in the current transaction (the inbox's, for booking.held); a booking already recorded
   * is left as it is. The space's host has hosted in the last twelve months now: its next yearly summary is set.
   */
  async record(held: BookingHeld & { spaceId: string }, now = new Date()): Promise<void> {
    await this.em.execute(
      `insert into "directory"."hosted_event"
         ("booking_id", "space_id", "community", "event_title", "event_start", "event_end", "attendance",
          "newcomers", "recorded_at", "market_cost", "currency")
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict ("booking_id") do nothing`,
      [
        held.bookingId,
        held.spaceId,
        held.community,
        held.eventTitle ?? null,
        new Date(held.eventStart),
        new Date(held.eventEnd),
        held.attendance,
        held.newcomers,
        now,
        held.marketCost ?? null,
        held.marketCost === null || held.marketCost === undefined ? null : (held.currency ?? null),
      ],
    );
    await this.summaries.plan(this.em, held.spaceId, now);
  }

  async of(spaceId: string): Promise<HostedEvents> {
    const em = this.em.fork();
    const [totals]: { events: string; attendance: string | null; newcomers: string | null }[] =
      await em.execute(
        `select count(*) as "events", sum("attendance") as "attendance", sum("newcomers") as "newcomers"
       from "directory"."hosted_event" where "space_id" = ?`,
        [spaceId],
      );
    const rows: {
      event_title: string | null;
      community: string;
      event_start: Date;
      event_end: Date;
      attendance: number;
      newcomers: number;
    }[] = await em.execute(
      `select "event_title", "community", "event_start", "event_end", "attendance", "newcomers"
       from "directory"."hosted_event" where "space_id" = ?
       order by "event_start" desc, "booking_id" limit ?`,
      [spaceId, LISTED_EVENTS],
    );
    return {
      events: Number(totals.events),
      attendance: Number(totals.attendance ?? 0),
      newcomers: Number(totals.newcomers ?? 0),
      items: rows.map((row) => ({
        title: row.event_title,
        community: row.community,
        eventStart: new Date(row.event_start).toISOString(),
        eventEnd: new Date(row.event_end).toISOString(),
        attendance: row.attendance,
        newcomers: row.newcomers,
      })),
    };
  }
}
