// The organizer's report after the event: was it held, how many came, how many were new, who by age, and
// what the space cost. It feeds the seed's metrics (events conducted, diversity, money saved).
import { z } from 'zod';
import type { Rate } from '@cocomo/contracts';
import type { EventReport } from '../machine/booking-vocabulary';

export const AGE_GROUPS = [
  { key: 'under18', label: 'Under 18' },
  { key: '18to24', label: '18–24' },
  { key: '25to34', label: '25–34' },
  { key: '35to49', label: '35–49' },
  { key: '50to64', label: '50–64' },
  { key: '65plus', label: '65 and over' },
] as const;

const count = (label: string) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? 0 : Number(value)),
    z
      .number({ invalid_type_error: `${label} must be a number` })
      .int(`${label} must be a whole number`)
      .min(0, `${label} cannot be negative`)
      .max(1_000_000, `${label} is too large`),
  );

const reportSchema = z
  .object({
    held: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Say whether the event was held' }) }),
    attendance: count('Attendance'),
    newcomers: count('Newcomers'),
    amountPaid: z.preprocess(
      (value) => (value === '' || value === undefined ? 0 : Number(value)),
      z
        .number({ invalid_type_error: 'The amount paid must be a number' })
        .min(0, 'The amount paid cannot be negative')
        .max(10_000_000, 'The amount paid is too large'),
    ),
    ...Object.fromEntries(AGE_GROUPS.map((group) => [`age_${group.key}`, count(`Age group ${group.label}`)])),
  })
  .superRefine((report, ctx) => {
    if (report.newcomers > report.attendance) {
      ctx.addIssue({ code: 'custom', message: 'Newcomers cannot be more than the attendance' });
    }
  });

export type ReportForm = Record<string, string | undefined>;

export function parseReport(form: ReportForm): { report: EventReport } | { problems: string[] } {
  const result = reportSchema.safeParse(form);
  if (!result.success) return { problems: [...new Set(result.error.issues.map((issue) => issue.message))] };
  const values = result.data as Record<string, number | string>;
  return {
    report: {
      held: values.held === 'yes',
      attendance: Number(values.attendance),
      newcomers: Number(values.newcomers),
      amountPaid: Number(values.amountPaid),
      ageGroups: Object.fromEntries(
        AGE_GROUPS.map((group) => [group.key, Number(values[`age_${group.key}`])]),
      ),
    },
  };
}

/** What renting the space for the event would have cost, at its market rate. */
export function marketCostOf(rate: Rate | null, start: Date, end: Date): number | null {
  if (!rate) return null;
  const hours = (end.getTime() - start.getTime()) / 3_600_000;
  const units = { hour: Math.ceil(hours), day: Math.ceil(hours / 24), event: 1 }[rate.per];
  return Math.round(units * rate.amount * 100) / 100;
}
