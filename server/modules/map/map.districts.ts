/**
 * Figures per district: the choropleth's metrics on /map and the numbers on a district's page.
 *
 * DISTRICT_METRICS is the hook for new choropleth metrics: each computes one number per district code
 * under the map's filters. The inspections module adds `overdueInspections` by pushing a metric with
 * registerDistrictMetric(); the map page offers whatever metrics the API lists.
 */
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { selectOne, selectRows, sql } from '../../db/sql';
import type { StationFilter } from './map.schema';
import { conflictRows, type ConflictRow } from './map.conflicts';
import { Num, stationConditions, whereAll } from './map.sql';

export interface DistrictMetric {
  /** Property name in the API and the i18n key `map.metrics.<key>`. */
  key: string;
  /** Computed only when asked for by name (it reads every station, e.g. the inspection due arithmetic). */
  costly?: boolean;
  /**
   * Drawn only from the versioned records (licences, stations, assignments: history.service), so it is computed
   * on a past date too (`asOf`, inside readAsOf). The others (conflicts, inspections: no history) are not.
   */
  asOf?: boolean;
  compute(sequelize: Sequelize, filter: StationFilter): Promise<Map<string, number>>;
}

const CodeCount = z.object({ code: z.string(), n: Num });

async function stationCounts(sequelize: Sequelize, filter: StationFilter): Promise<Map<string, number>> {
  const rows = await selectRows(
    sequelize,
    sql`SELECT s."districtCode" AS code, COUNT(*) AS n FROM stations s ${whereAll(stationConditions(filter))}
      GROUP BY s."districtCode"`,
    CodeCount,
  );
  return new Map(rows.map((r) => [r.code, r.n]));
}

/** Open conflicts with either station in the district (as /conflicts?district=&status=open counts them). */
async function openConflictCounts(sequelize: Sequelize, filter: StationFilter): Promise<Map<string, number>> {
  const side = (column: 'victimAssignmentId' | 'interfererAssignmentId', alias: 'sv' | 'si') => {
    const s = sql.raw(alias);
    const where = stationConditions({ ...filter, stationId: undefined, assignmentId: undefined }, alias);
    return sql`SELECT c.id AS cid, ${s}."districtCode" AS code
      FROM conflicts c JOIN assignments a ON a.id = c.${sql.raw(`"${column}"`)}
        JOIN stations ${s} ON ${s}.id = a."stationId"
      WHERE ${sql.join([sql`c.status = 'open'`, ...where], ' AND ')}`;
  };
  const rows = await selectRows(
    sequelize,
    sql`SELECT u.code AS code, COUNT(*) AS n
      FROM (${side('victimAssignmentId', 'sv')} UNION ${side('interfererAssignmentId', 'si')}) u GROUP BY u.code`,
    CodeCount,
  );
  return new Map(rows.map((r) => [r.code, r.n]));
}

export const DISTRICT_METRICS: DistrictMetric[] = [
  { key: 'stations', compute: stationCounts, asOf: true },
  { key: 'openConflicts', compute: openConflictCounts },
];

export function registerDistrictMetric(metric: DistrictMetric): void {
  const at = DISTRICT_METRICS.findIndex((m) => m.key === metric.key);
  if (at >= 0) DISTRICT_METRICS[at] = metric;
  else DISTRICT_METRICS.push(metric);
}

export interface DistrictFigures {
  metrics: string[];
  /** One row per district code; a metric with no figure for it is 0. */
  data: ({ code: string } & Record<string, number | string>)[];
}

/**
 * The figures of every cheap metric and of the costly ones named in `wanted`; `metrics` lists those computed.
 * `pastDay`: only the metrics that can be read as of a past day (`asOf`), the caller running this in readAsOf.
 */
