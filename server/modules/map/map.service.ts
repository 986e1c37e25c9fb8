/**
 * The map's layers as GeoJSON, built in SQL so that only what is in view leaves the database.
 *
 * stationsGeoJson: the stations in a bounding box, one Point feature each; when zoomed out (zoom below
 * `clusterBelowZoom`) or when the box holds more than `pointLimit` stations, server-side clusters
 * instead: counts per cell of a fixed world grid, aggregated with GROUP BY on a cell index computed from
 * latitude and longitude. footprintsGeoJson: stored coverage footprints whose bounding box meets the view
 * (only at district-level zoom). conflictsGeoJson: each conflicting pair as its overlap polygon and a line
 * between the two stations; clustered like stations when there are too many.
 *
 * Property names are documented in README.md ("Map layers"). These are the functions the benchmark calls.
 */
import type { Feature, FeatureCollection, Geometry, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { CountRow, selectOne, selectRows, sql, type Sql } from '../../db/sql';
import type { MapQuery } from './map.schema';
import { cellIndex, Num, pointInBbox, stationConditions, whereAll } from './map.sql';

// What other modules' map layers build on (the inspections layer, district pages).
export { Num, pointInBbox, stationConditions } from './map.sql';
export { districtSummary, registerDistrictMetric, type DistrictMetric } from './map.districts';

export interface LayerOptions {
  /** Above this many stations (or conflicts) in view, answer with clusters. */
  pointLimit?: number;
  /** Below this zoom, answer with clusters whatever the count. */
  clusterBelowZoom?: number;
  /** Grid cell size in screen pixels at the requested zoom. */
  cellPx?: number;
}

export interface FootprintOptions {
  /** At most this many footprints (the widest first); more in view sets `truncated`. */
  limit?: number;
  /** Below this zoom no footprints are sent (`mode: "zoom_in"`), unless a station or assignment is named. */
  minZoom?: number;
}

export const DEFAULTS = {
  pointLimit: 3000,
  clusterBelowZoom: 7,
  cellPx: 64,
  footprintLimit: 1500,
  footprintMinZoom: 10,
  conflictLimit: 2000,
} as const;

export type LayerMode = 'points' | 'clusters' | 'features' | 'zoom_in';

/** A FeatureCollection with foreign members saying how it was built. */
export interface MapCollection<G extends Geometry | null = Geometry> extends FeatureCollection<G> {
  mode: LayerMode;
  /** How many records match in view (before clustering or truncation). */
  total: number;
  truncated: boolean;
  /** Cluster cell size in degrees (clusters only). */
  cellDeg?: number;
}

type Polygonal = Polygon | MultiPolygon;

export function isPolygonal(v: unknown): v is Polygonal {
  if (typeof v !== 'object' || v === null || !('type' in v) || !('coordinates' in v)) return false;
  return (v.type === 'Polygon' || v.type === 'MultiPolygon') && Array.isArray(v.coordinates);
}

function parseGeometry(raw: unknown): Polygonal | null {
  if (raw === null || raw === undefined) return null;
  try {
    const g: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return isPolygonal(g) ? g : null;
  } catch {
    return null;
  }
}

/** Degrees per cluster cell: `cellPx` screen pixels at the zoom, or a 16th of the box width without a zoom. */
export function cellDegFor(q: MapQuery, cellPx: number): number {
  if (q.zoom !== undefined) return (360 / 2 ** q.zoom) * (cellPx / 256);
  const width = q.bbox ? Math.max(q.bbox[2] - q.bbox[0], q.bbox[3] - q.bbox[1]) : 360;
  return Math.max(width / 16, 1e-4);
}

// ----------------------------------------------------------------------------------------------------
// Stations
// ----------------------------------------------------------------------------------------------------

export interface StationProperties {
  id: number;
  name: string;
  callsign: string | null;
  service: string;
  stationClass: string;
  districtCode: string;
  erpW: number;
  antennaHeightM: number;
  licenceId: number;
  licenceNumber: string | null;
  licenceStatus: string;
  licenseeId: number;
  licenseeName: string;
  frequenciesHz: number[];
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

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const StationRow = z.object({
  id: Num,
  name: z.string(),
  callsign: z.string().nullable(),
  service: z.string(),
  stationClass: z.string(),
  latitude: Num,
  longitude: Num,
  districtCode: z.string(),
  erpW: Num,
  antennaHeightM: Num,
  licenceId: Num,
  licenceNumber: z.string().nullable(),
  licenceStatus: z.string(),
  licenseeId: Num,
  licenseeName: z.string(),
});

export async function stationsGeoJson(
  sequelize: Sequelize,
  q: MapQuery,
  options: LayerOptions = {},
): Promise<MapCollection<Point>> {
  const pointLimit = options.pointLimit ?? DEFAULTS.pointLimit;
  const where = stationConditions(q);
  if (q.bbox) where.push(pointInBbox(sql`s.latitude`, sql`s.longitude`, q.bbox));
  const from = sql`FROM stations s ${whereAll(where)}`;
  const total = (await selectOne(sequelize, sql`SELECT COUNT(*) AS n ${from}`, CountRow))?.n ?? 0;
  const zoomedOut = q.zoom !== undefined && q.zoom < (options.clusterBelowZoom ?? DEFAULTS.clusterBelowZoom);

  if (zoomedOut || total > pointLimit) {
    const { cellDeg, features } = await gridClusters(
      sequelize,
      q,
      { from, lat: sql`s.latitude`, lon: sql`s.longitude`, group: sql`s.service` },
      options.cellPx,
    );
    return { type: 'FeatureCollection', mode: 'clusters', total, truncated: false, cellDeg, features };
  }

  const rows = await selectRows(
    sequelize,
    sql`SELECT s.id, s.name, s.callsign, s.service, s."stationClass", s.latitude, s.longitude, s."districtCode",
      s."erpW", s."antennaHeightM", s."licenceId",
      l.number AS "licenceNumber", l.status AS "licenceStatus", l."licenseeId", le.name AS "licenseeName"
    FROM stations s JOIN licences l ON l.id = s."licenceId" JOIN licensees le ON le.id = l."licenseeId"
    ${whereAll(where)} ORDER BY s.id LIMIT ${pointLimit}`,
    StationRow,
  );
  const freqs = await frequenciesOf(
    sequelize,
    rows.map((r) => r.id),
  );
  return {
    type: 'FeatureCollection',
    mode: 'points',
    total,
    truncated: false,
    features: rows.map((r): Feature<Point, StationProperties> => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [r.longitude, r.latitude] },
      properties: {
        id: r.id,
        name: r.name,
        callsign: r.callsign,
        service: r.service,
        stationClass: r.stationClass,
        districtCode: r.districtCode,
        erpW: r.erpW,
        antennaHeightM: r.antennaHeightM,
        licenceId: r.licenceId,
        licenceNumber: r.licenceNumber,
        licenceStatus: r.licenceStatus,
        licenseeId: r.licenseeId,
        licenseeName: r.licenseeName,
        frequenciesHz: freqs.get(r.id) ?? [],
      },
    })),
  };
}

