/**
 * What the conflict pipeline reads and writes (SPEC §4.5): service parameters, active TX assignments as
 * engine sites, the register around one candidate, stored footprints, and the `where` pieces of the
 * conflict list. Raw SQL goes through the one SQL helper (server/db/sql.ts); simple reads are model queries.
 *
 * The register around a candidate: the active TX assignments that could conflict with it in either
 * direction, loaded with one query instead of every assignment near in frequency. Loaded: TX assignments of
 * active licences, other than `excludeId`, whose occupied range lies within reach of the candidate's (reach
 * = the widest guard of any service, the widest occupied width in the register, and the candidate's own
 * width: no related pair is farther apart, see geo frequencyReachHz), and whose stored boxes can meet it:
 * - as interferer B on the candidate: every polygon of B (footprint or contour at any threshold) lies in
 *   B's envelope, so B's envelope must meet the candidate's footprint box;
 * - as victim A of the candidate: A's footprint box must meet the candidate's envelope.
 * Rows without a stored footprint or envelope (written before migration 004) are always loaded.
 * The engine then decides each pair exactly; this only leaves out pairs that cannot conflict.
 */
import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import type { Polygon } from 'geojson';
import type { BBoxDeg, ContourFootprint } from '../../../geo/conflicts';
import { CountRow, execute, IdRow, insertRows, selectOne, selectRows, sql, sqlLiteral, type Sql } from '../../db/sql';
import { Assignment } from '../../models/Assignment';
import { AssignmentFootprint } from '../../models/AssignmentFootprint';
import { asStored, JsonText } from '../../models/json-column';
import type { Conflict } from '../../models/Conflict';
import { Licence } from '../../models/Licence';
import { Service } from '../../models/Service';
import { Station } from '../../models/Station';
import { recordVersions } from '../history/history.service';
import {
  ACTIVE_LICENCE_STATUSES,
  type ProtectedFootprint,
  type StorableFootprint,
  type ServiceParams,
  type SiteFacts,
} from './conflicts.engine';
import { CLASS_UPPER_HZ, widthClassSql } from '../../db/width-class';

/** A stored protected footprint as the engine reads it; `envelopeDeg` is null on rows from before migration 004. */
export interface StoredFootprint extends ContourFootprint {
  envelopeDeg: BBoxDeg | null;
}

/** What the live check shows of the other side of a conflict. */
export interface OtherSide {
  stationName: string;
  licenceId: number | null;
  frequencyHz: number;
}

export interface Neighbour {
  site: SiteFacts;
  service: ServiceParams;
  footprint: StoredFootprint | null;
  other: OtherSide;
}

/** A candidate as the neighbour query sees it: its occupied range, footprint box and reach envelope. */
export interface Around {
  site: SiteFacts;
  footprintBox: BBoxDeg;
  envelopeDeg: BBoxDeg;
  /** The widest channel when the candidate stands for several (the channel finder); else its own occupied width. */
  widthHz?: number;
}

function sequelizeOf(model: { sequelize?: Sequelize }): Sequelize {
  if (!model.sequelize) throw new Error('the models are not initialised');
  return model.sequelize;
}

export async function serviceParams(transaction?: Transaction): Promise<Map<string, ServiceParams>> {
  return new Map((await Service.findAll({ transaction })).map((s) => [s.code, s]));
}

const activeSiteInclude = [
  {
    model: Station,
    as: 'station',
    required: true,
    include: [{ model: Licence, as: 'licence', required: true, where: { status: [...ACTIVE_LICENCE_STATUSES] } }],
  },
];

function siteOf(a: Assignment): SiteFacts {
  const s = a.station as Station;
  return {
    assignmentId: a.id,
    licenseeId: s.licence?.licenseeId ?? null,
    service: s.service,
    frequencyHz: a.frequencyHz,
    occupiedLowHz: a.occupiedLowHz,
    occupiedHighHz: a.occupiedHighHz,
    latitude: s.latitude,
    longitude: s.longitude,
    antennaHeightM: s.antennaHeightM,
    erpW: s.erpW,
    azimuthDeg: s.azimuthDeg,
    beamwidthDeg: s.beamwidthDeg,
    farEndLatitude: s.farEndLatitude,
    farEndLongitude: s.farEndLongitude,
  };
}

