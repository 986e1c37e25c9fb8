/**
 * The live check while an officer types (SPEC §4.5 incremental check): an unsaved station + assignment
 * against the register. Nothing is written.
 */
import { Op } from 'sequelize';
import { checkCandidate, type ScanAssignment } from '../../../geo/conflicts';
import { checkBandPlan, occupiedRangeHz } from '../../../geo/bandplan/check';
import { parseInput } from '../../lib/validation';
import { ValidationError } from '../../lib/errors';
import { Assignment } from '../../models/Assignment';
import { AssignmentFootprint } from '../../models/AssignmentFootprint';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { Licence } from '../../models/Licence';
import { Station } from '../../models/Station';
import { erpW } from '../../../geo/power';
import { AssignmentInput } from '../assignments/assignments.schema';
import { StationUpdate } from '../stations/stations.schema';
import { ACTIVE_LICENCE_STATUSES, contourSource, footprintAt, scanItem, type SiteFacts } from './conflicts.engine';
import { serviceParams } from './conflicts.service';

const CANDIDATE_ID = -1;

export async function checkUnsaved(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as { station?: Record<string, unknown>; assignment?: Record<string, unknown>; assignmentId?: unknown; licenseeId?: unknown };
  const station = parseInput(StationUpdate, { name: 'candidate', ...(b.station ?? {}), version: 0 });
  const input = parseInput(AssignmentInput, b.assignment ?? {});
  const services = await serviceParams();
  const service = services.get(station.service);
  if (!service) throw new ValidationError({ 'station.service': { key: 'v.notAllowed' } });
  const necessary = Math.max(1, Math.round(input.emissionDesignator.necessaryBandwidthHz));
  const occ = occupiedRangeHz(input.frequencyHz, input.bandwidthHz, necessary);
  const bands = (await BandPlanEntry.findAll()).map((e) => ({ id: e.id, lowHz: e.lowHz, highHz: e.highHz, services: e.services, channelRasterHz: e.channelRasterHz, note: e.note }));
  const bandPlanCheck = input.direction === 'tx' ? checkBandPlan({ service: station.service, frequencyHz: input.frequencyHz, bandwidthHz: input.bandwidthHz, necessaryBandwidthHz: necessary }, bands) : null;
  if (input.direction !== 'tx') return { conflicts: [], bandPlanCheck, footprint: null };
  const site: SiteFacts = {
    assignmentId: CANDIDATE_ID, licenseeId: Number.isInteger(Number(b.licenseeId)) ? Number(b.licenseeId) : null, service: station.service, frequencyHz: input.frequencyHz,
    occupiedLowHz: occ.lowHz, occupiedHighHz: occ.highHz, latitude: station.latitude, longitude: station.longitude, antennaHeightM: station.antennaHeightM,
    erpW: erpW(station.txPowerW, station.antennaGainDbi, station.feederLossDb), azimuthDeg: station.azimuthDeg, beamwidthDeg: station.beamwidthDeg,
    farEndLatitude: station.farEndLatitude, farEndLongitude: station.farEndLongitude,
  };
  const fp = footprintAt(site, service, service.protectedFieldDbuv);
  const maxGuard = Math.max(0, ...[...services.values()].map((s) => s.adjacentGuardHz ?? 0));
  const [maxWidth] = (await Assignment.sequelize?.query('SELECT MAX("occupiedHighHz" - "occupiedLowHz") AS w FROM assignments', { type: 'SELECT' })) as { w: number }[];
  const reach = Math.max(maxGuard, Number(maxWidth?.w ?? 0), occ.highHz - occ.lowHz);
  const excluded = Number.isInteger(Number(b.assignmentId)) ? Number(b.assignmentId) : 0;
  const others = await Assignment.findAll({
    where: { id: { [Op.ne]: excluded }, direction: 'tx', occupiedLowHz: { [Op.lte]: occ.highHz + reach }, occupiedHighHz: { [Op.gte]: occ.lowHz - reach } },
    include: [{ model: Station, as: 'station', required: true, include: [{ model: Licence, as: 'licence', required: true, where: { status: [...ACTIVE_LICENCE_STATUSES] } }] }, { model: AssignmentFootprint, as: 'footprint', required: true }],
  });
  const sites = new Map<number, SiteFacts>([[CANDIDATE_ID, site]]);
  const register: ScanAssignment[] = [];
  for (const o of others) {
    const s = o.station as Station;
    const svc = services.get(s.service);
    const f = (o as Assignment & { footprint?: AssignmentFootprint }).footprint;
    if (!svc || !f) continue;
    const os: SiteFacts = { assignmentId: o.id, licenseeId: s.licence?.licenseeId ?? null, service: s.service, frequencyHz: o.frequencyHz, occupiedLowHz: o.occupiedLowHz, occupiedHighHz: o.occupiedHighHz, latitude: s.latitude, longitude: s.longitude, antennaHeightM: s.antennaHeightM, erpW: s.erpW, azimuthDeg: s.azimuthDeg, beamwidthDeg: s.beamwidthDeg, farEndLatitude: s.farEndLatitude, farEndLongitude: s.farEndLongitude };
    sites.set(o.id, os);
    register.push(scanItem(os, svc, { polygon: f.polygon, bboxDeg: [f.minLon, f.minLat, f.maxLon, f.maxLat] }));
  }
  const findings = checkCandidate(scanItem(site, service, fp), register, contourSource(sites, services), { geometry: true });
  const names = new Map(others.map((o) => [o.id, { stationName: o.station?.name ?? '', licenceId: o.station?.licenceId ?? null, frequencyHz: o.frequencyHz }]));
  return {
    conflicts: findings.map((f) => ({ ...f, other: names.get(f.victimId === CANDIDATE_ID ? f.interfererId : f.victimId) ?? null, candidateIs: f.victimId === CANDIDATE_ID ? 'victim' : 'interferer' })),
    bandPlanCheck,
    footprint: { type: 'Feature', geometry: fp.polygon, properties: { model: fp.details.model, maxRadiusKm: fp.maxRadiusKm, horizonKm: fp.details.horizonKm, warnings: fp.details.warnings } },
  };
}