const FrequencyRow = z.object({ stationId: Num, frequencyHz: Num });

async function frequenciesOf(sequelize: Sequelize, stationIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < stationIds.length; i += 5000) {
    const rows = await selectRows(
      sequelize,
      sql`SELECT "stationId", "frequencyHz" FROM assignments
        WHERE "stationId" IN (${stationIds.slice(i, i + 5000)}) ORDER BY "frequencyHz"`,
      FrequencyRow,
    );
    for (const r of rows) {
      const id = r.stationId;
      out.set(id, [...(out.get(id) ?? []), r.frequencyHz]);
    }
  }
  return out;
}

// ----------------------------------------------------------------------------------------------------
// Footprints
// ----------------------------------------------------------------------------------------------------

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

// ----------------------------------------------------------------------------------------------------
// Conflicts
// ----------------------------------------------------------------------------------------------------

export interface ConflictRow {
  id: number;
  kind: string;
  mechanism: string;
  severity: string;
  status: string;
  overlapKm2: number;
  overlapFraction: number;
  frequencyOffsetHz: number;
  geometry: Polygonal | null;
  victimAssignmentId: number;
  interfererAssignmentId: number;
  victim: {
    stationId: number;
    name: string;
    latitude: number;
    longitude: number;
    frequencyHz: number;
    districtCode: string;
    service: string;
  };
  interferer: {
    stationId: number;
    name: string;
    latitude: number;
    longitude: number;
    frequencyHz: number;
    districtCode: string;
    service: string;
  };
}

