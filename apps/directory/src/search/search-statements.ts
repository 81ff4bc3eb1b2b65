// The SQL of a directory search, built from the checked query: one statement for a page and the total.
// Plain TypeScript, so the search service runs it and the bench measures exactly the same statement.
import type { BoundingBox, SearchSpaces, SpaceFilters } from '../spaces/space.dto';
import type { SpaceStatus } from '../spaces/space.entity';
import type { SearchCursor } from './search-cursor';

/** SQL with `?` placeholders (as MikroORM's `execute` takes them) and their values in order. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** How many spaces at one spot a view's list still pages through in a stable order. */
const TIES = 50;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Rows: the page's spaces (`s.*`, `distance_m`, `sort_key`), each with the `total` of matches, up to `limit + 1`
 * of them (the extra one tells there is a next page); when the page is empty, one row with the total and nulls.
 */
export function searchStatement(query: SearchSpaces, status: SpaceStatus, cursor?: SearchCursor): Statement {
  const where: string[] = ['s."status" = ?'];
  const params: unknown[] = [status];
  // In a view of the map, the list is nearest to `near` or else to the view's centre.
  const centre = query.near ?? (query.bbox ? boxCentre(query.bbox) : undefined);
  const origin = centre ? 'public.ll_to_earth(?, ?)' : null;
  const originParams = centre ? [centre[0], centre[1]] : [];
  const meters = query.near && query.radiusKm !== undefined ? query.radiusKm * 1000 : undefined;
  const withinRadius = meters !== undefined;

  if (query.bbox) {
    where.push(IN_BOX);
    params.push(...boxParams(query.bbox));
  }
  if (withinRadius) {
    where.push(`public.earth_box(${origin}, ?) @> s."earth_location"`);
    params.push(...originParams, meters);
    where.push(`public.earth_distance(${origin}, s."earth_location") <= ?`);
    params.push(...originParams, meters);
  }
  addFilters(query, where, params);
  const filter = where.join(' and ');

  // Nearest first when a point is given (the cube `<->` distance orders like the great-circle one), else by name.
  // In a view of the map the order is the map index's own `<->` in degrees, so that the box and the order are
  // served by one index scan (nearest on a flat map; the distance shown is still the great-circle one).
  // Matches are found from what the covering index holds; only the page's own rows are then read whole.
  const sortKey =
    query.bbox && centre
      ? `(${MAP_POINT} <-> point(?, ?))`
      : origin
        ? `(s."earth_location" <-> ${origin})`
        : 's."name"';
  const sortParams = query.bbox && centre ? [centre[1], centre[0]] : originParams;
  const distance = origin ? `public.earth_distance(${origin}, s."earth_location")` : 'null';
  const found = `select s."id", ${distance} as "distance_m", ${sortKey} as "sort_key" from "directory"."space" s`;
  const foundParams = [...originParams, ...sortParams];
  const after = cursor ? [cursor.key, cursor.id] : [];

  if (withinRadius) {
    // A radius bounds the matches: they are found once, then counted and paged.
    const page = `select * from m${cursor ? ' where (m."sort_key", m."id") > (?, ?)' : ''}`;
    return {
      sql: `with m as (${found} where ${filter}) ${pageWithTotal('select count(*) as "total" from m', page)}`,
      params: [...foundParams, ...params, ...after, query.limit + 1],
    };
  }
  // Without a radius the matches may be the whole directory: the page is read nearest (or first by name)
  // first, and the count is a scan of its own.
  const keyset = `${found} where ${filter}${cursor ? ` and (${sortKey}, s."id") > (?, ?)` : ''}`;
  // In a view, the map index walks outward from the centre only when the order is its distance alone (not the
  // distance, then the id): it gives a few more than the page, and the page is then ordered with the id too,
  // so spaces at the very same spot (up to TIES of them) still page in one order.
  const page = query.bbox ? `select * from (${keyset} order by "sort_key" limit ?) n` : keyset;
  return {
    sql: pageWithTotal(`select count(*) as "total" from "directory"."space" s where ${filter}`, page),
    params: [
      ...params,
      ...foundParams,
      ...params,
      ...(cursor ? [...sortParams, ...after] : []),
      ...(query.bbox ? [query.limit + 1 + TIES] : []),
      query.limit + 1,
    ],
  };
}

/** The filters the search and the map share, as `and`-ed conditions on `s` and their values. */
export function addFilters(query: SpaceFilters, where: string[], params: unknown[]): void {
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
}

/** A space's place on the flat map, as the map's index (`space_approved_map`) holds it: (longitude, latitude). */
export const MAP_POINT = 'point(s."longitude", s."latitude")';
/** Inside a view: the map index answers it (its params: boxParams). */
export const IN_BOX = `${MAP_POINT} <@ box(point(?, ?), point(?, ?))`;

export function boxParams(box: BoundingBox): number[] {
  return [box.west, box.south, box.east, box.north];
}

/** The middle of a view, as [latitude, longitude]. */
export function boxCentre(box: BoundingBox): [number, number] {
  return [(box.south + box.north) / 2, (box.west + box.east) / 2];
}

/** The page's rows, each with the total; the left join keeps the total when the page is empty. */
function pageWithTotal(count: string, page: string): string {
  return `select t."total", s.*, p."distance_m", p."sort_key"
    from (${count}) t
    left join (
      (${page} order by "sort_key", "id" limit ?) p join "directory"."space" s on s."id" = p."id"
    ) on true
    order by p."sort_key", p."id"`;
}
