// Calendar entries as iCalendar text (RFC 5545), written by ical-generator: the invitations mails carry (iTIP
// messages, RFC 5546: REQUEST adds or updates, CANCEL removes) and the feeds people subscribe to. Times are
// written in the space's zone with its VTIMEZONE, so a series expands at the same wall-clock time across
// daylight-saving changes. Pure: the same entries and stamp always give the same text.
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalCalendar,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarEntry {
  /** One uid per event (per booking, or per series), the same in every message about it. */
  uid: string;
  /** Raised with each change of the event, so that calendars replace the older entry. */
  sequence: number;
  summary: string;
  description?: string;
  location?: string;
  start: string | Date;
  end: string | Date;
  /** The IANA zone the event's times are written in: the space's. */
  timeZone: string;
  /** Whose event it is; iTIP requests need one. Left out in public feeds. */
  organizer?: CalendarPerson;
  /** Who takes part besides the organizer (the host); left out in public feeds. */
  attendees?: CalendarPerson[];
  /** A series: its rule (an RRULE value, without DTSTART) and the starts of the dates it leaves out. */
  recurrence?: { rule: string; exdates: (string | Date)[] };
  /** One date of a series that differs from the rule: the start that date has in the series. */
  recurrenceId?: string | Date;
  /** Whether the event (or this date of it) no longer takes place. */
  cancelled?: boolean;
  /** A page about the event, for the people who may see it. */
  url?: string;
}

export type CalendarMethod = 'REQUEST' | 'CANCEL';

const PRODUCT = { company: 'CoCoMo', product: 'Connected Communities', language: 'EN' };

/** An iTIP message: REQUEST adds or updates the entries, CANCEL removes them (one uid; a series and its dates). */
export function calendarMessage(method: CalendarMethod, entries: CalendarEntry[], stamp: Date): string {
  const calendar = newCalendar();
  calendar.method(method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL);
  for (const entry of entries)
    addEntry(calendar, { ...entry, cancelled: entry.cancelled || method === 'CANCEL' }, stamp);
  return calendar.toString();
}

/**
 * A feed to subscribe to: no METHOD, as it is no iTIP message. `stamp` becomes every DTSTAMP; pass the time of
 * the feed's latest change, so that an unchanged feed is the same text (and keeps its ETag).
 */
export function calendarFeed(name: string, entries: CalendarEntry[], stamp: Date): string {
  const calendar = newCalendar();
  calendar.name(name);
  for (const entry of entries) addEntry(calendar, entry, stamp);
  return calendar.toString();
}

function newCalendar(): ICalCalendar {
  const calendar = ical({ prodId: PRODUCT });
  // No calendar-wide zone (DTSTAMP stays UTC); each event names its own, and the generator adds its VTIMEZONE.
  calendar.timezone({ name: null, generator: vtimezone });
  return calendar;
}

/** Each zone's VTIMEZONE, made once: the zone's rules do not change while a service runs. */
const vtimezones = new Map<string, string>();

function vtimezone(zone: string): string | null {
  let block = vtimezones.get(zone);
  if (block === undefined) {
    const made = tzlib_get_ical_block(zone);
    if (!Array.isArray(made) || !made[0]) return null;
    vtimezones.set(zone, (block = made[0]));
  }
  return block;
}

function local(moment: string | Date, zone: string): DateTime {
  const instant = moment instanceof Date ? DateTime.fromJSDate(moment) : DateTime.fromISO(moment);
  if (!instant.isValid) throw new Error(`"${String(moment)}" is not a date`);
  const zoned = instant.setZone(zone);
  if (!zoned.isValid) throw new Error(`"${zone}" is not a time zone`);
  return zoned;
}

function addEntry(calendar: ICalCalendar, entry: CalendarEntry, stamp: Date): void {
  const zone = entry.timeZone;
  const event = calendar.createEvent({
    id: entry.uid,
    sequence: entry.sequence,
    stamp,
    start: local(entry.start, zone),
    end: local(entry.end, zone),
    timezone: zone,
    summary: entry.summary,
    description: entry.description || null,
    location: entry.location || null,
    url: entry.url ?? null,
    status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.OPAQUE,
  });
  if (entry.organizer) event.organizer({ name: entry.organizer.name, email: entry.organizer.email });
  for (const attendee of entry.attendees ?? []) {
    event.createAttendee({
      name: attendee.name,
      email: attendee.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.ACCEPTED,
      // Hosts and organizers answer through the mails' links, not by calendar replies.
      rsvp: false,
    });
  }
  if (entry.recurrence) event.repeating(recurrenceLines(entry.recurrence, zone));
  if (entry.recurrenceId !== undefined) event.recurrenceId(local(entry.recurrenceId, zone));
}

/** RRULE, and EXDATE at the left-out dates' local starts (ical-generator takes both lines as one rule text). */
function recurrenceLines(recurrence: NonNullable<CalendarEntry['recurrence']>, zone: string): string {
  const lines = [`RRULE:${recurrence.rule.replace(/^RRULE:/, '')}`];
  if (recurrence.exdates.length) {
    const dates = recurrence.exdates.map((date) => local(date, zone).toFormat("yyyyMMdd'T'HHmmss"));
    lines.push(`EXDATE;TZID=${zone}:${dates.join(',')}`);
  }
  return lines.join('\n');
}
