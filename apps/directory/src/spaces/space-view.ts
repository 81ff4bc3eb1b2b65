// How a space is shown: the public sees what a visitor needs; operators also see the host and the review.
import type { Rate } from '@cocomo/contracts';
import type { OperatorSpace, PricingAnswer, PublicSpace } from './space-answer.dto';
import type { Space } from './space.entity';

function rateOf(amount: number | null, currency: string | null, per: string | null): Rate | null {
  return amount === null || currency === null || per === null
    ? null
    : { amount: Number(amount), currency, per: per as Rate['per'] };
}

export function pricingOf(space: Space): PricingAnswer {
  return space.pricingModel === 'free'
    ? { model: 'free' as const }
    : { model: 'paid' as const, ...rateOf(space.priceAmount, space.priceCurrency, space.pricePer)! };
}

export function marketRateOf(space: Space): Rate | null {
  return rateOf(space.marketRateAmount, space.marketRateCurrency, space.marketRatePer);
}

export function spaceView(space: Space, audience: 'public'): PublicSpace;
export function spaceView(space: Space, audience: 'operator'): OperatorSpace;
export function spaceView(space: Space, audience: 'public' | 'operator'): PublicSpace | OperatorSpace;
export function spaceView(space: Space, audience: 'public' | 'operator'): PublicSpace | OperatorSpace {
  const view: PublicSpace = {
    id: space.id,
    status: space.status,
    name: space.name,
    kind: space.kind,
    description: space.description,
    address: space.address,
    city: space.city,
    country: space.country,
    latitude: space.latitude,
    longitude: space.longitude,
    timezone: space.timezone,
    capacity: space.capacity,
    amenities: space.amenities,
    pricing: pricingOf(space),
    marketRate: marketRateOf(space),
    createdAt: space.createdAt.toISOString(),
    approvedAt: space.approvedAt?.toISOString() ?? null,
  };
  if (audience === 'public') return view;
  const operator: OperatorSpace = {
    ...view,
    host: { name: space.hostName, email: space.hostEmail },
    eligibility: { supportsFoss: space.supportsFoss, nonCommercialPledge: space.nonCommercialPledge },
    rejectionReason: space.rejectionReason,
    /** The host's change to reviewed fields, by column, that waits for an operator; null when none does. */
    pendingChange: space.pendingChange
      ? {
          columns: space.pendingChange,
          by: space.pendingChangeBy,
          at: space.pendingChangeAt?.toISOString() ?? null,
        }
      : null,
    updatedAt: space.updatedAt.toISOString(),
  };
  return operator;
}
