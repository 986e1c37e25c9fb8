/**
 * The channel finder (SPEC §12, issue 16): for a candidate site, service, power and antenna, every channel of
 * the band plan's raster in a range (planning.raster.ts), each checked against the band plan (geo
 * checkBandPlan, as the live check) and, when the plan allows the service there, against the register with
 * the live check's own evaluation in both directions (conflicts findConflictsOnChannels: the register around
 * the range loaded once). Nothing is written.
 *
 * Choices the SPEC leaves open, with their reasons:
 * - status: `not_allowed` when the band-plan check finds no entry allowing the service around the whole
 *   channel (outside the plan, straddling an edge, service not allowed); such channels are not evaluated
 *   for conflicts (the plan rules them out first; their `conflicts` is empty). Otherwise `free` without
 *   conflicts, else `conflicts`. A warning that does not close the channel (wider than the channel,
 *   off raster) stays in its `bandPlanCheck`.
 * - worstMarginDb (SPEC §12 "ranked by the worst margin to the existing register"): for every register
 *   assignment related in frequency to the channel (§4.4), in both directions (the candidate as victim and as
 *   interferer), the field margin of the pair (geo/conflicts/margin.ts, defined in geo/README.md "Field margin
 *   of a pair"): the victim's level for the relation (protected field − PR, no higher than the interferer's own
 *   protected field) minus the interferer's highest field strength, by the model chain and antenna pattern of
 *   its footprints (§4.2–4.3), over the 72 vertices of the victim's protected footprint (and at the
 *   interferer's site when it stands inside it). Positive: clear by that much; ≤ 0: interfering. The worst is
 *   the lowest over the pairs, reported to 0.1 dB; absent when no related assignment is within reach (beyond
 *   the radio horizon no contour reaches). The engine's polygons decide conflicts, the margin only measures
 *   them: a pair the engine flags has a margin ≤ 0 and one it clears at least 0.1 dB (where the sampled field
 *   and the 72-gon disagree, within the chords between two radials). Why a field margin, not an overlap: it
 *   ranks free channels too (by how far they are from the nearest conflict), which the overlap figures cannot.
 *   Intermodulation products have no modelled level (the engine decides them by frequency): they add no margin.
 * - ranking ("no conflict first, then by overlap"): free channels, by their worst margin, largest first (a
 *   channel without a related neighbour first of all); then channels with conflicts, by their worst severity
 *   (low < medium < high: a high conflict blocks issuing), then the largest overlap fraction, then the summed
 *   overlap area, then the number of conflicts; then not_allowed. Ties by frequency, lowest first, so the
 *   order is stable.
 * - the candidate's licensee: the licensee of `stationId`'s licence when given (its own assignments are
 *   still reported, marked sameLicensee, as §4.5 asks), else none.
 */
import { checkBandPlan, occupiedRangeHz, type BandPlanCheck } from '../../../geo/bandplan/check';
import type { ConflictFinding } from '../../../geo/conflicts';
import { erpW } from '../../../geo/power';
import { ValidationError } from '../../lib/errors';
import { parseInput } from '../../lib/validation';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import {
  findConflictsOnChannels,
  presentUnsavedIntermod,
  serviceParams,
  UNSAVED_ID,
  type OtherSide,
  type SiteFacts,
} from '../conflicts/conflicts.service';
import type { DistrictService } from '../districts/districts.service';
import { getStation } from '../stations/stations.service';
import { channelCentresHz, countChannelsAtMost, entriesFor } from './planning.raster';
import { MAX_CHANNELS, PlanningInput } from './planning.schema';

export type ChannelStatus = 'free' | 'conflicts' | 'not_allowed';

interface Sides {
  other: OtherSide | null;
  candidateIs: 'victim' | 'interferer';
}

/** A pair conflict (co- or adjacent channel) or an intermodulation one, as the live check shows it. */
export type ChannelConflict = (Omit<ConflictFinding, 'geometry'> & Sides) | ReturnType<typeof presentUnsavedIntermod>;

