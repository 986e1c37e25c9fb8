/**
 * The conflicts layer: each conflicting pair as its overlap polygon and a line between the two stations;
 * when zoomed out or when there are too many, grid clusters of the victim stations by severity.
 * conflictRows is also what the district figures and pages read (map.districts.ts).
 */
import type { Feature, LineString, Point } from 'geojson';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { CountRow, selectOne, selectRows, sql, type Sql } from '../../db/sql';
import { gridClusters } from './map.clusters';
import { DEFAULTS, parseGeometry, round, type LayerOptions, type MapCollection, type Polygonal } from './map.common';
import type { MapQuery } from './map.schema';
import { Num, stationConditions, whereAll } from './map.sql';

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
