// Asking the directory which spaces to ask for a booking: what it needs, the spaces the community used before
// (returning to them keeps locations stable), and not the spaces busy at that time.
import { Injectable } from '@nestjs/common';
import {
  rankCandidates,
  type BookingNeeds,
  type RankedCandidate,
  type RankedCandidates,
} from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';
import { BookingRepository } from '../bookings/booking.repository';

export const CANDIDATES_ASKED_FOR = 10;

@Injectable()
export class CandidateSearch {
  constructor(
    private readonly client: BullMqClient,
    private readonly bookings: BookingRepository,
  ) {}

  /**
   * Throws QueryTimeoutError when the directory does not answer within REQUEST_TIMEOUT. A series keeps the
   * spaces busy at its first date (`keepBusy`): its other dates may be free there.
   */
  async rank(
    needs: BookingNeeds,
    limit = CANDIDATES_ASKED_FOR,
    { keepBusy = false } = {},
  ): Promise<RankedCandidate[]> {
    return (await this.answer(needs, limit, { keepBusy })).candidates;
  }

  /** The directory's whole answer: the candidates, and why the space named was left out, when it was. */
  async answer(
    needs: BookingNeeds,
    limit = CANDIDATES_ASKED_FOR,
    { keepBusy = false } = {},
  ): Promise<RankedCandidates> {
    // Spaces already holding another event at that time would only refuse: they are not suggested.
    const { usedBy: previousSpaceIds, heldDuring: busy } = await this.bookings.candidateFilters(
      needs.community,
      keepBusy ? null : { start: needs.start, end: needs.end },
    );
    const answer = await this.client.ask(rankCandidates, {
      ...needs,
      previousSpaceIds,
      excludeSpaceIds: busy,
      limit,
      ...(keepBusy ? { keepBooked: true } : {}),
    });
    return answer;
  }
}
