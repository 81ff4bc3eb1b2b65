// When the space can be asked, as the manage page's form sends it: opening hours a line a weekday
// ("18:00–22:00, 09:00–12:00"; empty: closed that day) or "on request", closures as rows of dates with a
// note, a pause, a monthly cap and the space's zone. Read into the availability module's shape and checked by
// its rules; every problem names the form's field (`hours.days.mon`, `closures.0.to`, `pausedUntil` …).
import { DateTime } from 'luxon';
import type { Problem } from '@cocomo/platform';
import { WEEKDAYS, type Availability, type Closure, type TimeRange } from '../availability/availability';
import { availabilityProblems } from '../availability/availability-rules';
import { isTimeZone } from '../spaces/standard-codes';

/** Closure rows the form offers: those the space has, and this many empty ones. */
export const SPARE_CLOSURE_ROWS = 2;
export const MOST_CLOSURES = 50;
const NOTE_MAX = 200;

export interface AvailabilityForm {
  hoursMode: string;
  days: Record<string, string>;
  closures: { from: string; to: string; note: string }[];
  pausedUntil: string;
  monthlyCap: string;
  timezone: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** What a post holds: the fields as the form names them, read as text. */
export function typedAvailability(body: Record<string, unknown>): AvailabilityForm {
  const closures: AvailabilityForm['closures'] = [];
  for (let index = 0; index < MOST_CLOSURES + SPARE_CLOSURE_ROWS; index++) {
    const row = ['from', 'to', 'note'].map((part) => text(body[`closures.${index}.${part}`]));
    if (!(`closures.${index}.from` in body)) break;
    closures.push({ from: row[0], to: row[1], note: row[2] });
  }
  return {
    hoursMode: text(body.hoursMode),
    days: Object.fromEntries(WEEKDAYS.map((day) => [day, text(body[`hours.days.${day}`])])),
    closures,
    pausedUntil: text(body.pausedUntil),
    monthlyCap: text(body.monthlyCap),
    timezone: text(body.timezone),
  };
}

/** The form as the space's availability is now, with the spare closure rows. */
export function availabilityFormOf(availability: Availability, timezone: string): AvailabilityForm {
  const { hours } = availability;
  return {
    hoursMode: hours.mode,
    days: Object.fromEntries(
      WEEKDAYS.map((day) => [
        day,
        hours.mode === 'weekly' ? hours.days[day].map((range) => `${range.from}–${range.to}`).join(', ') : '',
      ]),
    ),
    closures: availability.closures.map((closure) => ({ ...closure, note: closure.note ?? '' })),
    pausedUntil: availability.pausedUntil ?? '',
    monthlyCap: availability.monthlyCap === null ? '' : String(availability.monthlyCap),
    timezone,
  };
}

const RANGE = /^([01]\d|2[0-4]):([0-5]\d)\s*(?:-|–|—|to)\s*([01]\d|2[0-4]):([0-5]\d)$/;

function rangesOf(typed: string, field: string, problems: Problem[]): TimeRange[] {
  if (!typed) return [];
  const ranges: TimeRange[] = [];
  for (const part of typed.split(',').map((item) => item.trim())) {
    const match = RANGE.exec(part);
    // A range may end at 24:00 (midnight), not start there, and no time lies beyond it.
    const valid = match && match[1] !== '24' && (match[3] !== '24' || match[4] === '00');
    if (!match || !valid) {
      problems.push({
        field,
        code: 'invalid_range',
        problem: `“${part}” is not a range of times: write it as 18:00–22:00, ranges separated by commas`,
      });
      continue;
    }
    ranges.push({ from: `${match[1]}:${match[2]}`, to: `${match[3]}:${match[4]}` });
  }
  return ranges;
}

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;

function dateOf(typed: string, field: string, problems: Problem[]): string | null {
  if (isDate(typed)) return typed;
  problems.push({ field, code: 'invalid_date', problem: 'must be a date, such as 2027-12-24' });
  return null;
}

/** The availability the host typed, or every problem with it. */
export function parseAvailability(
  form: AvailabilityForm,
  now = new Date(),
): { availability: Availability; timezone: string } | { problems: Problem[] } {
  const problems: Problem[] = [];
  if (!isTimeZone(form.timezone)) {
    problems.push({
      field: 'timezone',
      code: 'unknown_zone',
      problem: 'must be an IANA time zone, such as Europe/Berlin',
    });
  }
  if (form.hoursMode !== 'on-request' && form.hoursMode !== 'weekly') {
    problems.push({ field: 'hoursMode', code: 'invalid', problem: 'choose “on request” or weekly hours' });
  }
  const days = Object.fromEntries(
    WEEKDAYS.map((day) => [day, rangesOf(form.days[day] ?? '', `hours.days.${day}`, problems)]),
  ) as Record<(typeof WEEKDAYS)[number], TimeRange[]>;
  const closures: Closure[] = [];
  form.closures.forEach((row, index) => {
    if (!row.from && !row.to && !row.note) return;
    const field = (part: string) => `closures.${index}.${part}`;
    if (!row.from)
      problems.push({ field: field('from'), code: 'required', problem: 'give the first day closed' });
    if (!row.to) problems.push({ field: field('to'), code: 'required', problem: 'give the last day closed' });
    if (row.note.length > NOTE_MAX) {
      problems.push({
        field: field('note'),
        code: 'too_long',
        problem: `must be at most ${NOTE_MAX} characters`,
      });
    }
    const from = row.from ? dateOf(row.from, field('from'), problems) : null;
    const to = row.to ? dateOf(row.to, field('to'), problems) : null;
    if (from && to) closures.push({ from, to, ...(row.note ? { note: row.note } : {}) });
    else closures.push({ from: '0000-00-00', to: '0000-00-00' });
  });
  if (closures.length > MOST_CLOSURES) {
    problems.push({ field: 'closures', code: 'too_many', problem: `list at most ${MOST_CLOSURES} closures` });
  }
  const pausedUntil = form.pausedUntil ? dateOf(form.pausedUntil, 'pausedUntil', problems) : null;
  let monthlyCap: number | null = null;
  if (form.monthlyCap) {
    if (/^-?\d+$/.test(form.monthlyCap)) monthlyCap = Number(form.monthlyCap);
    else problems.push({ field: 'monthlyCap', code: 'not_a_number', problem: 'must be a whole number' });
  }
  if (problems.length) return { problems };
  const availability: Availability = {
    hours: form.hoursMode === 'weekly' ? { mode: 'weekly', days } : { mode: 'on-request' },
    closures,
    pausedUntil,
    monthlyCap,
  };
  const rules = availabilityProblems(availability, form.timezone, now).map((problem) => ({
    ...problem,
    // A day's ranges are one field on the form: `hours.days.mon.1.from` is shown beside `hours.days.mon`.
    field: problem.field.replace(/^(hours\.days\.\w+)\..*$/, '$1'),
  }));
  if (rules.length) return { problems: rules };
  return { availability, timezone: form.timezone };
}
