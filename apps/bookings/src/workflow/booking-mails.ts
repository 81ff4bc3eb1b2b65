// The mails a booking asks the notifications service to send, with the facts every booking mail carries.
import { randomUUID } from 'node:crypto';
import type { BookingMailData, EmailAction, NotifyEmail, RankedCandidate } from '@cocomo/contracts';
import { BOOKING_MAIL_TEMPLATES } from '@cocomo/contracts';
import type { Booking } from '../bookings/booking.entity';

export type BookingMailTemplate = (typeof BOOKING_MAIL_TEMPLATES)[number];

export function isBookingMailTemplate(template: string): template is BookingMailTemplate {
  return (BOOKING_MAIL_TEMPLATES as readonly string[]).includes(template);
}

/** The space a mail is about: the one named, else the booking's, else the best candidate (for its zone). */
function spaceFor(booking: Booking, spaceId?: string | null): RankedCandidate | undefined {
  const id = spaceId ?? booking.spaceId ?? booking.candidates[0] ?? booking.asked[0]?.spaceId;
  return id ? booking.spaceSnapshots[id] : undefined;
}

export function bookingMail(
  template: BookingMailTemplate,
  to: { email: string; name: string },
  booking: Booking,
  options: {
    spaceId?: string | null;
    note?: string;
    respondBy?: Date;
    actions?: EmailAction[];
    calendar?: NotifyEmail['calendar'];
  } = {},
): NotifyEmail {
  const space = spaceFor(booking, options.spaceId);
  const data: BookingMailData = {
    recipientName: to.name,
    bookingId: booking.id,
    event: {
      title: booking.title,
      community: booking.community,
      start: booking.start.toISOString(),
      end: booking.end.toISOString(),
      expectedAttendees: booking.expectedAttendees,
    },
    timeZone: space?.timezone ?? 'UTC',
    space: space && { name: space.name, address: space.address, city: space.city, country: space.country },
    organizer: { name: booking.organizerName, email: booking.organizerEmail },
    ...(options.note ? { note: options.note } : {}),
    ...(options.respondBy ? { respondBy: options.respondBy.toISOString() } : {}),
  };
  return {
    notificationId: randomUUID(),
    template,
    locale: 'en',
    to,
    data,
    actions: options.actions ?? [],
    ...(options.calendar ? { calendar: options.calendar } : {}),
  };
}

/**
 * The calendar entry of a confirmed (or cancelled) event. One uid per booking, and the booking's version as the
 * sequence, so calendars replace an older entry when the space changes or the event is cancelled.
 */
export function bookingCalendar(booking: Booking, method: 'REQUEST' | 'CANCEL'): NotifyEmail['calendar'] {
  const space = booking.spaceId ? booking.spaceSnapshots[booking.spaceId] : undefined;
  return {
    uid: `${booking.id}@cocomo`,
    method,
    sequence: booking.version,
    summary: booking.title,
    description: `${booking.community} · organized by ${booking.organizerName}`,
    location: space ? `${space.name}, ${space.address}, ${space.city}, ${space.country}` : '',
    start: booking.start.toISOString(),
    end: booking.end.toISOString(),
  };
}
