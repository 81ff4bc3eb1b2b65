// What an operator may do to a booking — give it a space by hand, or cancel it — for the API and the operators'
// page alike. Both go through the booking's machine, so a booking that has moved on refuses with a Conflict.
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { z } from 'zod';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueryTimeoutError } from '@cocomo/messaging';
import { Conflict, InvalidInput, NotFound } from '@cocomo/platform';
import { Booking } from '../bookings/booking.entity';
import { CandidateSearch } from '../requests/candidate-search';
import { BookingWorkflow } from '../workflow/booking-workflow.service';

/** What an operator sends to cancel a booking: a reason the organizer is told. */
export const cancelBookingSchema = z
  .object({
    reason: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  })
  .strict();

@Injectable()
export class OperatorActions {
  constructor(
    private readonly workflow: BookingWorkflow,
    private readonly search: CandidateSearch,
    private readonly em: EntityManager,
  ) {}

  async cancel(id: string, reason: string): Promise<void> {
    const decision = await this.workflow.apply(id, { type: 'operatorCancelled', reason });
    if (decision.outcome === 'ignored')
      throw new Conflict(`This booking cannot be cancelled: ${decision.reason}`);
  }

  /** The directory says whether the space fits and is free; when it does not answer, nothing changes. */
  async assign(id: string, spaceId: string): Promise<void> {
    const booking = await this.em.findOne(Booking, { id });
    if (!booking) throw new NotFound('Booking', id);
    let ranked;
    try {
      ranked = await this.search.rank({
        community: booking.community,
        spaceId,
        expectedAttendees: booking.expectedAttendees,
        needs: booking.needs,
        start: booking.start,
        end: booking.end,
      });
    } catch (error) {
      if (error instanceof QueryTimeoutError) {
        throw new ServiceUnavailableException(
          'The space directory did not answer; nothing was stored. Please try again.',
        );
      }
      throw error;
    }
    const space = ranked.find((candidate) => candidate.spaceId === spaceId);
    if (!space) {
      throw new InvalidInput([
        {
          field: 'spaceId',
          problem: `is not an approved space that holds ${booking.expectedAttendees} people and is free at that time`,
        },
      ]);
    }
    const decision = await this.workflow.assign(id, space);
    if (decision.outcome === 'ignored')
      throw new Conflict(`A space cannot be assigned now: ${decision.reason}`);
  }
}
