/**
 * One unsaved candidate site on many channels at once (the channel finder, SPEC §12): the same evaluation
 * as the live check (conflicts.pipeline.ts findConflicts with an `unsaved` candidate), run once per
 * channel, with the register around the whole range loaded once.
 *
 *   channels → the candidate's footprint on each (engine) → the register around all of them (one query)
 *            → one prepared index → per channel: checkCandidate (geo engine), both directions,
 *              then the channel's worst field margin (MarginContext, geo conflicts/margin.ts)
 *
 * Why the findings are exactly the live check's on each channel: the neighbour query of conflicts.queries.ts
 * only leaves out pairs that cannot conflict; asked with the union of the channels' footprint boxes and
 * reach envelopes, the lowest and highest occupied edges and the widest channel (Around.widthHz), it
 * returns a superset of every channel's own neighbours, and the engine decides each pair exactly (a
 * register row that cannot conflict with a channel yields no finding for it). The prepared index only
 * chooses how interferers are looked up, not which pairs conflict (geo candidate.ts). Register rows
 * without a stored footprint are skipped, as the live check (which writes nothing) skips them.
 * A test compares this with the live check, channel by channel, on a seeded register.
 *
 * Cost (test/bench/planning.ts): the register is read with finderNeighbours (the live check's ids, one plain
 * join for their rows, no footprint details); the candidate's reach envelope is drawn once when it does not
 * depend on the frequency (the Hata chain, corridors); its footprints skip the source digest that only stored
 * footprints need. What stays per channel is the candidate's own geometry (footprint, contours), which depends
 * on the frequency, and the engine's pairs.
 */
import { distance } from '@turf/turf';
import {
  checkCandidate,
  frequencyReachHz,
  prepareIndex,
  type ConflictFinding,
  type ScanAssignment,
} from '../../../geo/conflicts';
import type { BBoxDeg } from '../../../geo/conflicts';
import {
  effectiveThresholdDbuvM,
  fieldModel,
  pairMarginDb,
  pathsTo,
  settleMarginDb,
  type FieldModel,
  type Paths,
} from '../../../geo/conflicts/margin';
import { frequencyRelation } from '../../../geo/frequency/relation';
import { indexedIntermod, type IntermodSite } from '../../../geo/conflicts/intermod';
import { Service } from '../../models/Service';
import {
  contourSource,
  envelopeOf,
  footprintAt,
  scanItem,
  txSiteOf,
  type ProtectedFootprint,
  type ServiceParams,
} from './conflicts.engine';
import type { SiteFacts } from './conflicts.engine';
import { UNSAVED_ID } from './conflicts.pipeline';
import { intermodConflict, intermodOfUnsaved, type IntermodConflict } from './conflicts.intermod';
import { neighbourIds, SiteRow, type Around, type OtherSide } from './conflicts.queries';
import { ACTIVE_LICENCE_STATUSES } from './conflicts.engine';
import { Assignment } from '../../models/Assignment';
import { selectRows, sql } from '../../db/sql';
import { z } from 'zod';
import type { Polygon } from 'geojson';

/** One channel of the candidate: its centre and half-open occupied range, Hz. */
export interface Channel {
  frequencyHz: number;
  occupiedLowHz: number;
  occupiedHighHz: number;
}

export interface ChannelFindings {
  channel: Channel;
  /** Both directions (the candidate, id UNSAVED_ID, as victim or interferer), sorted as the live check's. */
  findings: ConflictFinding[];
  /** The candidate's intermodulation conflicts on the channel (conflicts.intermod.ts), as the live check's. */
  intermod: IntermodConflict[];
  footprint: ProtectedFootprint;
  /**
   * The worst (lowest) field margin, dB, over the related pairs of the channel in both directions (geo
   * conflicts/margin.ts, sign settled by the engine's findings); null when no related neighbour is within
   * reach. See marginsOnChannel.
   */
  worstMarginDb: number | null;
}

export interface ChannelsResult {
  /** In the order of the channels given. */
  channels: ChannelFindings[];
  /** The other side of every neighbour loaded, by assignment id. */
  others: Map<number, OtherSide>;
  /** How many register assignments the one neighbour query loaded. */
  neighbours: number;
  /** Time the register around the channels took to load (its queries), ms, and this process's CPU meanwhile. */
  loadMs: number;
  loadCpuMs: number;
}

