// The facts about a space that travel in the directory's events.
import type { SpaceFacts } from '@cocomo/contracts';
import { marketRateOf } from './space-view';
import type { Space } from './space.entity';

export function spaceFacts(space: Space): SpaceFacts {
  return {
    spaceId: space.id,
    name: space.name,
    kind: space.kind,
    city: space.city,
    country: space.country,
    timezone: space.timezone,
    capacity: space.capacity,
    pricingModel: space.pricingModel,
    marketRate: marketRateOf(space),
  };
}
