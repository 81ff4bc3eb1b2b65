// Messages to and from the notifications service: mails to send, and what became of them.
import { command, event } from './message';

/** A button in a mail: the link carries a signed, expiring, single-use token. */
export interface EmailAction {
  label: string;
  url: string;
}

/** What every booking mail knows; each template tells its step in its own words. */
// A type, not an interface, so that it fits where templates take any record of values.
export type BookingMailData = {
  recipientName: string;
  bookingId: string;
  event: { title: string; community: string; start: string; end: string; expectedAttendees: number };
  /** Times in the mail are shown in this IANA zone: the space's, or the organizer's before a space is known. */
  timeZone: string;
  space?: { name: string; address: string; city: string; country: string };
  organizer: { name: string; email: string };
  /** What explains the step, when something does: a cancellation's reason, the space asked next … */
  note?: string;
  /** Until when the mail's buttons work (ISO 8601). */
  respondBy?: string;
};

/**
 * The booking protocol's mails: to the organizer at every step, to hosts (asked, reminded, confirmed,
 * reconfirmation, cancelled, no longer needed), and to operators (escalations and requests left unplaced).
 */
export const BOOKING_MAIL_TEMPLATES = [
  'booking-organizer-host-asked',
  'booking-organizer-host-declined',
  'booking-organizer-confirmed',
  'booking-organizer-unplaced',
  'booking-organizer-late-denial',
  'booking-organizer-fallback-asked',
  'booking-organizer-reconfirmed',
  'booking-organizer-cancelled',
  'booking-organizer-report-request',
  'booking-host-request',
  'booking-host-reminder',
  'booking-host-confirmed',
  'booking-host-reconfirm',
  'booking-host-cancelled',
  'booking-host-released',
  'booking-operators-host-silent',
  'booking-operators-unplaced',
  'booking-operators-late-denial',
  'booking-operators-ranking-failed',
  'booking-operators-cancelled',
] as const;
type BookingMailTemplates = { [T in (typeof BOOKING_MAIL_TEMPLATES)[number]]: BookingMailData };

/** Every kind of mail, and the data its template needs. */
export interface EmailTemplates extends BookingMailTemplates {
  'space-verify': { hostName: string; spaceName: string; city: string; country: string; expiresAt: string };
  'space-review-needed': {
    spaceId: string;
    spaceName: string;
    kind: string;
    city: string;
    country: string;
    capacity: number;
    pricingModel: string;
    hostName: string;
    hostEmail: string;
    reviewApiUrl: string;
  };
  'space-approved': { hostName: string; spaceName: string; mapUrl: string };
  'space-rejected': { hostName: string; spaceName: string; reason: string };
}
export type EmailTemplateId = keyof EmailTemplates;

export interface NotifyEmail<T extends EmailTemplateId = EmailTemplateId> {
  /** One mail per notification id, however often the command arrives. No ':' in it. */
  notificationId: string;
  template: T;
  locale: string;
  to: { email: string; name?: string };
  data: EmailTemplates[T];
  actions: EmailAction[];
  /** A calendar entry sent with the mail (an .ics file), for a confirmed or cancelled event. */
  calendar?: {
    uid: string;
    method: 'REQUEST' | 'CANCEL';
    /** Increases with each change of the same event, so calendars replace the older entry. */
    sequence: number;
    summary: string;
    description: string;
    location: string;
    start: string;
    end: string;
  };
}

export interface NotificationFailed {
  notificationId: string;
  template: string;
  to: string;
  attempts: number;
  reason: string;
}

export const notifyEmail = command<NotifyEmail>()('notify.email', 1);
export const notificationFailed = event<NotificationFailed>()('notification.failed', 1);
