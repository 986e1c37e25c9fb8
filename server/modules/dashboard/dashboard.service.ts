/**
 * The manager's dashboard (SPEC §6): the figures of the whole register, counted with GROUP BY queries
 * that run unchanged on SQLite and PostgreSQL. Each figure is counted with the same rule as the list
 * filter it links to (licences.service listLicences, conflicts.service listConflicts), so that a figure
 * and the total of the list behind it agree.
 */
import { Op, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { selectRows, sql } from '../../db/sql';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { Licence, LICENCE_STATUSES, type LicenceStatus } from '../../models/Licence';
import { SERVICE_CODES, type ServiceCode } from '../../models/Service';
import { CONFLICT_KINDS as ALL_CONFLICT_KINDS, SEVERITIES } from '../../models/Conflict';
import type { DistrictService } from '../districts/districts.service';
import { todayIso } from '../../lib/dates';
import { addDays } from '../../lib/dates';
import { inspectionFigures, type InspectionFigures } from './dashboard.inspections';

export type Severity = (typeof SEVERITIES)[number];
/**
 * The kinds counted on the dashboard: every kind of conflict (co-channel, adjacent channel, intermodulation),
 * so that each severity's row adds up to its total and to the conflicts list filtered by that severity.
 */
export const CONFLICT_KINDS = ALL_CONFLICT_KINDS;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
/** Expiry windows in days; each counts like the licences list's `expiring=N` filter (cumulative). */
export const EXPIRY_WINDOWS_DAYS = [30, 60, 90] as const;
/** Licence statuses whose assignments occupy spectrum on the band-occupancy figures. */
export const IN_FORCE: LicenceStatus = 'issued';
export const DISTRICT_STATUS_CHOICES = ['all', ...LICENCE_STATUSES] as const;
export type DistrictStatusChoice = (typeof DISTRICT_STATUS_CHOICES)[number];

export interface DistrictRow {
  /** null: licences with no station yet (the list filter `district=none`). */
  code: string | null;
  name: string | null;
  byService: Record<ServiceCode, number>;
  total: number;
}

export interface BandRow {
  id: number;
  lowHz: number;
  highHz: number;
  services: ServiceCode[];
  note: string;
  /** Assignments of licences in force whose occupied range overlaps [lowHz, highHz). */
  assignments: number;
  /** Distinct licences in force holding such an assignment (what /licences?status=issued&freqFrom=&freqTo= lists). */
  licences: number;
}

export interface DashboardFigures {
  today: string;
  licences: {
    total: number;
    byStatus: Record<LicenceStatus, number>;
    byService: Record<ServiceCode, number>;
    byServiceStatus: Record<ServiceCode, Record<LicenceStatus, number>>;
  };
  /**
   * Licences by district and service, for one status (or all): a licence counts in each district where it
   * has a station.
   */
  districts: {
    status: DistrictStatusChoice;
    rows: DistrictRow[];
    byService: Record<ServiceCode, number>;
    total: number;
  };
  expiring: { days: number; count: number }[];
  conflicts: {
    open: Record<Severity, Record<ConflictKind, number>>;
    bySeverity: Record<Severity, number>;
    total: number;
  };
  bands: BandRow[];
  /** Assignments of licences in force per centre frequency, ascending. */
  channels: { frequencyHz: number; assignments: number }[];
  /** Findings open and overdue; inspections done vs due per district (SPEC §6), from the inspections module. */
  inspections: InspectionFigures;
}

/** A record with exactly these keys, each value made by `value(key)`. */
export function recordOf<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  const out: Partial<Record<K, V>> = {};
  for (const k of keys) out[k] = value(k);
  // Checked: the loop above set every key of K.
  return out as Record<K, V>;
}
function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return recordOf(keys, () => 0);
}
function isOneOf<K extends string>(keys: readonly K[], v: unknown): v is K {
  return typeof v === 'string' && (keys as readonly string[]).includes(v);
}

const count = z.coerce.number().int().nonnegative();