/**
 * Hundreds of channels take a few hundred milliseconds of computation: the event loop gets a turn every
 * YIELD_EVERY channels, so that pages and the live check stay fast while a search runs. (Each call keeps its
 * own `sites` map, so searches running side by side do not see each other's candidate.)
 */
const YIELD_EVERY = 50;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const union = (a: BBoxDeg, b: BBoxDeg): BBoxDeg => [
  Math.min(a[0], b[0]),
  Math.min(a[1], b[1]),
  Math.max(a[2], b[2]),
  Math.max(a[3], b[3]),
];

/**
 * The live check's findings for `site` (its frequency fields ignored) on each channel. `excludeId`: a saved
 * assignment the candidate replaces (0 for none), as in findConflicts. `geometry`: overlap polygons too (the
 * live check asks for them; the finder does not, and the areas are the same either way). `margins: false`: no
 * worst margin (worstMarginDb null), for callers that do not show it.
 */
export async function findConflictsOnChannels(
  site: SiteFacts,
  channels: readonly Channel[],
  services: Map<string, ServiceParams>,
  opts: { excludeId?: number; geometry?: boolean; margins?: boolean } = {},
): Promise<ChannelsResult> {
  const service = services.get(site.service);
  if (!service || channels.length === 0)
    return { channels: [], others: new Map(), neighbours: 0, loadMs: 0, loadCpuMs: 0 };
  const perChannel: { channel: Channel; site: SiteFacts; footprint: ProtectedFootprint }[] = [];
  // The reach envelope depends on the frequency only for P.1546 (conflicts.engine envelopeOf): drawn once otherwise.
  let sharedEnvelope: BBoxDeg | null = null;
  for (const [i, channel] of channels.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToLoop();
    const s: SiteFacts = { ...site, assignmentId: UNSAVED_ID, ...channel };
    // The protected footprint as protectedFootprint draws it, without its source digest (a hash per channel
    // that only the stored footprints need).
    const fp = footprintAt(s, service, service.protectedFieldDbuv);
    const envelopeDeg: BBoxDeg = sharedEnvelope ?? envelopeOf(s, service, fp);
    if (service.propagationModel !== 'p1546') sharedEnvelope = envelopeDeg;
    perChannel.push({ channel, site: s, footprint: { ...fp, envelopeDeg } });
  }
  const first = perChannel[0] as (typeof perChannel)[number];
  let footprintBox = first.footprint.bboxDeg;
  let envelopeDeg = first.footprint.envelopeDeg;
  let low = first.channel.occupiedLowHz;
  let high = first.channel.occupiedHighHz;
  let widthHz = 0;
  for (const c of perChannel) {
    footprintBox = union(footprintBox, c.footprint.bboxDeg);
    envelopeDeg = union(envelopeDeg, c.footprint.envelopeDeg);
    low = Math.min(low, c.channel.occupiedLowHz);
    high = Math.max(high, c.channel.occupiedHighHz);
    widthHz = Math.max(widthHz, c.channel.occupiedHighHz - c.channel.occupiedLowHz);
  }
  const around = {
    site: { ...first.site, occupiedLowHz: low, occupiedHighHz: high },
    footprintBox,
    envelopeDeg,
    widthHz,
  };
  const loadStarted = performance.now();
  const loadCpu = process.cpuUsage();
  const neighbours = await finderNeighbours(around, opts.excludeId ?? 0, services);
  const loadMs = performance.now() - loadStarted;
  const { user, system } = process.cpuUsage(loadCpu);
  const loadCpuMs = (user + system) / 1000;
  const others = new Map<number, OtherSide>();
  const sites = new Map<number, SiteFacts>();
  const register: ScanAssignment[] = [];
  for (const n of neighbours) {
    others.set(n.site.assignmentId, n.other);
    if (!n.footprint) continue;
    sites.set(n.site.assignmentId, n.site);
    register.push(scanItem(n.site, n.service, n.footprint));
  }
  // The contour source reads the candidate's site from `sites` when it needs it: set per channel below.
  const src = contourSource(sites, services);
  const index = prepareIndex(register, src);
  const out: ChannelFindings[] = [];
  const margins = new MarginContext(site, service, register, sites, services);
  for (const [i, c] of perChannel.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToLoop();
    sites.set(UNSAVED_ID, c.site);
    const candidate = scanItem(c.site, service, c.footprint);
    const findings = checkCandidate(candidate, index, src, {
      geometry: opts.geometry === true,
    });
    const worstMarginDb = opts.margins === false ? null : margins.onChannel(c.site, candidate, c.footprint, findings);
    out.push({ channel: c.channel, findings, intermod: [], footprint: c.footprint, worstMarginDb });
  }
  sites.delete(UNSAVED_ID);
  await addIntermod(site, out, opts.excludeId ?? 0, others);
  return { channels: out, others, neighbours: neighbours.length, loadMs, loadCpuMs };
}

