// A listing's fields as the API names them, and the columns they are kept in: the one translation between them,
// used by registration, the operators' changes and the host's manage page alike.
import type { RegisterSpace, UpdateSpace } from './space.dto';
import type { Space } from './space.entity';

export function currentFields(space: Space): Omit<Required<UpdateSpace>, 'host'> {
  return {
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
    pricing:
      space.pricingModel === 'free'
        ? { model: 'free' }
        : {
            model: 'paid',
            amount: space.priceAmount!,
            currency: space.priceCurrency!,
            per: space.pricePer!,
          },
    marketRate:
      space.marketRateAmount === null
        ? undefined!
        : {
            amount: space.marketRateAmount,
            currency: space.marketRateCurrency!,
            per: space.marketRatePer!,
          },
  };
}

export function columnsOf(input: Omit<RegisterSpace, 'host' | 'eligibility'>) {
  const paid = input.pricing.model === 'paid' ? input.pricing : null;
  return {
    name: input.name,
    kind: input.kind,
    description: input.description,
    address: input.address,
    city: input.city,
    country: input.country,
    latitude: input.latitude,
    longitude: input.longitude,
    timezone: input.timezone,
    capacity: input.capacity,
    amenities: input.amenities,
    pricingModel: input.pricing.model,
    priceAmount: paid?.amount ?? null,
    priceCurrency: paid?.currency ?? null,
    pricePer: paid?.per ?? null,
    marketRateAmount: input.marketRate?.amount ?? null,
    marketRateCurrency: input.marketRate?.currency ?? null,
    marketRatePer: input.marketRate?.per ?? null,
  };
}
