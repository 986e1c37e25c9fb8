/**
 * The due list (stations due or overdue for inspection), the managers' per-district counts, and the
 * licensed facts that proposed findings compare against. Arithmetic lives in due.ts and
 * proposed-findings.ts; this file only loads rows.
 */
import { Op } from 'sequelize';
import { Assignment } from '../../models/Assignment';
import { Inspection } from '../../models/Inspection';
import { Licence } from '../../models/Licence';
import { Service } from '../../models/Service';
import { Station } from '../../models/Station';
import { z } from 'zod';
import { selectRows, sql } from '../../db/sql';
import { addMonths, compareDue, distanceKm, dueDateOf, dueState, overdueDays, type DueState, type LatLon } from './due';
import { proposeFindings, type LicensedFacts, type ProposedFinding } from './proposed-findings';

/** The interval of a service without one, months; days before the due day when a station is due. */
const DEFAULT_INTERVAL_MONTHS = 24;
const DUE_WINDOW_DAYS = 30;

export interface DueItem {
  stationId: number;
  stationName: string;
  licenceId: number;
  licenceNumber: string | null;
  licenceStatus: string;
  districtCode: string;
  service: string;
  latitude: number;
  longitude: number;
  dueOn: string;
  overdueDays: number;
  state: DueState;
  lastInspectedOn: string | null;
  distanceKm: number | null;
  plannedInspectionId: number | null;
}

/** The UTC day of a timestamp, from a Date or the text a raw row may carry. */
const dayOf = (d: unknown): string | null => {
  if (d === null || d === undefined || d === '') return null;
  const date = d instanceof Date ? d : new Date(String(d));
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
};

/** Every active station (licence issued or suspended) with its due day, in the given districts (null: all). */
export async function dueStations(opts: {
  districtCodes: string[] | null;
  today: string;
  position: LatLon | null;
  includeLater?: boolean;
}): Promise<DueItem[]> {
  const where = opts.districtCodes ? { districtCode: opts.districtCodes } : {};
  // Plain rows (raw): a province can hold a hundred thousand stations, and model instances would cost
  // seconds. Inspections are read by district, never with a list of every station id.
  const stations = await Station.findAll({
    where,
    include: [
      {
        model: Licence,
        as: 'licence',
        attributes: ['id', 'number', 'status', 'issuedAt', 'validFrom'],
        where: { status: ['issued', 'suspended'] },
        required: true,
      },
    ],
    attributes: ['id', 'name', 'licenceId', 'districtCode', 'service', 'latitude', 'longitude'],
    raw: true,
    nest: true,
  });
  if (!stations.length) return [];
  const months = new Map(
    (await Service.findAll({ attributes: ['code', 'inspectionIntervalMonths'] })).map((s) => [
      s.code as string,
      s.inspectionIntervalMonths,
    ]),
  );
  // Inspections of these stations, found through the stations' district (a join, never a list of station ids):
  // an inspection keeps the district it was made in, so a station since moved to another district is still
  // counted from its own last inspection, and a district's list agrees with the all-district counts.
  const inspections = await Inspection.findAll({
    where: {
      stationId: { [Op.ne]: null },
      status: { [Op.in]: ['completed', 'closed', 'planned', 'in_progress'] },
    },
    include: opts.districtCodes
      ? [{ model: Station, as: 'station', attributes: [], where: { districtCode: opts.districtCodes }, required: true }]
      : [],
    attributes: ['id', 'stationId', 'status', 'performedAt', 'completedAt'],
    raw: true,
  });
  const last = new Map<number, string>();
  const planned = new Map<number, number>();
  for (const i of inspections) {
    if (i.stationId === null) continue;
    if (i.status === 'planned' || i.status === 'in_progress') {
      planned.set(i.stationId, i.id);
      continue;
    }
    const day = dayOf(i.performedAt ?? i.completedAt);
    if (day && (!last.has(i.stationId) || (last.get(i.stationId) as string) < day)) last.set(i.stationId, day);
  }
  const out: DueItem[] = [];
  for (const s of stations) {
    const l = s.licence as Licence;
    const lastInspectedOn = last.get(s.id) ?? null;
    // In force since its issue, or since validFrom when the register was entered after the fact.
    const issued = dayOf(l.issuedAt);
    const inForceSince = issued && issued < l.validFrom ? issued : l.validFrom;
    const dueOn = dueDateOf({
      lastInspectedOn,
      licenceIssuedOn: inForceSince,
      intervalMonths: months.get(s.service) ?? DEFAULT_INTERVAL_MONTHS,
    });
    if (!dueOn) continue;
    const state = dueState(dueOn, opts.today, DUE_WINDOW_DAYS);
    if (state === 'later' && !opts.includeLater) continue;
    out.push({
      stationId: s.id,
      stationName: s.name,
      licenceId: l.id,
      licenceNumber: l.number,
      licenceStatus: l.status,
      districtCode: s.districtCode,
      service: s.service,
      latitude: s.latitude,
      longitude: s.longitude,
      dueOn,
      overdueDays: overdueDays(dueOn, opts.today),
      state,
      lastInspectedOn,
      distanceKm: opts.position ? Math.round(distanceKm(opts.position, s) * 10) / 10 : null,
      plannedInspectionId: planned.get(s.id) ?? null,
    });
  }
  return out.sort(compareDue);
}

export interface DistrictCount {
  districtCode: string;
  due: number;
  overdue: number;
  done: number;
}

