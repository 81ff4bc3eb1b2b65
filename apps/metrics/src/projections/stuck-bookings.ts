// The bookings an operator should look at, as the events tell them: escalated and still without a space,
// left unplaced, or held in the past with no report long after the organizer was asked and reminded.
import type { BookingRecord } from './booking-record';

export type StuckReason = 'escalated' | 'unplaced' | 'report-overdue';

export interface StuckBooking {
  bookingId: string;
  community: string;
  country: string | null;
  eventStart: string;
  reason: StuckReason;
  /** Since when it has been stuck. */
  since: string;
}

const OPEN_WITHOUT_SPACE = ['seeking', 'seeking_fallback'];

/** `reportOverdueAfter`: how long after the event's end a missing report is overdue. */
export function stuckBookings(
  bookings: BookingRecord[],
  now: Date,
  reportOverdueAfter: number,
): StuckBooking[] {
  const stuck: StuckBooking[] = [];
  for (const booking of bookings) {
    const base = {
      bookingId: booking.bookingId,
      community: booking.community,
      country: booking.country,
      eventStart: booking.eventStart,
    };
    const lastEscalation = booking.escalations.at(-1);
    if (booking.state === 'unplaced') {
      stuck.push({ ...base, reason: 'unplaced', since: booking.unplaced.at(-1)! });
    } else if (OPEN_WITHOUT_SPACE.includes(booking.state) && lastEscalation) {
      stuck.push({ ...base, reason: 'escalated', since: lastEscalation });
    } else if (booking.state === 'confirmed') {
      const due = Date.parse(booking.eventEnd) + reportOverdueAfter;
      if (due < now.getTime())
        stuck.push({ ...base, reason: 'report-overdue', since: new Date(due).toISOString() });
    }
  }
  return stuck.sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
}
