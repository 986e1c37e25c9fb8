/**
 * The register around one candidate (SPEC §4.5 incremental check): the active TX assignments that could
 * conflict with it in either direction, loaded with one query instead of every assignment near in
 * frequency. Used by the live check and by the upkeep on every save, so both see the same register.
 *
 * Loaded: TX assignments of active licences, other than `excludeId`, whose occupied range lies within
 * `reach` of the candidate's (reach = the widest guard of any service, the widest occupied width in the
 * register, and the candidate's own width: no related pair is farther apart, see geo frequencyReachHz),
 * and whose stored boxes can meet the candidate's:
 * - as interferer B on the candidate: every polygon of B (footprint or contour at any threshold) lies in
 *   B's envelope, so B's envelope must meet the candidate's footprint box;
 * - as victim A of the candidate: A's footprint box must meet the candidate's envelope.
 * Rows without a stored footprint or envelope (written before migration 004) are always loaded.
 * The engine then decides each pair exactly; this only leaves out pairs that cannot conflict.
 */
import type { Transaction } from 'sequelize';
import type { BBoxDeg, ScanAssignment } from '../../../geo/conflicts';
import { Assignment } from '../../models/Assignment';
import { AssignmentFootprint } from '../../models/AssignmentFootprint';
import { Licence } from '../../models/Licence';
import { Station } from '../../models/Station';
import { ACTIVE_LICENCE_STATUSES, scanItem, type ServiceParams, type SiteFacts } from './conflicts.engine';

export interface Candidate {
  site: SiteFacts;
  footprintBox: BBoxDeg;
  envelope: BBoxDeg;
}

export interface Neighbour {
  row: Assignment;
  site: SiteFacts;
  footprint: AssignmentFootprint | null;
}

