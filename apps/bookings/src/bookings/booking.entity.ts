// A booking: the organizer's request and where the protocol has taken it. The machine's facts live here
// (state, version, candidates, asked hosts, the space), next to what the organizer asked for.
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { BookingNeeds, LeftOut, RankedCandidate } from '@cocomo/contracts';
import type { BookingState } from '../machine/booking-vocabulary';

/** An offered time as the booking keeps it. */
export interface StoredOffer {
  id: string;
  spaceId: string;
  start: string;
  end: string;
}

@Entity({ tableName: 'booking' })
export class Booking {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'string' })
  state: BookingState;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'string' })
  organizerName: string;

  @Property({ type: 'string' })
  organizerEmail: string;

  /** The language the organizer asked in: every mail to them is written in it. */
  @Property({ type: 'string', length: 35 })
  organizerLocale: Opt<string> = 'en';

  @Property({ type: 'string' })
  title: string;

  @Property({ type: 'text' })
  description: string;

  /**
   * The event's time, as in `needs`, in columns of their own: PostgreSQL's rule that a space holds one event
   * at a time reads them (and the constraint booking_needs_its_times keeps them equal to the needs').
   */
  @Property({ type: 'datetime', fieldName: 'starts_at' })
  start: Date;

  @Property({ type: 'datetime', fieldName: 'ends_at' })
  end: Date;

  /** What the organizer asked of a space, as it was asked; the directory ranks spaces by it. */
  @Property({ type: 'json' })
  needs: BookingNeeds;

  /** Ranked spaces not asked yet, best first. */
  @Property({ type: 'json' })
  candidates: string[] = [];

  /** What the directory said of each ranked space (name, host, time zone), kept for the mails. */
  @Property({ type: 'json' })
  spaceSnapshots: Record<string, RankedCandidate> = {};

  /** Spaces asked and not answered yet, with the version at which each was asked. */
  @Property({ type: 'json' })
  asked: { spaceId: string; version: number }[] = [];

  @Property({ type: 'uuid', nullable: true })
  spaceId: string | null = null;

  /** How many spaces that fit the directory left out for the time when the request was ranked, by why. */
  @Property({ type: 'json', nullable: true })
  leftOut: Opt<LeftOut> | null = null;

  /** Times declining hosts offered instead (ISO 8601 in UTC), open while the booking has no space. */
  @Property({ type: 'json' })
  offers: Opt<StoredOffer[]> = [];

  /** The series this booking is a date of, and that date in the space's zone ("YYYY-MM-DD"). */
  @Property({ type: 'uuid', nullable: true })
  seriesId: Opt<string> | null = null;

  @Property({ type: 'string', nullable: true })
  seriesDate: Opt<string> | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime' })
  updatedAt: Date;
}
