// What an organizer sends to ask for a space, checked at the edge. Whether a named space exists, is approved
// and is large enough is the directory's to say; these are the rules the request itself must keep.
import { createZodDto } from 'nestjs-zod';
import { isLocale, SUPPORTED_LOCALES } from '@cocomo/i18n';
import { z } from 'zod';
import { latitude, longitude } from '@cocomo/platform';
import { MAX_SERIES_DATES, WEEKDAY_CODES } from '../series/recurrence';

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Date.parse accepts 2027-02-30 and rolls it over; a person meant something else. */
function isRealMoment(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const [hours, minutes] = value.slice(11, 16).split(':').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hours < 24 && minutes < 60;
}

/** ISO 8601 with a time zone offset (or Z): a time that means the same everywhere. */
const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be an ISO 8601 time with an offset, such as 2027-03-01T18:00:00+05:30',
  )
  .refine(isRealMoment, 'is not a real date and time')
  .transform((value) => new Date(value));

export const MAX_EVENT_DAYS = 14;

/** A local date in the space's zone, "2027-03-09": a day of the series, as organizer and host name it. */
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2027-03-09')
  .refine((value) => isRealMoment(`${value}T00:00`), 'is not a real date');

/**
 * How the event repeats: its shape. Whether the rule has an end, stays within 26 dates, falls on the first
 * date and leaves out only dates of its own is recurrence.ts's to say, in the zone of the space asked.
 */
const recurrence = z
  .object({
    frequency: z.enum(['weekly', 'monthly']),
    interval: z.number().int('must be a whole number').max(12, 'must be at most 12').optional(),
    monthlyOn: z
      .union([
        z
          .object({
            weekday: z.enum(WEEKDAY_CODES),
            ordinal: z.union(
              [1, 2, 3, 4, 5, -1].map((n) => z.literal(n)) as [
                z.ZodLiteral<1>,
                z.ZodLiteral<2>,
                z.ZodLiteral<3>,
                z.ZodLiteral<4>,
                z.ZodLiteral<5>,
                z.ZodLiteral<-1>,
              ],
            ),
          })
          .strict(),
        z
          .object({
            dayOfMonth: z.number().int('must be a whole number').min(1).max(31),
            shorterMonths: z.enum(['skip', 'last-day']).optional(),
          })
          .strict(),
      ])
      .optional(),
    until: localDate.optional(),
    count: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
    except: z.array(localDate).max(MAX_SERIES_DATES).optional(),
  })
  .strict();

export function bookingRequestSchema(now: () => Date = () => new Date()) {
  return z
    .object({
      organizer: z
        .object({
          name: text(120),
          email: z.string().trim().email('must be an email address').max(320),
          community: text(120),
        })
        .strict(),
      event: z
        .object({
          title: text(200),
          description: z.string().trim().max(4000, 'must be at most 4000 characters').default(''),
          start: instant,
          end: instant,
          expectedAttendees: z
            .number()
            .int('must be a whole number')
            .min(1, 'must be at least 1')
            .max(100_000),
          needs: z
            .array(text(60))
            .max(20, 'may list at most 20 needs')
            .default([])
            .transform((list) => [...new Set(list.map((need) => need.toLowerCase()))]),
        })
        .strict(),
      recurrence: recurrence.optional(),
      /** The organizer's language, for every mail about the request. */
      locale: z
        .string()
        .refine(isLocale, `must be a language CoCoMo speaks: ${SUPPORTED_LOCALES.join(', ')}`)
        .default('en'),
      spaceId: z.string().uuid('must be the id of a space in the directory').optional(),
      near: z
        .object({
          latitude,
          longitude,
          radiusKm: z
            .number()
            .min(0.001, 'must be at least 0.001 (one metre)')
            .max(500, 'must be at most 500'),
        })
        .strict()
        .optional(),
    })
    .strict()
    .superRefine((request, ctx) => {
      const { start, end } = request.event;
      if (start.getTime() <= now().getTime()) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['event', 'start'], message: 'is in the past' });
      }
      if (end.getTime() <= start.getTime()) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['event', 'end'],
          message: 'must be after the start',
        });
      } else if (end.getTime() - start.getTime() > MAX_EVENT_DAYS * 86_400_000) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['event', 'end'],
          message: `must be within ${MAX_EVENT_DAYS} days of the start`,
        });
      }
      if (!request.spaceId && !request.near) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['near'],
          message: 'is needed when no spaceId is given: name a space, or say near where to look',
        });
      }
    });
}

export class BookingRequestDto extends createZodDto(bookingRequestSchema()) {}
export type BookingRequest = z.output<ReturnType<typeof bookingRequestSchema>>;
