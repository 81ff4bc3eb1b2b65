// The dates of a recurring event: weekly, every N weeks, or monthly (the Nth or last weekday, or a day of the
// month), until a date or for a count, with dates left out. Expanded by rrule in "floating" wall-clock time,
// then placed in the space's zone date by date, so a 19:00 meetup stays at 19:00 across daylight-saving changes.
import { DateTime } from 'luxon';
import { RRule, type Options } from 'rrule';
import type { Problem } from '@cocomo/platform';

export const MAX_SERIES_DATES = 26;

export const WEEKDAY_CODES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

/** Which day of each month: the Nth weekday (1–5, or -1 for the last), or a day of the month. */
export type MonthlyOn =
  | { weekday: WeekdayCode; ordinal: 1 | 2 | 3 | 4 | 5 | -1 }
  /** Days 29–31 say what happens in shorter months: skip them, or take their last day. */
  | { dayOfMonth: number; shorterMonths?: 'skip' | 'last-day' };

export interface Recurrence {
  frequency: 'weekly' | 'monthly';
  /** Every `interval` weeks or months; 1 by default. */
  interval?: number;
  /** For a monthly series. */
  monthlyOn?: MonthlyOn;
  /** The last local date the series may reach ("YYYY-MM-DD"), or how many dates it has, counting the first. */
  until?: string;
  count?: number;
  /** Local dates of the series that are left out. */
  except?: string[];
}

export interface SeriesDate {
  /** The local date in the space's zone, "YYYY-MM-DD": how the organizer and host name the date. */
  date: string;
  start: Date;
  end: Date;
}

const RRULE_DAYS = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];

