/**
 * Inspections on /map: the `inspections` layer (GET /api/v1/inspections.geojson) and the choropleth
 * metric `overdueInspections`. Dependencies point one way, inspections → map: this file uses the map
 * module's query type, SQL pieces and grid clusters, and registers its metric with the map's hook
 * (registerDistrictMetric); the map module never imports the inspections module.
 *
 * Where an inspection is: its own recorded position (GPS or typed), else its station's; inspections
 * with neither are left out. `unlicensed`: logged at a place rather than at a station (no licence to
 * compare against, which is why the proposals then offer "unlicensed operation"), or any of its
 * findings has the category `unlicensed_operation`. Open findings: every status but `resolved`.
 * Property names are documented in README.md ("Map layers").
 */
import type { Feature, Point } from 'geojson';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { CountRow, IdRow, selectOne, selectRows, sql, type Sql } from '../../db/sql';
import type { MapQuery, StationFilter } from '../map/map.schema';
import {
  DEFAULTS,
  gridClusters,
  Num,
  pointInBbox,
  registerDistrictMetric,
  stationConditions,
  type LayerOptions,
  type MapCollection,
} from '../map/map.service';
import { todayIso } from '../../lib/dates';
import { districtCounts, dueStations } from './due.service';

export interface InspectionMapProperties {
  id: number;
  reference: string;
  type: string;
  status: string;
  districtCode: string;
  stationId: number | null;
  stationName: string | null;
  place: string;
  unlicensed: boolean;
  openFindings: number;
  worstSeverity: 'critical' | 'major' | 'minor' | null;
  /** Performed on, else scheduled for, else logged on (YYYY-MM-DD). */
  date: string;
}

export interface InspectionClusterProperties {
  cluster: true;
  count: number;
  /** How many of them are unlicensed emitters. */
  unlicensed: number;
  extent: [number, number, number, number];
}

const LAT = sql`(CASE WHEN i.latitude IS NOT NULL AND i.longitude IS NOT NULL THEN i.latitude ELSE s.latitude END)`;
const LON = sql`(CASE WHEN i.latitude IS NOT NULL AND i.longitude IS NOT NULL THEN i.longitude ELSE s.longitude END)`;
const UNLICENSED = sql`(CASE WHEN i."stationId" IS NULL OR EXISTS (SELECT 1 FROM findings fu
  WHERE fu."inspectionId" = i.id AND fu.category = 'unlicensed_operation') THEN 1 ELSE 0 END)`;
const SEVERITY_BY_RANK = [null, 'minor', 'major', 'critical'] as const;

/** A day from a driver value: a Date (PostgreSQL) or a stored string (SQLite keeps UTC `YYYY-MM-DD hh:mm…`). */
function dayOf(v: unknown): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return null;
}

const InspectionRow = z.object({
  id: Num,
  reference: z.string(),
  type: z.string(),
  status: z.string(),
  districtCode: z.string(),
  stationId: Num.nullable(),
  stationName: z.string().nullable(),
  place: z.string().nullable(),
  lat: Num,
  lon: Num,
  unlicensed: Num,
  openFindings: Num,
  worst: Num.nullable(),
  /** A Date (PostgreSQL) or a stored string (SQLite): see dayOf. */
  performedAt: z.unknown(),
  scheduledFor: z.unknown(),
  createdAt: z.unknown(),
});

/**
 * The inspections in view. `visible`: the districts the user may see (null: all; see
 * inspections.policy.ts visibleDistricts). Without `status`, cancelled inspections are left out.
 */
