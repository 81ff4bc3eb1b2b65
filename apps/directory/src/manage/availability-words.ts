// A space's availability as its host reads it in the history and the mail: one line a setting.
import { WEEKDAYS, type Availability } from '../availability/availability';
import type { FieldChange } from '../spaces/space-history.entity';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function describeAvailability(availability: Availability, timezone: string): FieldChange[] {
  const { hours } = availability;
  const lines: FieldChange[] = [{ field: 'Time zone', value: timezone }];
  if (hours.mode === 'on-request') lines.push({ field: 'Opening hours', value: 'on request' });
  else {
    WEEKDAYS.forEach((day, index) => {
      const ranges = hours.days[day].map((range) => `${range.from}–${range.to}`).join(', ');
      lines.push({ field: DAY_NAMES[index], value: ranges || 'closed' });
    });
  }
  for (const closure of availability.closures) {
    lines.push({
      field: 'Closed',
      value: `${closure.from} to ${closure.to}${closure.note ? ` (${closure.note})` : ''}`,
    });
  }
  lines.push({ field: 'Paused until', value: availability.pausedUntil ?? 'not paused' });
  lines.push({
    field: 'Requests a month',
    value: availability.monthlyCap === null ? 'no limit' : `at most ${availability.monthlyCap}`,
  });
  return lines;
}