export interface ConflictProperties {
  featureType: 'conflict_overlap' | 'conflict_link';
  /** The conflict shown first (the worse direction of the pair); its page is /conflicts/:conflictId. */
  conflictId: number;
  /** Both directions of the pair (victim/interferer each way), when both match. */
  conflictIds: number[];
  severity: string;
  status: string;
  kind: string;
  mechanism: string;
  overlapKm2: number;
  overlapFraction: number;
  frequencyOffsetHz: number;
  stationAId: number;
  stationAName: string;
  stationAFrequencyHz: number;
  stationBId: number;
  stationBName: string;
  stationBFrequencyHz: number;
  districtCodes: string[];
}

const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

/** FROM … WHERE of the conflicts matching a query, with aliases c, av/ai, sv/si, fv/fi. */
function conflictFrom(q: MapQuery): Sql {
  const where: Sql[] = [];
  if (q.conflictStatuses?.length) where.push(sql`c.status IN (${q.conflictStatuses})`);
  if (q.severities?.length) where.push(sql`c.severity IN (${q.severities})`);
  if (q.conflictId !== undefined) where.push(sql`c.id = ${q.conflictId}`);
  const filter = { ...q, stationId: undefined, assignmentId: undefined };
  const v = stationConditions(filter, 'sv');
  const i = stationConditions(filter, 'si');
  if (v.length) where.push(sql`((${sql.join(v, ' AND ')}) OR (${sql.join(i, ' AND ')}))`);
  if (q.stationId !== undefined) where.push(sql`(sv.id = ${q.stationId} OR si.id = ${q.stationId})`);
  if (q.assignmentId !== undefined)
    where.push(sql`(c."victimAssignmentId" = ${q.assignmentId} OR c."interfererAssignmentId" = ${q.assignmentId})`);
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    // The overlap lies inside both footprints' boxes: their intersection meets the view, or either station is in view.
    const box = (side: 'v' | 'i') => {
      const f = sql.raw(`f${side}`);
      const s = sql.raw(`s${side}`);
      return sql`COALESCE(${f}."minLon", ${s}.longitude) <= ${maxLon}
        AND COALESCE(${f}."maxLon", ${s}.longitude) >= ${minLon}
        AND COALESCE(${f}."minLat", ${s}.latitude) <= ${maxLat}
        AND COALESCE(${f}."maxLat", ${s}.latitude) >= ${minLat}`;
    };
    const inView = (alias: 'sv' | 'si') => {
      const s = sql.raw(alias);
      return sql`(${s}.longitude >= ${minLon} AND ${s}.longitude <= ${maxLon}
        AND ${s}.latitude >= ${minLat} AND ${s}.latitude <= ${maxLat})`;
    };
    where.push(sql`((${box('v')} AND ${box('i')}) OR ${inView('sv')} OR ${inView('si')})`);
  }
  return sql`FROM conflicts c
    JOIN assignments av ON av.id = c."victimAssignmentId" JOIN stations sv ON sv.id = av."stationId"
    JOIN assignments ai ON ai.id = c."interfererAssignmentId" JOIN stations si ON si.id = ai."stationId"
    LEFT JOIN assignment_footprints fv ON fv."assignmentId" = c."victimAssignmentId"
    LEFT JOIN assignment_footprints fi ON fi."assignmentId" = c."interfererAssignmentId"
    ${whereAll(where)}`;
}

