/**
 * The stations layer: the stations in a bounding box, one Point feature each with its licence, licensee and
 * frequencies; when zoomed out (zoom below `clusterBelowZoom`) or when the box holds more than `pointLimit`
 * stations, grid clusters instead (map.clusters.ts).
 */
import type { Feature, Point } from 'geojson';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { CountRow, selectOne, selectRows, sql } from '../../db/sql';
import { gridClusters } from './map.clusters';
import { DEFAULTS, type LayerOptions, type MapCollection } from './map.common';
import type { MapQuery } from './map.schema';
import { Num, pointInBbox, stationConditions, whereAll } from './map.sql';

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