export function parseDistrictStatus(v: unknown): DistrictStatusChoice {
  return isOneOf(DISTRICT_STATUS_CHOICES, v) ? v : IN_FORCE;
}

async function licenceFigures(sequelize: Sequelize): Promise<DashboardFigures['licences']> {
  const rows = await selectRows(
    sequelize,
    sql`SELECT status AS "status", service AS "service", COUNT(*) AS "n" FROM licences GROUP BY status, service`,
    z.object({ status: z.string(), service: z.string(), n: count }),
  );
  const byStatus = zeros(LICENCE_STATUSES);
  const byService = zeros(SERVICE_CODES);
  const byServiceStatus = recordOf(SERVICE_CODES, () => zeros(LICENCE_STATUSES));
  let total = 0;
  for (const r of rows) {
    total += r.n;
    if (isOneOf(LICENCE_STATUSES, r.status)) byStatus[r.status] += r.n;
    if (isOneOf(SERVICE_CODES, r.service)) {
      byService[r.service] += r.n;
      if (isOneOf(LICENCE_STATUSES, r.status)) byServiceStatus[r.service][r.status] += r.n;
    }
  }
  return { total, byStatus, byService, byServiceStatus };
}

async function districtFigures(
  sequelize: Sequelize,
  districts: DistrictService,
  status: DistrictStatusChoice,
  licences: DashboardFigures['licences'],
): Promise<DashboardFigures['districts']> {
  const ofStatus = status === 'all' ? sql.raw('') : sql`l.status = ${status}`;
  const row = z.object({ code: z.string(), service: z.string(), n: count });
  const inDistricts = await selectRows(
    sequelize,
    sql`SELECT s."districtCode" AS "code", l.service AS "service", COUNT(DISTINCT l.id) AS "n"
      FROM licences l JOIN stations s ON s."licenceId" = l.id
      ${ofStatus.isEmpty ? sql.raw('') : sql`WHERE ${ofStatus}`}
      GROUP BY s."districtCode", l.service`,
    row,
  );
  const noStation = sql`NOT EXISTS (SELECT 1 FROM stations s WHERE s."licenceId" = l.id)`;
  const withoutStation = await selectRows(
    sequelize,
    sql`SELECT l.service AS "service", COUNT(*) AS "n" FROM licences l
      WHERE ${sql.join([ofStatus, noStation], ' AND ')} GROUP BY l.service`,
    z.object({ service: z.string(), n: count }),
  );
  const current = await districts.current();
  const rows = new Map<string, DistrictRow>(
    current.map((d) => [d.code, { code: d.code, name: d.name, byService: zeros(SERVICE_CODES), total: 0 }]),
  );
  for (const r of inDistricts) {
    // A station in a district no longer current (geography changes) still counts, under its code.
    const d = rows.get(r.code) ?? { code: r.code, name: null, byService: zeros(SERVICE_CODES), total: 0 };
    rows.set(r.code, d);
    if (isOneOf(SERVICE_CODES, r.service)) d.byService[r.service] += r.n;
    d.total += r.n;
  }
  const none: DistrictRow = { code: null, name: null, byService: zeros(SERVICE_CODES), total: 0 };
  for (const r of withoutStation) {
    if (isOneOf(SERVICE_CODES, r.service)) none.byService[r.service] += r.n;
    none.total += r.n;
  }
  const byService =
    status === 'all' ? { ...licences.byService } : recordOf(SERVICE_CODES, (s) => licences.byServiceStatus[s][status]);
  const total = status === 'all' ? licences.total : licences.byStatus[status];
  return {
    status,
    rows: [...[...rows.values()].sort((a, b) => String(a.code).localeCompare(String(b.code))), none],
    byService,
    total,
  };
}

/** Same rule as listLicences' `expiringDays`: issued or suspended, validTo from today to today + N days. */
async function expiringFigures(today: string): Promise<DashboardFigures['expiring']> {
  return Promise.all(
    EXPIRY_WINDOWS_DAYS.map(async (days) => ({
      days,
      count: await Licence.count({
        where: { status: ['issued', 'suspended'], validTo: { [Op.gte]: today, [Op.lte]: addDays(today, days) } },
      }),
    })),
  );
}