const ConflictDbRow = z.object({
  id: Num,
  kind: z.string(),
  mechanism: z.string(),
  severity: z.string(),
  status: z.string(),
  overlapKm2: Num,
  overlapFraction: Num,
  frequencyOffsetHz: Num,
  geometry: z.unknown(),
  victimAssignmentId: Num,
  interfererAssignmentId: Num,
  vStationId: Num,
  vName: z.string(),
  vLat: Num,
  vLon: Num,
  vFreq: Num,
  vDistrict: z.string(),
  vService: z.string(),
  iStationId: Num,
  iName: z.string(),
  iLat: Num,
  iLon: Num,
  iFreq: Num,
  iDistrict: z.string(),
  iService: z.string(),
});

/** The conflict rows matching a query (both directions of a pair are separate rows), worst first. */
export async function conflictRows(
  sequelize: Sequelize,
  q: MapQuery,
  limit: number,
  withGeometry = true,
): Promise<{ rows: ConflictRow[]; total: number }> {
  const from = conflictFrom(q);
  const rows = await selectRows(
    sequelize,
    sql`SELECT c.id, c.kind, c.mechanism, c.severity, c.status, c."overlapKm2", c."overlapFraction",
      c."frequencyOffsetHz",
      ${withGeometry ? sql`c.geometry` : sql`NULL AS geometry`}, c."victimAssignmentId", c."interfererAssignmentId",
      sv.id AS "vStationId", sv.name AS "vName", sv.latitude AS "vLat", sv.longitude AS "vLon",
      av."frequencyHz" AS "vFreq", sv."districtCode" AS "vDistrict", sv.service AS "vService",
      si.id AS "iStationId", si.name AS "iName", si.latitude AS "iLat", si.longitude AS "iLon",
      ai."frequencyHz" AS "iFreq", si."districtCode" AS "iDistrict", si.service AS "iService"
    ${from}
    ORDER BY CASE c.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, c."overlapKm2" DESC, c.id
    LIMIT ${limit + 1}`,
    ConflictDbRow,
  );
  let total = rows.length;
  if (rows.length > limit) total = (await selectOne(sequelize, sql`SELECT COUNT(*) AS n ${from}`, CountRow))?.n ?? 0;
  return {
    total,
    rows: rows.slice(0, limit).map((r) => ({
      id: r.id,
      kind: r.kind,
      mechanism: r.mechanism,
      severity: r.severity,
      status: r.status,
      overlapKm2: r.overlapKm2,
      overlapFraction: r.overlapFraction,
      frequencyOffsetHz: r.frequencyOffsetHz,
      geometry: parseGeometry(r.geometry),
      victimAssignmentId: r.victimAssignmentId,
      interfererAssignmentId: r.interfererAssignmentId,
      victim: {
        stationId: r.vStationId,
        name: r.vName,
        latitude: r.vLat,
        longitude: r.vLon,
        frequencyHz: r.vFreq,
        districtCode: r.vDistrict,
        service: r.vService,
      },
      interferer: {
        stationId: r.iStationId,
        name: r.iName,
        latitude: r.iLat,
        longitude: r.iLon,
        frequencyHz: r.iFreq,
        districtCode: r.iDistrict,
        service: r.iService,
      },
    })),
  };
}

