/**
 * The field margin of a related pair (SPEC §12: the channel finder ranks channels "by the worst margin to the
 * existing register"). Pure functions; geo/README.md ("Field margin of a pair") gives the definition and the
 * reasons, with a hand-worked example that the unit test checks.
 *
 * For an ordered pair (victim A, interferer B) related in frequency (§4.4, A's guard):
 *   T     = A.protectedFieldDbuv − PR (A's coChannelPrDb or adjacentPrDb for the relation), the level of B's
 *           interfering contour (§4.5.2);
 *   Teff  = min(T, B.protectedFieldDbuv): the engine flags the pair when B's contour at Teff meets A's protected
 *           footprint (coverage_overlap when Teff is B's own protected field, interference_contour below it);
 *   Emax  = the highest field strength of B, by the same model chain and antenna pattern as B's footprints
 *           (§4.2–4.3, B's receiver height and environment, §4.7.5), over the 72 vertices of A's protected
 *           footprint, and over B's own site (at MIN_RADIUS_KM) when B stands inside A's footprint; a point
 *           beyond B's reach (the radio horizon for the Hata chain, the P.1546 reach) gets no field (−∞), as no
 *           contour of B reaches it;
 *   margin = Teff − Emax, dB: positive, the pair is clear by that much; negative, B's field exceeds the level
 *           by that much inside A's protected area. +∞ (no figure) when no point is within B's reach.
 * The engine's polygons decide conflicts; the sampled field can differ from them by the chords between two
 * radials (a few hundredths of a dB for an omni antenna, more at a directional pattern's flank): settleMarginDb
 * makes the sign agree with the engine's decision.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { DIPOLE_GAIN_DBI, wToDbw } from '../power';
import { MIN_RADIUS_KM, P1546_RECEIVER_CLUTTER, P1546_TIME_PERCENT, p1546ReachKm } from '../coverage/footprint';
import type { ReceptionParams, TxSite } from '../coverage/footprint';
import { antennaPatternAttenuationDb } from '../coverage/pattern';
import { radioHorizonKm } from '../propagation/horizon';
import { selectPropagationModel } from '../propagation/model';
import { lossTermsForModel } from '../propagation/path-loss';
import { p1546RadialField, P1546_MAX_DISTANCE_KM } from '../propagation/p1546/inverse';

/** Margins are reported to this resolution, dB; a clear pair's margin is at least this. */
export const MARGIN_RESOLUTION_DB = 0.1;

/** A transmitter's field strength as its footprints are drawn (§4.2–4.3), by distance and bearing from it. */
export interface FieldModel {
  /** No field beyond this distance, km (the horizon for the Hata chain, the reach for P.1546). */
  reachKm: number;
  /** dBµV/m at `distanceKm` (raised to MIN_RADIUS_KM) along `bearingDeg`; −Infinity beyond reachKm. */
  fieldDbuvM(distanceKm: number, bearingDeg: number): number;
}

/**
 * The field model of `site` received as `rx` says (its threshold is not used): the Hata chain's closed form
 * E(d) = E(1 km) − slope·log10 d with E(1 km) = EIRP − A + 20·log10 f + 107.2 (free space: EIRP + 74.8), the
 * inverse of which draws the footprint's radials (geo/propagation/inverse.ts), or P.1546-6 for 1 kW scaled
 * by the e.r.p.; the EIRP or e.r.p. reduced by the pattern attenuation towards the bearing.
 */
export function fieldModel(site: TxSite, rx: Omit<ReceptionParams, 'thresholdDbuvM'>): FieldModel {
  const erpDbw = wToDbw(site.erpW);
  const freqMhz = site.frequencyHz / 1e6;
  const attenuation = (bearingDeg: number) =>
    site.azimuthDeg === null || site.beamwidthDeg === null
      ? 0
      : antennaPatternAttenuationDb(bearingDeg, site.azimuthDeg, site.beamwidthDeg);
  if (rx.propagationModel === 'p1546') {
    const clutter = P1546_RECEIVER_CLUTTER[rx.environment];
    const e1Kw = p1546RadialField({
      freqMhz,
      timePercent: P1546_TIME_PERCENT,
      heffM: site.antennaHeightM,
      haM: site.antennaHeightM,
      h2M: Math.max(rx.receiverHeightM, 1),
      r2M: clutter.r2M,
      rxArea: clutter.area,
      terrainInfo: false,
      zone: 'land',
    });
    const reachKm = Math.min(p1546ReachKm(site, rx.receiverHeightM, rx.environment), P1546_MAX_DISTANCE_KM);
    return {
      reachKm,
      fieldDbuvM: (d, b) => (d > reachKm ? -Infinity : e1Kw(Math.max(d, MIN_RADIUS_KM)) + erpDbw - 30 - attenuation(b)),
    };
  }
  const model = selectPropagationModel(freqMhz);
  const terms = lossTermsForModel(model, {
    freqMhz,
    baseHeightM: site.antennaHeightM,
    mobileHeightM: rx.receiverHeightM,
    environment: rx.environment,
  });
  const eirpDbw = erpDbw + DIPOLE_GAIN_DBI;
  const at1Km =
    model === 'free_space_p525' ? eirpDbw + 74.8 : eirpDbw - terms.interceptDb + 20 * Math.log10(freqMhz) + 107.2;
  const reachKm = radioHorizonKm(site.antennaHeightM, rx.receiverHeightM);
  return {
    reachKm,
    fieldDbuvM: (d, b) =>
      d > reachKm
        ? -Infinity
        : at1Km - attenuation(b) - terms.slopeDbPerDecade * Math.log10(Math.max(d, MIN_RADIUS_KM)),
  };
}

