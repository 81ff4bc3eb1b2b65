// The booking events that hold or release a space's time, or ask its host, reach the directory's inbox
// (idempotent: a repeated message changes nothing, and the booking's version orders the steps). The space's
// calendar and its availability both read what they leave.
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import {
  bookingCancelled,
  bookingConfirmed,
  bookingHostAsked,
  bookingLateDenial,
  bookingOfferTaken,
  bookingRescued,
  bookingUnplaced,
  type BookingStep,
  type Envelope,
} from '@cocomo/contracts';
import { BookedTimes } from '../availability/booked-times';
import { BookedTimesService, type BookedStep } from './booked-times.service';

const isoTime = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)))
  .transform((text) => new Date(text));
/** What the calendar needs of a step; a step without it (sent before steps carried it) is left aside. */
const bookedStep = z.object({
  bookingId: z.string().uuid(),
  bookingVersion: z.number().int().min(0),
  eventTitle: z.string().min(1),
  eventStart: isoTime,
  eventEnd: isoTime,
  at: isoTime,
  spaceId: z.string().uuid().optional(),
});

const askedStep = z.object({ bookingId: z.string().uuid(), spaceId: z.string().uuid(), at: isoTime });

@Controller()
export class BookedTimesHandler {
  private readonly logger = new Logger(BookedTimesHandler.name);

  constructor(
    private readonly booked: BookedTimesService,
    private readonly requests: BookedTimes,
  ) {}

  /** Counted against the space's monthly cap of requests. */
  @EventPattern(bookingHostAsked.name)
  async asked(@Payload() message: Envelope<BookingStep>) {
    const asked = askedStep.safeParse(message.payload);
    if (!asked.success) {
      this.logger.warn(`${message.name} ${message.id} lacks its booking, space or time: left aside`);
      return;
    }
    await this.requests.asked(asked.data.bookingId, asked.data.spaceId, asked.data.at);
  }

  @EventPattern(bookingConfirmed.name)
  async confirmed(@Payload() message: Envelope<BookingStep>) {
    await this.hold(message);
  }

  @EventPattern(bookingOfferTaken.name)
  async offerTaken(@Payload() message: Envelope<BookingStep>) {
    await this.hold(message);
  }

  @EventPattern(bookingRescued.name)
  async rescued(@Payload() message: Envelope<BookingStep>) {
    await this.hold(message);
  }

  @EventPattern(bookingLateDenial.name)
  async lateDenial(@Payload() message: Envelope<BookingStep>) {
    await this.release(message);
  }

  @EventPattern(bookingUnplaced.name)
  async unplaced(@Payload() message: Envelope<BookingStep>) {
    await this.release(message);
  }

  @EventPattern(bookingCancelled.name)
  async cancelled(@Payload() message: Envelope<BookingStep>) {
    await this.release(message);
  }

  private async hold(message: Envelope<BookingStep>): Promise<void> {
    const step = this.stepOf(message);
    if (!step) return;
    if (!step.spaceId) {
      this.logger.warn(`${message.name} ${message.id} names no space; the calendars leave it aside`);
      return;
    }
    await this.booked.hold(step.spaceId, step);
  }

  private async release(message: Envelope<BookingStep>): Promise<void> {
    const step = this.stepOf(message);
    if (step) await this.booked.release(step);
  }

  private stepOf(message: Envelope<BookingStep>): (BookedStep & { spaceId?: string }) | undefined {
    const step = bookedStep.safeParse(message.payload);
    if (!step.success) {
      this.logger.warn(`${message.name} ${message.id} cannot go on a calendar: ${step.error.message}`);
      return undefined;
    }
    return step.data;
  }
}