/** Both directions of a conflicting pair become one overlap and one line; the worse direction leads. */
export function pairFeatures(rows: ConflictRow[]): Feature<Polygonal | LineString, ConflictProperties>[] {
  const pairs = new Map<string, ConflictRow[]>();
  for (const r of rows) {
    const key = [r.victimAssignmentId, r.interfererAssignmentId].sort((a, b) => a - b).join('-');
    pairs.set(key, [...(pairs.get(key) ?? []), r]);
  }
  const out: Feature<Polygonal | LineString, ConflictProperties>[] = [];
  for (const members of pairs.values()) {
    const lead = [...members].sort(
      (a, b) => (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3) || a.id - b.id,
    )[0];
    if (!lead) continue;
    const [a, b] = [lead.victim, lead.interferer].sort((x, y) => x.stationId - y.stationId) as [
      ConflictRow['victim'],
      ConflictRow['victim'],
    ];
    const props = (featureType: ConflictProperties['featureType']): ConflictProperties => ({
      featureType,
      conflictId: lead.id,
      conflictIds: members.map((m) => m.id).sort((x, y) => x - y),
      severity: lead.severity,
      status: lead.status,
      kind: lead.kind,
      mechanism: lead.mechanism,
      overlapKm2: round(lead.overlapKm2, 3),
      overlapFraction: round(lead.overlapFraction, 4),
      frequencyOffsetHz: lead.frequencyOffsetHz,
      stationAId: a.stationId,
      stationAName: a.name,
      stationAFrequencyHz: a.frequencyHz,
      stationBId: b.stationId,
      stationBName: b.name,
      stationBFrequencyHz: b.frequencyHz,
      districtCodes: [...new Set([a.districtCode, b.districtCode])].sort(),
    });
    if (lead.geometry)
      out.push({
        type: 'Feature',
        id: `overlap:${lead.id}`,
        geometry: lead.geometry,
        properties: props('conflict_overlap'),
      });
    out.push({
      type: 'Feature',
      id: `link:${lead.id}`,
      geometry: {
        type: 'LineString',
        coordinates: [
          [a.longitude, a.latitude],
          [b.longitude, b.latitude],
        ],
      },
      properties: props('conflict_link'),
    });
  }
  return out;
}

export interface ConflictClusterProperties {
  cluster: true;
  count: number;
  countBySeverity: Record<string, number>;
  /** The worst severity in the cell. */
  severity: string;
  extent: [number, number, number, number];
}

export async function conflictsGeoJson(
  sequelize: Sequelize,
  q: MapQuery,
  options: LayerOptions = {},
): Promise<MapCollection> {
  const limit = options.pointLimit ?? DEFAULTS.conflictLimit;
  const zoomedOut = q.zoom !== undefined && q.zoom < (options.clusterBelowZoom ?? DEFAULTS.clusterBelowZoom);
  if (!zoomedOut) {
    const { rows, total } = await conflictRows(sequelize, q, limit);
    if (total <= limit)
      return { type: 'FeatureCollection', mode: 'features', total, truncated: false, features: pairFeatures(rows) };
  }
  // Too many, or zoomed out: counts per grid cell of the victim station's position, per severity.
  const clusters = await gridClusters(
    sequelize,
    q,
    { from: conflictFrom(q), lat: sql`sv.latitude`, lon: sql`sv.longitude`, group: sql`c.severity` },
    options.cellPx,
  );
  const cellDeg = clusters.cellDeg;
  const features = clusters.features.map((f): Feature<Point, ConflictClusterProperties> => {
    const by = f.properties.countByService;
    const severity = Object.keys(by).sort((a, b) => (SEVERITY_RANK[a] ?? 3) - (SEVERITY_RANK[b] ?? 3))[0] ?? 'low';
    return {
      ...f,
      properties: {
        cluster: true,
        count: f.properties.count,
        countBySeverity: by,
        severity,
        extent: f.properties.extent,
      },
    };
  });
  return {
    type: 'FeatureCollection',
    mode: 'clusters',
    total: features.reduce((s, f) => s + f.properties.count, 0),
    truncated: false,
    cellDeg,
    features,
  };
}
