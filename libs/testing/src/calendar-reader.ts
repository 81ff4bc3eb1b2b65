// iCalendar text read back by a real parser (ical.js), so that tests check what calendars see, not our own text.
import ICAL from 'ical.js';

export interface ReadEvent {
  uid: string;
  sequence: number;
  summary: string;
  description: string | null;
  location: string | null;
  status: string | null;
  /** The mailto address, lower-cased, and the CN. */
  organizer: { email: string; name: string | null } | null;
  attendees: { email: string; name: string | null }[];
  start: Date;
  end: Date;
  /** The zone DTSTART is written in (its TZID), or 'UTC'. */
  zone: string;
  recurrenceId: Date | null;
  /** Every start of the event: one, or a series' dates with EXDATE applied (at most 100). */
  occurrences: Date[];
}

export interface ReadCalendar {
  method: string | null;
  name: string | null;
  events: ReadEvent[];
}

const mailto = (value: unknown) =>
  String(value)
    .replace(/^mailto:/i, '')
    .toLowerCase();

export function readCalendar(text: string): ReadCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Each message's own VTIMEZONE resolves its TZIDs: register them before reading times.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((component): ReadEvent => {
    const event = new ICAL.Event(component);
    const organizer = component.getFirstProperty('organizer');
    const occurrences: Date[] = [];
    if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let next = iterator.next(); next && occurrences.length < 100; next = iterator.next()) {
        occurrences.push(next.toJSDate());
      }
    } else {
      occurrences.push(event.startDate.toJSDate());
    }
    const recurrenceId = component.getFirstPropertyValue('recurrence-id');
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description ?? null,
      location: event.location ?? null,
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      organizer: organizer
        ? {
            email: mailto(organizer.getFirstValue()),
            name: (organizer.getParameter('cn') as string | undefined) ?? null,
          }
        : null,
      attendees: component.getAllProperties('attendee').map((attendee) => ({
        email: mailto(attendee.getFirstValue()),
        name: (attendee.getParameter('cn') as string | undefined) ?? null,
      })),
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      zone: event.startDate.zone?.tzid ?? 'UTC',
      recurrenceId: recurrenceId instanceof ICAL.Time ? recurrenceId.toJSDate() : null,
      occurrences,
    };
  });
  return {
    method: (calendar.getFirstPropertyValue('method') as string | null) ?? null,
    name: (calendar.getFirstPropertyValue('name') as string | null) ?? null,
    events,
  };
}
