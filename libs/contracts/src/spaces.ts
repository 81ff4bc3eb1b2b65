// Messages about spaces, published by the directory.
import { event, query } from './message';

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

/** Bookings asks the directory which spaces to ask, best first. */
export interface RankCandidates {
  /** A space the organizer named: asked first when it is approved and fits. */
  spaceId?: string;
  near?: { latitude: number; longitude: number; radiusKm: number };
  expectedAttendees: number;
  needs: string[];
  /** Spaces this community used before: returning to them keeps locations stable. */
  previousSpaceIds: string[];
  /** Spaces not to suggest, e.g. those that already declined. */
  excludeSpaceIds: string[];
  limit: number;
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
  host: { name: string; email: string };
}

export interface RankedCandidates {
  candidates: RankedCandidate[];
}

export const rankCandidates = query<RankCandidates, RankedCandidates>()('spaces.rank-candidates', 1);