export function siteOf(a: Assignment): SiteFacts {
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

export const activeSiteInclude = [
  {
    model: Station,
    as: 'station',
    required: true,
    include: [{ model: Licence, as: 'licence', required: true, where: { status: [...ACTIVE_LICENCE_STATUSES] } }],
  },
];

/** Upper width of each width class, Hz (class 8 has none); the SQL below must match migration 004's index. */
const CLASS_UPPER_HZ = [16_000, 64_000, 256_000, 1_000_000, 4_000_000, 16_000_000, 64_000_000];
const WIDTH = '("occupiedHighHz" - "occupiedLowHz")';
const WIDTH_CLASS_SQL =
  'CASE WHEN "occupiedHighHz" - "occupiedLowHz" <= 16000 THEN 1 WHEN "occupiedHighHz" - "occupiedLowHz" <= 64000 THEN 2 WHEN "occupiedHighHz" - "occupiedLowHz" <= 256000 THEN 3 WHEN "occupiedHighHz" - "occupiedLowHz" <= 1000000 THEN 4 WHEN "occupiedHighHz" - "occupiedLowHz" <= 4000000 THEN 5 WHEN "occupiedHighHz" - "occupiedLowHz" <= 16000000 THEN 6 WHEN "occupiedHighHz" - "occupiedLowHz" <= 64000000 THEN 7 ELSE 8 END';

/** The widest occupied range in the register, Hz (answered by an index on the expression). */
async function widestOccupiedHz(transaction?: Transaction): Promise<number> {
  const [row] = (await Assignment.sequelize?.query(`SELECT MAX${WIDTH} AS w FROM assignments`, {
    type: 'SELECT',
    transaction,
  })) as { w: number | null }[];
  return Number(row?.w ?? 0);
}

/**
 * Ids of the TX assignments near the candidate in frequency and space (file comment). The frequency
 * window is taken per width class k (rows of width ≤ W_k): a related row B has occupiedHigh ≥ C.low − r_k
 * and occupiedLow ≤ C.high + r_k with r_k = max(widest guard, W_k, C's width) (the guard, or the wider
 * of the two widths when a service has none), so occupiedLow ∈ [C.low − r_k − W_k, C.high + r_k]: the
 * index on (width class, occupiedLowHz) then reads narrow windows for narrow channels, instead of the
 * window the widest channel in the register would need.
 */
async function neighbourIds(
  candidate: Candidate,
  excludeId: number,
  maxGuardHz: number,
  transaction?: Transaction,
): Promise<number[]> {
  const sequelize = Assignment.sequelize;
  if (!sequelize) return [];
  const { site, footprintBox: f, envelope: e } = candidate;
  const ownWidth = site.occupiedHighHz - site.occupiedLowHz;
  const uppers = [...CLASS_UPPER_HZ, Math.max(await widestOccupiedHz(transaction), CLASS_UPPER_HZ.at(-1) ?? 0)];
  const replacements: Record<string, number> = {
    exclude: excludeId,
    fx0: f[0],
    fy0: f[1],
    fx1: f[2],
    fy1: f[3],
    ex0: e[0],
    ey0: e[1],
    ex1: e[2],
    ey1: e[3],
  };
  const terms = uppers.map((w, i) => {
    const r = Math.max(maxGuardHz, w, ownWidth);
    replacements[`lo${i}`] = site.occupiedLowHz - r - w;
    replacements[`hi${i}`] = site.occupiedHighHz + r;
    replacements[`min${i}`] = site.occupiedLowHz - r;
    return `((${WIDTH_CLASS_SQL}) = ${i + 1} AND "occupiedLowHz" BETWEEN :lo${i} AND :hi${i} AND "occupiedHighHz" >= :min${i})`;
  });
  const rows = (await sequelize.query(
    `SELECT a.id AS id FROM assignments a LEFT JOIN assignment_footprints f ON f."assignmentId" = a.id
     WHERE a.direction = 'tx' AND a.id <> :exclude AND (${terms.join(' OR ')})
       AND (f."assignmentId" IS NULL OR f."envMinLon" IS NULL
         OR (f."envMinLon" <= :fx1 AND f."envMaxLon" >= :fx0 AND f."envMinLat" <= :fy1 AND f."envMaxLat" >= :fy0)
         OR (f."minLon" <= :ex1 AND f."maxLon" >= :ex0 AND f."minLat" <= :ey1 AND f."maxLat" >= :ey0))`,
    { type: 'SELECT', replacements, transaction },
  )) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

/** The active TX assignments that could conflict with the candidate (file comment), with their stored footprints. */
export async function loadNeighbours(
  candidate: Candidate,
  excludeId: number,
  services: Map<string, ServiceParams>,
  transaction?: Transaction,
): Promise<Neighbour[]> {
  const maxGuard = Math.max(0, ...[...services.values()].map((s) => s.adjacentGuardHz ?? 0));
  // Two steps: the ids from assignments and footprints alone (the planner then reads the frequency
  // index), then those rows with their station and licence by primary key.
  const ids = await neighbourIds(candidate, excludeId, maxGuard, transaction);
  if (ids.length === 0) return [];
  const rows = await Assignment.findAll({
    where: { id: ids },
    include: [...activeSiteInclude, { model: AssignmentFootprint, as: 'footprint', required: false }],
    transaction,
  });
  const out: Neighbour[] = [];
  for (const row of rows) {
    const s = siteOf(row);
    if (!services.has(s.service)) continue;
    out.push({
      row,
      site: s,
      footprint: (row as Assignment & { footprint?: AssignmentFootprint | null }).footprint ?? null,
    });
  }
  return out;
}

/** The engine's view of a neighbour with a stored footprint. */
export function neighbourItem(n: Neighbour, service: ServiceParams, footprint: AssignmentFootprint): ScanAssignment {
  return scanItem(n.site, service, {
    polygon: footprint.polygon,
    bboxDeg: [footprint.minLon, footprint.minLat, footprint.maxLon, footprint.maxLat],
  });
}
