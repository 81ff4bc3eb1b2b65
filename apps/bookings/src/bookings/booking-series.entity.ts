// A recurring series: what the organizer asked (the recurrence, in the zone of the space asked), and where the
// one conversation with that space's host stands. Each date is a Booking of its own, linked by `seriesId`.
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { Recurrence } from '../series/recurrence';

export type SeriesState = 'asking' | 'answered' | 'cancelled';

@Entity({ tableName: 'booking_series' })
export class BookingSeries {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  /** The space whose host is asked for the whole series; null when the directory found none. */
  @Property({ type: 'uuid', nullable: true })
  spaceId: string | null;

  /** The zone the dates are expanded in: the space's, so a 19:00 meetup stays at 19:00. */
  @Property({ type: 'text' })
  timezone: string;

  @Property({ type: 'json' })
  recurrence: Recurrence;

  /** 'asking' while the host has not answered; then each date runs on its own ('cancelled': by the organizer, before). */
  @Property({ type: 'string' })
  state: SeriesState;

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime', nullable: true })
  answeredAt: Opt<Date> | null = null;

  /** The SEQUENCE of the series' calendar entry: 0 when its host answered, raised with each change of a date. */
  @Property({ type: 'integer' })
  calendarSequence: Opt<number> = 0;

  /** The dates ("YYYY-MM-DD") the series' calendar entry holds, each with the start the rule gave it (UTC). */
  @Property({ type: 'json' })
  calendarStarts: Opt<Record<string, string>> = {};
}
