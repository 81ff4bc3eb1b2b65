// The rules a host's availability must keep, beyond the shapes the DTO checks: ranges that run forwards and
// do not overlap, closures likewise, a pause that ends in the future, a cap of at least one. Each problem
// names its field as the form and the API name it.
import { DateTime } from 'luxon';
import type { Problem } from '@cocomo/platform';
import { WEEKDAYS, type Availability, type TimeRange } from './availability';

const minutes = (time: string) => {
  const [hour, minute] = time.split(':').map(Number);
  return hour * 60 + minute;
};

function rangeProblems(ranges: TimeRange[], field: string): Problem[] {
  const problems: Problem[] = [];
  ranges.forEach((range, index) => {
    if (minutes(range.to) <= minutes(range.from)) {
      problems.push({
        field: `${field}.${index}.to`,
        code: 'inverted_range',
        problem: `must be later than the range's start (${range.from})`,
      });
    }
  });
  const sorted = ranges
    .map((range, index) => ({ range, index }))
    .filter(({ range }) => minutes(range.to) > minutes(range.from))
    .sort((a, b) => minutes(a.range.from) - minutes(b.range.from));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1].range;
    if (minutes(sorted[i].range.from) < minutes(before.to)) {
      problems.push({
        field: `${field}.${sorted[i].index}.from`,
        code: 'overlapping_ranges',
        problem: `overlaps the range ${before.from}–${before.to} of the same day`,
      });
    }
  }
  return problems;
}

function closureProblems(availability: Availability): Problem[] {
  const problems: Problem[] = [];
  availability.closures.forEach((closure, index) => {
    if (closure.to < closure.from) {
      problems.push({
        field: `closures.${index}.to`,
        code: 'inverted_range',
        problem: `must not be before the closure's first day (${closure.from})`,
      });
    }
  });
  const sorted = availability.closures
    .map((closure, index) => ({ closure, index }))
    .filter(({ closure }) => closure.to >= closure.from)
    .sort((a, b) => a.closure.from.localeCompare(b.closure.from));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1].closure;
    if (sorted[i].closure.from <= before.to) {
      problems.push({
        field: `closures.${sorted[i].index}.from`,
        code: 'overlapping_ranges',
        problem: `overlaps the closure from ${before.from} to ${before.to}`,
      });
    }
  }
  return problems;
}

/** Every rule the availability breaks, in the order of the form; none when it is sound. */
export function availabilityProblems(availability: Availability, zone: string, now: Date): Problem[] {
  const problems: Problem[] = [];
  if (availability.hours.mode === 'weekly') {
    const { days } = availability.hours;
    for (const day of WEEKDAYS) problems.push(...rangeProblems(days[day] ?? [], `hours.days.${day}`));
  }
  problems.push(...closureProblems(availability));
  if (availability.pausedUntil !== null) {
    const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
    if (availability.pausedUntil <= today) {
      problems.push({
        field: 'pausedUntil',
        code: 'in_the_past',
        problem: `must be a date after today (${today} in ${zone})`,
      });
    }
  }
  if (availability.monthlyCap !== null && availability.monthlyCap < 1) {
    problems.push({ field: 'monthlyCap', code: 'too_small', problem: 'must be at least 1 request a month' });
  }
  return problems;
}
