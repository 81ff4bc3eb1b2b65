// Gathers the approved spaces that could host an event and ranks them.
import { Injectable } from '@nestjs/common';
import type { RankCandidates, RankedCandidate } from '@cocomo/contracts';
import { SpacesSearchService } from '../search/spaces-search.service';
import type { Space } from '../spaces/space.entity';
import { marketRateOf } from '../spaces/space-view';
import { SpacesService } from '../spaces/spaces.service';
import { rankSpaces } from './candidate-ranking';

@Injectable()
export class RankingService {
  constructor(
    private readonly searcher: SpacesSearchService,
    private readonly spaces: SpacesService,
  ) {}

  async rank(request: RankCandidates): Promise<RankedCandidate[]> {
    const found: { space: Space; distanceKm: number | null }[] = [];
    if (request.near) {
      const result = await this.searcher.search({
        near: [request.near.latitude, request.near.longitude],
        radiusKm: request.near.radiusKm,
        minCapacity: Math.max(1, request.expectedAttendees),
        limit: 200,
      });
      found.push(...result.items);
    }
    if (request.spaceId && !found.some((item) => item.space.id === request.spaceId)) {
      const named = await this.spaces.find(request.spaceId).catch(() => undefined);
      if (named?.status === 'approved') found.push({ space: named, distanceKm: null });
    }
    const eligible = found
      .filter((item) => !request.excludeSpaceIds.includes(item.space.id))
      .map((item) => ({
        item,
        spaceId: item.space.id,
        pricingModel: item.space.pricingModel,
        distanceKm: item.distanceKm,
        capacity: item.space.capacity,
        amenities: item.space.amenities,
        // The host's readiness record comes with the bookings issue's host-answer events.
        readiness: null,
      }));
    return rankSpaces(eligible, request)
      .slice(0, request.limit)
      .map(({ item: { space, distanceKm } }) => ({
        spaceId: space.id,
        name: space.name,
        pricingModel: space.pricingModel,
        capacity: space.capacity,
        distanceKm,
        timezone: space.timezone,
        address: space.address,
        city: space.city,
        country: space.country,
        marketRate: marketRateOf(space),
        host: { name: space.hostName, email: space.hostEmail },
      }));
  }
}
