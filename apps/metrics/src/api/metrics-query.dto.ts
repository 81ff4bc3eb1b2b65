// What the public may ask of the metrics API, checked at the edge: a period, a country, a series and its step.
// Each problem's words are a message of the problems catalogue, which says them in the reader's language.
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isSeriesName, SERIES_NAMES } from '../projections/timeseries';

const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    'must be a date (2027-03-01) or a time with its offset (2027-03-01T18:00:00Z)',
  )
  .refine((text) => !Number.isNaN(Date.parse(text)), 'is not a real date')
  .transform((text) => new Date(text));

/** An empty field of the dashboard's form means "not given". */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const scopeSchema = z.object({
  from: optional(instant),
  to: optional(instant),
  country: optional(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code (ISO 3166-1), such as IN')
      .transform((code) => code.toUpperCase()),
  ),
});

const fromBeforeTo = (query: { from?: Date; to?: Date }) =>
  !query.from || !query.to || query.from.getTime() < query.to.getTime();
const fromBeforeToProblem = { message: 'must be before to', path: ['from'] };

export const metricsQuerySchema = scopeSchema.strict().refine(fromBeforeTo, fromBeforeToProblem);

export const timeseriesQuerySchema = scopeSchema
  .extend({
    metric: z
      .string()
      .refine(
        (names) => names.split(',').every(isSeriesName),
        `must name one or more of ${SERIES_NAMES.join(', ')} or moneySaved.<currency>, separated by commas`,
      )
      .optional(),
    interval: z
      .enum(['week', 'month'], { errorMap: () => ({ message: 'must be week or month' }) })
      .default('month'),
  })
  .strict()
  .refine(fromBeforeTo, fromBeforeToProblem);

export class MetricsQueryDto extends createZodDto(metricsQuerySchema) {}
export class TimeseriesQueryDto extends createZodDto(timeseriesQuerySchema) {}
