// Between the stored booking and the machine's view of it.
import type { BookingFacts } from '../machine/booking-vocabulary';
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
    offers: booking.offers.map((offer) => ({
      ...offer,
      start: new Date(offer.start),
      end: new Date(offer.end),
    })),
  };
}

/**
 * Writes the machine's new facts back. What the organizer asked for changes only in its time, when they took a
 * time a host offered: the needs say the same time as the columns (the check booking_needs_its_times holds it).
 */
export function applyFacts(booking: Booking, facts: BookingFacts, at: Date): void {
  booking.state = facts.state;
  booking.version = facts.version;
  booking.candidates = facts.candidates;
  booking.asked = facts.asked;
  booking.spaceId = facts.spaceId;
  booking.offers = facts.offers.map((offer) => ({
    ...offer,
    start: offer.start.toISOString(),
    end: offer.end.toISOString(),
  }));
  if (facts.start.getTime() !== booking.start.getTime() || facts.end.getTime() !== booking.end.getTime()) {
    booking.start = facts.start;
    booking.end = facts.end;
    booking.needs = { ...booking.needs, start: facts.start.toISOString(), end: facts.end.toISOString() };
  }
  booking.updatedAt = at;
}
