// booking.held reaches the directory too: the event goes on the profile of the space that hosted it. It runs in
// the idempotent inbox, and the booking's id keys the row, so a repeated message records it once.
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { bookingHeld, type BookingHeld, type Envelope } from '@cocomo/contracts';
import { HostedEventsService } from './hosted-events.service';

const isoTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)));
const count = z.number().int().min(0);
/** What the profile needs of the event; a message without it is logged and left aside. */
const hostedEventFacts = z.object({
  bookingId: z.string().uuid(),
  spaceId: z.string().uuid(),
  community: z.string().min(1).max(255),
  eventTitle: z.string().min(1).max(255).optional(),
  eventStart: isoTime,
  eventEnd: isoTime,
  attendance: count,
  newcomers: count,
});

@Controller()
export class HostedEventsHandler {
  private readonly logger = new Logger(HostedEventsHandler.name);

  constructor(private readonly hosted: HostedEventsService) {}

  @EventPattern(bookingHeld.name)
  async held(@Payload() message: Envelope<BookingHeld>): Promise<void> {
    const facts = hostedEventFacts.safeParse(message.payload);
    if (!facts.success) {
      this.logger.warn(`booking.held ${message.id} cannot go on a space's profile: ${facts.error.message}`);
      return;
    }
    await this.hosted.record({ ...message.payload, ...facts.data });
  }
}
