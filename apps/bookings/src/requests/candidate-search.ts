// Asking the directory which spaces to ask for a booking: the request's place and needs, the spaces the
// community used before (returning to them keeps locations stable), and not the spaces busy at that time.
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { rankCandidates, type RankCandidates, type RankedCandidate } from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';

export const CANDIDATES_ASKED_FOR = 10;

export interface WhatIsNeeded {
  community: string;
  spaceId?: string;
  near?: RankCandidates['near'];
  expectedAttendees: number;
  needs: string[];
  start: Date;
  end: Date;
}

@Injectable()
export class CandidateSearch {
  constructor(
    private readonly client: BullMqClient,
    private readonly em: EntityManager,
  ) {}

  /** Throws QueryTimeoutError when the directory does not answer within REQUEST_TIMEOUT. */
  async rank(needed: WhatIsNeeded, limit = CANDIDATES_ASKED_FOR): Promise<RankedCandidate[]> {
    const previous: { space_id: string }[] = await this.em.execute(
      `select distinct "space_id" from "bookings"."booking"
       where lower("community") = lower(?) and "space_id" is not null
         and "state" in ('confirmed', 'reconfirming', 'awaiting_report', 'held')`,
      [needed.community],
    );
    // Spaces already holding another event at that time would only refuse: they are not suggested.
    const busy: { space_id: string }[] = await this.em.execute(
      `select distinct "space_id" from "bookings"."booking"
       where "state" in ('confirmed', 'reconfirming') and "during" && tstzrange(?, ?, '[)')`,
      [needed.start, needed.end],
    );
    const answer = await this.client.ask(rankCandidates, {
      spaceId: needed.spaceId,
      near: needed.near,
      expectedAttendees: needed.expectedAttendees,
      needs: needed.needs,
      previousSpaceIds: previous.map((row) => row.space_id),
      excludeSpaceIds: busy.map((row) => row.space_id),
      limit,
    });
    return answer.candidates;
  }
}
