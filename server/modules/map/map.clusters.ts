/**
 * Server-side clusters of point layers: counts per cell of a fixed world grid, aggregated with GROUP BY on a
 * cell index computed from latitude and longitude, merged into one Point feature per cell. The stations and
 * conflicts layers use them here, and the inspections layer through map.service.
 */
import type { Feature, Point } from 'geojson';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { selectRows, sql, type Sql } from '../../db/sql';
import { DEFAULTS, round } from './map.common';
import type { MapQuery } from './map.schema';
import { cellIndex, Num } from './map.sql';

/** Degrees per cluster cell: `cellPx` screen pixels at the zoom, or a 16th of the box width without a zoom. */
export function cellDegFor(q: MapQuery, cellPx: number): number {
  if (q.zoom !== undefined) return (360 / 2 ** q.zoom) * (cellPx / 256);
  const width = q.bbox ? Math.max(q.bbox[2] - q.bbox[0], q.bbox[3] - q.bbox[1]) : 360;
  return Math.max(width / 16, 1e-4);
}

export interface ClusterProperties {
  cluster: true;
  count: number;
  countByService: Record<string, number>;
  /** The service with most stations in the cell (its colour). */
  service: string;
  /** [minLon, minLat, maxLon, maxLat] of the members. */
  extent: [number, number, number, number];
}

const ClusterRow = z.object({
  cy: Num,
  cx: Num,
  service: z.string(),
  n: Num,
  lat: Num,
  lon: Num,
  minLat: Num,
  minLon: Num,
  maxLat: Num,
  maxLon: Num,
});
type ClusterRow = z.infer<typeof ClusterRow>;

/** Merges per-(cell, service) rows into one Point feature per cell, at the members' mean position. */
function clusterFeatures(rows: ClusterRow[]): Feature<Point, ClusterProperties>[] {
  const cells = new Map<
    string,
    { n: number; lat: number; lon: number; by: Record<string, number>; ext: [number, number, number, number] }
  >();
  for (const r of rows) {
    const key = `${r.cy}:${r.cx}`;
    const n = r.n;
    const c = cells.get(key) ?? { n: 0, lat: 0, lon: 0, by: {}, ext: [Infinity, Infinity, -Infinity, -Infinity] };
    c.lat = (c.lat * c.n + r.lat * n) / (c.n + n);
    c.lon = (c.lon * c.n + r.lon * n) / (c.n + n);
    c.n += n;
    c.by[r.service] = (c.by[r.service] ?? 0) + n;
    c.ext = [
      Math.min(c.ext[0], r.minLon),
      Math.min(c.ext[1], r.minLat),
      Math.max(c.ext[2], r.maxLon),
      Math.max(c.ext[3], r.maxLat),
    ];
    cells.set(key, c);
  }
  return [...cells.entries()].map(([key, c]) => {
    const service = Object.entries(c.by).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'other';
    return {
      type: 'Feature',
      id: `cell:${key}`,
      geometry: { type: 'Point', coordinates: [round(c.lon, 6), round(c.lat, 6)] },
      properties: { cluster: true, count: c.n, countByService: c.by, service, extent: c.ext },
    };
  });
}

/** A point layer's SQL for gridClusters: FROM … WHERE …, the position and the grouping value of a row. */
export interface ClusterSource {
  from: Sql;
  lat: Sql;
  lon: Sql;
  /** Counted per cell (`countByService`); the most common value names the cell (`service`). */
  group: Sql;
}

/**
 * Server-side clusters of any point layer: counts per cell of a fixed world grid (`cellPx` screen pixels
 * at the query's zoom) and per `group` value, aggregated with GROUP BY on a cell index computed in SQL.
 */
export async function gridClusters(
  sequelize: Sequelize,
  q: MapQuery,
  src: ClusterSource,
  cellPx: number = DEFAULTS.cellPx,
): Promise<{ cellDeg: number; features: Feature<Point, ClusterProperties>[] }> {
  const cellDeg = cellDegFor(q, cellPx);
  const cy = cellIndex(sequelize, src.lat, 90, cellDeg);
  const cx = cellIndex(sequelize, src.lon, 180, cellDeg);
  const { lat, lon } = src;
  const rows = await selectRows(
    sequelize,
    sql`SELECT ${cy} AS cy, ${cx} AS cx, ${src.group} AS service, COUNT(*) AS n, AVG(${lat}) AS lat, AVG(${lon}) AS lon,
      MIN(${lat}) AS "minLat", MIN(${lon}) AS "minLon", MAX(${lat}) AS "maxLat", MAX(${lon}) AS "maxLon"
    ${src.from} GROUP BY 1, 2, 3`,
    ClusterRow,
  );
  return { cellDeg, features: clusterFeatures(rows) };
}
