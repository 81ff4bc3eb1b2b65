// What the record is asked: entries by person, space, booking, subject and period, newest first, a page at a
// time. The API and the page read the same schema, so both refuse the same input and name the same field.
import { z } from 'zod';

const MOMENT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 2027-02-30 is not a day, though Date rolls it over into March. */
function existingDay(text: string): boolean {
  if (!MOMENT.test(text)) return true; // the pattern's problem says enough
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && !Number.isNaN(Date.parse(text));
}

/** A form sends fields left empty as ''; they ask nothing. */
const blankless = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

/** A day (the whole of it, in UTC) or a moment with its offset, as ISO 8601 writes them. */
const moment = (end: 'start' | 'end') =>
  blankless(
    z
      .string()
      .trim()
      .regex(MOMENT, 'must be a date (2027-03-01) or a time with its offset (2027-03-01T18:00:00Z)')
      .refine(existingDay, 'is not a real date')
      .transform((text) => {
        const at = new Date(text);
        // A day given as the end of a period counts whole: up to the next midnight.
        return end === 'end' && text.length === 10 ? new Date(at.getTime() + DAY_MS) : at;
      })
      .optional(),
  );

/** An id, and the words of its problem: a message of the problems catalogue, as every problem here is. */
const uuid = (problem: string) =>
  blankless(
    z
      .string()
      .trim()
      .uuid(problem)
      .transform((id) => id.toLowerCase())
      .optional(),
  );

const whole = (least: number, most: number, fallback: number) =>
  blankless(
    z.coerce
      .number({ invalid_type_error: 'must be a whole number' })
      .int('must be a whole number')
      .min(least, `must be between ${least} and ${most}`)
      .max(most, `must be between ${least} and ${most}`)
      .default(fallback),
  );

export const recordQuerySchema = z.object({
  person: blankless(z.string().trim().max(320, 'must be at most 320 characters').optional()).describe(
    "Who acted: an operator's id, or anyone's email (an operator's, a host's, an organizer's)",
  ),
  space: uuid('must be the id of a space in the directory').describe('Entries on this space'),
  booking: uuid('must be the id of a booking or a series').describe('Entries on this booking (or series)'),
  subject: blankless(z.string().trim().max(200, 'must be at most 200 characters').optional()).describe(
    "Entries on this operator's, token's or session's id",
  ),
  from: moment('start').describe('From this day or time (inclusive)'),
  to: moment('end').describe('Until this time, or to the end of this day'),
  page: whole(1, 10_000, 1).describe('1 is the newest entries'),
  limit: whole(1, 200, 50).describe('Entries on a page'),
});

export type RecordQuery = z.output<typeof recordQuerySchema>;

export interface QueryProblem {
  field: string;
  problem: string;
}

/** A period that ends before it starts asks for nothing: the end is the field at fault. */
export function periodProblem(query: RecordQuery): QueryProblem | undefined {
  return query.from && query.to && query.to <= query.from
    ? { field: 'to', problem: 'must be after from' }
    : undefined;
}

/** The query a page's form sends, or what is wrong with it, by field. */
export function parseRecordQuery(input: unknown): { query: RecordQuery } | { problems: QueryProblem[] } {
  const parsed = recordQuerySchema.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        field: String(issue.path[0] ?? 'query'),
        problem: issue.message,
      })),
    };
  }
  const period = periodProblem(parsed.data);
  return period ? { problems: [period] } : { query: parsed.data };
}
