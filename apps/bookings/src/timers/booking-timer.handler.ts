// A booking's timer came due: the machine decides whether it still means something (its version says).
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { bookingTimerDue, type BookingTimerDue, type Envelope } from '@cocomo/contracts';
import type { TimerKind } from '../machine/booking-machine';
import { BookingWorkflow } from '../workflow/booking-workflow.service';

@Controller()
export class BookingTimerHandler {
  constructor(private readonly workflow: BookingWorkflow) {}

  @EventPattern(bookingTimerDue.name)
  async due(@Payload() message: Envelope<BookingTimerDue>): Promise<void> {
    const { bookingId, timer, version, spaceId } = message.payload;
    await this.workflow.apply(bookingId, { type: 'timerFired', timer: timer as TimerKind, version, spaceId });
  }
}
