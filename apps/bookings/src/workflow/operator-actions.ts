// What an operator may do to a booking — give it a space by hand, or cancel it — for the API and the operators'
// page alike. Both go through the booking's machine, so a booking that has moved on refuses with a Conflict.
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { z } from 'zod';
import { QueryTimeoutError } from '@cocomo/messaging';
import { Conflict, inScope, type Actor } from '@cocomo/platform';
import { BookingRepository } from '../bookings/booking.repository';
import { CandidateSearch } from './candidate-search';
import { atSpace, namedSpaceIn } from './named-space';
import { BookingWorkflow } from './booking-workflow.service';

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
    private readonly bookings: BookingRepository,
  ) {}

  async cancel(id: string, reason: string, by: Actor): Promise<void> {
    const decision = await this.workflow.apply(id, { type: 'operatorCancelled', reason }, new Date(), {
      by,
      action: 'booking-cancelled',
    });
    if (decision.outcome === 'ignored')
      throw new Conflict(`This booking cannot be cancelled: ${decision.reason}`);
  }

  /**
   * The directory says whether the space fits and is free; when it does not answer, nothing changes. To an
   * operator limited to some countries, a space of another country is not one that can be assigned.
   */
  async assign(id: string, spaceId: string, by: Actor, countries: readonly string[] | null = null) {
    const booking = await this.bookings.get(id);
    const needs = atSpace(booking.needs, spaceId);
    let ranked;
    try {
      ranked = await this.search.rank(needs);
    } catch (error) {
      if (error instanceof QueryTimeoutError) {
        throw new ServiceUnavailableException(
          'The space directory did not answer; nothing was stored. Please try again.',
        );
      }
      throw error;
    }
    const assignable = ranked.filter((candidate) => inScope(countries, candidate.country));
    const decision = await this.workflow.assign(id, namedSpaceIn(assignable, needs, spaceId), by);
    if (decision.outcome === 'ignored')
      throw new Conflict(`A space cannot be assigned now: ${decision.reason}`);
  }
}