const num = z.coerce.number();
export const SiteRow = z.object({
  assignmentId: z.coerce.number().int(),
  licenseeId: z.coerce.number().int().nullable(),
  service: z.string(),
  frequencyHz: num,
  occupiedLowHz: num,
  occupiedHighHz: num,
  latitude: num,
  longitude: num,
  antennaHeightM: num,
  erpW: num,
  azimuthDeg: num.nullable(),
  beamwidthDeg: num.nullable(),
  farEndLatitude: num.nullable(),
  farEndLongitude: num.nullable(),
}) satisfies z.ZodType<SiteFacts>;

/**
 * The active TX assignments that meet `cond` (on assignments a), as engine sites, by id: plain rows read
 * with one join (a whole register of model instances with their includes would cost a worker gigabytes).
 */
function activeSitesWhere(cond: Sql, limit?: number, transaction?: Transaction): Promise<SiteFacts[]> {
  const active = [...ACTIVE_LICENCE_STATUSES];
  return selectRows(
    sequelizeOf(Assignment),
    sql`SELECT a.id AS "assignmentId", l."licenseeId" AS "licenseeId", s.service AS service,
          a."frequencyHz" AS "frequencyHz", a."occupiedLowHz" AS "occupiedLowHz",
          a."occupiedHighHz" AS "occupiedHighHz", s.latitude AS latitude, s.longitude AS longitude,
          s."antennaHeightM" AS "antennaHeightM", s."erpW" AS "erpW", s."azimuthDeg" AS "azimuthDeg",
          s."beamwidthDeg" AS "beamwidthDeg", s."farEndLatitude" AS "farEndLatitude",
          s."farEndLongitude" AS "farEndLongitude"
        FROM assignments a JOIN stations s ON s.id = a."stationId" JOIN licences l ON l.id = s."licenceId"
        WHERE a.direction = 'tx' AND l.status IN (${active}) AND ${cond}
        ORDER BY a.id${limit === undefined ? sql.raw('') : sql` LIMIT ${limit}`}`,
    SiteRow,
    { transaction },
  );
}

/** The TX assignments of active licences among `ids` (or all of them), as engine sites, by id. */
export async function activeTxSites(ids: number[] | 'all', transaction?: Transaction): Promise<SiteFacts[]> {
  if (ids !== 'all' && ids.length === 0) return [];
  return activeSitesWhere(ids === 'all' ? sql.raw('1 = 1') : sql`a.id IN (${ids})`, undefined, transaction);
}

/** The next `limit` active TX assignments after `afterId`, by id (the resumable scan's footprint batches). */
export async function activeTxSitesAfter(afterId: number, limit: number): Promise<SiteFacts[]> {
  return activeSitesWhere(sql`a.id > ${afterId}`, limit);
}

/** Ids of the TX assignments of active licences, as a sub-select. */
function activeTxIds(): Sql {
  const active = [...ACTIVE_LICENCE_STATUSES];
  return sql`(SELECT a.id FROM assignments a JOIN stations s ON s.id = a."stationId"
    JOIN licences l ON l.id = s."licenceId" WHERE a.direction = 'tx' AND l.status IN (${active}))`;
}

export async function countActiveTx(): Promise<number> {
  const sequelize = sequelizeOf(Assignment);
  const row = await selectOne(sequelize, sql`SELECT COUNT(*) AS n FROM ${activeTxIds()} t`, CountRow);
  return row?.n ?? 0;
}

/** Footprints of assignments that no longer take part (receive-only, deleted, licence not active). */
export async function deleteInactiveFootprints(transaction: Transaction): Promise<void> {
  await execute(
    sequelizeOf(Assignment),
    sql`DELETE FROM assignment_footprints WHERE "assignmentId" NOT IN ${activeTxIds()}`,
    { transaction },
  );
}

/** A stored polygon's text as a GeoJSON Polygon (checked for its shape, not point by point: a scan reads 100 000). */
function polygonOf(text: string, assignmentId: number): Polygon {
  const v: unknown = JSON.parse(text);
  if (typeof v === 'object' && v !== null && 'type' in v && v.type === 'Polygon' && 'coordinates' in v) {
    const { coordinates } = v;
    if (Array.isArray(coordinates) && coordinates.every((ring) => Array.isArray(ring)))
      return { type: 'Polygon', coordinates: coordinates as Polygon['coordinates'] };
  }
  throw new Error(`the stored footprint of assignment ${assignmentId} is not a polygon`);
}

