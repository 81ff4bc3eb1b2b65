// The space a request or an operator names must be one the directory ranks for what the booking needs: an
// approved space, large enough, free at that time. When it is not, the answer names the field, in one wording.
import type { BookingNeeds, RankedCandidate, RankedCandidates } from '@cocomo/contracts';
import { InvalidInput } from '@cocomo/platform';

/** The same needs, asked of one space only (the one an operator chose). */
export function atSpace(needs: BookingNeeds, spaceId: string): BookingNeeds {
  const { near: _near, ...rest } = needs;
  return { ...rest, spaceId };
}

/** The space named among those ranked for it; refused, naming the field, when the directory did not rank it. */
/** What the organizer reads when the space's host's availability, or a booking then, left it out. */
const WHY: Record<NonNullable<RankedCandidates['unavailable']>[number]['reason'], string> = {
  paused: 'is paused then: its host takes no requests until later',
  closed: 'is closed on that date',
  outside_hours: 'is not open at that time',
  over_monthly_cap: 'has had as many requests this month as its host can answer',
  booked: 'is booked at that time',
};

export function namedSpaceIn(
  ranked: RankedCandidate[],
  needs: BookingNeeds,
  spaceId: string,
  unavailable: RankedCandidates['unavailable'] = [],
): RankedCandidate {
  const space = ranked.find((candidate) => candidate.spaceId === spaceId);
  if (space) return space;
  const why = unavailable.find((left) => left.spaceId === spaceId);
  if (why) throw new InvalidInput([{ field: 'spaceId', code: why.reason, problem: WHY[why.reason] }]);
  throw new InvalidInput([
    {
      field: 'spaceId',
      problem: `is not an approved space that holds ${needs.expectedAttendees} people and is free at that time`,
    },
  ]);
}
