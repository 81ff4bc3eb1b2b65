// Between the stored booking and the machine's view of it.
import type { BookingFacts } from '../machine/booking-machine';
import type { Booking } from './booking.entity';

export function factsOf(booking: Booking): BookingFacts {
  return {
    state: booking.state,
    version: booking.version,
    start: booking.start,
    end: booking.end,
    candidates: [...booking.candidates],
    asked: booking.asked.map((ask) => ({ ...ask })),
    spaceId: booking.spaceId,
  };
}

/** Writes the machine's new facts back; what the organizer asked for never changes here. */
export function applyFacts(booking: Booking, facts: BookingFacts, at: Date): void {
  booking.state = facts.state;
  booking.version = facts.version;
  booking.candidates = facts.candidates;
  booking.asked = facts.asked;
  booking.spaceId = facts.spaceId;
  booking.updatedAt = at;
}