/** A floating wall-clock time as rrule works with it: the local fields carried in a UTC date. */
function floating(local: DateTime): Date {
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

function rruleOptions(recurrence: Recurrence, firstLocal: DateTime): Partial<Options> {
  const options: Partial<Options> = {
    freq: recurrence.frequency === 'weekly' ? RRule.WEEKLY : RRule.MONTHLY,
    interval: recurrence.interval ?? 1,
    dtstart: floating(firstLocal),
  };
  const on = recurrence.monthlyOn;
  if (recurrence.frequency === 'monthly' && on) {
    if ('weekday' in on) {
      options.byweekday = [RRULE_DAYS[WEEKDAY_CODES.indexOf(on.weekday)].nth(on.ordinal)];
    } else if (on.dayOfMonth >= 29 && on.shorterMonths === 'last-day') {
      // The last of the days that exist from the 28th up to the one asked for: the 31st, or the month's last.
      options.bymonthday = Array.from({ length: on.dayOfMonth - 27 }, (_, i) => 28 + i);
      options.bysetpos = -1;
    } else {
      options.bymonthday = [on.dayOfMonth];
    }
  }
  if (recurrence.count !== undefined) options.count = recurrence.count;
  if (recurrence.until !== undefined) {
    options.until = floating(DateTime.fromISO(recurrence.until, { zone: 'utc' }).endOf('day'));
  }
  return options;
}

/** The RRULE line of the series for a calendar (RFC 5545), without DTSTART. */
export function rruleLine(recurrence: Recurrence, firstStart: Date, zone: string): string {
  const options = rruleOptions(recurrence, DateTime.fromJSDate(firstStart, { zone }));
  // With a DTSTART in a zone, RFC 5545 wants UNTIL as a real UTC instant: the end of that local day.
  if (recurrence.until !== undefined) {
    options.until = DateTime.fromISO(recurrence.until, { zone })
      .endOf('day')
      .set({ millisecond: 0 })
      .toJSDate();
  }
  const text = RRule.optionsToString({ ...options, dtstart: null });
  return text.replace(/^RRULE:/, '');
}

/**
 * What is wrong with the recurrence for an event from `start` to `end` in `zone`, field by field; none
 * when the series can be expanded.
 */
export function recurrenceProblems(recurrence: Recurrence, start: Date, zone: string): Problem[] {
  const problems: Problem[] = [];
  const field = (name: string) => `recurrence.${name}`;
  if (recurrence.interval !== undefined && recurrence.interval < 1) {
    problems.push({ field: field('interval'), code: 'too_small', problem: 'must be at least 1' });
  }
  if (recurrence.until === undefined && recurrence.count === undefined) {
    problems.push({
      field: field('until'),
      code: 'required',
      problem: 'a series needs an end: give the last date (until) or the number of dates (count)',
    });
  }
  if (recurrence.until !== undefined && recurrence.count !== undefined) {
    problems.push({
      field: field('count'),
      code: 'conflict',
      problem: 'give either until or count, not both',
    });
  }
  if (recurrence.count !== undefined && recurrence.count > MAX_SERIES_DATES) {
    problems.push({
      field: field('count'),
      code: 'too_big',
      problem: `a series has at most ${MAX_SERIES_DATES} dates`,
    });
  }
  const on = recurrence.monthlyOn;
  const firstLocal = DateTime.fromJSDate(start, { zone });
  if (recurrence.frequency === 'monthly') {
    if (!on) {
      problems.push({
        field: field('monthlyOn'),
        code: 'required',
        problem: 'a monthly series says on which day: a weekday of the month, or a day of the month',
      });
    } else if ('dayOfMonth' in on) {
      if (on.dayOfMonth >= 29 && on.shorterMonths === undefined) {
        problems.push({
          field: field('monthlyOn.shorterMonths'),
          code: 'required',
          problem: `say what happens in months without a ${on.dayOfMonth}th day: "skip" them, or take their "last-day"`,
        });
      }
      if (on.dayOfMonth !== firstLocal.day) {
        problems.push({
          field: 'event.start',
          code: 'not_in_series',
          problem: `must fall on day ${on.dayOfMonth} of the month, the series' day`,
        });
      }
    } else if (!onNthWeekday(firstLocal, on.weekday, on.ordinal)) {
      problems.push({
        field: 'event.start',
        code: 'not_in_series',
        problem: 'must fall on the weekday of the month the series repeats on',
      });
    }
  }
  if (problems.length) return problems;
  const dates = allDates(recurrence, start, zone);
  if (dates.length > MAX_SERIES_DATES) {
    problems.push({
      field: field('until'),
      code: 'too_big',
      problem: `the series would have ${dates.length} dates; it may have at most ${MAX_SERIES_DATES}`,
    });
  }
  const inSeries = new Set(dates);
  (recurrence.except ?? []).forEach((date, index) => {
    if (!inSeries.has(date)) {
      problems.push({
        field: field(`except.${index}`),
        code: 'not_in_series',
        problem: `${date} is not a date of the series`,
      });
    }
  });
  if (dates.length > 0 && dates.every((date) => (recurrence.except ?? []).includes(date))) {
    problems.push({
      field: field('except'),
      code: 'too_big',
      problem: 'leaves out every date of the series',
    });
  }
  return problems;
}

function onNthWeekday(local: DateTime, weekday: WeekdayCode, ordinal: number): boolean {
  if (WEEKDAY_CODES[local.weekday - 1] !== weekday) return false;
  if (ordinal === -1) return local.plus({ weeks: 1 }).month !== local.month;
  return Math.ceil(local.day / 7) === ordinal;
}

function allDates(recurrence: Recurrence, start: Date, zone: string): string[] {
  const firstLocal = DateTime.fromJSDate(start, { zone });
  const rule = new RRule(rruleOptions(recurrence, firstLocal));
  // One more than allowed is enough to say there are too many.
  return rule.all((_date, index) => index <= MAX_SERIES_DATES).map((date) => date.toISOString().slice(0, 10));
}

/** The series' dates, each at the first date's local times in the zone; assumes no recurrenceProblems. */
export function seriesDates(recurrence: Recurrence, start: Date, end: Date, zone: string): SeriesDate[] {
  const firstStart = DateTime.fromJSDate(start, { zone });
  const firstEnd = DateTime.fromJSDate(end, { zone });
  // Wall-clock times, and whole days between start and end (an event past midnight ends the next day).
  const endDays = Math.round(firstEnd.startOf('day').diff(firstStart.startOf('day'), 'days').days);
  const wallClock = (local: DateTime) => ({ hour: local.hour, minute: local.minute, second: local.second });
  const except = new Set(recurrence.except ?? []);
  return allDates(recurrence, start, zone)
    .filter((date) => !except.has(date))
    .map((date) => {
      const day = DateTime.fromISO(date, { zone });
      const localStart = day.set(wallClock(firstStart));
      const localEnd = day.plus({ days: endDays }).set(wallClock(firstEnd));
      return { date, start: localStart.toJSDate(), end: localEnd.toJSDate() };
    });
}
