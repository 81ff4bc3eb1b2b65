// One step in a booking's history: from which state to which, when and why.
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Booking } from './booking.entity';

@Entity({ tableName: 'booking_transition' })
export class BookingTransition {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id?: string;

  @ManyToOne(() => Booking, { fieldName: 'booking_id' })
  booking: Booking;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'datetime' })
  at: Date;

  @Property({ type: 'string', nullable: true, fieldName: 'from_state' })
  from: string | null;

  @Property({ type: 'string', fieldName: 'to_state' })
  to: string;

  @Property({ type: 'text' })
  cause: string;
}
