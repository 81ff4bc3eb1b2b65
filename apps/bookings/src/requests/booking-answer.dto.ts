// What the bookings API answers, as zod schemas: the handlers' return types are drawn from them and the OpenAPI
// document is generated from them, so the two cannot part. Not parsed at run time.
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { BOOKING_STATES } from '../machine/booking-vocabulary';

const instant = z.string().datetime().describe('ISO 8601, UTC');

/** A request just taken: its state, and the space asked first (null while none is known). */
export const bookingCreatedSchema = z.object({
  id: z.string().uuid().describe("The booking's id; of a series, its first date's"),
  state: z
    .enum([...BOOKING_STATES, 'asking'])
    .describe("The booking's state; a series is 'asking' while its host is asked, or 'unplaced'"),
  spaceId: z.string().uuid().nullable(),
  seriesId: z.string().uuid().optional().describe('With a recurrence: the series'),
  timezone: z.string().optional().describe("With a recurrence: the space's zone, in which the dates repeat"),
  dates: z
    .array(
      z.object({
        id: z.string().uuid(),
        date: z.string().nullable(),
        start: instant,
        end: instant,
        state: z.enum(BOOKING_STATES),
        clashes: z.boolean().describe('The space is booked then already'),
      }),
    )
    .optional()
    .describe('With a recurrence: each date, a booking of its own'),
});
export type BookingCreated = z.input<typeof bookingCreatedSchema>;
export class BookingCreatedDto extends createZodDto(bookingCreatedSchema) {}

export const bookingViewSchema = z.object({
  id: z.string().uuid(),
  state: z.enum(BOOKING_STATES),
  spaceId: z.string().uuid().nullable().describe('The space that holds the event, once one does'),
  asked: z.array(z.string().uuid()).describe('Spaces whose hosts are asked and have not answered'),
  series: z
    .object({ id: z.string().uuid(), date: z.string().nullable() })
    .nullable()
    .describe('The series this booking is a date of, if any'),
  offers: z
    .array(z.object({ id: z.string(), spaceId: z.string().uuid(), start: instant, end: instant }))
    .describe('Times declining hosts offered, open to the organizer while the booking has no space'),
  organizer: z.object({ name: z.string(), email: z.string(), community: z.string() }),
  event: z.object({
    title: z.string(),
    description: z.string(),
    start: instant,
    end: instant,
    expectedAttendees: z.number().int(),
    needs: z.array(z.string()),
  }),
});
export type BookingView = z.input<typeof bookingViewSchema>;

export const bookingListSchema = z.object({ items: z.array(bookingViewSchema) });
export type BookingList = z.input<typeof bookingListSchema>;
export class BookingListDto extends createZodDto(bookingListSchema) {}

/** A booking with every step of its history, oldest first. */
export const bookingDetailsSchema = bookingViewSchema.extend({
  history: z.array(
    z.object({
      at: instant,
      from: z.string().nullable().describe('Null for the first step'),
      to: z.string(),
      cause: z.string(),
    }),
  ),
});
export type BookingDetails = z.input<typeof bookingDetailsSchema>;
export class BookingDetailsDto extends createZodDto(bookingDetailsSchema) {}
