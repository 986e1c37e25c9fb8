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
import { registerDistrictMetric } from '../map/map.districts';
import type { MapQuery, StationFilter } from '../map/map.schema';
import { DEFAULTS, gridClusters, type LayerOptions, type MapCollection } from '../map/map.service';
import { num, pointInBbox, select, SqlParams, stationConditions } from '../map/map.sql';
import { todayIso } from '../districts/districts.service';
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

const LAT = 'CASE WHEN i.latitude IS NOT NULL AND i.longitude IS NOT NULL THEN i.latitude ELSE s.latitude END';
const LON = 'CASE WHEN i.latitude IS NOT NULL AND i.longitude IS NOT NULL THEN i.longitude ELSE s.longitude END';
const UNLICENSED = `CASE WHEN i."stationId" IS NULL OR EXISTS (SELECT 1 FROM findings fu WHERE fu."inspectionId" = i.id AND fu.category = 'unlicensed_operation') THEN 1 ELSE 0 END`;
const SEVERITY_BY_RANK = [null, 'minor', 'major', 'critical'] as const;

/** A day from a driver value: a Date (PostgreSQL) or a stored string (SQLite keeps UTC `YYYY-MM-DD hh:mm…`). */
function dayOf(v: unknown): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return null;
}

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
  const p = new SqlParams();
  const where = [`(${LAT}) IS NOT NULL`, `(${LON}) IS NOT NULL`];
  if (visible) where.push(visible.length ? `i."districtCode" IN (${p.bind(visible)})` : '1 = 0');
  if (q.districts?.length) where.push(`i."districtCode" IN (${p.bind(q.districts)})`);
  if (q.inspectionStatuses?.length) where.push(`i.status IN (${p.bind(q.inspectionStatuses)})`);
  else where.push(`i.status <> 'cancelled'`);
  if (q.inspectionTypes?.length) where.push(`i.type IN (${p.bind(q.inspectionTypes)})`);
  if (q.stationId !== undefined) where.push(`i."stationId" = ${p.bind(q.stationId)}`);
  if (q.bbox) where.push(pointInBbox(`(${LAT})`, `(${LON})`, q.bbox, p));
  const from = `FROM inspections i LEFT JOIN stations s ON s.id = i."stationId" WHERE ${where.join(' AND ')}`;
  const [countRow] = await select<{ n: unknown }>(sequelize, `SELECT COUNT(*) AS n ${from}`, p);
  const total = num(countRow?.n ?? 0);
  const zoomedOut = q.zoom !== undefined && q.zoom < (options.clusterBelowZoom ?? DEFAULTS.clusterBelowZoom);

  if (zoomedOut || total > pointLimit) {
    const group = `CASE WHEN (${UNLICENSED}) = 1 THEN 'unlicensed' ELSE 'inspection' END`;
    const { cellDeg, features } = await gridClusters(
      sequelize,
      q,
      { from, params: p, lat: `(${LAT})`, lon: `(${LON})`, group },
      options.cellPx,
    );
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

  const rows = await select<{
    id: unknown;
    reference: string;
    type: string;
    status: string;
    districtCode: string;
    stationId: unknown;
    stationName: string | null;
    place: string | null;
    lat: unknown;
    lon: unknown;
    unlicensed: unknown;
    openFindings: unknown;
    worst: unknown;
    performedAt: unknown;
    scheduledFor: unknown;
    createdAt: unknown;
  }>(
    sequelize,
    `SELECT i.id, i.reference, i.type, i.status, i."districtCode", i."stationId", s.name AS "stationName", i.place, (${LAT}) AS lat, (${LON}) AS lon,
      (${UNLICENSED}) AS unlicensed,
      (SELECT COUNT(*) FROM findings fo WHERE fo."inspectionId" = i.id AND fo.status <> 'resolved') AS "openFindings",
      (SELECT MAX(CASE fw.severity WHEN 'critical' THEN 3 WHEN 'major' THEN 2 WHEN 'minor' THEN 1 ELSE 0 END) FROM findings fw WHERE fw."inspectionId" = i.id AND fw.status <> 'resolved') AS worst,
      i."performedAt", i."scheduledFor", i."createdAt"
    ${from} ORDER BY i.id LIMIT ${pointLimit}`,
    p,
  );
  return {
    type: 'FeatureCollection',
    mode: 'points',
    total,
    truncated: false,
    features: rows.map((r): Feature<Point, InspectionMapProperties> => ({
      type: 'Feature',
      id: num(r.id),
      geometry: { type: 'Point', coordinates: [num(r.lon), num(r.lat)] },
      properties: {
        id: num(r.id),
        reference: r.reference,
        type: r.type,
        status: r.status,
        districtCode: r.districtCode,
        stationId: r.stationId === null ? null : num(r.stationId),
        stationName: r.stationName ?? null,
        place: r.place ?? '',
        unlicensed: num(r.unlicensed) === 1,
        openFindings: num(r.openFindings),
        worstSeverity: SEVERITY_BY_RANK[num(r.worst ?? 0)] ?? null,
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
  const p = new SqlParams();
  const conditions = stationConditions({ ...filter, districts: undefined }, p);
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
          await select<{ id: unknown }>(sequelize, `SELECT s.id FROM stations s WHERE ${conditions.join(' AND ')}`, p)
        ).map((r) => num(r.id)),
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
