// The directory search: approved spaces by distance, capacity, amenities, pricing, country and text.
// The statement (search-statements.ts) finds, counts and pages in one round trip; this shapes its rows.
import { Injectable } from '@nestjs/common';
import type { EntityMetadata, EntityProperty } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { InvalidInput } from '@cocomo/platform';
import type { SearchSpaces } from '../spaces/space.dto';
import { Space, type SpaceStatus } from '../spaces/space.entity';
import { decodeCursor, encodeCursor } from './search-cursor';
import { searchStatement } from './search-statements';

export interface SearchResult {
  items: { space: Space; distanceKm: number | null }[];
  total: number;
  nextCursor: string | null;
}

@Injectable()
export class SpacesSearchService {
  private readonly meta: EntityMetadata<Space>;
  private readonly convertedProperties: EntityProperty<Space>[];

  constructor(private readonly em: EntityManager) {
    this.meta = em.getMetadata().get(Space.name);
    this.convertedProperties = this.meta.props.filter((prop) => prop.customType);
  }

  async search(query: SearchSpaces, status: SpaceStatus = 'approved'): Promise<SearchResult> {
    const byDistance = query.near !== undefined;
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && (!cursor || typeof cursor.key !== (byDistance ? 'number' : 'string'))) {
      throw new InvalidInput([{ field: 'cursor', problem: 'is not a cursor this search gave out' }]);
    }
    const statement = searchStatement(query, status, cursor);
    const rows: Record<string, unknown>[] = await this.em.execute(statement.sql, statement.params);

    const found = rows.filter((row) => row.id !== null);
    const items = found.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((row) => ({
        space: this.spaceOf(row),
        distanceKm: row.distance_m === null ? null : Math.round(Number(row.distance_m) / 10) / 100,
      })),
      total: Number(rows[0]?.total ?? 0),
      nextCursor:
        found.length > query.limit && last
          ? encodeCursor({
              key: byDistance ? Number(last.sort_key) : String(last.sort_key),
              id: String(last.id),
            })
          : null,
    };
  }

  /**
   * A row as a Space the search only reads: mapped and converted as `em.map` would, without making it a
   * managed entity (that costs ~45 µs a row, most of a search's time in Node).
   */
  private spaceOf(row: Record<string, unknown>): Space {
    const space = this.em.getDriver().mapResult(row, this.meta) as Record<string, unknown>;
    const platform = this.em.getPlatform();
    for (const prop of this.convertedProperties) {
      if (space[prop.name] != null)
        space[prop.name] = prop.customType!.convertToJSValue(space[prop.name], platform);
    }
    return space as unknown as Space;
  }
}