export async function inspectionsGeoJson(
  sequelize: Sequelize,
  q: MapQuery,
  visible: string[] | null,
  options: LayerOptions = {},
): Promise<MapCollection<Point>> {
  const pointLimit = options.pointLimit ?? DEFAULTS.pointLimit;
  const where: Sql[] = [sql`${LAT} IS NOT NULL`, sql`${LON} IS NOT NULL`];
  if (visible) where.push(visible.length ? sql`i."districtCode" IN (${visible})` : sql`1 = 0`);
  if (q.districts?.length) where.push(sql`i."districtCode" IN (${q.districts})`);
  if (q.inspectionStatuses?.length) where.push(sql`i.status IN (${q.inspectionStatuses})`);
  else where.push(sql`i.status <> 'cancelled'`);
  if (q.inspectionTypes?.length) where.push(sql`i.type IN (${q.inspectionTypes})`);
  if (q.stationId !== undefined) where.push(sql`i."stationId" = ${q.stationId}`);
  if (q.bbox) where.push(pointInBbox(LAT, LON, q.bbox));
  const from = sql`FROM inspections i LEFT JOIN stations s ON s.id = i."stationId" WHERE ${sql.join(where, ' AND ')}`;
  const total = (await selectOne(sequelize, sql`SELECT COUNT(*) AS n ${from}`, CountRow))?.n ?? 0;
  const zoomedOut = q.zoom !== undefined && q.zoom < (options.clusterBelowZoom ?? DEFAULTS.clusterBelowZoom);

  if (zoomedOut || total > pointLimit) {
    const group = sql`CASE WHEN ${UNLICENSED} = 1 THEN 'unlicensed' ELSE 'inspection' END`;
    const { cellDeg, features } = await gridClusters(sequelize, q, { from, lat: LAT, lon: LON, group }, options.cellPx);
    return {
      type: 'FeatureCollection',
      mode: 'clusters',
      total,
      truncated: false,
      cellDeg,
      features: features.map((f): Feature<Point, InspectionClusterProperties> => ({
        ...f,
        properties: {
          cluster: true,
          count: f.properties.count,
          unlicensed: f.properties.countByService.unlicensed ?? 0,
          extent: f.properties.extent,
        },
      })),
    };
  }

  const rows = await selectRows(
    sequelize,
    sql`SELECT i.id, i.reference, i.type, i.status, i."districtCode", i."stationId", s.name AS "stationName", i.place,
      ${LAT} AS lat, ${LON} AS lon, ${UNLICENSED} AS unlicensed,
      (SELECT COUNT(*) FROM findings fo WHERE fo."inspectionId" = i.id AND fo.status <> 'resolved') AS "openFindings",
      (SELECT MAX(CASE fw.severity WHEN 'critical' THEN 3 WHEN 'major' THEN 2 WHEN 'minor' THEN 1 ELSE 0 END)
        FROM findings fw WHERE fw."inspectionId" = i.id AND fw.status <> 'resolved') AS worst,
      i."performedAt", i."scheduledFor", i."createdAt"
    ${from} ORDER BY i.id LIMIT ${pointLimit}`,
    InspectionRow,
  );
  return {
    type: 'FeatureCollection',
    mode: 'points',
    total,
    truncated: false,
    features: rows.map((r): Feature<Point, InspectionMapProperties> => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: {
        id: r.id,
        reference: r.reference,
        type: r.type,
        status: r.status,
        districtCode: r.districtCode,
        stationId: r.stationId,
        stationName: r.stationName ?? null,
        place: r.place ?? '',
        unlicensed: r.unlicensed === 1,
        openFindings: r.openFindings,
        worstSeverity: SEVERITY_BY_RANK[r.worst ?? 0] ?? null,
        date: dayOf(r.performedAt) ?? dayOf(r.scheduledFor) ?? dayOf(r.createdAt) ?? '',
      },
    })),
  };
}

/**
 * Stations overdue for inspection per district, by the due list's own arithmetic (due.service.ts).
 * Without station filters these are exactly the managers' per-district `overdue` counts; with the
 * map's station filters (service, licence status, band, licensee), the due list's overdue stations
 * that match them.
 */
export async function overdueByDistrict(
  sequelize: Sequelize,
  filter: StationFilter,
  today: string = todayIso(),
): Promise<Map<string, number>> {
  const conditions = stationConditions({ ...filter, districts: undefined });
  if (!conditions.length && !filter.districts?.length)
    return new Map((await districtCounts(today)).map((c) => [c.districtCode, c.overdue]));
  const items = await dueStations({
    districtCodes: filter.districts?.length ? filter.districts : null,
    today,
    position: null,
  });
  const keep = conditions.length
    ? new Set(
        (
          await selectRows(sequelize, sql`SELECT s.id FROM stations s WHERE ${sql.join(conditions, ' AND ')}`, IdRow)
        ).map((r) => r.id),
      )
    : null;
  const out = new Map<string, number>();
  for (const it of items)
    if (it.state === 'overdue' && (!keep || keep.has(it.stationId)))
      out.set(it.districtCode, (out.get(it.districtCode) ?? 0) + 1);
  return out;
}

/** Adds `overdueInspections` to the map's choropleth metrics (called once where the app is wired). */
export function registerInspectionMapMetrics(): void {
  registerDistrictMetric({
    key: 'overdueInspections',
    costly: true,
    compute: (sequelize, filter) => overdueByDistrict(sequelize, filter),
  });
}
