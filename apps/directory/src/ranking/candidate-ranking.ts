// Which spaces to ask for an event, best first. The seed's preferences, in order: free before paid, then
// distance, capacity fit, the amenities the event needs, the host's readiness record, and the community's
// previous spaces (returning keeps locations stable). A space the organizer named comes first.
// Distance counts in bands of DISTANCE_BAND_KM, so that the later preferences decide between spaces that are
// about as near as each other.

export const DISTANCE_BAND_KM = 5;

export interface CandidateFacts {
  spaceId: string;
  pricingModel: 'free' | 'paid';
  distanceKm: number | null;
  capacity: number;
  amenities: string[];
  /** Share of booking requests the host answered; null while the host has none. */
  readiness: number | null;
}

export interface RankingRequest {
  spaceId?: string;
  expectedAttendees: number;
  needs: string[];
  previousSpaceIds: string[];
}

type SortKey = number[];

function sortKey(space: CandidateFacts, request: RankingRequest): SortKey {
  const missing = request.needs.filter((need) => !space.amenities.includes(need.toLowerCase())).length;
  return [
    space.spaceId === request.spaceId ? 0 : 1,
    space.pricingModel === 'free' ? 0 : 1,
    space.distanceKm === null ? Number.MAX_SAFE_INTEGER : Math.floor(space.distanceKm / DISTANCE_BAND_KM),
    // Spare seats per expected attendee: the tighter the fit, the better.
    Math.round(((space.capacity - request.expectedAttendees) / Math.max(1, request.expectedAttendees)) * 10),
    missing,
    space.readiness === null ? 0.5 : 1 - space.readiness,
    request.previousSpaceIds.includes(space.spaceId) ? 0 : 1,
  ];
}

function compare(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The spaces that can hold the event, best first; spaces too small are left out. */
export function rankSpaces<T extends CandidateFacts>(spaces: T[], request: RankingRequest): T[] {
  return spaces
    .filter((space) => space.capacity >= request.expectedAttendees)
    .map((space) => ({ space, key: sortKey(space, request) }))
    .sort((a, b) => compare(a.key, b.key) || a.space.spaceId.localeCompare(b.space.spaceId))
    .map(({ space }) => space);
}
