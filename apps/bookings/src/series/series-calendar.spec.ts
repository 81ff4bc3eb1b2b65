import { calendarMessage } from '@cocomo/calendar';
import { readCalendar } from '@cocomo/testing';
import type { Recurrence } from './recurrence';
import { seriesCalendarEntry, seriesDateEntry, type SeriesCalendarFacts } from './series-calendar';

const BERLIN = 'Europe/Berlin';
// Six dates on the first Thursday of the month, 19:00–22:00 in Berlin, across the change to summer time.
const monthly: Recurrence = { frequency: 'monthly', monthlyOn: { weekday: 'thu', ordinal: 1 }, count: 6 };
const facts: SeriesCalendarFacts = {
  uid: 'series-1@cocomo',
  sequence: 4,
  summary: 'Linux user group',
  description: 'Linux user group · organized by Olga',
  location: 'Kiez Commons, Main St 1, Berlin, DE',
  timeZone: BERLIN,
  organizer: { name: 'Olga', email: 'olga@example.org' },
  attendees: [{ name: 'Anna', email: 'anna@example.org' }],
  recurrence: monthly,
  first: { start: new Date('2027-01-07T18:00:00Z'), end: new Date('2027-01-07T21:00:00Z') },
  dates: ['2027-02-04', '2027-03-04', '2027-04-01', '2027-06-03'],
};
const read = (...entries: ReturnType<typeof seriesCalendarEntry>[]) =>
  readCalendar(
    calendarMessage(
      'REQUEST',
      entries.map((entry) => ({ ...entry, timeZone: entry.timeZone ?? 'UTC' })),
      new Date('2027-01-01T00:00:00Z'),
    ),
  );

describe('a series in a calendar', () => {
  it('is one entry whose RRULE, less its EXDATEs, expands to exactly the dates it holds, at 19:00 in Berlin', () => {
    const entry = seriesCalendarEntry(facts);
    expect(entry.recurrence?.rule).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=+1TH;COUNT=6');
    const [event] = read(entry).events;
    expect(event.uid).toBe('series-1@cocomo');
    expect(event.occurrences.map((date) => date.toISOString())).toEqual([
      '2027-02-04T18:00:00.000Z',
      '2027-03-04T18:00:00.000Z',
      // Summer time since 28 March: still 19:00 on the wall clock.
      '2027-04-01T17:00:00.000Z',
      '2027-06-03T17:00:00.000Z',
    ]);
  });

  it.each([
    ['every date held', monthly, [], 6],
    ['every other week, until a date', { frequency: 'weekly', interval: 2, until: '2027-03-04' }, [], 5],
    ['one date left', monthly, ['2027-01-07', '2027-02-04', '2027-03-04', '2027-04-01', '2027-06-03'], 1],
  ] as [string, Recurrence, string[], number][])('%s', (_case, recurrence, excluded, count) => {
    const all = seriesCalendarEntry({ ...facts, recurrence, dates: [] }).recurrence!.exdates;
    const dates = all
      .map((start) => new Date(start))
      .map((start) => new Intl.DateTimeFormat('sv', { timeZone: BERLIN }).format(start))
      .filter((date) => !excluded.includes(date));
    const [event] = read(seriesCalendarEntry({ ...facts, recurrence, dates })).events;
    expect(event.occurrences).toHaveLength(count);
  });

  it('refuses a date the rule does not give', () => {
    expect(() => seriesCalendarEntry({ ...facts, dates: ['2027-02-05'] })).toThrow(/2027-02-05 not a date/);
  });

  it('a date at another space is an entry of the series’ uid with RECURRENCE-ID, the series raised in sequence', () => {
    const series = seriesCalendarEntry({ ...facts, sequence: 5 });
    const moved = seriesDateEntry(series, new Date('2027-03-04T18:00:00Z'), {
      start: '2027-03-04T18:30:00Z',
      end: '2027-03-04T21:00:00Z',
      location: 'Rescue Hall, Side St 2, Berlin, DE',
      sequence: 5,
    });
    const events = read(series, moved).events;
    expect(
      events.map((event) => [event.uid, event.sequence, event.recurrenceId?.toISOString() ?? null]),
    ).toEqual([
      ['series-1@cocomo', 5, null],
      ['series-1@cocomo', 5, '2027-03-04T18:00:00.000Z'],
    ]);
    expect(events[1]).toMatchObject({
      location: 'Rescue Hall, Side St 2, Berlin, DE',
      occurrences: [new Date('2027-03-04T18:30:00Z')],
    });
  });
});
