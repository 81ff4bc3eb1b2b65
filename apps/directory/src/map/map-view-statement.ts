// The SQL of one view of the map: the approved spaces in a box, counted on a grid of cells (the clusters) or, when
// the view holds few enough, as pins. Plain TypeScript, so the service runs it and the bench measures exactly it.
import { ALWAYS_AVAILABLE } from '../availability/availability';
import { MAP_CELL_LEVELS } from './map-cell-levels';
import { IN_BOX, addFilters, boxParams, type Statement } from '../search/search-statements';
import type { BoundingBox, MapView } from '../spaces/space.dto';

/** A view holding at most this many spaces shows each as a pin; more, and it shows clusters. */
export const MAX_PINS = 300;
/** About this many cells across the longer side of a view (between this and twice as many). */
const CELLS_ACROSS = 12;
const FINEST_LEVEL = 30;

/** The grid for a view: cells of 360° / 2^level, the level chosen so the view is 12–24 cells across. */
export function gridOf(box: BoundingBox): { level: number; cellDegrees: number } {
  const span = Math.max(box.east - box.west, box.north - box.south);
  const level = Math.min(FINEST_LEVEL, Math.max(0, Math.ceil(Math.log2((360 * CELLS_ACROSS) / span))));
  return { level, cellDegrees: 360 / 2 ** level };
}

/** The columns every row of the answer has; a row is the total (first), a cell (`cx` set) or a pin (`id` set). */
const COLUMNS = `"total", "cx", "cy", "count", "free", "paid", "latitude", "longitude", "id"`;

/**
 * Rows: the total first (cells that touch the view count whole), then either the non-empty cells with their
 * free and paid counts and the middle of their spaces, or (total ≤ MAX_PINS) the spaces in the view itself.
 * Views wide enough for the kept grid (`directory.map_cell`), and filtered by pricing at most, are read from it;
 * the others are counted from the map index.
 */
export function mapViewStatement(view: MapView, unavailable: readonly string[] = []): Statement {
  const { level, cellDegrees } = gridOf(view.bbox);
  const cells = cellRange(view.bbox, cellDegrees);
  const filtered = [view.minCapacity, view.amenities?.length, view.country, view.q, unavailable.length].some(
    Boolean,
  );
  let counted: Statement;
  if (level <= MAP_CELL_LEVELS && !filtered) {
    const free = view.pricing !== 'paid';
    const paid = view.pricing !== 'free';
    const sum = (axis: 'latitude' | 'longitude') =>
      [free && `c."free_${axis}"`, paid && `c."paid_${axis}"`].filter(Boolean).join(' + ');
    const count = [free && 'c."free"', paid && 'c."paid"'].filter(Boolean).join(' + ');
    counted = {
      sql: `select c."cx", c."cy", (${count})::int as "count", ${free ? 'c."free"' : '0'} as "free",
          ${paid ? 'c."paid"' : '0'} as "paid", (${sum('latitude')}) / (${count}) as "latitude",
          (${sum('longitude')}) / (${count}) as "longitude"
        from "directory"."map_cell" c
        where c."level" = ? and c."cx" between ? and ? and c."cy" between ? and ? and ${count} > 0`,
      params: [level, cells.fromX, cells.toX, cells.fromY, cells.toY],
    };
  } else {
    const where = ['s."status" = ?', IN_BOX];
    const params: unknown[] = [cellDegrees, cellDegrees, 'approved', ...boxParams(cells.box)];
    addFilters(view, where, params);
    leaveOut(unavailable, where, params);
    counted = {
      sql: `select floor(s."longitude" / ?)::int as "cx", floor(s."latitude" / ?)::int as "cy", count(*)::int as "count",
          (count(*) filter (where s."pricing_model" = 'free'))::int as "free",
          (count(*) filter (where s."pricing_model" = 'paid'))::int as "paid",
          avg(s."latitude") as "latitude", avg(s."longitude") as "longitude"
        from "directory"."space" s where ${where.join(' and ')} group by 1, 2`,
      params,
    };
  }
  const pinWhere = ['s."status" = ?', IN_BOX];
  const pinParams: unknown[] = ['approved', ...boxParams(view.bbox)];
  addFilters(view, pinWhere, pinParams);
  leaveOut(unavailable, pinWhere, pinParams);
  return {
    sql: `with "cells" as (${counted.sql}),
      "sum" as (select coalesce(sum("count"), 0)::int as "total" from "cells")
      select ${COLUMNS} from (
        (select t."total", null::int as "cx", null::int as "cy", null::int as "count", null::int as "free",
          null::int as "paid", null::float8 as "latitude", null::float8 as "longitude", null::uuid as "id" from "sum" t)
        union all
        (select t."total", c."cx", c."cy", c."count", c."free", c."paid", c."latitude", c."longitude", null
          from "sum" t join "cells" c on t."total" > ?)
        union all
        (select t."total", null, null, 1, (s."pricing_model" = 'free')::int, (s."pricing_model" = 'paid')::int,
          s."latitude", s."longitude", s."id"
          from "sum" t cross join lateral (
            select s."id", s."latitude", s."longitude", s."pricing_model" from "directory"."space" s where t."total" <= ? and ${pinWhere.join(' and ')} limit ?) s)
      ) "answer" (${COLUMNS})`,
    params: [...counted.params, MAX_PINS, MAX_PINS, ...pinParams, MAX_PINS],
  };
}

/** Leaves out the spaces that cannot be asked for the view's time (`from`, `to`). */
function leaveOut(ids: readonly string[], where: string[], params: unknown[]): void {
  if (!ids.length) return;
  where.push(`s."id" not in (${ids.map(() => '?').join(', ')})`);
  params.push(...ids);
}

/**
 * The approved spaces in a box that may be unavailable for a time: those whose host set hours, closures, a pause
 * or a cap, and those a booking holds then. Availability decides for each (SpaceAvailability); every other space
 * is open and free then.
 */
export function maybeUnavailableStatement(box: BoundingBox, from: Date, to: Date): Statement {
  return {
    sql: `select s."id" from "directory"."space" s
      where s."status" = 'approved' and ${IN_BOX}
        and (s."availability" <> ?::jsonb or exists (
          select 1 from "directory"."booked_time" b
          where b."space_id" = s."id" and not b."released" and b."event_start" < ? and b."event_end" > ?))`,
    params: [...boxParams(box), JSON.stringify(ALWAYS_AVAILABLE), to, from],
  };
}

/** The cells a view touches, and the box they cover (so that a cell is counted whole, wherever it is read from). */
export function cellRange(box: BoundingBox, cellDegrees: number) {
  const fromX = Math.floor(box.west / cellDegrees);
  const toX = Math.floor(box.east / cellDegrees);
  const fromY = Math.floor(box.south / cellDegrees);
  const toY = Math.floor(box.north / cellDegrees);
  return {
    fromX,
    toX,
    fromY,
    toY,
    box: {
      west: Math.max(-180, fromX * cellDegrees),
      south: Math.max(-90, fromY * cellDegrees),
      east: Math.min(180, (toX + 1) * cellDegrees),
      north: Math.min(90, (toY + 1) * cellDegrees),
    },
  };
}
