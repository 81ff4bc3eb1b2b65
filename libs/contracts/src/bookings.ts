// Messages about bookings.
import { command } from './message';

/** A booking's timer came due (host reminder, escalation, reconfirmation, end of event, report …). */
export interface BookingTimerDue {
  bookingId: string;
  timer: string;
  /** The booking version the timer was set at: a timer that fires after the booking moved on does nothing. */
  version: number;
  spaceId?: string;
}

export const bookingTimerDue = command<BookingTimerDue>()('booking.timer-due', 1);
