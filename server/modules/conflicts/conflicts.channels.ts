/**
 * One unsaved candidate site on many channels at once (the channel finder, SPEC §12): the same evaluation
 * as the live check (conflicts.pipeline.ts findConflicts with an `unsaved` candidate), run once per
 * channel, with the register around the whole range loaded once.
 *
 *   channels → the candidate's footprint on each (engine) → the register around all of them (one query)
 *            → one prepared index → per channel: checkCandidate (geo engine), both directions
 *
 * Why the findings are exactly the live check's on each channel: the neighbour query of conflicts.queries.ts
 * only leaves out pairs that cannot conflict; asked with the union of the channels' footprint boxes and
 * reach envelopes, the lowest and highest occupied edges and the widest channel (Around.widthHz), it
 * returns a superset of every channel's own neighbours, and the engine decides each pair exactly (a
 * register row that cannot conflict with a channel yields no finding for it). The prepared index only
 * chooses how interferers are looked up, not which pairs conflict (geo candidate.ts). Register rows
 * without a stored footprint are skipped, as the live check (which writes nothing) skips them.
 * A test compares this with the live check, channel by channel, on a seeded register.
 */
import { checkCandidate, prepareIndex, type ConflictFinding, type ScanAssignment } from '../../../geo/conflicts';
import type { BBoxDeg } from '../../../geo/conflicts';
import { indexedIntermod, type IntermodSite } from '../../../geo/conflicts/intermod';
import { Service } from '../../models/Service';
import {
  contourSource,
  protectedFootprint,
  scanItem,
  type ProtectedFootprint,
  type ServiceParams,
} from './conflicts.engine';
import type { SiteFacts } from './conflicts.engine';
import { UNSAVED_ID } from './conflicts.pipeline';
import { intermodConflict, intermodOfUnsaved, type IntermodConflict } from './conflicts.intermod';
import { loadNeighbours, type OtherSide } from './conflicts.queries';

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
}

export interface ChannelsResult {
  /** In the order of the channels given. */
  channels: ChannelFindings[];
  /** The other side of every neighbour loaded, by assignment id. */
  others: Map<number, OtherSide>;
  /** How many register assignments the one neighbour query loaded. */
  neighbours: number;
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
 * live check asks for them; the finder does not, and the areas are the same either way).
 */
export async function findConflictsOnChannels(
  site: SiteFacts,
  channels: readonly Channel[],
  services: Map<string, ServiceParams>,
  opts: { excludeId?: number; geometry?: boolean } = {},
): Promise<ChannelsResult> {
  const service = services.get(site.service);
  if (!service || channels.length === 0) return { channels: [], others: new Map(), neighbours: 0 };
  const perChannel: { channel: Channel; site: SiteFacts; footprint: ProtectedFootprint }[] = [];
  for (const [i, channel] of channels.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToLoop();
    const s: SiteFacts = { ...site, assignmentId: UNSAVED_ID, ...channel };
    perChannel.push({ channel, site: s, footprint: protectedFootprint(s, service) });
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
  const neighbours = await loadNeighbours(around, opts.excludeId ?? 0, services);
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
  for (const [i, c] of perChannel.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToLoop();
    sites.set(UNSAVED_ID, c.site);
    const findings = checkCandidate(scanItem(c.site, service, c.footprint), index, src, {
      geometry: opts.geometry === true,
    });
    out.push({ channel: c.channel, findings, intermod: [], footprint: c.footprint });
  }
  sites.delete(UNSAVED_ID);
  await addIntermod(site, out, opts.excludeId ?? 0, others);
  return { channels: out, others, neighbours: neighbours.length };
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
  const distanceKm = (await Service.findOne({ where: { code: site.service } }))?.intermodDistanceKm ?? 0;
  const register: IntermodSite[] = [...loaded.sites.values()];
  for (const c of out.slice(1)) {
    const own: IntermodSite = { ...candidate(c.channel), distanceKm };
    const all = [...register, own];
    const byId = new Map(all.map((s) => [s.id, s]));
    c.intermod = indexedIntermod(all, { focusId: UNSAVED_ID }).map((f) => intermodConflict(f, byId));
  }
}
