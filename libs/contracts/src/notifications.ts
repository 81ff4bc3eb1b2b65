// Messages to and from the notifications service: mails to send, and what became of them.
import type { DeclineReason } from './bookings';
import { command, event } from './message';

/** A button in a mail: the link carries a signed, expiring, single-use token. */
export interface EmailAction {
  label: string;
  url: string;
}

/**
 * The host's link to their space's manage page, which every mail to a host carries (the layout's partial). It
 * is signed and host-scoped like every link, and works again and again until it expires.
 */
export interface ManageLink {
  url: string;
  /** ISO 8601. */
  expiresAt: string;
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
  /** Why the host declined, when they said; `note` is the host's own line when the reason is "other". */
  decline?: { reason: DeclineReason; note?: string };
  /** Other times the declining host offered (ISO 8601); `number` is N of the mail's "Take time N" button. */
  offers?: { number: number; start: string; end: string }[];
  /** The organizer's report of an event held, for the host's thank-you. */
  report?: HostThanksFigures;
  /** In a mail to a host: the link to manage their space. */
  manage?: ManageLink;
  /** A recurring series asked as one: each of its dates (ISO 8601), and whether the space is booked then. */
  series?: { dates: { start: string; end: string; clashes: boolean }[] };
};

/** What the host of an event held hears of it: who came, and what renting a space would have cost. */
export interface HostThanksFigures {
  attendance: number;
  newcomers: number;
  /** People by age group (under18, 18to24, 25to34, 35to49, 50to64, 65plus), as the organizer counted them. */
  ageGroups: Record<string, number>;
  /** What renting the space for the event would have cost, at its market rate; null when it has none. */
  marketCost: number | null;
  amountPaid: number;
  /** The market cost less what was paid, never below 0; null without a market rate. */
  saved: number | null;
  currency: string | null;
}

/**
 * The booking protocol's mails, by whom they are written to: the organizer at every step (a decline with other
 * times offered, and one of them taken, among them), hosts (asked, reminded, confirmed, reconfirmation,
 * cancelled, no longer needed, their offered time taken, thanked after the event), and operators (escalations and requests
 * left unplaced). Each names its files in the notifications service's templates/<locale>.
 */
export const BOOKING_MAILS = {
  organizer: [
    'booking-organizer-host-asked',
    'booking-organizer-host-declined',
    'booking-organizer-times-offered',
    'booking-organizer-offer-taken',
    'booking-organizer-confirmed',
    'booking-organizer-unplaced',
    'booking-organizer-late-denial',
    'booking-organizer-fallback-asked',
    'booking-organizer-reconfirmed',
    'booking-organizer-cancelled',
    'booking-organizer-report-request',
    'booking-organizer-series-asked',
    'booking-organizer-series-confirmed',
  ],
  host: [
    'booking-host-request',
    'booking-host-reminder',
    'booking-host-confirmed',
    'booking-host-reconfirm',
    'booking-host-cancelled',
    'booking-host-withdrawn',
    'booking-host-released',
    'booking-host-offer-taken',
    'booking-host-thanks',
    'booking-host-series-request',
    'booking-host-series-confirmed',
  ],
  operators: [
    'booking-operators-host-silent',
    'booking-operators-unplaced',
    'booking-operators-late-denial',
    'booking-operators-ranking-failed',
    'booking-operators-cancelled',
  ],
} as const;
export type BookingMailAudience = keyof typeof BOOKING_MAILS;
export type BookingMailTemplate<R extends BookingMailAudience = BookingMailAudience> =
  (typeof BOOKING_MAILS)[R][number];

export const BOOKING_MAIL_TEMPLATES: readonly BookingMailTemplate[] = Object.values(BOOKING_MAILS).flat();

/** Whom a booking mail is written to. */
export function audienceOf(template: BookingMailTemplate): BookingMailAudience {
  return (Object.keys(BOOKING_MAILS) as BookingMailAudience[]).find((audience) =>
    (BOOKING_MAILS[audience] as readonly string[]).includes(template),
  )!;
}

type BookingMailTemplates = { [T in BookingMailTemplate]: BookingMailData };

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
  'space-approved': { hostName: string; spaceName: string; mapUrl: string; manage?: ManageLink };
  /**
   * Once a year, to the host of a space that hosted events in the twelve months before (from, to: ISO 8601): what
   * it hosted. The mail's button stops these summaries (a signed link; GET shows a button, the POST acts).
   */
  'space-summary': {
    hostName: string;
    spaceName: string;
    from: string;
    to: string;
    /** The space's IANA zone, which the mail's dates are shown in. */
    timeZone: string;
    events: number;
    attendance: number;
    newcomers: number;
    /** What renting the space for those events would have cost the communities; null when unknown. */
    marketCost: number | null;
    currency: string | null;
    manage?: ManageLink;
  };
  /** Sent when a host asks for their manage link; the link is the mail's button. */
  'space-manage-link': { hostName: string; spaceName: string; expiresAt: string };
  /** To the email a host hands their space to: the mail's button takes it over (signed, single use). */
  'space-hand-over': {
    newHostName: string;
    spaceName: string;
    currentHostName: string;
    currentHostEmail: string;
    expiresAt: string;
  };
  /** A change of the space by its host, or an operator's decision on one; `changes` are fields and values. */
  'space-changed': {
    hostName: string;
    spaceName: string;
    what:
      | 'listing_changed'
      | 'change_awaits_review'
      | 'change_approved'
      | 'change_rejected'
      | 'availability_changed'
      | 'hand_over_offered'
      | 'handed_over'
      | 'retired';
    changes: { field: string; value: string }[];
    by: string;
    reason?: string;
    manage?: ManageLink;
  };
  'space-rejected': { hostName: string; spaceName: string; reason: string };
  /** Sent when a person asks for their data on the "my data" page; the link is the mail's button. */
  'personal-data-link': { expiresAt: string };
  /** A private calendar link renewed: the new one, to the address the calendar belongs to. */
  'calendar-renewed': { whose: 'host' | 'organizer'; calendarUrl: string };
}
export type EmailTemplateId = keyof EmailTemplates;

export interface NotifyEmail<T extends EmailTemplateId = EmailTemplateId> {
  /** One mail per notification id, however often the command arrives. No ':' in it. */
  notificationId: string;
  template: T;
  locale: string;
  to: { email: string; name?: string };
  /**
   * A mail for operators: it goes to every operator holding the role for the country (or for every country),
   * and to `to` (OPERATOR_EMAIL) when there is none.
   */
  operators?: { role: 'admin' | 'reviewer' | 'dispatcher' | 'viewer'; country?: string };
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
    /** The IANA zone the times are written in (the space's); UTC when left out, as before it was sent. */
    timeZone?: string;
    /** RFC 5546 wants both in a request: whose event it is (the organizer) and who takes part (the host). */
    organizer?: { name: string; email: string };
    attendees?: { name: string; email: string }[];
    /** A series in one entry: its RRULE value (without DTSTART) and the starts of the dates it leaves out. */
    recurrence?: { rule: string; exdates: string[] };
    /** One date of a series that changed: the start that date has in the series. */
    recurrenceId?: string;
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
