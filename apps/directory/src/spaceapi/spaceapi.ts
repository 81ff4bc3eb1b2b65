// A space in the terms of the SpaceAPI schema (v14/v15), as far as its fields apply to a CoCoMo space.
// Fields SpaceAPI has no word for are carried as `ext_` extensions, as the schema allows.
import { pricingOf } from '../spaces/space-view';
import type { SpaceApiDocument } from '../spaces/space-answer.dto';
import type { Space } from '../spaces/space.entity';

export function spaceApiDocument(space: Space, publicBaseUrl: string): SpaceApiDocument {
  return {
    api_compatibility: ['14', '15'],
    space: space.name,
    logo: `${publicBaseUrl}/map/assets/cocomo-logo.svg`,
    url: `${publicBaseUrl}/map#space=${space.id}`,
    location: {
      address: `${space.address}, ${space.city}, ${space.country}`,
      lat: space.latitude,
      lon: space.longitude,
      timezone: space.timezone,
      country_code: space.country,
    },
    // Hosts answer through CoCoMo's email links; their own address is not published.
    contact: {},
    // Busy times and event titles only; subscribe to it in any calendar.
    feeds: { calendar: { type: 'ical', url: `${publicBaseUrl}/api/spaces/${space.id}/calendar.ics` } },
    ext_cocomo: {
      id: space.id,
      kind: space.kind,
      capacity: space.capacity,
      amenities: space.amenities,
      pricing: pricingOf(space),
      description: space.description,
    },
  };
}