const num = z.coerce.number();
/** A neighbour's site (the live check's row, conflicts.queries SiteRow) with its stored footprint's polygon and box. */
const FinderRow = SiteRow.extend({
  stationName: z.string().nullable(),
  licenceId: z.coerce.number().int().nullable(),
  polygon: z.string().nullable(),
  minLon: num.nullable(),
  minLat: num.nullable(),
  maxLon: num.nullable(),
  maxLat: num.nullable(),
});

interface FinderNeighbour {
  site: SiteFacts;
  service: ServiceParams;
  footprint: { polygon: Polygon; bboxDeg: BBoxDeg } | null;
  other: OtherSide;
}

/**
 * The register around the channels, as conflicts.queries loadNeighbours loads it (the same ids from
 * neighbourIds, the same active-licence rule, the same sites, stored footprints and other sides), read with
 * one plain join instead of model instances with their includes, and without what the engine does not read
 * here (the footprint's details — radii, inputs, warnings — and its envelope).
 */
async function finderNeighbours(
  around: Around,
  excludeId: number,
  services: Map<string, ServiceParams>,
): Promise<FinderNeighbour[]> {
  const maxGuard = Math.max(0, ...[...services.values()].map((s) => s.adjacentGuardHz ?? 0));
  const ids = await neighbourIds(around, excludeId, maxGuard);
  if (ids.length === 0) return [];
  const sequelize = Assignment.sequelize;
  if (!sequelize) throw new Error('the models are not initialised');
  const rows = await selectRows(
    sequelize,
    sql`SELECT a.id AS "assignmentId", l."licenseeId" AS "licenseeId", s.service AS service,
          a."frequencyHz" AS "frequencyHz", a."occupiedLowHz" AS "occupiedLowHz",
          a."occupiedHighHz" AS "occupiedHighHz", s.latitude AS latitude, s.longitude AS longitude,
          s."antennaHeightM" AS "antennaHeightM", s."erpW" AS "erpW", s."azimuthDeg" AS "azimuthDeg",
          s."beamwidthDeg" AS "beamwidthDeg", s."farEndLatitude" AS "farEndLatitude",
          s."farEndLongitude" AS "farEndLongitude", s.name AS "stationName", s."licenceId" AS "licenceId",
          f.polygon AS polygon, f."minLon" AS "minLon", f."minLat" AS "minLat", f."maxLon" AS "maxLon",
          f."maxLat" AS "maxLat"
        FROM assignments a JOIN stations s ON s.id = a."stationId" JOIN licences l ON l.id = s."licenceId"
          LEFT JOIN assignment_footprints f ON f."assignmentId" = a.id
        WHERE a.id IN (${ids}) AND l.status IN (${[...ACTIVE_LICENCE_STATUSES]})
        ORDER BY a.id`,
    FinderRow,
  );
  const out: FinderNeighbour[] = [];
  for (const r of rows) {
    const service = services.get(r.service);
    if (!service) continue;
    const site: SiteFacts = {
      assignmentId: r.assignmentId,
      licenseeId: r.licenseeId,
      service: r.service,
      frequencyHz: r.frequencyHz,
      occupiedLowHz: r.occupiedLowHz,
      occupiedHighHz: r.occupiedHighHz,
      latitude: r.latitude,
      longitude: r.longitude,
      antennaHeightM: r.antennaHeightM,
      erpW: r.erpW,
      azimuthDeg: r.azimuthDeg,
      beamwidthDeg: r.beamwidthDeg,
      farEndLatitude: r.farEndLatitude,
      farEndLongitude: r.farEndLongitude,
    };
    let footprint: FinderNeighbour['footprint'] = null;
    if (r.polygon !== null && r.minLon !== null && r.minLat !== null && r.maxLon !== null && r.maxLat !== null) {
      const polygon = JSON.parse(r.polygon) as Polygon;
      if (polygon?.type !== 'Polygon' || !Array.isArray(polygon.coordinates))
        throw new Error(`the stored footprint of assignment ${r.assignmentId} is not a polygon`);
      footprint = { polygon, bboxDeg: [r.minLon, r.minLat, r.maxLon, r.maxLat] };
    }
    out.push({
      site,
      service,
      footprint,
      other: { stationName: r.stationName ?? '', licenceId: r.licenceId, frequencyHz: r.frequencyHz },
    });
  }
  return out;
}

