/**
 * The footprints layer: stored coverage footprints whose bounding box meets the view, the widest first, only
 * at district-level zoom (or when a station or assignment is named).
 */
import type { Feature, Polygon } from 'geojson';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { CountRow, selectOne, selectRows, sql } from '../../db/sql';
import { DEFAULTS, parseGeometry, round, type FootprintOptions, type MapCollection } from './map.common';
import type { MapQuery } from './map.schema';
import { Num, stationConditions, whereAll } from './map.sql';

export interface FootprintProperties {
  assignmentId: number;
  stationId: number;
  stationName: string;
  service: string;
  frequencyHz: number;
  maxRadiusKm: number;
}

const FootprintDetail = z.object({
  assignmentId: Num,
  polygon: z.unknown(),
  maxRadiusKm: Num,
  frequencyHz: Num,
  stationId: Num,
  stationName: z.string(),
  service: z.string(),
});

export async function footprintsGeoJson(
  sequelize: Sequelize,
  q: MapQuery,
  options: FootprintOptions = {},
): Promise<MapCollection<Polygon>> {
  const limit = options.limit ?? DEFAULTS.footprintLimit;
  const named = q.stationId !== undefined || q.assignmentId !== undefined;
  if (!named && (q.zoom ?? 0) < (options.minZoom ?? DEFAULTS.footprintMinZoom))
    return { type: 'FeatureCollection', mode: 'zoom_in', total: 0, truncated: false, features: [] };
  const where = stationConditions({ ...q, assignmentId: undefined });
  // Without station filters the widest footprints in view come from the covering index on
  // assignment_footprints alone; joining every row in view to its assignment and station costs more
  // than the rest of the request when a view holds tens of thousands.
  const joins =
    where.length > 0
      ? sql`JOIN assignments a ON a.id = f."assignmentId" JOIN stations s ON s.id = a."stationId"`
      : sql.raw('');
  if (q.assignmentId !== undefined) where.push(sql`f."assignmentId" = ${q.assignmentId}`);
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    where.push(
      sql`f."minLon" <= ${maxLon} AND f."maxLon" >= ${minLon} AND f."minLat" <= ${maxLat} AND f."maxLat" >= ${minLat}`,
    );
  }
  const from = sql`FROM assignment_footprints f ${joins} ${whereAll(where)}`;
  const ranked = await selectRows(
    sequelize,
    sql`SELECT f."assignmentId" ${from} ORDER BY f."maxRadiusKm" DESC, f."assignmentId" LIMIT ${limit + 1}`,
    z.object({ assignmentId: Num }),
  );
  const truncated = ranked.length > limit;
  let total = ranked.length;
  if (truncated) total = (await selectOne(sequelize, sql`SELECT COUNT(*) AS n ${from}`, CountRow))?.n ?? 0;
  // Polygons and names only for the footprints kept, by primary key, in the ranked order.
  const kept = ranked.slice(0, limit).map((r) => r.assignmentId);
  const byId = new Map<number, z.infer<typeof FootprintDetail>>();
  if (kept.length) {
    const details = await selectRows(
      sequelize,
      sql`SELECT f."assignmentId", f.polygon, f."maxRadiusKm", a."frequencyHz", a."stationId", s.name AS "stationName",
        s.service
      FROM assignment_footprints f JOIN assignments a ON a.id = f."assignmentId" JOIN stations s ON s.id = a."stationId"
      WHERE f."assignmentId" IN (${kept})`,
      FootprintDetail,
    );
    for (const d of details) byId.set(d.assignmentId, d);
  }
  const rows = kept.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const features: Feature<Polygon, FootprintProperties>[] = [];
  for (const r of rows) {
    const g = parseGeometry(r.polygon);
    if (!g || g.type !== 'Polygon') continue;
    // Six decimals of a degree (about 0.1 m) are plenty for drawing and halve the payload.
    const geometry: Polygon = {
      type: 'Polygon',
      coordinates: g.coordinates.map((ring) =>
        ring.map(([x, y]) => [Math.round((x ?? 0) * 1e6) / 1e6, Math.round((y ?? 0) * 1e6) / 1e6]),
      ),
    };
    features.push({
      type: 'Feature',
      id: r.assignmentId,
      geometry,
      properties: {
        assignmentId: r.assignmentId,
        stationId: r.stationId,
        stationName: r.stationName,
        service: r.service,
        frequencyHz: r.frequencyHz,
        maxRadiusKm: round(r.maxRadiusKm, 3),
      },
    });
  }
  return { type: 'FeatureCollection', mode: 'features', total, truncated, features };
}
