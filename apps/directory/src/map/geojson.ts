// Spaces as a GeoJSON FeatureCollection: coordinates are [longitude, latitude].
import { pricingOf } from '../spaces/space-view';
import type { SpaceFeatureCollection } from '../spaces/space-answer.dto';
import type { Space } from '../spaces/space.entity';

export function spaceFeatureCollection(
  spaces: Space[],
  nextCursor: string | null = null,
): SpaceFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: spaces.map((space) => ({
      type: 'Feature',
      id: space.id,
      geometry: { type: 'Point', coordinates: [space.longitude, space.latitude] },
      properties: {
        id: space.id,
        name: space.name,
        kind: space.kind,
        pricing: pricingOf(space),
        capacity: space.capacity,
        amenities: space.amenities,
        city: space.city,
        country: space.country,
      },
    })),
    nextCursor,
  };
}
