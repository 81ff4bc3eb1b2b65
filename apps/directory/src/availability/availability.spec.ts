import { DateTime } from 'luxon';
import {
  ALWAYS_AVAILABLE,
  WEEKDAYS,
  localDatesOf,
  monthOf,
  unavailability,
  type Availability,
  type TimeRange,
  type Weekday,
} from './availability';
import { availabilityProblems } from './availability-rules';

/** Weekly hours with the same ranges on the named days and none on the others. */
function weekly(ranges: TimeRange[], on: Weekday[] = [...WEEKDAYS]): Availability {
  const days = Object.fromEntries(WEEKDAYS.map((day) => [day, on.includes(day) ? ranges : []]));
  return { ...ALWAYS_AVAILABLE, hours: { mode: 'weekly', days: days as Record<Weekday, TimeRange[]> } };
}

/** An instant from a local wall-clock time in a zone: how a host and an organizer think of it. */
const local = (text: string, zone: string) => DateTime.fromISO(text, { zone }).toJSDate();

const context = (zone: string, change: Partial<Parameters<typeof unavailability>[3]> = {}) => ({
  zone,
  now: local('2027-01-10T12:00', zone),
  requestsThisMonth: 0,
  booked: false,
  ...change,
});

const BERLIN = 'Europe/Berlin';
const SAO_PAULO = 'America/Sao_Paulo';
const evenings = weekly([{ from: '18:00', to: '22:00' }]);

