// One view of the map as GeoJSON: clusters (a cell's count, free and paid apart, at the middle of its spaces) when
// the view holds more than MAX_PINS spaces, else a pin for each. The statement (map-view-statement.ts) does the work;
// with a time (from, to) it leaves out the spaces availability refuses then.
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { SpaceAvailability } from '../availability/space-availability';
import type { BoundingBox, MapView } from '../spaces/space.dto';
import { Space } from '../spaces/space.entity';
import {
  MAX_PINS,
  cellRange,
  gridOf,
  mapViewStatement,
  maybeUnavailableStatement,
} from './map-view-statement';

interface Row {
  total: number;
  cx: number | null;
  cy: number | null;
  count: number | null;
  free: number | null;
  paid: number | null;
  latitude: number | null;
  longitude: number | null;
  id: string | null;
}

const round = (degrees: number) => Math.round(degrees * 1e5) / 1e5;

@Injectable()
export class MapViewService {
  constructor(
    private readonly em: EntityManager,
    private readonly availability: SpaceAvailability,
  ) {}

  async view(view: MapView) {
    const { cellDegrees } = gridOf(view.bbox);
    const unavailable =
      view.from && view.to
        ? await this.unavailable(cellRange(view.bbox, cellDegrees).box, view.from, view.to)
        : [];
    const statement = mapViewStatement(view, unavailable);
    const rows: Row[] = await this.em.getConnection().execute(statement.sql, statement.params);
    const total = rows[0]?.total ?? 0;
    const clustered = total > MAX_PINS;
    const features = rows.slice(1).map((row) => {
      const coordinates = [round(row.longitude!), round(row.latitude!)];
      if (row.id === null) {
        const west = row.cx! * cellDegrees;
        const south = row.cy! * cellDegrees;
        return {
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates },
          properties: {
            cluster: true as const,
            count: row.count!,
            free: row.free!,
            paid: row.paid!,
            // The cell: zooming to it splits the cluster.
            bbox: [west, south, west + cellDegrees, south + cellDegrees].map(round),
          },
        };
      }
      // A pin: where the space is and its colour; its popup asks GET /api/spaces/<id> for the rest.
      return {
        type: 'Feature' as const,
        id: row.id,
        geometry: { type: 'Point' as const, coordinates },
        properties: {
          cluster: false as const,
          id: row.id,
          pricing: row.paid ? ('paid' as const) : ('free' as const),
        },
      };
    });
    // Pins are the view's own spaces; a clustered total counts the cells at its edges whole.
    return {
      type: 'FeatureCollection' as const,
      total: clustered ? total : features.length,
      clustered,
      features,
    };
  }

  /**
   * The spaces of the box (the view's cells, counted whole) that cannot be asked from `from` to `to`, decided
   * as the search and the ranking decide it; only spaces with hours, closures, a pause, a cap or a booking
   * then are looked at.
   */
  private async unavailable(box: BoundingBox, from: Date, to: Date): Promise<string[]> {
    const statement = maybeUnavailableStatement(box, from, to);
    const rows: { id: string }[] = await this.em.getConnection().execute(statement.sql, statement.params);
    if (!rows.length) return [];
    const spaces = await this.em.fork().find(Space, { id: { $in: rows.map((row) => row.id) } });
    return [...(await this.availability.whyNot(spaces, from, to)).keys()];
  }
}
