// A space retired (by its host on their manage page, or by an operator) can host nothing more: each booking it
// holds goes on as if its host had withdrawn (the fallback protocol runs), and each request its host was asked
// and has not answered goes on as if they had declined (the next space is asked). Runs in the idempotent inbox;
// a booking that has moved on meanwhile is left as it is by the machine.
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { spaceRetired, type Envelope, type SpaceRetired } from '@cocomo/contracts';
import { BookingRepository } from '../bookings/booking.repository';
import { holdsSpace, isAsked } from '../machine/booking-vocabulary';
import { BookingWorkflow } from '../workflow/booking-workflow.service';

@Controller()
export class SpaceRetiredHandler {
  private readonly logger = new Logger(SpaceRetiredHandler.name);

  constructor(
    private readonly bookings: BookingRepository,
    private readonly workflow: BookingWorkflow,
  ) {}

  @EventPattern(spaceRetired.name)
  async retired(@Payload() message: Envelope<SpaceRetired>): Promise<void> {
    const { spaceId } = message.payload;
    for (const id of await this.bookings.openAt(spaceId)) {
      const booking = await this.bookings.get(id);
      if (holdsSpace(booking, spaceId)) {
        await this.workflow.apply(id, { type: 'hostWithdrew' });
      } else if (isAsked(booking, spaceId)) {
        await this.workflow.apply(id, { type: 'hostDeclined', spaceId, reason: 'closed' });
      }
      this.logger.log(`Booking ${id} goes on without retired space ${spaceId}`);
    }
  }
}
