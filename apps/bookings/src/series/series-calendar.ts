// A series as calendars keep it: one entry whose RRULE gives the series' dates and whose EXDATE leaves out the
// dates it does not hold (left out by the organizer, not taken by the host, cancelled), and one entry of the
// same uid with RECURRENCE-ID for a date that differs from the rule (another space, or another time).
import type { NotifyEmail } from '@cocomo/contracts';
import { rruleLine, seriesDates, type Recurrence } from './recurrence';

export type SeriesCalendarEntry = Omit<NonNullable<NotifyEmail['calendar']>, 'method'>;

export interface SeriesCalendarFacts extends Omit<SeriesCalendarEntry, 'start' | 'end' | 'recurrence'> {
  timeZone: string;
  recurrence: Recurrence;
  /** The first date of the rule, even when the series no longer holds it: DTSTART of the entry. */
  first: { start: Date; end: Date };
  /** The local dates ("YYYY-MM-DD") the series holds; the rule's other dates become EXDATE. */
  dates: string[];
}

/** The series' entry: RRULE of the recurrence, EXDATE at each date of the rule the series does not hold. */
export function seriesCalendarEntry(facts: SeriesCalendarFacts): SeriesCalendarEntry {
  const { recurrence, first, dates, ...entry } = facts;
  const ruleDates = seriesDates({ ...recurrence, except: [] }, first.start, first.end, facts.timeZone);
  const unknown = dates.filter((date) => !ruleDates.some((ruleDate) => ruleDate.date === date));
  if (unknown.length) throw new Error(`${unknown.join(', ')} not a date of the series`);
  const held = new Set(dates);
  return {
    ...entry,
    start: first.start.toISOString(),
    end: first.end.toISOString(),
    recurrence: {
      rule: rruleLine({ ...recurrence, except: [] }, first.start, facts.timeZone),
      exdates: ruleDates.filter((date) => !held.has(date.date)).map((date) => date.start.toISOString()),
    },
  };
}

/**
 * One date of the series as it now is: the same uid, RECURRENCE-ID at the start the rule gives that date, and
 * what differs (time, place). Its sequence is the series', raised with the change.
 */
export function seriesDateEntry(
  series: SeriesCalendarEntry,
  ruleStart: Date,
  now: Pick<SeriesCalendarEntry, 'start' | 'end' | 'location' | 'sequence'> &
    Partial<Pick<SeriesCalendarEntry, 'attendees' | 'description'>>,
): SeriesCalendarEntry {
  const { recurrence: _rule, ...single } = series;
  return { ...single, ...now, recurrenceId: ruleStart.toISOString() };
}
