/**
 * The live check while an officer types (SPEC §4.5 incremental check): an unsaved station + assignment
 * against the register. Nothing is written.
 */
import { checkCandidate, type ScanAssignment } from '../../../geo/conflicts';
import { checkBandPlan, occupiedRangeHz } from '../../../geo/bandplan/check';
import { parseInput } from '../../lib/validation';
import { ValidationError } from '../../lib/errors';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { erpW } from '../../../geo/power';
import { AssignmentInput } from '../assignments/assignments.schema';
import { StationUpdate } from '../stations/stations.schema';
import {
  contourSource,
  envelopeOf,
  footprintAt,
  scanItem,
  type ServiceParams,
  type SiteFacts,
} from './conflicts.engine';
import { loadNeighbours, neighbourItem } from './conflicts.neighbours';
import { serviceParams } from './conflicts.service';

const CANDIDATE_ID = -1;

export async function checkUnsaved(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as {
    station?: Record<string, unknown>;
    assignment?: Record<string, unknown>;
    assignmentId?: unknown;
    licenseeId?: unknown;
  };
  const station = parseInput(StationUpdate, { name: 'candidate', ...(b.station ?? {}), version: 0 });
  const input = parseInput(AssignmentInput, b.assignment ?? {});
  const [services, bandRows] = await Promise.all([serviceParams(), BandPlanEntry.findAll()]);
  const service = services.get(station.service);
  if (!service) throw new ValidationError({ 'station.service': { key: 'v.notAllowed' } });
  const necessary = Math.max(1, Math.round(input.emissionDesignator.necessaryBandwidthHz));
  const occ = occupiedRangeHz(input.frequencyHz, input.bandwidthHz, necessary);
  const bands = bandRows.map((e) => ({
    id: e.id,
    lowHz: e.lowHz,
    highHz: e.highHz,
    services: e.services,
    channelRasterHz: e.channelRasterHz,
    note: e.note,
  }));
  const bandPlanCheck =
    input.direction === 'tx'
      ? checkBandPlan(
          {
            service: station.service,
            frequencyHz: input.frequencyHz,
            bandwidthHz: input.bandwidthHz,
            necessaryBandwidthHz: necessary,
          },
          bands,
        )
      : null;
  if (input.direction !== 'tx') return { conflicts: [], bandPlanCheck, footprint: null };
  const site: SiteFacts = {
    assignmentId: CANDIDATE_ID,
    licenseeId: Number.isInteger(Number(b.licenseeId)) ? Number(b.licenseeId) : null,
    service: station.service,
    frequencyHz: input.frequencyHz,
    occupiedLowHz: occ.lowHz,
    occupiedHighHz: occ.highHz,
    latitude: station.latitude,
    longitude: station.longitude,
    antennaHeightM: station.antennaHeightM,
    erpW: erpW(station.txPowerW, station.antennaGainDbi, station.feederLossDb),
    azimuthDeg: station.azimuthDeg,
    beamwidthDeg: station.beamwidthDeg,
    farEndLatitude: station.farEndLatitude,
    farEndLongitude: station.farEndLongitude,
  };
  const fp = footprintAt(site, service, service.protectedFieldDbuv);
  const excluded = Number.isInteger(Number(b.assignmentId)) ? Number(b.assignmentId) : 0;
  const neighbours = await loadNeighbours(
    { site, footprintBox: fp.bboxDeg, envelope: envelopeOf(site, service, fp) },
    excluded,
    services,
  );
  const sites = new Map<number, SiteFacts>([[CANDIDATE_ID, site]]);
  const register: ScanAssignment[] = [];
  for (const n of neighbours) {
    // Every active TX assignment has a stored footprint (kept on save); one missing is skipped, not computed, since nothing is written here.
    if (!n.footprint) continue;
    sites.set(n.site.assignmentId, n.site);
    register.push(neighbourItem(n, services.get(n.site.service) as ServiceParams, n.footprint));
  }
  const findings = checkCandidate(scanItem(site, service, fp), register, contourSource(sites, services), {
    geometry: true,
  });
  const names = new Map(
    neighbours.map(({ row }) => [
      row.id,
      { stationName: row.station?.name ?? '', licenceId: row.station?.licenceId ?? null, frequencyHz: row.frequencyHz },
    ]),
  );
  return {
    conflicts: findings.map((f) => ({
      ...f,
      other: names.get(f.victimId === CANDIDATE_ID ? f.interfererId : f.victimId) ?? null,
      candidateIs: f.victimId === CANDIDATE_ID ? 'victim' : 'interferer',
    })),
    bandPlanCheck,
    footprint: {
      type: 'Feature',
      geometry: fp.polygon,
      properties: {
        model: fp.details.model,
        maxRadiusKm: fp.maxRadiusKm,
        horizonKm: fp.details.horizonKm,
        warnings: fp.details.warnings,
      },
    },
  };
}
