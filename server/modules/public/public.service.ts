/**
 * The public register's use cases: search, one licence, the stations as GeoJSON. Every result is built by the
 * public presenter (the one privacy filter); nothing here needs a user.
 */
import type { Feature, FeatureCollection, Geometry, Point, Polygon } from 'geojson';
import type { Sequelize } from 'sequelize';
import { NotFoundError } from '../../lib/errors';
import {
  presentPublicAssignment,
  presentPublicFootprint,
  presentPublicLicence,
  presentPublicStation,
  verificationCode,
  type PublicAssignment,
  type PublicLicence,
  type PublicStation,
  type StationRow,
} from './public.presenter';
import {
  assignmentRowsOf,
  footprintsOf,
  licenceRowByNumber,
  searchLicenceRows,
  searchStationRows,
  stationRowsOf,
  type SearchOptions,
} from './public.queries';
import { parsePublicQuery, type PublicQuery } from './public.schema';
import { matchCache } from './public.cache';
import { livePublicIndex } from './public.index';

export { parsePublicQuery, publicQueryParams } from './public.schema';
export type { PublicQuery } from './public.schema';

export interface PublicPage {
  data: PublicLicence[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * How the live register is searched (the pages and the API alike): from the search index while it is current,
 * each search's ordered matches kept for its other pages. A past date's search takes neither (`{}`).
 */
export function liveSearchOptions(sequelize: Sequelize, ttlMs: number): SearchOptions {
  return { matches: matchCache(sequelize, ttlMs), index: livePublicIndex(sequelize, ttlMs) };
}

export async function searchPublicLicences(
  sequelize: Sequelize,
  q: PublicQuery,
  options: SearchOptions = {},
): Promise<PublicPage> {
  const { rows, total } = await searchLicenceRows(sequelize, q, options);
  return {
    data: rows.flatMap((r) => presentPublicLicence(r) ?? []),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

export interface PublicStationWithAssignments extends PublicStation {
  assignments: PublicAssignment[];
}

export interface PublicLicenceDetail extends PublicLicence {
  verificationCode: string;
  stations: PublicStationWithAssignments[];
}

/** The licence with this number as the public sees it; 404 unless issued, suspended, expired or revoked. */
export async function publicLicenceByNumber(sequelize: Sequelize, number: string): Promise<PublicLicenceDetail> {
  const row = await licenceRowByNumber(sequelize, number.normalize('NFC').trim());
  const licence = row ? presentPublicLicence(row) : null;
  if (!row || !licence) throw new NotFoundError('register.notFound');
  const stations = await stationRowsOf(sequelize, row.id);
  const assignments = await assignmentRowsOf(
    sequelize,
    stations.map((s) => s.id),
  );
  return {
    ...licence,
    verificationCode: verificationCode(licence),
    stations: stations.map((s) => ({
      ...presentPublicStation(s, { number: licence.number, licenseeKind: row.licenseeKind }),
      assignments: assignments.filter((a) => a.stationId === s.id).map(presentPublicAssignment),
    })),
  };
}

export interface PublicCollection extends FeatureCollection<Geometry> {
  total: number;
  truncated: boolean;
}

function stationFeature(p: PublicStation): Feature<Point> {
  const { latitude, longitude, ...props } = p;
  return {
    type: 'Feature',
    id: p.id,
    geometry: { type: 'Point', coordinates: [longitude, latitude] },
    properties: props,
  };
}

async function footprintFeatures(
  sequelize: Sequelize,
  exact: Map<number, StationRow>,
  shown: Map<number, PublicStation>,
  limit: number,
): Promise<Feature<Polygon>[]> {
  const rows = await footprintsOf(sequelize, [...exact.keys()], limit);
  return rows.flatMap((f) => {
    const e = exact.get(f.stationId);
    const s = shown.get(f.stationId);
    if (!e || !s) return [];
    return [
      {
        type: 'Feature' as const,
        geometry: presentPublicFootprint(f.polygon, e, s),
        properties: { featureType: 'footprint', stationId: s.id, licenceNumber: s.licenceNumber, service: s.service },
      },
    ];
  });
}

/** The stations of one public licence as GeoJSON, with their footprints. */
export async function publicLicenceGeoJson(sequelize: Sequelize, number: string): Promise<PublicCollection> {
  const row = await licenceRowByNumber(sequelize, number.normalize('NFC').trim());
  const licence = row ? presentPublicLicence(row) : null;
  if (!row || !licence) throw new NotFoundError('register.notFound');
  const stations = await stationRowsOf(sequelize, row.id);
  const shown = new Map(
    stations.map((s) => [s.id, presentPublicStation(s, { number: licence.number, licenseeKind: row.licenseeKind })]),
  );
  const exact = new Map(stations.map((s) => [s.id, s]));
  const footprints = await footprintFeatures(sequelize, exact, shown, 500);
  return {
    type: 'FeatureCollection',
    total: stations.length,
    truncated: false,
    features: [...footprints, ...[...shown.values()].map(stationFeature)],
  };
}

export const STATION_POINT_LIMIT = 3000;
export const FOOTPRINT_LIMIT = 300;

/** Stations of the licences a search finds (listed licences), as points; footprints on request. */
export async function publicStationsGeoJson(
  sequelize: Sequelize,
  q: PublicQuery,
  options: { footprints?: boolean } = {},
): Promise<PublicCollection> {
  const { rows, total } = await searchStationRows(sequelize, q, STATION_POINT_LIMIT);
  const shown = new Map(rows.map((r) => [r.id, presentPublicStation(r, r)]));
  const exact = new Map<number, StationRow>(rows.map((r) => [r.id, r]));
  const footprints = options.footprints
    ? await footprintFeatures(sequelize, exact, shown, FOOTPRINT_LIMIT)
    : ([] as Feature<Polygon>[]);
  return {
    type: 'FeatureCollection',
    total,
    truncated: total > rows.length,
    features: [...footprints, ...[...shown.values()].map(stationFeature)],
  };
}

/** For a page: the search as typed, or field errors (the page shows them and keeps the input). */
export function tryParsePublicQuery(raw: unknown): { query: PublicQuery | null; error: unknown } {
  try {
    return { query: parsePublicQuery(raw), error: null };
  } catch (e) {
    return { query: null, error: e };
  }
}
