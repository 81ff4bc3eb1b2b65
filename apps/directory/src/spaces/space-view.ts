// How a space is shown: the public sees what a visitor needs; operators also see the host and the review.
import type { Rate } from '@cocomo/contracts';
import type { Space } from './space.entity';

function rateOf(amount: number | null, currency: string | null, per: string | null): Rate | null {
  return amount === null || currency === null || per === null
    ? null
    : { amount: Number(amount), currency, per: per as Rate['per'] };
}

export function pricingOf(space: Space) {
  return space.pricingModel === 'free'
    ? { model: 'free' as const }
    : { model: 'paid' as const, ...rateOf(space.priceAmount, space.priceCurrency, space.pricePer)! };
}

export function marketRateOf(space: Space): Rate | null {
  return rateOf(space.marketRateAmount, space.marketRateCurrency, space.marketRatePer);
}

export function spaceView(space: Space, audience: 'public' | 'operator') {
  const view = {
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
  return {
    ...view,
    host: { name: space.hostName, email: space.hostEmail },
    eligibility: { supportsFoss: space.supportsFoss, nonCommercialPledge: space.nonCommercialPledge },
    rejectionReason: space.rejectionReason,
    updatedAt: space.updatedAt.toISOString(),
  };
}
export type SpaceView = ReturnType<typeof spaceView>;
