// The organizer's report after the event: was it held, how many came, how many were new, who by age, and
// what the space cost. It feeds the seed's metrics (events conducted, diversity, money saved).
import type { Rate } from '@cocomo/contracts';
import type { Problem } from '@cocomo/platform';
import type { EventReport } from '../machine/booking-vocabulary';

/** The age groups a report may count people in (the page names each). */
const AGE_GROUPS = ['under18', '18to24', '25to34', '35to49', '50to64', '65plus'] as const;

/** Every number of people the report asks for: who came, who was new, and each age group. */
const PEOPLE_FIELDS = ['attendance', 'newcomers', ...AGE_GROUPS.map((group) => `age_${group}`)];
const MOST_PEOPLE = 1_000_000;
const MOST_PAID = 10_000_000;

/**
 * The words of each refusal, in English: each is a message of the `problems` catalogue, which says it in the
 * page's language (problemIn). A whole field has one message whatever is wrong with it, saying what it takes.
 */
export const REPORT_PROBLEMS = {
  held: 'Say whether the event was held',
  people: 'Give each number of people as a whole number, 0 or more',
  tooManyPeople: 'Each number of people can be at most 1,000,000',
  newcomers: 'Newcomers cannot be more than the people who came',
  paid: 'Give what you paid as an amount, 0 or more',
  paidTooMuch: 'What you paid can be at most 10,000,000',
} as const;

/** What the form posts: strings, though a crafted post may send lists or nested fields (`a[]=1`). */
export type ReportForm = Record<string, unknown>;

/** A field left empty counts as 0; text must be the number it says; anything else is not a number. */
function numberIn(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'string') return Number.NaN;
  return value.trim() === '' ? 0 : Number(value);
}

function checkPeople(field: string, value: number): Problem | undefined {
  if (!Number.isFinite(value)) return { field, code: 'not_a_number', problem: REPORT_PROBLEMS.people };
  if (!Number.isInteger(value)) return { field, code: 'not_an_integer', problem: REPORT_PROBLEMS.people };
  if (value < 0) return { field, code: 'too_small', problem: REPORT_PROBLEMS.people };
  if (value > MOST_PEOPLE) return { field, code: 'too_big', problem: REPORT_PROBLEMS.tooManyPeople };
  return undefined;
}

function checkPaid(value: number): Problem | undefined {
  const field = 'amountPaid';
  if (!Number.isFinite(value)) return { field, code: 'not_a_number', problem: REPORT_PROBLEMS.paid };
  if (value < 0) return { field, code: 'too_small', problem: REPORT_PROBLEMS.paid };
  if (value > MOST_PAID) return { field, code: 'too_big', problem: REPORT_PROBLEMS.paidTooMuch };
  return undefined;
}

/** The report the form gives, or each field's problem, in the form's order. */
export function parseReport(form: ReportForm): { report: EventReport } | { problems: Problem[] } {
  const problems: Problem[] = [];
  if (form.held !== 'yes' && form.held !== 'no') {
    problems.push({ field: 'held', code: 'required', problem: REPORT_PROBLEMS.held });
  }
  const people = Object.fromEntries(PEOPLE_FIELDS.map((field) => [field, numberIn(form[field])]));
  for (const field of PEOPLE_FIELDS) {
    const problem = checkPeople(field, people[field]);
    if (problem) problems.push(problem);
  }
  const amountPaid = numberIn(form.amountPaid);
  const paidProblem = checkPaid(amountPaid);
  if (paidProblem) problems.push(paidProblem);
  const counted = (field: string) => !problems.some((problem) => problem.field === field);
  if (counted('attendance') && counted('newcomers') && people.newcomers > people.attendance) {
    problems.push({ field: 'newcomers', code: 'too_big', problem: REPORT_PROBLEMS.newcomers });
  }
  if (problems.length) return { problems };
  return {
    report: {
      held: form.held === 'yes',
      attendance: people.attendance,
      newcomers: people.newcomers,
      amountPaid,
      ageGroups: Object.fromEntries(AGE_GROUPS.map((group) => [group, people[`age_${group}`]])),
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