const SourceRow = z.object({ assignmentId: z.coerce.number().int(), details: z.string() });

/** The stored footprints' sources (`details.source`: what each was drawn from) among `ids`; null when none. */
export async function storedFootprintSources(ids: number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await selectRows(
    sequelizeOf(Assignment),
    sql`SELECT "assignmentId", details FROM assignment_footprints WHERE "assignmentId" IN (${ids})`,
    SourceRow,
  );
  return new Map(
    rows.map((r) => {
      const d: unknown = JSON.parse(r.details);
      const source = typeof d === 'object' && d !== null && 'source' in d ? d.source : null;
      return [r.assignmentId, typeof source === 'string' ? source : null];
    }),
  );
}

const PlainFootprintRow = z.object({
  assignmentId: z.coerce.number().int(),
  polygon: z.string(),
  minLon: num,
  minLat: num,
  maxLon: num,
  maxLat: num,
});

/**
 * The next `limit` stored footprints after `afterId`, by assignment id, with their polygons and boxes (the
 * scan's index, read a chunk at a time so that the caller keeps only what it needs of each).
 */
export async function storedFootprintsAfter(
  afterId: number,
  limit: number,
): Promise<{ assignmentId: number; polygon: Polygon; bboxDeg: BBoxDeg }[]> {
  const rows = await selectRows(
    sequelizeOf(Assignment),
    sql`SELECT "assignmentId", polygon, "minLon", "minLat", "maxLon", "maxLat" FROM assignment_footprints
        WHERE "assignmentId" > ${afterId} ORDER BY "assignmentId" LIMIT ${limit}`,
    PlainFootprintRow,
  );
  return rows.map((r) => ({
    assignmentId: r.assignmentId,
    polygon: polygonOf(r.polygon, r.assignmentId),
    bboxDeg: [r.minLon, r.minLat, r.maxLon, r.maxLat],
  }));
}

/**
 * The victims of every stored pair conflict (any status): the scan asks the engine's threads for the overlap
 * polygons of the other victims' findings, all of which it will store anew.
 */
