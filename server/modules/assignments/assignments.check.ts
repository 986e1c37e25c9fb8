/**
 * The live check while an officer types (SPEC §4.5 incremental check): an unsaved station + assignment,
 * parsed with the forms' own schemas, checked against the band plan and, through the conflict pipeline,
 * against the register. Nothing is written. (It lives with the assignments, whose input it is; the
 * conflicts module stays below the stations and assignments that it keeps current.)
 */
import { z } from 'zod';
import { checkBandPlan, occupiedRangeHz } from '../../../geo/bandplan/check';
import { parseInput } from '../../lib/validation';
import { ValidationError } from '../../lib/errors';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { erpW } from '../../../geo/power';
import { AssignmentInput, designatorInput } from './assignments.schema';
import { StationUpdate } from '../stations/stations.schema';
import {
  findConflicts,
  intermodOfUnsaved,
  presentUnsavedIntermod,
  serviceParams,
  UNSAVED_ID,
  type OtherSide,
  type SiteFacts,
} from '../conflicts/conflicts.service';

/** The live check's input: the designator may come later (the channel width alone bounds the occupied band). */
const CheckInput = AssignmentInput.extend({
  emissionDesignator: z.preprocess(
    (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    designatorInput.optional(),
  ),
});

/**
 * The candidate assignment as far as it is known: frequency, width and direction are needed; a missing or
 * not yet valid designator leaves the check to the channel width, and is reported in `missing`.
 */
function parseCandidate(raw: unknown): { input: z.output<typeof CheckInput>; missing: string[] } {
  try {
    const input = parseInput(CheckInput, raw);
    return { input, missing: input.emissionDesignator ? [] : ['emissionDesignator'] };
  } catch (err) {
    if (!(err instanceof ValidationError) || Object.keys(err.fields).some((k) => k !== 'emissionDesignator')) throw err;
    const rest = { ...(raw as Record<string, unknown>), emissionDesignator: undefined };
    return { input: parseInput(CheckInput, rest), missing: ['emissionDesignator'] };
  }
}

export async function checkUnsaved(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as {
    station?: Record<string, unknown>;
    assignment?: Record<string, unknown>;
    assignmentId?: unknown;
    licenseeId?: unknown;
  };
  const station = parseInput(StationUpdate, { name: 'candidate', ...(b.station ?? {}), version: 0 });
  const { input, missing } = parseCandidate(b.assignment ?? {});
  const [services, bandRows] = await Promise.all([serviceParams(), BandPlanEntry.findAll()]);
  const service = services.get(station.service);
  if (!service) throw new ValidationError({ 'station.service': { key: 'v.notAllowed' } });
  const necessary = input.emissionDesignator
    ? Math.max(1, Math.round(input.emissionDesignator.necessaryBandwidthHz))
    : null;
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
  const licenseeId = Number.isInteger(Number(b.licenseeId)) ? Number(b.licenseeId) : null;
  const excludeId = Number.isInteger(Number(b.assignmentId)) ? Number(b.assignmentId) : 0;
  if (input.direction !== 'tx') {
    // A receiver suffers only from intermodulation products of the transmitters around it (SPEC §12).
    const { conflicts, sites } = await intermodOfUnsaved(
      {
        id: UNSAVED_ID,
        direction: 'rx',
        service: station.service,
        latDeg: station.latitude,
        lonDeg: station.longitude,
        frequencyHz: input.frequencyHz,
        occupiedLowHz: occ.lowHz,
        occupiedHighHz: occ.highHz,
        licenseeId,
      },
      excludeId,
    );
    const others = new Map([...sites].map(([id, s]) => [id, s as OtherSide]));
    return {
      conflicts: conflicts.map((c) => presentUnsavedIntermod(c, others)),
      bandPlanCheck,
      footprint: null,
      missing,
    };
  }
  const site: SiteFacts = {
    assignmentId: UNSAVED_ID,
    licenseeId,
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
  const { batches, others } = await findConflicts({ kind: 'unsaved', site, excludeId }, services);
  const checked = batches[0]; // the candidate's, since its service is known (checked above)
  const fp = checked?.footprint;
  if (!checked || !fp) return { conflicts: [], bandPlanCheck, footprint: null, missing };
  return {
    conflicts: [
      ...checked.findings.map((f) => ({
        ...f,
        other: others.get(f.victimId === UNSAVED_ID ? f.interfererId : f.victimId) ?? null,
        candidateIs: f.victimId === UNSAVED_ID ? 'victim' : 'interferer',
      })),
      ...(checked.intermod ?? []).map((c) => presentUnsavedIntermod(c, others)),
    ],
    bandPlanCheck,
    missing,
    footprint: {
      type: 'Feature',
      geometry: fp.polygon,
      properties: {
        model: fp.details.model,
        ...(fp.details.explanation ? { explanation: fp.details.explanation } : {}),
        maxRadiusKm: fp.maxRadiusKm,
        horizonKm: fp.details.horizonKm,
        warnings: fp.details.warnings,
      },
    },
  };
}
