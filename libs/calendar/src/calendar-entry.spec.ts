import { readCalendar } from '@cocomo/testing';
import { calendarFeed, calendarMessage, type CalendarEntry } from './calendar-entry';

const entry: CalendarEntry = {
  uid: 'booking-42@cocomo',
  sequence: 2,
  summary: 'FOSS meetup; Rust, and more',
  description: 'Bring a laptop\nand C:\\code',
  location: 'Hall 1, Main St 2, Berlin',
  start: '2027-01-15T18:00:00Z',
  end: '2027-01-15T21:00:00.000Z',
  timeZone: 'Europe/Berlin',
  organizer: { name: 'Olga Organizer', email: 'Olga@example.org' },
  attendees: [{ name: 'Hanna Host', email: 'hanna@example.org' }],
};
const stamp = new Date('2027-01-01T08:00:00Z');

describe('a calendar message (iTIP)', () => {
  it('a REQUEST carries the event with its organizer, attendee, uid, sequence and times in the space’s zone', () => {
    const text = calendarMessage('REQUEST', [entry], stamp);
    const read = readCalendar(text);
    expect(read.method).toBe('REQUEST');
    expect(read.events).toHaveLength(1);
    expect(read.events[0]).toMatchObject({
      uid: entry.uid,
      sequence: 2,
      summary: entry.summary,
      description: entry.description,
      location: entry.location,
      status: 'CONFIRMED',
      organizer: { email: 'olga@example.org', name: 'Olga Organizer' },
      attendees: [{ email: 'hanna@example.org', name: 'Hanna Host' }],
      start: new Date('2027-01-15T18:00:00Z'),
      end: new Date('2027-01-15T21:00:00Z'),
      zone: 'Europe/Berlin',
    });
    // Written as the space's wall clock, with the zone's definition in the file.
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20270115T190000');
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin/);
    expect(text).toContain('DTSTAMP:20270101T080000Z');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('a CANCEL names the same uid, cancelled', () => {
    const read = readCalendar(calendarMessage('CANCEL', [{ ...entry, sequence: 3 }], stamp));
    expect(read.method).toBe('CANCEL');
    expect(read.events[0]).toMatchObject({ uid: entry.uid, sequence: 3, status: 'CANCELLED' });
    expect(read.events[0].organizer?.email).toBe('olga@example.org');
  });

  it('is the same text for the same entry and stamp, so a resend is the same file', () => {
    expect(calendarMessage('REQUEST', [entry], stamp)).toBe(
      calendarMessage('REQUEST', [{ ...entry }], new Date(stamp)),
    );
  });

  it.each([
    ['a time that is not one', { start: 'soon' }, /not a date/],
    ['a zone that is not one', { timeZone: 'Mars/Olympus' }, /not a time zone/],
  ])('refuses %s', (_case, change, message) => {
    expect(() => calendarMessage('REQUEST', [{ ...entry, ...change }], stamp)).toThrow(message);
  });
});

describe('a series in one entry', () => {
  const monthly: CalendarEntry = {
    ...entry,
    uid: 'series-7@cocomo',
    // The third Saturday, 19:00 in Berlin: across the change to summer time on 28 March.
    start: '2027-02-20T18:00:00Z',
    end: '2027-02-20T21:00:00Z',
    recurrence: { rule: 'FREQ=MONTHLY;COUNT=4;BYDAY=3SA', exdates: ['2027-03-20T18:00:00Z'] },
  };

  it('expands its RRULE at the same wall-clock time, leaving out the EXDATE', () => {
    const [event] = readCalendar(calendarMessage('REQUEST', [monthly], stamp)).events;
    expect(event.occurrences.map((date) => date.toISOString())).toEqual([
      '2027-02-20T18:00:00.000Z',
      '2027-04-17T17:00:00.000Z',
      '2027-05-15T17:00:00.000Z',
    ]);
  });

  it('a change to one date is an entry of the same uid with RECURRENCE-ID', () => {
    const moved: CalendarEntry = {
      ...entry,
      uid: monthly.uid,
      sequence: 3,
      recurrenceId: '2027-04-17T17:00:00Z',
      start: '2027-04-17T16:00:00Z',
      end: '2027-04-17T19:00:00Z',
      location: 'Another hall',
    };
    const read = readCalendar(calendarMessage('REQUEST', [{ ...monthly, sequence: 3 }, moved], stamp));
    expect(read.events.map((event) => [event.uid, event.recurrenceId?.toISOString() ?? null])).toEqual([
      [monthly.uid, null],
      [monthly.uid, '2027-04-17T17:00:00.000Z'],
    ]);
    expect(read.events[1]).toMatchObject({
      location: 'Another hall',
      start: new Date('2027-04-17T16:00:00Z'),
    });
  });
});

describe('a feed', () => {
  it('is a named calendar without a method, its events without people when none are given', () => {
    const busy = { ...entry, organizer: undefined, attendees: undefined, description: undefined };
    const text = calendarFeed('Hall 1', [busy, { ...busy, uid: 'b-2@cocomo' }], stamp);
    const read = readCalendar(text);
    expect(read.method).toBeNull();
    expect(read.name).toBe('Hall 1');
    expect(read.events.map((event) => event.uid)).toEqual([entry.uid, 'b-2@cocomo']);
    expect(text).not.toMatch(/ORGANIZER|ATTENDEE|@example\.org/);
  });
});