export interface ChannelResult {
  frequencyHz: number;
  occupiedLowHz: number;
  occupiedHighHz: number;
  status: ChannelStatus;
  /** The worst field margin over the channel's related pairs, dB (file comment); null when none is within reach. */
  worstMarginDb: number | null;
  conflicts: ChannelConflict[];
  bandPlanCheck: BandPlanCheck;
  /** Figures the ranking uses (file comment). */
  harm: { worstSeverity: 'high' | 'medium' | 'low' | null; maxOverlapFraction: number; overlapKm2: number };
}

export interface FinderResult {
  input: PlanningInput;
  channels: ChannelResult[];
  counts: { free: number; conflicts: number; notAllowed: number };
  /** Register assignments loaded around the range (one query), and the time taken, ms. */
  neighbours: number;
  elapsedMs: number;
  /**
   * Of elapsedMs, the time the register around the range took to load, ms, and the process's CPU meanwhile
   * (its queries' on SQLite, which runs in the process; the benchmark prints both).
   */
  loadMs: number;
  loadCpuMs: number;
}

const SEVERITY_RANK = { low: 1, medium: 2, high: 3 } as const;
const STATUS_RANK: Record<ChannelStatus, number> = { free: 0, conflicts: 1, not_allowed: 2 };

function harmOf(conflicts: ChannelConflict[]): ChannelResult['harm'] {
  let worst: ChannelResult['harm']['worstSeverity'] = null;
  let maxOverlapFraction = 0;
  let overlapKm2 = 0;
  for (const c of conflicts) {
    if (worst === null || SEVERITY_RANK[c.severity] > SEVERITY_RANK[worst]) worst = c.severity;
    maxOverlapFraction = Math.max(maxOverlapFraction, c.overlapFraction);
    overlapKm2 += c.overlapKm2;
  }
  return { worstSeverity: worst, maxOverlapFraction, overlapKm2 };
}

/** A channel's margin for the ranking: none (no related neighbour within reach) ranks as the largest. */
const marginOf = (c: ChannelResult) => c.worstMarginDb ?? Infinity;

/** Free first by worst margin (largest first), then least harm, then not allowed; ties by frequency (file comment). */
export function compareChannels(a: ChannelResult, b: ChannelResult): number {
  const byMargin = a.status === 'free' && b.status === 'free' ? marginOf(b) - marginOf(a) : 0;
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    (Number.isNaN(byMargin) ? 0 : byMargin) ||
    (a.harm.worstSeverity ? SEVERITY_RANK[a.harm.worstSeverity] : 0) -
      (b.harm.worstSeverity ? SEVERITY_RANK[b.harm.worstSeverity] : 0) ||
    a.harm.maxOverlapFraction - b.harm.maxOverlapFraction ||
    a.harm.overlapKm2 - b.harm.overlapKm2 ||
    a.conflicts.length - b.conflicts.length ||
    a.frequencyHz - b.frequencyHz
  );
}