/**
 * Intermodulation on each channel, as the live check finds it (conflicts.pipeline.ts addIntermod →
 * intermodOfUnsaved): the register around the site does not depend on the frequency, so it is loaded once
 * (by intermodOfUnsaved, for the first channel), then each other channel's products come from the same
 * search (geo indexedIntermod focused on the candidate, as intermodOfUnsaved runs it) over the same sites.
 */
async function addIntermod(
  site: SiteFacts,
  out: ChannelFindings[],
  excludeId: number,
  others: Map<number, OtherSide>,
): Promise<void> {
  const first = out[0];
  if (!first) return;
  const candidate = (c: Channel) => ({
    id: UNSAVED_ID,
    direction: 'tx' as const,
    latDeg: site.latitude,
    lonDeg: site.longitude,
    frequencyHz: c.frequencyHz,
    occupiedLowHz: c.occupiedLowHz,
    occupiedHighHz: c.occupiedHighHz,
    licenseeId: site.licenseeId,
  });
  const loaded = await intermodOfUnsaved({ ...candidate(first.channel), service: site.service }, excludeId);
  first.intermod = loaded.conflicts;
  for (const s of loaded.sites.values())
    others.set(s.id, { stationName: s.stationName, licenceId: s.licenceId, frequencyHz: s.frequencyHz });
  if (out.length === 1) return;
  const svc = await Service.findOne({ where: { code: site.service } });
  const [distanceKm, windowPercent] = [svc?.intermodDistanceKm ?? 0, svc?.intermodWindowPercent ?? 0];
  const register: IntermodSite[] = [...loaded.sites.values()];
  for (const [i, c] of out.slice(1).entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToLoop();
    const own: IntermodSite = { ...candidate(c.channel), distanceKm, windowPercent };
    const all = [...register, own];
    const byId = new Map(all.map((s) => [s.id, s]));
    c.intermod = indexedIntermod(all, { focusId: UNSAVED_ID }).map((f) => intermodConflict(f, byId));
  }
}

const isCorridor = (site: SiteFacts, service: ServiceParams) =>
  service.code === 'fixed_link' && site.farEndLatitude !== null && site.farEndLongitude !== null;

/** A site's field as its footprints are drawn (conflicts.engine footprintAt); null for a fixed link's corridor. */
function fieldOf(site: SiteFacts, service: ServiceParams): FieldModel | null {
  if (isCorridor(site, service)) return null;
  return fieldModel(txSiteOf(site), {
    receiverHeightM: service.receiverHeightM,
    environment: service.environment,
    ...(service.propagationModel === 'p1546' ? { propagationModel: 'p1546' as const } : {}),
  });
}

interface NeighbourMargin {
  item: ScanAssignment;
  service: ServiceParams;
  /** Its field (null: a corridor, not modelled). */
  field: FieldModel | null;
  /** From the candidate's site (the same on every channel) to this neighbour's footprint vertices. */
  fromCandidate: Paths;
  /** Great-circle distance between the two sites, km. */
  siteKm: number;
  /** Its site, [lon, lat]. */
  origin: [number, number];
}

/**
 * The worst margin of the candidate on each channel (the channel finder's ranking, SPEC §12): for every
 * register assignment related in frequency to the channel (§4.4, either direction), the pair margin of geo
 * conflicts/margin.ts with the candidate as victim and as interferer, settled to the sign of the engine's
 * finding for that ordered pair (settleMarginDb), and the lowest kept. A pair with a fixed link's corridor
 * (no field model) has a figure only when it conflicts (0). What is channel-independent is prepared once per
 * neighbour (its field model, the paths from the candidate's site to its footprint, the distance between
 * sites); the paths from a neighbour to the candidate's footprint are drawn only when the neighbour can
 * reach it (distance between sites − the footprint's largest radius ≤ the neighbour's reach).
 */
class MarginContext {
  private readonly prepared = new Map<number, NeighbourMargin>();
  private readonly origin: [number, number];
  /** The register by occupied low edge, with the widest occupied width and frequency reach in it. */
  private readonly byLow: ScanAssignment[];
  private readonly widestHz: number;
  private readonly reachHz: number;

