// The mails a booking asks the notifications service to send, with the facts every booking mail carries.
import { randomUUID } from 'node:crypto';
import {
  audienceOf,
  type BookingMailAudience,
  type BookingMailData,
  type BookingMailTemplate,
  type EmailAction,
  type HostThanksFigures,
  type LeftOut,
  type NotifyEmail,
  type RankedCandidate,
} from '@cocomo/contracts';
import { linkInLanguage, resolveLocale, translate } from '@cocomo/i18n';
import type { Booking } from '../bookings/booking.entity';
import type { EventReport } from '../machine/booking-vocabulary';
import { marketCostOf } from '../reports/event-report';

/** The space a mail is about: the one named, else the booking's, else the best candidate (for its zone). */
function spaceFor(booking: Booking, spaceId?: string | null): RankedCandidate | undefined {
  const id = spaceId ?? booking.spaceId ?? booking.candidates[0] ?? booking.asked[0]?.spaceId;
  return id ? booking.spaceSnapshots[id] : undefined;
}

/**
 * The language a booking mail's reader reads: the organizer's, asked with the request; a host's, kept with
 * their space; the operators' (OPERATOR_LOCALE).
 */
export function readerLocale(
  booking: Booking,
  audience: BookingMailAudience,
  spaceId: string | null | undefined,
  operatorLocale: string,
): string {
  if (audience === 'organizer') return booking.organizerLocale;
  if (audience === 'operators') return operatorLocale;
  return resolveLocale(spaceFor(booking, spaceId)?.host.locale);
}

/** A mail's button: its label from the catalogue in the reader's language, its link carrying that language. */
export function mailButton(
  locale: string,
  action: string,
  url: string,
  values: Record<string, unknown> = {},
): EmailAction {
  return { label: translate(locale, `mails:actions.${action}`, values), url: linkInLanguage(url, locale) };
}

export interface BookingMailOptions {
  /** The operators' language, for an operators' mail; the others are written in their reader's. */
  operatorLocale?: string;
  spaceId?: string | null;
  note?: string;
  respondBy?: Date;
  actions?: EmailAction[];
  calendar?: NotifyEmail['calendar'];
  decline?: BookingMailData['decline'];
  offers?: BookingMailData['offers'];
  report?: BookingMailData['report'];
  /** A host's link to manage their space, which every mail to a host carries. */
  manage?: BookingMailData['manage'];
  series?: BookingMailData['series'];
}

export function bookingMail(
  template: BookingMailTemplate,
  to: { email: string; name: string },
  booking: Booking,
  options: BookingMailOptions = {},
): NotifyEmail {
  const space = spaceFor(booking, options.spaceId);
  const locale = readerLocale(booking, audienceOf(template), options.spaceId, options.operatorLocale ?? 'en');
  const data: BookingMailData = {
    recipientName: to.name,
    bookingId: booking.id,
    event: {
      title: booking.title,
      community: booking.needs.community,
      start: booking.start.toISOString(),
      end: booking.end.toISOString(),
      expectedAttendees: booking.needs.expectedAttendees,
    },
    timeZone: space?.timezone ?? 'UTC',
    space: space && { name: space.name, address: space.address, city: space.city, country: space.country },
    organizer: { name: booking.organizerName, email: booking.organizerEmail },
    ...(options.note ? { note: options.note } : {}),
    ...(options.respondBy ? { respondBy: options.respondBy.toISOString() } : {}),
    ...(options.decline ? { decline: options.decline } : {}),
    ...(options.offers?.length ? { offers: options.offers } : {}),
    ...(options.report ? { report: options.report } : {}),
    ...(options.manage
      ? { manage: { ...options.manage, url: linkInLanguage(options.manage.url, locale) } }
      : {}),
    ...(options.series ? { series: options.series } : {}),
  };
  return {
    notificationId: randomUUID(),
    template,
    locale,
    to: { email: to.email, name: to.name },
    data,
    actions: options.actions ?? [],
    ...(options.calendar ? { calendar: options.calendar } : {}),
  };
}

/**
 * The calendar entry of a confirmed (or cancelled) event. One uid per booking, and the booking's version as the
 * sequence (it rises with every change), so calendars replace an older entry when the space or the time changes
 * or the event is cancelled. The organizer's event, the host taking part; times in the space's zone.
 */