/** Parses and checks the request (422 per field), then finds and ranks the channels. */
export async function findChannels(body: unknown, districts: DistrictService): Promise<FinderResult> {
  const started = performance.now();
  const input = parseInput(PlanningInput, body);
  const { station, range, bandwidthHz } = input;
  if (!(await districts.lookup(station.latitude, station.longitude))) {
    throw new ValidationError({
      'station.latitude': { key: 'v.outsideJurisdiction' },
      'station.longitude': { key: 'v.outsideJurisdiction' },
    });
  }
  const [services, bandRows] = await Promise.all([serviceParams(), BandPlanEntry.findAll()]);
  if (!services.get(station.service)) throw new ValidationError({ 'station.service': { key: 'v.notAllowed' } });
  const necessary = input.emissionDesignator
    ? Math.max(1, Math.round(input.emissionDesignator.necessaryBandwidthHz))
    : null;
  const bands = bandRows.map((e) => ({
    id: e.id,
    lowHz: e.lowHz,
    highHz: e.highHz,
    services: e.services,
    channelRasterHz: e.channelRasterHz,
    note: e.note,
  }));
  const entries = entriesFor(bands, station.service, range.fromHz, range.toHz);
  if (
    countChannelsAtMost(entries, bandwidthHz, necessary, range.fromHz, range.toHz) >
    MAX_CHANNELS + 2 * entries.length
  ) {
    throw new ValidationError({ 'range.toHz': { key: 'v.planningTooManyChannels', params: { max: MAX_CHANNELS } } });
  }
  const centres = channelCentresHz(entries, bandwidthHz, necessary, range.fromHz, range.toHz);
  if (centres.length > MAX_CHANNELS)
    throw new ValidationError({ 'range.toHz': { key: 'v.planningTooManyChannels', params: { max: MAX_CHANNELS } } });
  if (centres.length === 0) throw new ValidationError({ 'range.fromHz': { key: 'v.planningNoChannels' } });

  const checked = centres.map((frequencyHz) => ({
    frequencyHz,
    occ: occupiedRangeHz(frequencyHz, bandwidthHz, necessary),
    bandPlanCheck: checkBandPlan(
      { service: station.service, frequencyHz, bandwidthHz, necessaryBandwidthHz: necessary },
      bands,
    ),
  }));
  const licenseeId = input.stationId ? ((await getStation(input.stationId)).licence?.licenseeId ?? null) : null;
  const site: SiteFacts = {
    assignmentId: UNSAVED_ID,
    licenseeId,
    service: station.service,
    frequencyHz: 0,
    occupiedLowHz: 0,
    occupiedHighHz: 0,
    latitude: station.latitude,
    longitude: station.longitude,
    antennaHeightM: station.antennaHeightM,
    erpW: erpW(station.txPowerW, station.antennaGainDbi, station.feederLossDb),
    azimuthDeg: station.azimuthDeg,
    beamwidthDeg: station.beamwidthDeg,
    farEndLatitude: station.farEndLatitude,
    farEndLongitude: station.farEndLongitude,
  };
  const allowed = checked.filter((c) => c.bandPlanCheck.allowed);
  const found = await findConflictsOnChannels(
    site,
    allowed.map((c) => ({ frequencyHz: c.frequencyHz, occupiedLowHz: c.occ.lowHz, occupiedHighHz: c.occ.highHz })),
    services,
  );
  const byFrequency = new Map(found.channels.map((c) => [c.channel.frequencyHz, c]));
  const channels = checked.map((c): ChannelResult => {
    const one = c.bandPlanCheck.allowed ? byFrequency.get(c.frequencyHz) : undefined;
    const conflicts: ChannelConflict[] = [
      ...(one?.findings ?? []).map(({ geometry: _geometry, ...f }) => ({
        ...f,
        other: found.others.get(f.victimId === UNSAVED_ID ? f.interfererId : f.victimId) ?? null,
        candidateIs: f.victimId === UNSAVED_ID ? ('victim' as const) : ('interferer' as const),
      })),
      ...(one?.intermod ?? []).map((x) => presentUnsavedIntermod(x, found.others)),
    ];
    return {
      frequencyHz: c.frequencyHz,
      occupiedLowHz: c.occ.lowHz,
      occupiedHighHz: c.occ.highHz,
      status: !c.bandPlanCheck.allowed ? 'not_allowed' : conflicts.length ? 'conflicts' : 'free',
      worstMarginDb: one?.worstMarginDb ?? null,
      conflicts,
      bandPlanCheck: c.bandPlanCheck,
      harm: harmOf(conflicts),
    };
  });
  channels.sort(compareChannels);
  const count = (s: ChannelStatus) => channels.filter((c) => c.status === s).length;
  return {
    input,
    channels,
    counts: { free: count('free'), conflicts: count('conflicts'), notAllowed: count('not_allowed') },
    neighbours: found.neighbours,
    elapsedMs: Math.round(performance.now() - started),
    loadMs: Math.round(found.loadMs),
    loadCpuMs: Math.round(found.loadCpuMs),
  };
}