  constructor(
    site: SiteFacts,
    private readonly service: ServiceParams,
    register: readonly ScanAssignment[],
    private readonly sites: Map<number, SiteFacts>,
    private readonly services: Map<string, ServiceParams>,
  ) {
    this.origin = [site.longitude, site.latitude];
    this.byLow = [...register].sort((a, b) => a.occupiedLowHz - b.occupiedLowHz);
    this.widestHz = register.reduce((w, b) => Math.max(w, b.occupiedHighHz - b.occupiedLowHz), 0);
    this.reachHz = register.reduce((w, b) => Math.max(w, frequencyReachHz(b)), 0);
  }

  /**
   * The register rows that can be related to `c` in frequency (§4.4): a pair's guard is at most the larger
   * frequency reach of the two (geo frequencyReachHz), so a related row's low edge lies in
   * [c.low − R − widest, c.high + R] with R the larger of c's reach and the register's widest reach.
   */
  private near(c: ScanAssignment): ScanAssignment[] {
    const r = Math.max(frequencyReachHz(c), this.reachHz);
    const from = c.occupiedLowHz - r - this.widestHz;
    const to = c.occupiedHighHz + r;
    let lo = 0;
    let hi = this.byLow.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.byLow[mid] as ScanAssignment).occupiedLowHz < from) lo = mid + 1;
      else hi = mid;
    }
    const out: ScanAssignment[] = [];
    for (let i = lo; i < this.byLow.length && (this.byLow[i] as ScanAssignment).occupiedLowHz <= to; i++)
      out.push(this.byLow[i] as ScanAssignment);
    return out;
  }

  private neighbour(item: ScanAssignment): NeighbourMargin | null {
    let n = this.prepared.get(item.id);
    if (n === undefined) {
      const site = this.sites.get(item.id);
      const service = this.services.get(item.service);
      if (!site || !service) return null;
      const origin: [number, number] = [site.longitude, site.latitude];
      n = {
        item,
        service,
        field: fieldOf(site, service),
        fromCandidate: pathsTo(this.origin, item.footprint),
        siteKm: distance(this.origin, origin),
        origin,
      };
      this.prepared.set(item.id, n);
    }
    return n;
  }

  onChannel(
    site: SiteFacts,
    candidate: ScanAssignment,
    footprint: ProtectedFootprint,
    findings: readonly ConflictFinding[],
  ): number | null {
    const conflicting = new Set(findings.map((f) => `${f.victimId}:${f.interfererId}`));
    let ownField: FieldModel | null | undefined;
    // settleMarginDb is monotone in the margin for either decision: the raw minima of the pairs the engine
    // flags and of those it clears are settled once each.
    const worst = { flagged: Infinity, clear: Infinity, anyFlagged: false };
    const add = (marginDb: number, flagged: boolean) => {
      if (flagged) {
        worst.anyFlagged = true;
        worst.flagged = Math.min(worst.flagged, marginDb);
      } else worst.clear = Math.min(worst.clear, marginDb);
    };
    for (const item of this.near(candidate)) {
      if (item.id === candidate.id) continue;
      const asVictim = frequencyRelation(candidate, item).kind;
      const asInterferer = frequencyRelation(item, candidate).kind;
      if (asVictim === null && asInterferer === null) continue;
      const n = this.neighbour(item);
      if (n === null) continue;
      if (asVictim !== null) {
        // The candidate as victim: the neighbour's field over the candidate's footprint on this channel.
        let m = Infinity;
        if (n.field !== null && n.siteKm - footprint.maxRadiusKm <= n.field.reachKm) {
          const t = effectiveThresholdDbuvM(candidate, item.protectedFieldDbuvM, asVictim);
          m = pairMarginDb(t, n.field, pathsTo(n.origin, footprint.polygon));
        }
        add(m, conflicting.has(`${candidate.id}:${item.id}`));
      }
      if (asInterferer !== null) {
        // The candidate as interferer: its field on this channel over the neighbour's footprint.
        if (ownField === undefined) ownField = fieldOf(site, this.service);
        let m = Infinity;
        if (ownField !== null) {
          const t = effectiveThresholdDbuvM(item, candidate.protectedFieldDbuvM, asInterferer);
          m = pairMarginDb(t, ownField, n.fromCandidate);
        }
        add(m, conflicting.has(`${item.id}:${candidate.id}`));
      }
    }
    const settled = Math.min(
      worst.anyFlagged ? settleMarginDb(worst.flagged, true) : Infinity,
      settleMarginDb(worst.clear, false),
    );
    return settled === Infinity ? null : settled;
  }
}
