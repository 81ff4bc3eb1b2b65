// The .ics file sent with a booking mail: one iCalendar event (RFC 5545) in an iTIP message (RFC 5546), so that
// calendars add it on REQUEST and remove it on CANCEL. Pure: the same event and stamp always give the same text.
import type { NotifyEmail } from '@cocomo/contracts';

export type CalendarEvent = NonNullable<NotifyEmail['calendar']>;

const PRODUCT = '-//CoCoMo//Connected Communities//EN';
/** RFC 5545 3.1: lines longer than 75 octets are folded. */
const MAX_OCTETS = 75;

/**
 * The iCalendar text of the event. `stamp` becomes DTSTAMP: pass the time the delivery was recorded, so that a
 * resend after a crash carries the very same file.
 */
export function calendarEventText(event: CalendarEvent, stamp: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT}`,
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `LOCATION:${escapeText(event.location)}`,
    `STATUS:${event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values. */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 5545 3.3.5, form 2: 2027-01-15T12:30:00.000Z → 20270115T123000Z. */
export function utcDateTime(moment: string | Date): string {
  const date = moment instanceof Date ? moment : new Date(moment);
  if (Number.isNaN(date.getTime())) throw new Error(`"${String(moment)}" is not a date`);
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * RFC 5545 3.1: at most 75 octets a line, each continuation starting with one space. Splits between characters,
 * never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}