describe('weekly opening hours, in the space’s own zone', () => {
  it.each([
    // Berlin: CET (UTC+1) in winter, CEST (UTC+2) from the last Sunday of March to the last of October.
    ['an evening in winter (UTC+1)', BERLIN, '2027-02-16T19:00', '2027-02-16T21:00', null],
    ['the Saturday before the spring change', BERLIN, '2027-03-27T18:00', '2027-03-27T22:00', null],
    [
      'the evening of the spring change (UTC+2 from 02:00)',
      BERLIN,
      '2027-03-28T18:00',
      '2027-03-28T22:00',
      null,
    ],
    ['the evening after the spring change', BERLIN, '2027-03-29T19:00', '2027-03-29T22:00', null],
    [
      'the evening of the autumn change (UTC+1 from 03:00)',
      BERLIN,
      '2027-10-31T18:00',
      '2027-10-31T22:00',
      null,
    ],
    [
      'an hour too late on the evening of the autumn change',
      BERLIN,
      '2027-10-31T21:00',
      '2027-10-31T23:00',
      'outside_hours',
    ],
    ['an afternoon', BERLIN, '2027-02-16T14:00', '2027-02-16T17:00', 'outside_hours'],
    ['starting before the doors open', BERLIN, '2027-02-16T17:30', '2027-02-16T20:00', 'outside_hours'],
    // São Paulo kept daylight saving until February 2019 (UTC-2 in summer), UTC-3 all year since.
    [
      'an evening in São Paulo’s last summer time (UTC-2)',
      SAO_PAULO,
      '2019-02-12T19:00',
      '2019-02-12T21:00',
      null,
    ],
    [
      'the evening summer time ended there (back to UTC-3 at midnight)',
      SAO_PAULO,
      '2019-02-16T18:00',
      '2019-02-16T22:00',
      null,
    ],
    [
      'the evening summer time began there (November 2018)',
      SAO_PAULO,
      '2018-11-04T18:00',
      '2018-11-04T22:00',
      null,
    ],
    ['an evening today, without summer time', SAO_PAULO, '2027-01-12T19:00', '2027-01-12T22:00', null],
    ['too late there', SAO_PAULO, '2027-01-12T21:00', '2027-01-12T23:00', 'outside_hours'],
  ])('%s', (_case, zone, start, end, expected) => {
    const now = local('2017-01-01T12:00', zone);
    expect(unavailability(evenings, local(start, zone), local(end, zone), context(zone, { now }))).toBe(
      expected,
    );
  });

  it('an event that needs the two ranges of one day fits only when they meet', () => {
    const split = weekly([
      { from: '10:00', to: '13:00' },
      { from: '13:00', to: '18:00' },
    ]);
    const gap = weekly([
      { from: '10:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ]);
    const [start, end] = [local('2027-02-16T11:00', BERLIN), local('2027-02-16T15:00', BERLIN)];
    expect(unavailability(split, start, end, context(BERLIN))).toBeNull();
    expect(unavailability(gap, start, end, context(BERLIN))).toBe('outside_hours');
  });

  it('an event past midnight fits when the night’s ranges run on into the next day', () => {
    const lateNights = weekly([
      { from: '00:00', to: '02:00' },
      { from: '20:00', to: '24:00' },
    ]);
    expect(
      unavailability(
        lateNights,
        local('2027-02-19T22:00', BERLIN),
        local('2027-02-20T01:30', BERLIN),
        context(BERLIN),
      ),
    ).toBeNull();
  });

  it('a day without ranges is closed, and "on request" is always open', () => {
    const weekdaysOnly = weekly([{ from: '09:00', to: '17:00' }], ['mon', 'tue', 'wed', 'thu', 'fri']);
    const saturday = [local('2027-02-20T10:00', BERLIN), local('2027-02-20T12:00', BERLIN)] as const;
    expect(unavailability(weekdaysOnly, ...saturday, context(BERLIN))).toBe('outside_hours');
    expect(unavailability(ALWAYS_AVAILABLE, ...saturday, context(BERLIN))).toBeNull();
  });
});

describe('dates closed, pause and the monthly cap', () => {
  const holidays: Availability = {
    ...ALWAYS_AVAILABLE,
    closures: [{ from: '2027-12-24', to: '2028-01-02', note: 'Winter holidays' }],
  };

  it.each([
    ['the day before the closure', '2027-12-23T19:00', '2027-12-23T21:00', null],
    ['the closure’s first day', '2027-12-24T19:00', '2027-12-24T21:00', 'closed'],
    ['across the month and year end', '2027-12-31T22:00', '2028-01-01T01:00', 'closed'],
    ['the closure’s last day', '2028-01-02T10:00', '2028-01-02T12:00', 'closed'],
    ['the day after', '2028-01-03T10:00', '2028-01-03T12:00', null],
    ['ending at midnight before the closure', '2027-12-23T20:00', '2027-12-24T00:00', null],
  ])('%s', (_case, start, end, expected) => {
    expect(unavailability(holidays, local(start, BERLIN), local(end, BERLIN), context(BERLIN))).toBe(
      expected,
    );
  });

  it('a paused space is asked again from the pause’s end, a date in its own zone', () => {
    const paused: Availability = { ...ALWAYS_AVAILABLE, pausedUntil: '2027-01-15' };
    const event = [local('2027-03-01T19:00', SAO_PAULO), local('2027-03-01T21:00', SAO_PAULO)] as const;
    // 23:30 on the 14th in São Paulo is already the 15th in UTC: the space's own date decides.
    const lateOn14th = local('2027-01-14T23:30', SAO_PAULO);
    expect(unavailability(paused, ...event, context(SAO_PAULO, { now: lateOn14th }))).toBe('paused');
    const on15th = local('2027-01-15T00:10', SAO_PAULO);
    expect(unavailability(paused, ...event, context(SAO_PAULO, { now: on15th }))).toBeNull();
  });

  it('a space asked its monthly number of times is not asked again that month', () => {
    const capped: Availability = { ...ALWAYS_AVAILABLE, monthlyCap: 3 };
    const event = [local('2027-03-01T19:00', BERLIN), local('2027-03-01T21:00', BERLIN)] as const;
    expect(unavailability(capped, ...event, context(BERLIN, { requestsThisMonth: 2 }))).toBeNull();
    expect(unavailability(capped, ...event, context(BERLIN, { requestsThisMonth: 3 }))).toBe(
      'over_monthly_cap',
    );
  });

  it('a booked space is not free, whatever its hours', () => {
    const event = [local('2027-03-01T19:00', BERLIN), local('2027-03-01T21:00', BERLIN)] as const;
    expect(unavailability(ALWAYS_AVAILABLE, ...event, context(BERLIN, { booked: true }))).toBe('booked');
  });

  it('the month is the space’s: the last evening of January in São Paulo is February in UTC', () => {
    const { start, end } = monthOf(local('2027-01-31T22:00', SAO_PAULO), SAO_PAULO);
    expect(start.toISOString()).toBe('2027-01-01T03:00:00.000Z');
    expect(end.toISOString()).toBe('2027-02-01T03:00:00.000Z');
  });

  it('an event touches each local date it runs on, not the next one when it ends at midnight', () => {
    expect(
      localDatesOf(local('2027-12-31T22:00', BERLIN), local('2028-01-01T01:00', BERLIN), BERLIN),
    ).toEqual(['2027-12-31', '2028-01-01']);
    expect(
      localDatesOf(local('2027-12-31T22:00', BERLIN), local('2028-01-01T00:00', BERLIN), BERLIN),
    ).toEqual(['2027-12-31']);
  });
});

describe('the rules a host’s availability keeps', () => {
  const now = local('2027-01-10T12:00', BERLIN);

  it.each<[string, Partial<Availability>, { field: string; code: string }[]]>([
    ['sound hours, closures, pause and cap', { ...evenings, pausedUntil: '2027-02-01', monthlyCap: 4 }, []],
    [
      'a range that ends before it starts',
      weekly([{ from: '20:00', to: '18:00' }], ['mon']),
      [{ field: 'hours.days.mon.0.to', code: 'inverted_range' }],
    ],
    [
      'ranges of one day that overlap',
      weekly(
        [
          { from: '10:00', to: '14:00' },
          { from: '13:00', to: '18:00' },
        ],
        ['fri'],
      ),
      [{ field: 'hours.days.fri.1.from', code: 'overlapping_ranges' }],
    ],
    [
      'a closure that ends before it starts',
      { closures: [{ from: '2027-08-10', to: '2027-08-01' }] },
      [{ field: 'closures.0.to', code: 'inverted_range' }],
    ],
    [
      'closures that overlap',
      {
        closures: [
          { from: '2027-08-01', to: '2027-08-10' },
          { from: '2027-08-10', to: '2027-08-20' },
        ],
      },
      [{ field: 'closures.1.from', code: 'overlapping_ranges' }],
    ],
    [
      'a pause that ends today',
      { pausedUntil: '2027-01-10' },
      [{ field: 'pausedUntil', code: 'in_the_past' }],
    ],
    ['a cap below one', { monthlyCap: 0 }, [{ field: 'monthlyCap', code: 'too_small' }]],
  ])('%s', (_case, change, expected) => {
    const problems = availabilityProblems({ ...ALWAYS_AVAILABLE, ...change }, BERLIN, now);
    expect(problems.map(({ field, code }) => ({ field, code }))).toEqual(expected);
    expect(problems.every((problem) => problem.problem.length > 0)).toBe(true);
  });
});
