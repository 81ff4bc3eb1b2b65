import { calendarEventText, escapeText, foldLine, utcDateTime, type CalendarEvent } from './calendar-event';

const event: CalendarEvent = {
  uid: 'booking-42@cocomo',
  method: 'REQUEST',
  sequence: 2,
  summary: 'FOSS meetup',
  description: 'Bring a laptop',
  location: 'Hall 1',
  start: '2027-01-15T12:30:00Z',
  end: '2027-01-15T15:00:00.000Z',
};
const stamp = new Date('2027-01-01T08:00:00Z');
const lines = (text: string) => text.replace(/\r\n /g, '').split('\r\n');

describe('a calendar event', () => {
  it('is one VEVENT in a VCALENDAR with its method, uid, stamp, sequence and UTC times, lines ending in CRLF', () => {
    const text = calendarEventText(event, stamp);
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//CoCoMo//Connected Communities//EN',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'UID:booking-42@cocomo',
      'DTSTAMP:20270101T080000Z',
      'SEQUENCE:2',
      'DTSTART:20270115T123000Z',
      'DTEND:20270115T150000Z',
      'SUMMARY:FOSS meetup',
      'DESCRIPTION:Bring a laptop',
      'LOCATION:Hall 1',
      'STATUS:CONFIRMED',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it.each([
    ['REQUEST', 'STATUS:CONFIRMED'],
    ['CANCEL', 'STATUS:CANCELLED'],
  ] as const)('with method %s says %s', (method, status) => {
    const text = lines(calendarEventText({ ...event, method }, stamp));
    expect(text).toContain(`METHOD:${method}`);
    expect(text).toContain(status);
  });

  it('is the same text for the same event and stamp, so a resend is the same file', () => {
    expect(calendarEventText(event, stamp)).toBe(calendarEventText({ ...event }, new Date(stamp)));
  });

  it('escapes the text it carries and unfolds to the original lines', () => {
    const description = `Room 2; "Hackers, welcome"\nBring C:\\code\r\nand food `.repeat(5);
    const text = calendarEventText({ ...event, description }, stamp);
    expect(lines(text)).toContain(`DESCRIPTION:${escapeText(description)}`);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});

describe('escaping of text values', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['C:\\dir', 'C:\\\\dir'],
    ['one\ntwo', 'one\\ntwo'],
    ['one\r\ntwo\rthree', 'one\\ntwo\\nthree'],
    ['\\,;', '\\\\\\,\\;'],
    ['Käse: "ok"', 'Käse: "ok"'],
  ])('%j becomes %j', (value, escaped) => expect(escapeText(value)).toBe(escaped));
});

describe('UTC times', () => {
  it.each([
    ['2027-01-15T12:30:00Z', '20270115T123000Z'],
    ['2027-01-15T12:30:00.999Z', '20270115T123000Z'],
    ['2027-01-15T13:30:00+01:00', '20270115T123000Z'],
    ['2026-12-31T23:00:00-02:00', '20270101T010000Z'],
  ])('%s is %s', (iso, utc) => expect(utcDateTime(iso)).toBe(utc));

  it('refuse what is not a date', () => expect(() => utcDateTime('soon')).toThrow(/not a date/));
});

describe('line folding', () => {
  it.each([
    ['a short line stays whole', 'SUMMARY:short', ['SUMMARY:short']],
    ['75 octets stay whole', 'x'.repeat(75), ['x'.repeat(75)]],
    ['76 octets fold once', 'x'.repeat(76), ['x'.repeat(75), ' x']],
    [
      'continuations hold 74 octets after their space',
      'x'.repeat(75 + 74 + 1),
      ['x'.repeat(75), ' ' + 'x'.repeat(74), ' x'],
    ],
    ['a multi-byte character is never split', 'x'.repeat(74) + 'é', ['x'.repeat(74), ' é']],
    ['a four-byte character is never split', 'x'.repeat(73) + '😀', ['x'.repeat(73), ' 😀']],
  ])('%s', (_rule, line, folded) => {
    expect(foldLine(line).split('\r\n')).toEqual(folded);
    for (const part of folded) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
  });
});