export function bookingCalendar(
  booking: Booking,
  method: 'REQUEST' | 'CANCEL',
  /** The space the entry is about, when not the booking's (a host whose event moved to another space). */
  spaceId: string | null = booking.spaceId,
  /** The language of the entry's description: its mail's reader's. */
  locale = 'en',
): NotifyEmail['calendar'] {
  const space = spaceId ? booking.spaceSnapshots[spaceId] : undefined;
  return {
    uid: `${booking.id}@cocomo`,
    method,
    sequence: booking.version,
    summary: booking.title,
    description: translate(locale, 'mails:calendar.description', {
      community: booking.needs.community,
      organizer: booking.organizerName,
    }),
    location: space ? `${space.name}, ${space.address}, ${space.city}, ${space.country}` : '',
    start: booking.start.toISOString(),
    end: booking.end.toISOString(),
    timeZone: space?.timezone ?? 'UTC',
    organizer: { name: booking.organizerName, email: booking.organizerEmail },
    attendees: space ? [{ name: space.host.name, email: space.host.email }] : [],
  };
}

/** A date the series' one calendar entry holds: the series, its space, and that entry's SEQUENCE for this change. */
export interface SeriesEntryDate {
  seriesId: string;
  spaceId: string;
  /** The start the rule gave the date, its RECURRENCE-ID however the date has moved since. */
  ruleStart: string;
  sequence: number;
}

/**
 * One date of a series in the series' calendar entry (uid of the series, RECURRENCE-ID at the start the rule
 * gave the date), as it now is: its space, its time, its host; the series' sequence, raised with each change.
 */
export function seriesOccurrence(
  booking: Booking,
  entry: SeriesEntryDate,
  method: 'REQUEST' | 'CANCEL',
  spaceId: string | null,
  locale = 'en',
): NotifyEmail['calendar'] {
  return {
    ...bookingCalendar(booking, method, spaceId, locale)!,
    uid: seriesUid(entry.seriesId),
    sequence: entry.sequence,
    recurrenceId: entry.ruleStart,
  };
}

/** The uid of a series' calendar entry, the same in every message about the series or one of its dates. */
export const seriesUid = (seriesId: string) => `${seriesId}@cocomo`;

/** What renting the space for the event would have cost, at the market rate the directory gave for it. */
export function rentingCost(booking: Booking, spaceId: string | undefined) {
  const rate = booking.spaceSnapshots[spaceId ?? '']?.marketRate ?? null;
  return { marketCost: marketCostOf(rate, booking.start, booking.end), currency: rate?.currency ?? null };
}

/** The organizer's figures for the host's thank-you: who came, and what renting the space would have cost. */
export function thanksFigures(booking: Booking, spaceId: string, report: EventReport): HostThanksFigures {
  const { marketCost, currency } = rentingCost(booking, spaceId);
  return {
    attendance: report.attendance,
    newcomers: report.newcomers,
    ageGroups: Object.fromEntries(Object.entries(report.ageGroups).filter(([, count]) => count > 0)),
    marketCost,
    amountPaid: report.amountPaid,
    saved: marketCost === null ? null : Math.max(0, Math.round((marketCost - report.amountPaid) * 100) / 100),
    currency,
  };
}

const LEFT_OUT_ORDER: readonly (keyof LeftOut)[] = [
  'paused',
  'closed',
  'outside_hours',
  'over_monthly_cap',
  'booked',
];

/**
 * Why spaces that fit could not be asked for the time, for the organizer's "no space found", in their
 * language: "3 spaces that fit could not take it at that time: 1 paused, 2 booked then." Undefined when none
 * were left out.
 */
export function leftOutNote(leftOut: LeftOut | null | undefined, locale = 'en'): string | undefined {
  const parts = LEFT_OUT_ORDER.filter((why) => (leftOut?.[why] ?? 0) > 0).map((why) => ({
    count: leftOut![why]!,
    words: translate(locale, `mails:leftOut.${why}`, { count: leftOut![why]! }),
  }));
  const total = parts.reduce((sum, part) => sum + part.count, 0);
  if (total === 0) return undefined;
  const reasons = new Intl.ListFormat(resolveLocale(locale), { type: 'unit', style: 'short' }).format(
    parts.map((part) => part.words),
  );
  return translate(locale, 'mails:leftOut.summary', { total, reasons });
}
