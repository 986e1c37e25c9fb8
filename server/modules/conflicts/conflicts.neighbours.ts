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
import { Op, type Transaction, type WhereOptions } from 'sequelize';
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
    assignmentId: a.id, licenseeId: s.licence?.licenseeId ?? null, service: s.service, frequencyHz: a.frequencyHz, occupiedLowHz: a.occupiedLowHz, occupiedHighHz: a.occupiedHighHz,
    latitude: s.latitude, longitude: s.longitude, antennaHeightM: s.antennaHeightM, erpW: s.erpW, azimuthDeg: s.azimuthDeg, beamwidthDeg: s.beamwidthDeg,
    farEndLatitude: s.farEndLatitude, farEndLongitude: s.farEndLongitude,
  };
}

export const activeSiteInclude = [{ model: Station, as: 'station', required: true, include: [{ model: Licence, as: 'licence', required: true, where: { status: [...ACTIVE_LICENCE_STATUSES] } }] }];

/** Boxes [x0, y0, x1, y1] meet (closed): columns of the footprint row against a fixed box. */
function boxMeets(prefix: 'env' | '', box: BBoxDeg): WhereOptions {
  const col = (c: 'MinLon' | 'MinLat' | 'MaxLon' | 'MaxLat') => `$footprint.${prefix === '' ? c.charAt(0).toLowerCase() + c.slice(1) : prefix + c}$`;
  return { [col('MinLon')]: { [Op.lte]: box[2] }, [col('MaxLon')]: { [Op.gte]: box[0] }, [col('MinLat')]: { [Op.lte]: box[3] }, [col('MaxLat')]: { [Op.gte]: box[1] } };
}

/** The widest occupied range in the register, Hz. */
async function widestOccupiedHz(transaction?: Transaction): Promise<number> {
  const [row] = (await Assignment.sequelize?.query('SELECT MAX("occupiedHighHz" - "occupiedLowHz") AS w FROM assignments', { type: 'SELECT', transaction })) as { w: number | null }[];
  return Number(row?.w ?? 0);
}

/** The active TX assignments that could conflict with the candidate (file comment), with their stored footprints. */
export async function loadNeighbours(candidate: Candidate, excludeId: number, services: Map<string, ServiceParams>, transaction?: Transaction): Promise<Neighbour[]> {
  const maxGuard = Math.max(0, ...[...services.values()].map((s) => s.adjacentGuardHz ?? 0));
  const { site } = candidate;
  const reach = Math.max(maxGuard, await widestOccupiedHz(transaction), site.occupiedHighHz - site.occupiedLowHz);
  const rows = await Assignment.findAll({
    where: {
      id: { [Op.ne]: excludeId }, direction: 'tx', occupiedLowHz: { [Op.lte]: site.occupiedHighHz + reach }, occupiedHighHz: { [Op.gte]: site.occupiedLowHz - reach },
      [Op.or]: [{ '$footprint.assignmentId$': null }, { '$footprint.envMinLon$': null }, boxMeets('env', candidate.footprintBox), boxMeets('', candidate.envelope)],
    },
    include: [...activeSiteInclude, { model: AssignmentFootprint, as: 'footprint', required: false }],
    transaction,
  });
  const out: Neighbour[] = [];
  for (const row of rows) {
    const s = siteOf(row);
    if (!services.has(s.service)) continue;
    out.push({ row, site: s, footprint: (row as Assignment & { footprint?: AssignmentFootprint | null }).footprint ?? null });
  }
  return out;
}

/** The engine's view of a neighbour with a stored footprint. */
export function neighbourItem(n: Neighbour, service: ServiceParams, footprint: AssignmentFootprint): ScanAssignment {
  return scanItem(n.site, service, { polygon: footprint.polygon, bboxDeg: [footprint.minLon, footprint.minLat, footprint.maxLon, footprint.maxLat] });
}
