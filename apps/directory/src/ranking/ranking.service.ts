// Gathers the approved spaces that could host an event and ranks them.
import { Injectable } from '@nestjs/common';
import type { LeftOut, RankCandidates, RankedCandidates } from '@cocomo/contracts';
import { SpaceAvailability } from '../availability/space-availability';
import { SpacesSearchService } from '../search/spaces-search.service';
import type { Space } from '../spaces/space.entity';
import { marketRateOf } from '../spaces/space-view';
import { SpaceRepository } from '../spaces/space.repository';
import { rankSpaces } from './candidate-ranking';

@Injectable()
export class RankingService {
  constructor(
    private readonly searcher: SpacesSearchService,
    private readonly spaces: SpaceRepository,
    private readonly availability: SpaceAvailability,
  ) {}

  async rank(request: RankCandidates): Promise<RankedCandidates> {
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
      const named = await this.spaces.byId(request.spaceId).catch(() => null);
      if (named?.status === 'approved') found.push({ space: named, distanceKm: null });
    }
    // Spaces closed, paused, asked as often this month as their host allows, or booked then are not asked.
    const unavailable = await this.availability.whyNot(
      found.map((item) => item.space),
      new Date(request.start),
      new Date(request.end),
    );
    if (request.keepBooked) {
      for (const [spaceId, why] of unavailable) if (why === 'booked') unavailable.delete(spaceId);
    }
    const eligible = found
      .filter((item) => !request.excludeSpaceIds.includes(item.space.id) && !unavailable.has(item.space.id))
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
    const named = request.spaceId ? unavailable.get(request.spaceId) : undefined;
    // Why each space that fits was left out for the time: its host's availability, or a booking then (which
    // bookings knows itself and excludes, or the directory learnt from the booking events).
    const leftOut: LeftOut = {};
    for (const { space } of found) {
      const why =
        unavailable.get(space.id) ?? (request.excludeSpaceIds.includes(space.id) ? 'booked' : undefined);
      if (why) leftOut[why] = (leftOut[why] ?? 0) + 1;
    }
    const candidates = rankSpaces(eligible, request)
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
        host: { name: space.hostName, email: space.hostEmail, locale: space.hostLocale },
      }));
    return {
      candidates,
      ...(named && request.spaceId ? { unavailable: [{ spaceId: request.spaceId, reason: named }] } : {}),
      ...(Object.keys(leftOut).length ? { leftOut } : {}),
    };
  }
}
