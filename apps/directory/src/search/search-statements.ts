// The SQL of a directory search, built from the checked query: one statement for a page and the total.
// Plain TypeScript, so the search service runs it and the bench measures exactly the same statement.
import type { SearchSpaces } from '../spaces/space.dto';
import type { SpaceStatus } from '../spaces/space.entity';
import type { SearchCursor } from './search-cursor';

/** SQL with `?` placeholders (as MikroORM's `execute` takes them) and their values in order. */
export interface Statement {
  sql: string;
  params: unknown[];
}

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
  const origin = query.near ? 'public.ll_to_earth(?, ?)' : null;
  const originParams = query.near ? [query.near[0], query.near[1]] : [];
  const meters = query.near && query.radiusKm !== undefined ? query.radiusKm * 1000 : undefined;
  const withinRadius = meters !== undefined;

  if (withinRadius) {
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
  const filter = where.join(' and ');

  // Nearest first when a point is given (the cube `<->` distance orders like the great-circle one), else by name.
  // Matches are found from what the covering index holds; only the page's own rows are then read whole.
  const sortKey = origin ? `(s."earth_location" <-> ${origin})` : 's."name"';
  const distance = origin ? `public.earth_distance(${origin}, s."earth_location")` : 'null';
  const found = `select s."id", ${distance} as "distance_m", ${sortKey} as "sort_key" from "directory"."space" s`;
  const foundParams = [...originParams, ...originParams];
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
  const page = `${found} where ${filter}${cursor ? ` and (${sortKey}, s."id") > (?, ?)` : ''}`;
  return {
    sql: pageWithTotal(`select count(*) as "total" from "directory"."space" s where ${filter}`, page),
    params: [
      ...params,
      ...foundParams,
      ...params,
      ...(cursor ? [...originParams, ...after] : []),
      query.limit + 1,
    ],
  };
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
