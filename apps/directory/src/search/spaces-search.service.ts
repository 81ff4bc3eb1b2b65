// The directory search: approved spaces by distance, capacity, amenities, pricing, country and text.
// Distance filtering and ordering use the GiST index on the space's earth location.
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { InvalidInput } from '@cocomo/platform';
import type { SearchSpaces } from '../spaces/space.dto';
import { Space, type SpaceStatus } from '../spaces/space.entity';
import { decodeCursor, encodeCursor } from './search-cursor';

export interface SearchResult {
  items: { space: Space; distanceKm: number | null }[];
  total: number;
  nextCursor: string | null;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Injectable()
export class SpacesSearchService {
  constructor(private readonly em: EntityManager) {}

  async search(query: SearchSpaces, status: SpaceStatus = 'approved'): Promise<SearchResult> {
    const where: string[] = ['s."status" = ?'];
    const params: unknown[] = [status];
    const origin = query.near ? 'public.ll_to_earth(?, ?)' : null;
    const originParams = query.near ? [query.near[0], query.near[1]] : [];

    if (query.near && query.radiusKm !== undefined) {
      const meters = query.radiusKm * 1000;
      where.push(`public.earth_box(${origin}, ?) @> s."earth_location"`);
      params.push(...originParams, meters);
      where.push(`public.earth_distance(${origin}, s."earth_location") <= ?`);
      params.push(...originParams, meters);
    }
    if (query.minCapacity !== undefined) {
      where.push('s."capacity" >= ?');
      params.push(query.minCapacity);
    }
    if (query.amenities?.length) {
      where.push(`s."amenities" @> array[${query.amenities.map(() => '?').join(', ')}]::text[]`);
      params.push(...query.amenities);
    }
    if (query.pricing) {
      where.push('s."pricing_model" = ?');
      params.push(query.pricing);
    }
    if (query.country) {
      where.push('s."country" = ?');
      params.push(query.country);
    }
    if (query.q) {
      where.push(`(s."name" ilike ? or s."city" ilike ? or s."description" ilike ?)`);
      const pattern = likePattern(query.q);
      params.push(pattern, pattern, pattern);
    }

    // Nearest first when a point is given (the cube `<->` distance orders like the great-circle one), else by name.
    const sortKey = origin ? `(s."earth_location" <-> ${origin})` : 's."name"';
    const sortParams = originParams;

    const filter = where.join(' and ');
    const pageWhere = [filter];
    const pageParams = [...params];
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (!cursor || typeof cursor.key !== (origin ? 'number' : 'string')) {
        throw new InvalidInput([{ field: 'cursor', problem: 'is not a cursor this search gave out' }]);
      }
      pageWhere.push(`(${sortKey}, s."id") > (?, ?)`);
      pageParams.push(...sortParams, cursor.key, cursor.id);
    }

    const distance = origin ? `public.earth_distance(${origin}, s."earth_location")` : 'null';
    const rows: Record<string, unknown>[] = await this.em.execute(
      `select s.*, ${distance} as "distance_m", ${sortKey} as "sort_key"
       from "directory"."space" s where ${pageWhere.join(' and ')}
       order by "sort_key", s."id" limit ?`,
      [...originParams, ...sortParams, ...pageParams, query.limit + 1],
    );
    const [{ total }] = await this.em.execute<{ total: string }[]>(
      `select count(*) as "total" from "directory"."space" s where ${filter}`,
      params,
    );

    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        space: this.em.map(Space, row),
        distanceKm: row.distance_m === null ? null : Math.round(Number(row.distance_m) / 10) / 100,
      })),
      total: Number(total),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ key: origin ? Number(last.sort_key) : String(last.sort_key), id: String(last.id) })
          : null,
    };
  }
}
