// A booking: the organizer's request and where the protocol has taken it. The machine's facts live here
// (state, version, candidates, asked hosts, the space), next to what the organizer asked for.
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { RankedCandidate } from '@cocomo/contracts';
import type { BookingState } from '../machine/booking-machine';

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

  @Property({ type: 'string' })
  community: string;

  @Property({ type: 'string' })
  title: string;

  @Property({ type: 'text' })
  description: string;

  @Property({ type: 'datetime', fieldName: 'starts_at' })
  start: Date;

  @Property({ type: 'datetime', fieldName: 'ends_at' })
  end: Date;

  @Property({ type: 'integer' })
  expectedAttendees: number;

  @Property({ type: 'string[]' })
  needs: string[];

  @Property({ type: 'uuid', nullable: true })
  requestedSpaceId: string | null = null;

  @Property({ type: 'double', nullable: true })
  nearLatitude: number | null = null;

  @Property({ type: 'double', nullable: true })
  nearLongitude: number | null = null;

  @Property({ type: 'double', nullable: true })
  nearRadiusKm: number | null = null;

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

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime' })
  updatedAt: Date;
}