/** Great-circle paths from one site to the vertices of a ring (Turf distance and bearing), and the farthest. */
export interface Paths {
  distanceKm: Float64Array;
  bearingDeg: Float64Array;
  /** The site stands inside the ring's polygon (Turf booleanPointInPolygon, boundary excluded). */
  inside: boolean;
  maxKm: number;
}

/** Turf's kilometres per radian (its earthRadius / 1000). */
const KM_PER_RADIAN = 6371.0088;
/** Turf helpers' degreesToRadians and radiansToDegrees, operation for operation. */
const toRadians = (deg: number) => ((deg % 360) * Math.PI) / 180;
const toDegrees = (rad: number) => ((rad % (2 * Math.PI)) * 180) / Math.PI;

/**
 * The paths from [lon, lat] `from` to the vertices of `polygon`'s outer ring (its closing vertex once): Turf
 * `distance` (haversine, km) and `bearing` computed operation for operation as Turf does, so each figure is
 * identical to the bit (a unit test checks it against Turf), with the origin's terms computed once and
 * without Turf's coordinate checks (the finder draws these paths for every related pair of every channel).
 */
export function pathsTo(from: Position, polygon: Polygon): Paths {
  const ring = polygon.coordinates[0] ?? [];
  const n = Math.max(0, ring.length - 1);
  const distanceKm = new Float64Array(n);
  const bearingDeg = new Float64Array(n);
  const [lon0, lat0] = from as [number, number];
  const lon1 = toRadians(lon0);
  const lat1 = toRadians(lat0);
  const cosLat1 = Math.cos(lat1);
  const sinLat1 = Math.sin(lat1);
  let maxKm = 0;
  for (let i = 0; i < n; i++) {
    const [lon, lat] = ring[i] as [number, number];
    const dLat = toRadians(lat - lat0);
    const dLon = toRadians(lon - lon0);
    const lat2 = toRadians(lat);
    const cosLat2 = Math.cos(lat2);
    const a = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2) * cosLat1 * cosLat2;
    const d = 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * KM_PER_RADIAN;
    const lon2 = toRadians(lon);
    const y = Math.sin(lon2 - lon1) * cosLat2;
    const x = cosLat1 * Math.sin(lat2) - sinLat1 * cosLat2 * Math.cos(lon2 - lon1);
    distanceKm[i] = d;
    bearingDeg[i] = toDegrees(Math.atan2(y, x));
    if (d > maxKm) maxKm = d;
  }
  return { distanceKm, bearingDeg, inside: booleanPointInPolygon(from, polygon, { ignoreBoundary: true }), maxKm };
}

/** The highest field of `model` over the paths' vertices (and at its own site when inside), dBµV/m. */
export function worstFieldDbuvM(model: FieldModel, paths: Paths): number {
  let worst = paths.inside ? model.fieldDbuvM(0, 0) : -Infinity;
  for (let i = 0; i < paths.distanceKm.length; i++) {
    const e = model.fieldDbuvM(paths.distanceKm[i] as number, paths.bearingDeg[i] as number);
    if (e > worst) worst = e;
  }
  return worst;
}

/**
 * The file comment's Teff for a pair: the victim's level for the relation, no higher than the interferer's
 * own protected field.
 */
export function effectiveThresholdDbuvM(
  victim: { protectedFieldDbuvM: number; coChannelPrDb: number; adjacentPrDb: number },
  interfererProtectedDbuvM: number,
  kind: 'co_channel' | 'adjacent_channel',
): number {
  const t = victim.protectedFieldDbuvM - (kind === 'co_channel' ? victim.coChannelPrDb : victim.adjacentPrDb);
  return Math.min(t, interfererProtectedDbuvM);
}

/** The pair's margin (file comment), dB: Teff − the interferer's worst field over the victim's footprint. */
export function pairMarginDb(thresholdDbuvM: number, interferer: FieldModel, paths: Paths): number {
  return thresholdDbuvM - worstFieldDbuvM(interferer, paths);
}

/**
 * The margin as reported, with the sign of the engine's decision: rounded to MARGIN_RESOLUTION_DB; at most 0
 * for a pair the engine finds in conflict, at least MARGIN_RESOLUTION_DB for one it clears (where the sampled
 * field and the 72-gon disagree, the polygons decide). +Infinity stays (no figure).
 */
export function settleMarginDb(marginDb: number, conflicting: boolean): number {
  if (marginDb === Infinity) return conflicting ? 0 : Infinity;
  // Tenths: an integer over 10 is the double nearest the one-decimal figure (+ 0 turns −0 into 0).
  const rounded = Math.round(marginDb / MARGIN_RESOLUTION_DB) / 10 + 0;
  return conflicting ? Math.min(rounded, 0) : Math.max(rounded, MARGIN_RESOLUTION_DB);
}
