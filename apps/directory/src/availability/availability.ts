// When a space can be asked to host: its weekly opening hours in its own time zone (or "on request"), the dates
// it is closed, a pause, and at most so many requests a month. Pure: the caller brings the clock, the count of
// this month's requests and whether the space is booked then. Local times become instants through the space's
// zone date by date, so an evening stays an evening across daylight-saving changes.
import { DateTime, Interval } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times, "HH:MM"; `to` may be "24:00" (the end of the day). */
export interface TimeRange {
  from: string;
  to: string;
}

/** "On request": any time may be asked. "Weekly": only within the ranges of each weekday (none: closed). */
export type OpeningHours = { mode: 'on-request' } | { mode: 'weekly'; days: Record<Weekday, TimeRange[]> };

/** Local dates, "YYYY-MM-DD", both included. */
export interface Closure {
  from: string;
  to: string;
  note?: string;
}

export interface Availability {
  hours: OpeningHours;
  closures: Closure[];
  /** Not asked before this local date ("YYYY-MM-DD"); asked again from it on. */
  pausedUntil: string | null;
  /** At most this many requests in a calendar month (in the space's zone); null: no limit. */
  monthlyCap: number | null;
}

export const ALWAYS_AVAILABLE: Availability = {
  hours: { mode: 'on-request' },
  closures: [],
  pausedUntil: null,
  monthlyCap: null,
};

/** Why a space cannot be asked for a time; the codes are the API's and the pages' words for it. */
export type Unavailability = 'paused' | 'closed' | 'outside_hours' | 'over_monthly_cap' | 'booked';

export interface AskContext {
  /** The space's IANA time zone. */
  zone: string;
  now: Date;
  /** Requests the space was sent in the calendar month of `now`, in its zone. */
  requestsThisMonth: number;
  /** Whether another booking holds the space during the time. */
  booked: boolean;
}

/** Why the space cannot be asked to host from `start` to `end`, or null when it can. */
export function unavailability(
  availability: Availability,
  start: Date,
  end: Date,
  context: AskContext,
): Unavailability | null {
  const { zone } = context;
  // Most spaces have no pause, closure or cap: their zone's calendar is consulted only for what they set.
  if (availability.pausedUntil !== null) {
    const today = DateTime.fromJSDate(context.now, { zone }).toISODate()!;
    if (today < availability.pausedUntil) return 'paused';
  }
  if (availability.closures.length && touchesClosure(availability.closures, start, end, zone))
    return 'closed';
  if (!withinOpeningHours(availability.hours, start, end, zone)) return 'outside_hours';
  if (context.booked) return 'booked';
  if (availability.monthlyCap !== null && context.requestsThisMonth >= availability.monthlyCap) {
    return 'over_monthly_cap';
  }
  return null;
}

/** The local dates an event touches in the zone, first to last. */
export function localDatesOf(start: Date, end: Date, zone: string): string[] {
  const first = DateTime.fromJSDate(start, { zone }).startOf('day');
  // An event that ends at midnight does not touch the next day.
  const last = DateTime.fromJSDate(new Date(end.getTime() - 1), { zone }).startOf('day');
  const dates: string[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) dates.push(day.toISODate()!);
  return dates;
}

function touchesClosure(closures: Closure[], start: Date, end: Date, zone: string): boolean {
  const dates = localDatesOf(start, end, zone);
  return closures.some((closure) => dates.some((date) => date >= closure.from && date <= closure.to));
}

function withinOpeningHours(hours: OpeningHours, start: Date, end: Date, zone: string): boolean {
  if (hours.mode === 'on-request') return true;
  const event = Interval.fromDateTimes(start, end);
  // The day before the first is included: its range may run up to midnight, where the event starts.
  const first = DateTime.fromJSDate(start, { zone }).startOf('day').minus({ days: 1 });
  const open = localDatesOf(start, end, zone)
    .map((date) => DateTime.fromISO(date, { zone }))
    .concat([first])
    .flatMap((day) => openIntervalsOn(hours.days, day));
  const merged = Interval.merge(open);
  return merged.some((interval) => interval.engulfs(event));
}

/** The day's ranges as instants: each local time is placed on that date in the zone. */
function openIntervalsOn(days: Record<Weekday, TimeRange[]>, day: DateTime): Interval[] {
  const weekday = WEEKDAYS[day.weekday - 1];
  return (days[weekday] ?? []).map((range) =>
    Interval.fromDateTimes(atLocalTime(day, range.from), atLocalTime(day, range.to)),
  );
}

function atLocalTime(day: DateTime, time: string): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  if (hour === 24) return day.plus({ days: 1 }).startOf('day');
  // A time the spring change skips (02:30 in Berlin on its last Sunday of March) moves forward with the clock.
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The calendar month of an instant in a zone, as its first and next month's first instants. */
export function monthOf(at: Date, zone: string): { start: Date; end: Date } {
  const first = DateTime.fromJSDate(at, { zone }).startOf('month');
  return { start: first.toJSDate(), end: first.plus({ months: 1 }).toJSDate() };
}