async function conflictFigures(sequelize: Sequelize): Promise<DashboardFigures['conflicts']> {
  const rows = await selectRows(
    sequelize,
    sql`SELECT severity AS "severity", kind AS "kind", COUNT(*) AS "n" FROM conflicts WHERE status = 'open'
      GROUP BY severity, kind`,
    z.object({ severity: z.string(), kind: z.string(), n: count }),
  );
  const open = recordOf(SEVERITIES, () => zeros(CONFLICT_KINDS));
  const bySeverity = zeros(SEVERITIES);
  let total = 0;
  for (const r of rows) {
    total += r.n;
    if (!isOneOf(SEVERITIES, r.severity)) continue;
    bySeverity[r.severity] += r.n;
    if (isOneOf(CONFLICT_KINDS, r.kind)) open[r.severity][r.kind] += r.n;
  }
  return { open, bySeverity, total };
}

const IN_FORCE_ASSIGNMENTS = sql`SELECT a.id AS "id", a."frequencyHz" AS "frequencyHz", a."occupiedLowHz" AS "lo",
    a."occupiedHighHz" AS "hi", s."licenceId" AS "licenceId"
  FROM assignments a JOIN stations s ON s.id = a."stationId" JOIN licences l ON l.id = s."licenceId"
  WHERE l.status = ${IN_FORCE}`;

/** Overlap as in listLicences' frequency filter: occupiedLowHz < highHz and occupiedHighHz > lowHz. */
async function bandFigures(sequelize: Sequelize): Promise<BandRow[]> {
  const counts = await selectRows(
    sequelize,
    sql`SELECT b.id AS "id", COUNT(x.id) AS "assignments", COUNT(DISTINCT x."licenceId") AS "licences"
      FROM band_plan_entries b
      LEFT JOIN (${IN_FORCE_ASSIGNMENTS}) x ON x.lo < b."highHz" AND x.hi > b."lowHz" GROUP BY b.id`,
    z.object({ id: count, assignments: count, licences: count }),
  );
  const byId = new Map(counts.map((c) => [c.id, c]));
  const entries = await BandPlanEntry.findAll({
    order: [
      ['lowHz', 'ASC'],
      ['highHz', 'ASC'],
      ['id', 'ASC'],
    ],
  });
  return entries.map((e) => ({
    id: e.id,
    lowHz: Number(e.lowHz),
    highHz: Number(e.highHz),
    services: [...e.services],
    note: e.note,
    assignments: byId.get(e.id)?.assignments ?? 0,
    licences: byId.get(e.id)?.licences ?? 0,
  }));
}

async function channelFigures(sequelize: Sequelize): Promise<DashboardFigures['channels']> {
  const rows = await selectRows(
    sequelize,
    sql`SELECT x."frequencyHz" AS "frequencyHz", COUNT(*) AS "n" FROM (${IN_FORCE_ASSIGNMENTS}) x
      GROUP BY x."frequencyHz" ORDER BY x."frequencyHz"`,
    z.object({ frequencyHz: count, n: count }),
  );
  return rows.map((r) => ({ frequencyHz: r.frequencyHz, assignments: r.n }));
}

export async function dashboardFigures(
  sequelize: Sequelize,
  districts: DistrictService,
  options: { districtStatus?: unknown } = {},
): Promise<DashboardFigures> {
  const today = todayIso();
  const licences = await licenceFigures(sequelize);
  const [districtTable, expiring, conflicts, bands, channels, inspections] = await Promise.all([
    districtFigures(sequelize, districts, parseDistrictStatus(options.districtStatus), licences),
    expiringFigures(today),
    conflictFigures(sequelize),
    bandFigures(sequelize),
    channelFigures(sequelize),
    inspectionFigures(districts, today),
  ]);
  return { today, licences, districts: districtTable, expiring, conflicts, bands, channels, inspections };
}
