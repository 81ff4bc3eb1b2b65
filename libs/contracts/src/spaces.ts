// Messages about spaces, published by the directory.
import { command, event, query } from './message';

export type PricingModel = 'free' | 'paid';

export interface Money {
  amount: number;
  currency: string;
}

export interface Rate extends Money {
  per: 'hour' | 'day' | 'event';
}

export interface SpaceFacts {
  spaceId: string;
  name: string;
  kind: string;
  city: string;
  country: string;
  timezone: string;
  capacity: number;
  pricingModel: PricingModel;
  marketRate: Rate | null;
}

export interface SpaceRegistered extends SpaceFacts {
  host: { name: string; email: string };
}

export interface SpaceApproved extends SpaceFacts {
  approvedAt: string;
}

export interface SpaceRejected {
  spaceId: string;
  name: string;
  reason: string;
  host: { name: string; email: string };
}

export interface SpaceUpdated extends SpaceFacts {
  changed: string[];
}

export interface SpaceRetired {
  spaceId: string;
  country: string;
  pricingModel: PricingModel;
}

/**
 * The space's host changed (a hand-over took effect, or the host chose another language for their mails): who
 * is asked and mailed about its bookings from now on, and in which language (`locale`; absent from events
 * published before hosts chose one).
 */
export interface SpaceHostChanged {
  spaceId: string;
  host: { name: string; email: string; locale?: string };
  /** ISO 8601. */
  changedAt: string;
}

export interface SpaceVerified {
  spaceId: string;
  verifiedAt: string;
}

export const spaceRegistered = event<SpaceRegistered>()('space.registered', 1);
export const spaceVerified = event<SpaceVerified>()('space.verified', 1);
export const spaceApproved = event<SpaceApproved>()('space.approved', 1);
export const spaceRejected = event<SpaceRejected>()('space.rejected', 1);
export const spaceUpdated = event<SpaceUpdated>()('space.updated', 1);
export const spaceRetired = event<SpaceRetired>()('space.retired', 1);
/** The directory's own timer: the yearly summary of a space's hosting is due (`year` is the summary's year). */
export interface SpaceSummaryDue {
  spaceId: string;
  year: number;
}

export const spaceSummaryDue = command<SpaceSummaryDue>()('space.summary-due', 1);
export const spaceHostChanged = event<SpaceHostChanged>()('space.host-changed', 1);

/** A place to look near: a point, and how far around it. */
export interface Near {
  latitude: number;
  longitude: number;
  radiusKm: number;
}

/**
 * What a booking needs of a space: the community that asks, the space it named or the place to look near (or
 * both), how many people come, what they need, and when (ISO 8601). Bookings keeps it as it was asked; the
 * directory ranks spaces by it.
 */
export interface BookingNeeds {
  community: string;
  /** A space the organizer named: asked first when it is approved and fits. */
  spaceId?: string;
  near?: Near;
  expectedAttendees: number;
  /** Amenities the event needs, in lower case ("projector", "wifi"). */
  needs: string[];
  start: string;
  end: string;
}

/** Bookings asks the directory which spaces to ask for what a booking needs, best first. */
export interface RankCandidates extends BookingNeeds {
  /** Spaces this community used before: returning to them keeps locations stable. */
  previousSpaceIds: string[];
  /** Spaces not to suggest, e.g. those that already hold another event at that time. */
  excludeSpaceIds: string[];
  limit: number;
  /**
   * A series checks each of its dates' bookings itself: a space booked at its first date may be free at the
   * others, so the directory does not leave it out for that (closures, hours, pause and cap still count).
   */
  keepBooked?: boolean;
}

export interface RankedCandidate {
  spaceId: string;
  name: string;
  pricingModel: PricingModel;
  capacity: number;
  distanceKm: number | null;
  timezone: string;
  address: string;
  city: string;
  country: string;
  /** What renting the space would cost: the money-saved metric compares it with what was paid. */
  marketRate: Rate | null;
  /** `locale`: the language the host reads (absent from candidates ranked before hosts chose one). */
  host: { name: string; email: string; locale?: string };
}

/** Why a space cannot be asked for a time (its host's availability, or a booking then). */
export type SpaceUnavailability = 'paused' | 'closed' | 'outside_hours' | 'over_monthly_cap' | 'booked';

export interface RankedCandidates {
  candidates: RankedCandidate[];
  /** Why the space the request named was left out, when its host's availability or a booking did (added later). */
  unavailable?: { spaceId: string; reason: SpaceUnavailability }[];
  /** How many of the spaces that fit (near the place, or named) were left out for the time, by why (added later). */
  leftOut?: LeftOut;
}

/** Spaces left out of a ranking for the time asked, counted by why. */
export type LeftOut = Partial<Record<SpaceUnavailability, number>>;

export const rankCandidates = query<RankCandidates, RankedCandidates>()('spaces.rank-candidates', 1);