export async function pairConflictVictims(): Promise<Set<number>> {
  const rows = await selectRows(
    sequelizeOf(Assignment),
    sql`SELECT DISTINCT "victimAssignmentId" AS id FROM conflicts WHERE kind <> 'intermodulation'`,
    IdRow,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Up to `limit` victims of unresolved pair conflicts that no longer take part (the scan's last sweep; the
 * intermodulation phase settles its own, whose victims may be receivers).
 */
export async function inactiveVictims(limit: number): Promise<number[]> {
  const rows = await selectRows(
    sequelizeOf(Assignment),
    sql`SELECT DISTINCT "victimAssignmentId" AS id FROM conflicts
        WHERE status <> 'resolved' AND kind <> 'intermodulation' AND "victimAssignmentId" NOT IN ${activeTxIds()}
        ORDER BY "victimAssignmentId" LIMIT ${limit}`,
    IdRow,
  );
  return rows.map((r) => r.id);
}

function storedOf(f: AssignmentFootprint): StoredFootprint {
  return {
    polygon: f.polygon,
    bboxDeg: [f.minLon, f.minLat, f.maxLon, f.maxLat],
    envelopeDeg: f.envMinLon == null ? null : [f.envMinLon, f.envMinLat ?? -90, f.envMaxLon ?? 180, f.envMaxLat ?? 90],
  };
}

/** Stores (creates or replaces) the protected footprint of an assignment, with its reach envelope. */
export async function saveFootprint(
  assignmentId: number,
  fp: ProtectedFootprint,
  transaction: Transaction,
): Promise<StoredFootprint> {
  const [minLon, minLat, maxLon, maxLat] = fp.bboxDeg;
  const [envMinLon, envMinLat, envMaxLon, envMaxLat] = fp.envelopeDeg;
  const values = {
    assignmentId,
    polygon: fp.polygon,
    minLon,
    minLat,
    maxLon,
    maxLat,
    envMinLon,
    envMinLat,
    envMaxLon,
    envMaxLat,
    maxRadiusKm: fp.maxRadiusKm,
    details: fp.details,
  };
  const existing = await AssignmentFootprint.findByPk(assignmentId, { transaction });
  // A new version in the register's history only when the footprint changed (history.service).
  const changed = !existing || existing.set(values).changed() !== false;
  const saved = existing
    ? await existing.save({ transaction })
    : await AssignmentFootprint.create(values, { transaction });
  if (changed) await recordVersions(transaction, 'footprint', [assignmentId]);
  return storedOf(saved);
}

const FOOTPRINT_COLUMNS = [
  'polygon',
  'minLon',
  'minLat',
  'maxLon',
  'maxLat',
  'envMinLon',
  'envMinLat',
  'envMaxLon',
  'envMaxLat',
  'maxRadiusKm',
  'details',
] as const;

/**
 * Stores the protected footprints of many assignments (the full scan's batches), as `saveFootprint` does one
 * at a time: the stored rows read in one query, then the new and the changed ones written with one upsert
 * (an unchanged footprint is not written, as `saveFootprint` leaves it).
 */
export async function saveFootprints(
  list: { assignmentId: number; fp: StorableFootprint }[],
  transaction: Transaction,
  /** Those of `list` known to have a stored footprint (the others are not read); absent: all are read. */
  existing?: ReadonlySet<number>,
): Promise<void> {
  if (list.length === 0) return;
  const ids = list.map((f) => f.assignmentId).filter((id) => !existing || existing.has(id));
  const stored =
    ids.length === 0
      ? []
      : await AssignmentFootprint.findAll({
          where: { assignmentId: ids },
          raw: true,
          transaction,
        });
  const byId = new Map(stored.map((r) => [r.assignmentId, r as unknown as Record<string, unknown>]));
  const rows = [];
  for (const { assignmentId, fp } of list) {
    const [minLon, minLat, maxLon, maxLat] = fp.bboxDeg;
    const [envMinLon, envMinLat, envMaxLon, envMaxLat] = fp.envelopeDeg;
    const values = { minLon, minLat, maxLon, maxLat, envMinLon, envMinLat, envMaxLon, envMaxLat };
    const row = {
      assignmentId,
      polygon: asStored<Polygon>(fp.polygon),
      ...values,
      maxRadiusKm: fp.maxRadiusKm,
      details: fp.details,
    };
    // Compared as stored (JSON text) only when there is a stored one: a first scan serialises each polygon once.
    // (A footprint stored by someone else since `existing` was read is replaced by the upsert.)
    const old = byId.get(assignmentId);
    const text: Record<string, unknown> = old
      ? {
          ...row,
          polygon: fp.polygon instanceof JsonText ? fp.polygon.text : JSON.stringify(fp.polygon),
          details: JSON.stringify(fp.details),
        }
      : {};
    if (old && FOOTPRINT_COLUMNS.every((c) => old[c] === text[c])) continue;
    rows.push(row);
  }
  await insertRows(AssignmentFootprint, rows, { transaction, upsert: [...FOOTPRINT_COLUMNS, 'updatedAt'] });
  await recordVersions(
    transaction,
    'footprint',
    rows.map((r) => r.assignmentId),
  );
}

export async function deleteFootprint(assignmentId: number, transaction: Transaction): Promise<void> {
  await AssignmentFootprint.destroy({ where: { assignmentId }, transaction });
  await recordVersions(transaction, 'footprint', [assignmentId], { deleted: true });
}

const WIDTH = sql.raw('("occupiedHighHz" - "occupiedLowHz")');
/** The width class of a row (db/width-class.ts): the expression of migration 004's index. */
export const WIDTH_CLASS_SQL = widthClassSql();

const WidestRow = z.object({ w: z.coerce.number().nullable() });

/** The widest occupied range in the register, Hz (answered by an index on the expression). */
export async function widestOccupiedHz(transaction?: Transaction): Promise<number> {
  const row = await selectOne(sequelizeOf(Assignment), sql`SELECT MAX${WIDTH} AS w FROM assignments`, WidestRow, {
    transaction,
  });
  return row?.w ?? 0;
}

/**
 * Ids of the TX assignments near the candidate in frequency and space (file comment). The frequency
 * window is taken per width class k (rows of width ≤ W_k): a related row B has occupiedHigh ≥ C.low − r_k
 * and occupiedLow ≤ C.high + r_k with r_k = max(widest guard, W_k, C's width) (the guard, or the wider
 * of the two widths when a service has none), so occupiedLow ∈ [C.low − r_k − W_k, C.high + r_k]: the
 * index on (width class, occupiedLowHz) then reads narrow windows for narrow channels, instead of the
 * window the widest channel in the register would need.
 */
export async function neighbourIds(
  around: Around,
  excludeId: number,
  maxGuardHz: number,
  transaction?: Transaction,
): Promise<number[]> {
  const { site, footprintBox: f, envelopeDeg: e } = around;
  const ownWidth = around.widthHz ?? site.occupiedHighHz - site.occupiedLowHz;
  const uppers = [...CLASS_UPPER_HZ, Math.max(await widestOccupiedHz(transaction), CLASS_UPPER_HZ.at(-1) ?? 0)];
  const widthClass = sql.raw(WIDTH_CLASS_SQL);
  const terms = uppers.map((w, i) => {
    const r = Math.max(maxGuardHz, w, ownWidth);
    const [lo, hi, min] = [site.occupiedLowHz - r - w, site.occupiedHighHz + r, site.occupiedLowHz - r];
    return sql`((${widthClass}) = ${i + 1} AND "occupiedLowHz" BETWEEN ${lo} AND ${hi} AND "occupiedHighHz" >= ${min})`;
  });
  const rows = await selectRows(
    sequelizeOf(Assignment),
    sql`SELECT a.id AS id FROM assignments a LEFT JOIN assignment_footprints f ON f."assignmentId" = a.id
     WHERE a.direction = 'tx' AND a.id <> ${excludeId} AND (${sql.join(terms, ' OR ')})
       AND (f."assignmentId" IS NULL OR f."envMinLon" IS NULL
         OR (f."envMinLon" <= ${f[2]} AND f."envMaxLon" >= ${f[0]}
           AND f."envMinLat" <= ${f[3]} AND f."envMaxLat" >= ${f[1]})
         OR (f."minLon" <= ${e[2]} AND f."maxLon" >= ${e[0]} AND f."minLat" <= ${e[3]} AND f."maxLat" >= ${e[1]}))`,
    IdRow,
    { transaction },
  );
  return rows.map((r) => r.id);
}

/** The active TX assignments that could conflict with the candidate (file comment), with their stored footprints. */
export async function loadNeighbours(
  around: Around,
  excludeId: number,
  services: Map<string, ServiceParams>,
  transaction?: Transaction,
): Promise<Neighbour[]> {
  const maxGuard = Math.max(0, ...[...services.values()].map((s) => s.adjacentGuardHz ?? 0));
  // Two steps: the ids from assignments and footprints alone (the planner then reads the frequency
  // index), then those rows with their station and licence by primary key.
  const ids = await neighbourIds(around, excludeId, maxGuard, transaction);
  if (ids.length === 0) return [];
  const rows = await Assignment.findAll({
    where: { id: ids },
    include: [...activeSiteInclude, { model: AssignmentFootprint, as: 'footprint', required: false }],
    transaction,
  });
  const out: Neighbour[] = [];
  for (const row of rows) {
    const site = siteOf(row);
    const service = services.get(site.service);
    if (!service) continue;
    const footprint = (row as Assignment & { footprint?: AssignmentFootprint | null }).footprint ?? null;
    out.push({
      site,
      service,
      footprint: footprint ? storedOf(footprint) : null,
      other: {
        stationName: row.station?.name ?? '',
        licenceId: row.station?.licenceId ?? null,
        frequencyHz: row.frequencyHz,
      },
    });
  }
  return out;
}

/** Conflicts with either side (or another contributor of an intermodulation product) among `ids`. */
export function involving(ids: number | number[]) {
  return {
    [Op.or]: [
      { victimAssignmentId: ids },
      { interfererAssignmentId: ids },
      { secondInterfererAssignmentId: ids },
      { thirdInterfererAssignmentId: ids },
    ],
  };
}

/** Conflicts with either side among the assignments that meet `cond` (on assignments a, stations s, licences l). */
export function involvingAssignmentsWhere(cond: Sql): WhereOptions<Conflict> {
  const ids = sqlLiteral(
    sequelizeOf(Assignment),
    sql`(SELECT a.id FROM assignments a JOIN stations s ON s.id = a."stationId" JOIN licences l ON l.id = s."licenceId"
      WHERE ${cond})`,
  );
  return {
    [Op.or]: [
      { victimAssignmentId: { [Op.in]: ids } },
      { interfererAssignmentId: { [Op.in]: ids } },
      { secondInterfererAssignmentId: { [Op.in]: ids } },
      { thirdInterfererAssignmentId: { [Op.in]: ids } },
    ],
  };
}
