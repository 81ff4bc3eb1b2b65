// Messages about spaces, published by the directory.
import { event } from './message';

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
