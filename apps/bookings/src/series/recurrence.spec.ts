import { DateTime } from 'luxon';
import { recurrenceProblems, rruleLine, seriesDates, type Recurrence } from './recurrence';

const BERLIN = 'Europe/Berlin';
const SAO_PAULO = 'America/Sao_Paulo';
const local = (text: string, zone = BERLIN) => DateTime.fromISO(text, { zone }).toJSDate();
/** Each date's start and end as the space's wall clock shows them. */
const wallClock = (recurrence: Recurrence, start: string, end: string, zone = BERLIN) =>
  seriesDates(recurrence, local(start, zone), local(end, zone), zone).map(
    (date) =>
      `${DateTime.fromJSDate(date.start, { zone }).toFormat('yyyy-MM-dd HH:mm')}–${DateTime.fromJSDate(date.end, { zone }).toFormat('HH:mm')}`,
  );

describe('the dates of a series', () => {
  it('a weekly meetup stays at 19:00 across the spring change', () => {
    expect(wallClock({ frequency: 'weekly', count: 3 }, '2027-03-22T19:00', '2027-03-22T21:00')).toEqual([
      '2027-03-22 19:00–21:00',
      '2027-03-29 19:00–21:00',
      '2027-04-05 19:00–21:00',
    ]);
    const [before, after] = seriesDates(
      { frequency: 'weekly', count: 2 },
      local('2027-03-22T19:00'),
      local('2027-03-22T21:00'),
      BERLIN,
    );
    // The same wall clock, an hour apart in UTC: 18:00Z in winter, 17:00Z in summer.
    expect(before.start.toISOString()).toBe('2027-03-22T18:00:00.000Z');
    expect(after.start.toISOString()).toBe('2027-03-29T17:00:00.000Z');
  });

  it('and across the autumn change, every two weeks', () => {
    expect(
      wallClock(
        { frequency: 'weekly', interval: 2, until: '2027-11-10' },
        '2027-10-20T18:30',
        '2027-10-20T20:00',
      ),
    ).toEqual(['2027-10-20 18:30–20:00', '2027-11-03 18:30–20:00']);
  });

  it.each<[string, Recurrence, string, string[]]>([
    [
      'the 2nd Tuesday of each month',
      { frequency: 'monthly', monthlyOn: { weekday: 'tue', ordinal: 2 }, count: 4 },
      '2027-01-12T19:00',
      ['2027-01-12', '2027-02-09', '2027-03-09', '2027-04-13'],
    ],
    [
      'the last Friday of each month',
      { frequency: 'monthly', monthlyOn: { weekday: 'fri', ordinal: -1 }, count: 4 },
      '2027-01-29T19:00',
      ['2027-01-29', '2027-02-26', '2027-03-26', '2027-04-30'],
    ],
    [
      'the 5th Wednesday, in the months that have one',
      { frequency: 'monthly', monthlyOn: { weekday: 'wed', ordinal: 5 }, count: 3 },
      '2027-03-31T19:00',
      ['2027-03-31', '2027-06-30', '2027-09-29'],
    ],
    [
      'the 31st, skipping shorter months',
      { frequency: 'monthly', monthlyOn: { dayOfMonth: 31, shorterMonths: 'skip' }, count: 4 },
      '2027-01-31T19:00',
      ['2027-01-31', '2027-03-31', '2027-05-31', '2027-07-31'],
    ],
    [
      'the 31st, or the last day of a shorter month',
      { frequency: 'monthly', monthlyOn: { dayOfMonth: 31, shorterMonths: 'last-day' }, count: 4 },
      '2027-01-31T19:00',
      ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30'],
    ],
    [
      'the 29th in a leap year',
      { frequency: 'monthly', monthlyOn: { dayOfMonth: 29, shorterMonths: 'last-day' }, count: 3 },
      '2028-01-29T19:00',
      ['2028-01-29', '2028-02-29', '2028-03-29'],
    ],
    [
      'every month on the 15th until a date, with one left out',
      { frequency: 'monthly', monthlyOn: { dayOfMonth: 15 }, until: '2027-05-15', except: ['2027-03-15'] },
      '2027-01-15T19:00',
      ['2027-01-15', '2027-02-15', '2027-04-15', '2027-05-15'],
    ],
    [
      'every two months',
      { frequency: 'monthly', interval: 2, monthlyOn: { weekday: 'thu', ordinal: 1 }, count: 3 },
      '2027-01-07T19:00',
      ['2027-01-07', '2027-03-04', '2027-05-06'],
    ],
  ])('%s', (_case, recurrence, start, expected) => {
    const end = start.replace('19:00', '21:00');
    expect(recurrenceProblems(recurrence, local(start), BERLIN)).toEqual([]);
    expect(seriesDates(recurrence, local(start), local(end), BERLIN).map((date) => date.date)).toEqual(
      expected,
    );
  });

  it('an event past midnight ends the next day on every date', () => {
    expect(wallClock({ frequency: 'weekly', count: 2 }, '2027-03-26T22:00', '2027-03-27T01:00')).toEqual([
      '2027-03-26 22:00–01:00',
      '2027-04-02 22:00–01:00',
    ]);
  });

  it('dates are the space’s: an evening in São Paulo is the next day in UTC', () => {
    const [first] = seriesDates(
      { frequency: 'weekly', count: 1 },
      local('2027-01-12T22:00', SAO_PAULO),
      local('2027-01-12T23:00', SAO_PAULO),
      SAO_PAULO,
    );
    expect(first.date).toBe('2027-01-12');
    expect(first.start.toISOString()).toBe('2027-01-13T01:00:00.000Z');
  });

  it('names the rule for a calendar', () => {
    expect(
      rruleLine(
        { frequency: 'monthly', monthlyOn: { weekday: 'tue', ordinal: 2 }, count: 6 },
        local('2027-01-12T19:00'),
        BERLIN,
      ),
    ).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=+2TU;COUNT=6');
    expect(
      rruleLine({ frequency: 'weekly', interval: 2, until: '2027-06-30' }, local('2027-01-12T19:00'), BERLIN),
    ).toBe('FREQ=WEEKLY;INTERVAL=2;UNTIL=20270630T215959Z');
  });
});

