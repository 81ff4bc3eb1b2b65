// The yearly summary of a host's year: when it is due (HOST_SUMMARY_AT, a month-day in the space's zone, at nine
// in the morning), and what it says (the events the space hosted in the twelve months before, the people who came,
// the newcomers, and what renting the space would have cost the communities).
import { DateTime } from 'luxon';

/** The hour of the summary's day, in the space's zone, at which it is mailed. */
const SUMMARY_HOUR = 9;

/** The next summary after `now` for a space in `zone`: when it is due, and its year (the due date's). */
export function nextSummary(at: string, zone: string, now = new Date()): { dueAt: Date; year: number } {
  const [month, day] = at.split('-').map(Number);
  const local = DateTime.fromJSDate(now).setZone(zone);
  let due = local.set({ month, day, hour: SUMMARY_HOUR, minute: 0, second: 0, millisecond: 0 });
  if (due <= local) due = due.plus({ years: 1 });
  return { dueAt: due.toJSDate(), year: due.year };
}

/** The timer of a space's summary of a year: one a year, so that recording many events sets it once. */
export const summaryTimerId = (spaceId: string, year: number) => `host-summary-${spaceId}-${year}`;

/** The first moment the summary due at `dueAt` counts: twelve months before it. */
export const summaryFrom = (dueAt: Date) => DateTime.fromJSDate(dueAt).minus({ years: 1 }).toJSDate();