/** The first day `from` whose due day `addMonths(from, months)` is on or after `day` (addMonths never decreases). */
function firstFromDueOnOrAfter(day: string, months: number): string {
  let from = addDays(addMonths(day, -months), -7);
  while (addMonths(from, months) < day) from = addDays(from, 1);
  return from;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const CountsRow = z.object({
  districtCode: z.string(),
  overdue: z.coerce.number().int(),
  due: z.coerce.number().int(),
});

/**
 * Stations overdue and due per district, by the due list's rule (dueStations: due day = last completed
 * inspection, else the licence in force since, plus the service's interval; overdue after it, due within
 * `DUE_WINDOW_DAYS` before) counted in the database: the rule turned into a cut-off day per interval
 * (overdue ⇔ from < the first `from` due on or after today), so no station row leaves the database
 * (a hundred thousand of them took a second in the request).
 */
async function dueCountsByDistrict(today: string): Promise<z.infer<typeof CountsRow>[]> {
  const sequelize = Station.sequelize;
  if (!sequelize) throw new Error('the models are not initialised');
  const pg = sequelize.getDialect() === 'postgres';
  const day = (col: string) =>
    sql.raw(pg ? `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `substr(${col}, 1, 10)`);
  const validFrom = sql.raw(pg ? `to_char(l."validFrom", 'YYYY-MM-DD')` : 'l."validFrom"');
  const months = new Map(
    (await Service.findAll({ attributes: ['code', 'inspectionIntervalMonths'] })).map((s) => [
      s.code as string,
      s.inspectionIntervalMonths ?? DEFAULT_INTERVAL_MONTHS,
    ]),
  );
  const cut = (m: number, windowDays: number) => firstFromDueOnOrAfter(addDays(today, windowDays), m);
  const perService = (windowDays: number) =>
    sql`CASE f.service ${sql.join(
      [...months].map(([code, m]) => sql`WHEN ${code} THEN ${cut(m, windowDays)}`),
      ' ',
    )} ELSE ${cut(DEFAULT_INTERVAL_MONTHS, windowDays)} END`;
  const [overdueCut, laterCut] = [perService(0), perService(DUE_WINDOW_DAYS + 1)];
  return selectRows(
    sequelize,
    sql`SELECT f."districtCode" AS "districtCode",
          SUM(CASE WHEN f.d < ${overdueCut} THEN 1 ELSE 0 END) AS overdue,
          SUM(CASE WHEN f.d >= ${overdueCut} AND f.d < ${laterCut} THEN 1 ELSE 0 END) AS due
        FROM (SELECT s."districtCode" AS "districtCode", s.service AS service, COALESCE(
            (SELECT MAX(${day('COALESCE(i."performedAt", i."completedAt")')}) FROM inspections i
              WHERE i."stationId" = s.id AND i.status IN ('completed', 'closed')),
            CASE WHEN l."issuedAt" IS NOT NULL AND ${day('l."issuedAt"')} < ${validFrom}
              THEN ${day('l."issuedAt"')} ELSE ${validFrom} END) AS d
          FROM stations s JOIN licences l ON l.id = s."licenceId" WHERE l.status IN ('issued', 'suspended')) f
        WHERE f.d IS NOT NULL GROUP BY f."districtCode"`,
    CountsRow,
  );
}

/** For managers: per district, stations due soon, overdue, and inspections completed this year. */
export async function districtCounts(today: string): Promise<DistrictCount[]> {
  const items = await dueCountsByDistrict(today);
  const done = await Inspection.findAll({
    where: {
      status: ['completed', 'closed'],
      completedAt: { [Op.gte]: new Date(`${today.slice(0, 4)}-01-01T00:00:00Z`) },
    },
    attributes: ['districtCode'],
  });
  const by = new Map<string, DistrictCount>();
  const row = (code: string) =>
    by.get(code) ?? (by.set(code, { districtCode: code, due: 0, overdue: 0, done: 0 }).get(code) as DistrictCount);
  for (const c of items) {
    if (c.overdue + c.due === 0) continue;
    row(c.districtCode).overdue += c.overdue;
    row(c.districtCode).due += c.due;
  }
  for (const i of done) row(i.districtCode).done += 1;
  return [...by.values()].sort((a, b) => a.districtCode.localeCompare(b.districtCode));
}

/** What the licence says about the inspected station; null for a place with no station. */
export async function licensedFactsOf(i: Inspection): Promise<LicensedFacts | null> {
  if (i.stationId === null) return null;
  const s = i.station ?? (await Station.findByPk(i.stationId, { include: [{ model: Licence, as: 'licence' }] }));
  if (!s) return null;
  const tx = await Assignment.findAll({
    where: { stationId: s.id, direction: 'tx' },
    attributes: ['frequencyHz', 'bandwidthHz'],
    order: [['id', 'ASC']],
  });
  return {
    licenceStatus: s.licence?.status ?? null,
    validTo: s.licence?.validTo ?? null,
    service: s.service,
    latitude: s.latitude,
    longitude: s.longitude,
    erpW: s.erpW,
    txFrequenciesHz: tx.map((a) => Number(a.frequencyHz)),
    bandwidthHz: tx.length ? Math.max(...tx.map((a) => Number(a.bandwidthHz))) : null,
  };
}

/** The proposals for an inspection, without the categories its findings already cover. */
export async function proposalsFor(i: Inspection, today: string): Promise<ProposedFinding[]> {
  const l = await licensedFactsOf(i);
  const measurements = (i.measurements ?? []).map((m) => ({
    frequencyHz: m.frequencyHz === null ? null : Number(m.frequencyHz),
    frequencyErrorHz: m.frequencyErrorHz,
    bandwidthHz: m.bandwidthHz === null ? null : Number(m.bandwidthHz),
    erpW: m.erpW,
  }));
  const position =
    i.latitude !== null && i.longitude !== null ? { latitude: i.latitude, longitude: i.longitude } : null;
  const confirmed = new Set((i.findings ?? []).map((f) => f.category));
  return proposeFindings(l, { position, measurements, today }).filter((p) => !confirmed.has(p.category));
}
