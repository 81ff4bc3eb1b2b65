// An event a space hosted, as its organizer reported it (booking.held): what the space's public profile shows,
// so that a space is known for the communities it has welcomed.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'hosted_event' })
@Index({ name: 'hosted_event_space', properties: ['spaceId', 'eventStart'] })
export class HostedEvent {
  /** One booking, one event: the booking's id. */
  @PrimaryKey({ type: 'uuid' })
  bookingId: string;

  @Property({ type: 'uuid' })
  spaceId: string;

  @Property({ type: 'string' })
  community: string;

  /** Null for events told before booking.held carried the title. */
  @Property({ type: 'string', nullable: true })
  eventTitle: string | null = null;

  @Property({ type: 'datetime' })
  eventStart: Date;

  @Property({ type: 'datetime' })
  eventEnd: Date;

  @Property({ type: 'integer' })
  attendance: number;

  @Property({ type: 'integer' })
  newcomers: number;

  @Property({ type: 'datetime' })
  recordedAt: Date;

  /** What renting the space for the event would have cost (booking.held's marketCost); null when unknown. */
  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  marketCost: string | null = null;

  @Property({ type: 'string', length: 3, nullable: true })
  currency: string | null = null;
}