export async function districtFigures(
  sequelize: Sequelize,
  codes: string[],
  filter: StationFilter,
  wanted: readonly string[] = [],
  pastDay = false,
): Promise<DistrictFigures> {
  const chosen = DISTRICT_METRICS.filter((m) => (!m.costly || wanted.includes(m.key)) && (!pastDay || m.asOf));
  const values = await Promise.all(chosen.map((m) => m.compute(sequelize, filter)));
  return {
    metrics: chosen.map((m) => m.key),
    data: codes.map((code) => ({
      code,
      ...Object.fromEntries(chosen.map((m, i) => [m.key, values[i]?.get(code) ?? 0])),
    })),
  };
}

export interface DistrictSummary {
  stations: number;
  assignments: number;
  licences: number;
  /** Licences with a station in the district, by service and by status. */
  licencesByService: { service: string; count: number }[];
  licencesByStatus: { status: string; count: number }[];
  openConflicts: number;
  openBySeverity: { severity: string; count: number }[];
  /** The worst open conflicts touching the district (one row per conflict record). */
  conflicts: ConflictRow[];
  /** The district's strongest stations (by ERP). */
  topStations: {
    id: number;
    name: string;
    service: string;
    erpW: number;
    licenceId: number;
    licenceNumber: string | null;
    licenceStatus: string;
  }[];
}

export async function districtSummary(sequelize: Sequelize, code: string, listLimit = 15): Promise<DistrictSummary> {
  const counts = await selectOne(
    sequelize,
    sql`SELECT (SELECT COUNT(*) FROM stations WHERE "districtCode" = ${code}) AS stations,
      (SELECT COUNT(*) FROM assignments a JOIN stations s ON s.id = a."stationId" WHERE s."districtCode" = ${code})
        AS assignments,
      (SELECT COUNT(DISTINCT "licenceId") FROM stations WHERE "districtCode" = ${code}) AS licences`,
    z.object({ stations: Num, assignments: Num, licences: Num }),
  );
  const group = async (column: 'service' | 'status') => {
    const k = sql.raw(`l.${column}`);
    const rows = await selectRows(
      sequelize,
      sql`SELECT ${k} AS k, COUNT(DISTINCT l.id) AS n FROM licences l JOIN stations s ON s."licenceId" = l.id
        WHERE s."districtCode" = ${code} GROUP BY ${k} ORDER BY 2 DESC, 1`,
      z.object({ k: z.string(), n: Num }),
    );
    return rows.map((r) => ({ k: r.k, count: r.n }));
  };
  const byService = (await group('service')).map((r) => ({ service: r.k, count: r.count }));
  const byStatus = (await group('status')).map((r) => ({ status: r.k, count: r.count }));
  const open = await conflictRows(sequelize, { districts: [code], conflictStatuses: ['open'] }, 100_000, false);
  const sev = new Map<string, number>();
  for (const r of open.rows) sev.set(r.severity, (sev.get(r.severity) ?? 0) + 1);
  const top = await selectRows(
    sequelize,
    sql`SELECT s.id, s.name, s.service, s."erpW", s."licenceId",
        l.number AS "licenceNumber", l.status AS "licenceStatus"
      FROM stations s JOIN licences l ON l.id = s."licenceId"
      WHERE s."districtCode" = ${code} ORDER BY s."erpW" DESC, s.id LIMIT ${listLimit}`,
    z.object({
      id: Num,
      name: z.string(),
      service: z.string(),
      erpW: Num,
      licenceId: Num,
      licenceNumber: z.string().nullable(),
      licenceStatus: z.string(),
    }),
  );
  return {
    stations: counts?.stations ?? 0,
    assignments: counts?.assignments ?? 0,
    licences: counts?.licences ?? 0,
    licencesByService: byService,
    licencesByStatus: byStatus,
    openConflicts: open.total,
    openBySeverity: ['high', 'medium', 'low'].map((s) => ({ severity: s, count: sev.get(s) ?? 0 })),
    conflicts: open.rows.slice(0, listLimit),
    topStations: top,
  };
}