describe('a series that cannot be', () => {
  const start = local('2027-01-12T19:00');
  it.each<[string, Recurrence, { field: string; code: string }[]]>([
    ['without an end', { frequency: 'weekly' }, [{ field: 'recurrence.until', code: 'required' }]],
    [
      'with both an end date and a count',
      { frequency: 'weekly', count: 3, until: '2027-03-01' },
      [{ field: 'recurrence.count', code: 'conflict' }],
    ],
    [
      'with more than 26 dates',
      { frequency: 'weekly', count: 27 },
      [{ field: 'recurrence.count', code: 'too_big' }],
    ],
    [
      'with an end too far away for 26 dates',
      { frequency: 'weekly', until: '2027-12-31' },
      [{ field: 'recurrence.until', code: 'too_big' }],
    ],
    [
      'with an interval of 0',
      { frequency: 'weekly', interval: 0, count: 3 },
      [{ field: 'recurrence.interval', code: 'too_small' }],
    ],
    [
      'monthly without saying on which day',
      { frequency: 'monthly', count: 3 },
      [{ field: 'recurrence.monthlyOn', code: 'required' }],
    ],
    [
      'monthly on the 31st without saying what shorter months do',
      { frequency: 'monthly', monthlyOn: { dayOfMonth: 31 }, count: 3 },
      [
        { field: 'recurrence.monthlyOn.shorterMonths', code: 'required' },
        { field: 'event.start', code: 'not_in_series' },
      ],
    ],
    [
      'monthly on a weekday the first date is not',
      { frequency: 'monthly', monthlyOn: { weekday: 'tue', ordinal: 3 }, count: 3 },
      [{ field: 'event.start', code: 'not_in_series' }],
    ],
    [
      'leaving out a date that is not in the series',
      { frequency: 'weekly', count: 3, except: ['2027-01-19', '2027-01-20'] },
      [{ field: 'recurrence.except.1', code: 'not_in_series' }],
    ],
    [
      'leaving out every date',
      { frequency: 'weekly', count: 2, except: ['2027-01-12', '2027-01-19'] },
      [{ field: 'recurrence.except', code: 'too_big' }],
    ],
  ])('%s', (_case, recurrence, expected) => {
    const problems = recurrenceProblems(recurrence, start, BERLIN);
    expect(problems.map(({ field, code }) => ({ field, code }))).toEqual(expected);
  });
});
