/**
 * Protected coverage footprint of a TX assignment (SPEC §4.3, §4.7.2–3).
 */
import type { Polygon, Position } from 'geojson';
import { DIPOLE_GAIN_DBI, wToDbw } from '../power';
import { distanceSolver } from '../propagation/inverse';
import { radioHorizonKm } from '../propagation/horizon';
import { modelValidityWarnings } from '../propagation/model';
import type { PropagationModel, PropagationModelChoice, ServiceEnvironment } from '../propagation/types';
import {
  p1546DistanceForFieldKm,
  p1546RadialField,
  P1546_MAX_DISTANCE_KM,
  type P1546RadialParams,
} from '../propagation/p1546/inverse';
import type { P1546ReceiverArea } from '../propagation/p1546/types';
import { FRONT_TO_BACK_DB, antennaPatternAttenuationDb } from './pattern';
import { bboxOfRingDeg, bboxOfXYDeg, radialEndPoints, radialEndPointsXY, requireLatLon } from './ring';

/** Radial spacing, degrees: 72 radials at 0°, 5°, …, 355° clockwise from north (SPEC §4.7.3). */
export const RADIAL_STEP_DEG = 5;
/** Radius given to a radial whose field is below the threshold within this distance, km (1 m). */
export const MIN_RADIUS_KM = 0.001;

export interface TxSite {
  latDeg: number;
  lonDeg: number;
  /** Antenna height above ground, m (hb). */
  antennaHeightM: number;
  erpW: number;
  /** Main-beam bearing, degrees clockwise from north; null for omni. */
  azimuthDeg: number | null;
  /** Horizontal half-power beamwidth, degrees; null for omni. */
  beamwidthDeg: number | null;
  frequencyHz: number;
}

export interface ReceptionParams {
  /** The service's protected field strength (or, for an interfering contour, that minus the PR). */
  thresholdDbuvM: number;
  /** The service's receiver height above ground, m (hm). */
  receiverHeightM: number;
  environment: ServiceEnvironment;
  /** The service's propagation model (SPEC §4.2); absent = `hata`. */
  propagationModel?: PropagationModelChoice;
}

/**
 * What ends a radial: the field falling to the threshold, the radio horizon (Hata chain), or the end of
 * P.1546's range (1000 km, or the reach envelope for a contour below P1546_REACH_FLOOR_DBUV_M).
 */
export type RadialLimit = 'threshold' | 'horizon' | 'range';

/** The ITU-R P.1546-6 footprint's model, beside the models the Hata chain picks by frequency. */
export const P1546_MODEL = 'itu_r_p1546_6';
export type FootprintModel = PropagationModel | typeof P1546_MODEL;

/** P.1546 footprints: time percentage and locations (SPEC §4.2: broadcasting coverage, 50 % / 50 %). */
export const P1546_TIME_PERCENT = 50;

/**
 * Lowest field strength a P.1546 contour is drawn to, dBµV/m: the reach envelope of a P.1546 site is its
 * omni contour at this field (at most 1000 km), so that the envelope holds every contour the conflict
 * engine draws (the lowest interfering threshold of the seeded services is 7 dBµV/m); a contour asked
 * for below it is limited to that reach, with a warning.
 */
export const P1546_REACH_FLOOR_DBUV_M = 0;

/** SPEC §4.2: R2 from the service's environment (urban 20 m, suburban 10 m, open 10 m) and its P.1546 area. */
export const P1546_RECEIVER_CLUTTER: Record<ServiceEnvironment, { area: P1546ReceiverArea; r2M: number }> = {
  urban: { area: 'urban', r2M: 20 },
  suburban: { area: 'suburban', r2M: 10 },
  open: { area: 'rural', r2M: 10 },
};

export interface FootprintInputs {
  site: TxSite;
  reception: ReceptionParams;
  erpDbw: number;
  eirpDbw: number;
  freqMhz: number;
  frontToBackDb: number;
  radialStepDeg: number;
  minRadiusKm: number;
}

export interface Footprint {
  /** Exterior ring counter-clockwise (RFC 7946): bearing 0°, then 355°, 350°, …, 5°, then bearing 0° again. */
  polygon: Polygon;
  /** [minLon, minLat, maxLon, maxLat] of the polygon's vertices, degrees. */
  bboxDeg: [number, number, number, number];
  /** Bearing of each radial, degrees: 0, 5, …, 355. */
  bearingsDeg: number[];
  /** Radius along each radial (same order as bearingsDeg), km, after the horizon cap. */
  radiiKm: number[];
  maxRadiusKm: number;
  horizonKm: number;
  model: FootprintModel;
  /** What ends each radial: the field falling to the threshold, the radio horizon, or P.1546's range. */
  limitedBy: RadialLimit[];
  warnings: string[];
  /** P.1546 only: the model and its assumptions in one line, shown with the footprint. */
  explanation?: string;
  inputs: FootprintInputs;
}

function show(value: number): string {
  return String(Number(value.toFixed(3)));
}

function validate(site: TxSite, rx: ReceptionParams): void {
  requireLatLon(site.latDeg, site.lonDeg, 'site');
  if (!Number.isFinite(site.antennaHeightM) || site.antennaHeightM < 0)
    throw new RangeError(`antennaHeightM must be a finite number ≥ 0, got ${site.antennaHeightM}`);
  if (!Number.isFinite(site.frequencyHz) || site.frequencyHz <= 0)
    throw new RangeError(`frequencyHz must be a finite number > 0, got ${site.frequencyHz}`);
  if (!Number.isFinite(rx.thresholdDbuvM))
    throw new RangeError(`thresholdDbuvM must be a finite number, got ${rx.thresholdDbuvM}`);
  if (!Number.isFinite(rx.receiverHeightM) || rx.receiverHeightM < 0)
    throw new RangeError(`receiverHeightM must be a finite number ≥ 0, got ${rx.receiverHeightM}`);
  // ERP (wToDbw) and the pattern (antennaPatternAttenuationDb) check their own inputs.
}

/**
 * The ring through the end points of the radials at 0°, 5°, …, 355° with the given radii, km (Turf
 * `destination`, computed by radialEndPoints), counter-clockwise (RFC 7946 §3.1.6): bearing 0°, 355°,
 * 350°, …, 5°, 0°.
 */
function radialRing(lonDeg: number, latDeg: number, radiiKm: readonly number[]): Position[] {
  const vertices: Position[] = radialEndPoints(
    lonDeg,
    latDeg,
    radiiKm,
    radiiKm.map((_, i) => i * RADIAL_STEP_DEG),
  );
  return [vertices[0] ?? [], ...vertices.slice(1).reverse(), vertices[0] ?? []];
}

/**
 * A box holding every footprint of this site at any threshold, [minLon, minLat, maxLon, maxLat]
 * degrees: the box of the 72 radial end points at R = max(reach, MIN_RADIUS_KM), the longest any radial
 * can be: for the Hata chain the horizon (coverageFootprint caps there), for P.1546 (`p1546` given) the
 * omni distance to P1546_REACH_FLOOR_DBUV_M at full e.r.p. (p1546ReachKm; coverageFootprint limits its
 * radials there). It bounds them because a footprint is the polygon of its vertices (its box is theirs);
 * a vertex at bearing θ and distance r ≤ R has a latitude within ±r of the site's (reached at 0° and
 * 180°), and its longitude moves monotonically away from the site's as r grows along θ (for r far below a
 * quarter of the Earth's circumference), so it stays between the site's and that of the vertex at R on
 * the same θ. Used to find, with a box query, every assignment whose interfering contour could reach
 * another (the live check and the upkeep on save; SPEC §4.5).
 */
export function reachEnvelopeBoxDeg(
  site: Pick<TxSite, 'latDeg' | 'lonDeg' | 'antennaHeightM'>,
  receiverHeightM: number,
  p1546?: { erpW: number; frequencyHz: number; environment: ServiceEnvironment },
): [number, number, number, number] {
  requireLatLon(site.latDeg, site.lonDeg, 'site');
  const reachKm = p1546
    ? p1546ReachKm({ ...site, ...p1546 }, receiverHeightM, p1546.environment)
    : radioHorizonKm(site.antennaHeightM, receiverHeightM);
  const maxKm = Math.max(reachKm, MIN_RADIUS_KM);
  return bboxOfRingDeg(radialRing(site.lonDeg, site.latDeg, new Array<number>(360 / RADIAL_STEP_DEG).fill(maxKm)));
}

/** The P.1546 radial of a site without terrain data: flat ground, so heff = ha = h1 (SPEC §4.2). */
function p1546Radial(
  site: Pick<TxSite, 'antennaHeightM' | 'frequencyHz'>,
  receiverHeightM: number,
  environment: ServiceEnvironment,
): P1546RadialParams {
  const clutter = P1546_RECEIVER_CLUTTER[environment];
  return {
    freqMhz: site.frequencyHz / 1e6,
    timePercent: P1546_TIME_PERCENT,
    heffM: site.antennaHeightM,
    haM: site.antennaHeightM,
    h2M: Math.max(receiverHeightM, 1),
    r2M: clutter.r2M,
    rxArea: clutter.area,
    terrainInfo: false,
    zone: 'land',
  };
}

/**
 * How far a P.1546 contour of this site can reach, km: the omni distance where the field at full e.r.p.
 * falls to P1546_REACH_FLOOR_DBUV_M (at most 1000 km; the solve's tolerance added, so that a contour
 * solved to the same tolerance never lies beyond it).
 */
export function p1546ReachKm(
  site: Pick<TxSite, 'antennaHeightM' | 'frequencyHz' | 'erpW'>,
  receiverHeightM: number,
  environment: ServiceEnvironment,
): number {
  const solved = p1546DistanceForFieldKm(
    p1546Radial(site, receiverHeightM, environment),
    site.erpW / 1000,
    P1546_REACH_FLOOR_DBUV_M,
    MIN_RADIUS_KM,
  );
  return Math.min(solved.distanceKm + 0.01, P1546_MAX_DISTANCE_KM);
}

/** The radials of a contour: radius along each bearing and what ended it, with the figures behind them. */
interface Radials {
  model: FootprintModel;
  erpDbw: number;
  eirpDbw: number;
  freqMhz: number;
  horizonKm: number;
  /** Radius along each bearing 0°, 5°, …, 355°, km, after the horizon cap (Hata) and the 1 m floor. */
  radiiKm: number[];
  limitedBy: RadialLimit[];
  /** Radials without coverage, set to MIN_RADIUS_KM. */
  emptyCount: number;
  /** P.1546: where its radials end (its range, or the site's reach for a contour below the floor). */
  limitKm: number;
}

interface SolvedRadial {
  km: number;
  limit: RadialLimit;
}

/**
 * The 72 radials of coverageFootprint (see there for the rules), shared by the footprint and by the
 * engine's lean contour (contourVerticesDeg). Radials with the same pattern attenuation (all of them for an
 * omni antenna, mirror pairs for a directional one) have the same radius: each is solved once.
 */
function solveRadials(site: TxSite, rx: ReceptionParams): Radials {
  validate(site, rx);
  const erpDbw = wToDbw(site.erpW);
  const eirpDbw = erpDbw + DIPOLE_GAIN_DBI;
  const freqMhz = site.frequencyHz / 1e6;
  const horizonKm = radioHorizonKm(site.antennaHeightM, rx.receiverHeightM);
  let model: FootprintModel;
  let limitKm = P1546_MAX_DISTANCE_KM;
  let solve: (attenuationDb: number) => SolvedRadial;
  if (rx.propagationModel === 'p1546') {
    model = P1546_MODEL;
    const field = p1546RadialField(p1546Radial(site, rx.receiverHeightM, rx.environment));
    if (rx.thresholdDbuvM < P1546_REACH_FLOOR_DBUV_M) limitKm = p1546ReachKm(site, rx.receiverHeightM, rx.environment);
    const maxKm = limitKm;
    solve = (attenuationDb) => {
      const r = p1546DistanceForFieldKm(
        field,
        10 ** ((erpDbw - attenuationDb - 30) / 10),
        rx.thresholdDbuvM,
        MIN_RADIUS_KM,
      );
      return r.distanceKm > maxKm || r.limitedBy === 'range'
        ? { km: Math.min(r.distanceKm, maxKm), limit: 'range' }
        : { km: r.distanceKm, limit: 'threshold' };
    };
  } else {
    const solver = distanceSolver({
      freqMhz,
      baseHeightM: site.antennaHeightM,
      mobileHeightM: rx.receiverHeightM,
      environment: rx.environment,
    });
    model = solver.model;
    solve = (attenuationDb) => {
      const km = solver.distanceKm(eirpDbw - attenuationDb, rx.thresholdDbuvM);
      return km > horizonKm ? { km: horizonKm, limit: 'horizon' } : { km, limit: 'threshold' };
    };
  }

  const radiiKm: number[] = [];
  const limitedBy: RadialLimit[] = [];
  let emptyCount = 0;
  const omni = site.azimuthDeg === null || site.beamwidthDeg === null;
  const solvedByAttenuation = new Map<number, SolvedRadial>();
  for (let bearingDeg = 0; bearingDeg < 360; bearingDeg += RADIAL_STEP_DEG) {
    const attenuationDb = omni
      ? 0
      : antennaPatternAttenuationDb(bearingDeg, site.azimuthDeg, site.beamwidthDeg, FRONT_TO_BACK_DB);
    let solved = solvedByAttenuation.get(attenuationDb);
    if (solved === undefined) {
      solved = solve(attenuationDb);
      solvedByAttenuation.set(attenuationDb, solved);
    }
    let radiusKm = solved.km;
    if (!(radiusKm >= MIN_RADIUS_KM)) {
      radiusKm = MIN_RADIUS_KM;
      emptyCount++;
    }
    radiiKm.push(radiusKm);
    limitedBy.push(solved.limit);
  }
  return { model, erpDbw, eirpDbw, freqMhz, horizonKm, radiiKm, limitedBy, emptyCount, limitKm };
}

function countOf(limits: readonly RadialLimit[], which: RadialLimit): number {
  let n = 0;
  for (const l of limits) if (l === which) n++;
  return n;
}

function inputsOf(site: TxSite, rx: ReceptionParams, r: Radials): FootprintInputs {
  return {
    site: { ...site },
    reception: { ...rx },
    erpDbw: r.erpDbw,
    eirpDbw: r.eirpDbw,
    freqMhz: r.freqMhz,
    frontToBackDb: FRONT_TO_BACK_DB,
    radialStepDeg: RADIAL_STEP_DEG,
    minRadiusKm: MIN_RADIUS_KM,
  };
}

function footprintOf(site: TxSite, r: Radials, warnings: string[]): Omit<Footprint, 'inputs'> {
  const ring = radialRing(site.lonDeg, site.latDeg, r.radiiKm);
  return {
    polygon: { type: 'Polygon', coordinates: [ring] },
    bboxDeg: bboxOfRingDeg(ring),
    bearingsDeg: r.radiiKm.map((_, i) => i * RADIAL_STEP_DEG),
    radiiKm: r.radiiKm,
    maxRadiusKm: Math.max(...r.radiiKm),
    horizonKm: r.horizonKm,
    model: r.model,
    limitedBy: r.limitedBy,
    warnings,
  };
}

function emptyWarning(r: Radials): string[] {
  return r.emptyCount > 0
    ? [
        `no coverage beyond ${MIN_RADIUS_KM * 1000} m on ${r.emptyCount} of ${r.radiiKm.length} radials: ` +
          `radius set to ${MIN_RADIUS_KM} km`,
      ]
    : [];
}

/**
 * Area where the field strength is at least rx.thresholdDbuvM at rx.receiverHeightM (SPEC §4.3):
 * EIRP = 10·log10(ERP W) + 2.15 dB (SPEC §4.1). Along each radial at bearing θ = 0°, 5°, …, 355°,
 * the EIRP is reduced by the pattern attenuation min(12·(Δθ/beamwidth)², 25) dB (omni when the
 * azimuth or the beamwidth is null), the distance is solved in closed form (distanceForFieldKm: Hata
 * ≤ 1500 MHz, COST-231 Hata to 2000 MHz, free space above), then capped by the radio horizon
 * 4.12·(√hb + √hm) with the real heights (SPEC §4.2, §4.7.2–3). A radius below 1 m (no coverage)
 * becomes MIN_RADIUS_KM so the polygon stays valid, with a warning. End points by Turf `destination`
 * (great circle on a sphere of radius 6371.0088 km). Warnings: the model's validity warnings at each
 * final radius, then the horizon cap, then any radial without coverage. Does not mutate its inputs.
 * Throws a RangeError on a non-finite input, |lat| > 90, a negative height, ERP ≤ 0 W, frequency ≤ 0
 * or a beamwidth ≤ 0. With rx.propagationModel = 'p1546' the radials come from ITU-R P.1546-6 instead
 * (p1546Footprint below): solved by bisection, not capped by the horizon, explained by the model's line.
 */
export function coverageFootprint(site: TxSite, rx: ReceptionParams): Footprint {
  const r = solveRadials(site, rx);
  if (r.model === P1546_MODEL) return p1546Footprint(site, rx, r);
  const path = {
    freqMhz: r.freqMhz,
    baseHeightM: site.antennaHeightM,
    mobileHeightM: rx.receiverHeightM,
    environment: rx.environment,
  };
  const modelWarnings = new Set<string>();
  const warnedRadii = new Set<number>();
  for (const radiusKm of r.radiiKm) {
    if (warnedRadii.has(radiusKm)) continue;
    warnedRadii.add(radiusKm);
    for (const w of modelValidityWarnings(r.model, { ...path, distanceKm: radiusKm })) modelWarnings.add(w);
  }
  const warnings = [...modelWarnings];
  const cappedCount = countOf(r.limitedBy, 'horizon');
  if (cappedCount > 0)
    warnings.push(`capped by radio horizon (${show(r.horizonKm)} km) on ${cappedCount} of ${r.radiiKm.length} radials`);
  warnings.push(...emptyWarning(r));
  return { ...footprintOf(site, r, warnings), inputs: inputsOf(site, rx, r) };
}

/**
 * The contour's vertices alone, for the conflict engine: coverageFootprint's ring to the last bit, as
 * interleaved lon₀, lat₀, lon₁, … in the ring's order (bearing 0°, 355°, 350°, …, 5°), not closed, with
 * the ring's box; none of the footprint's warnings, explanation or inputs (a national scan draws a few
 * hundred thousand contours and reads only their vertices).
 */
export function contourVerticesDeg(
  site: TxSite,
  rx: ReceptionParams,
): { xy: Float64Array; bboxDeg: [number, number, number, number] } {
  const { radiiKm } = solveRadials(site, rx);
  const n = radiiKm.length;
  const radii = new Float64Array(n);
  const bearings = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = k === 0 ? 0 : n - k;
    radii[k] = radiiKm[i] as number;
    bearings[k] = i * RADIAL_STEP_DEG;
  }
  const xy = radialEndPointsXY(site.lonDeg, site.latDeg, radii, bearings);
  return { xy, bboxDeg: bboxOfXYDeg(xy) };
}

/**
 * The footprint with ITU-R P.1546-6 (SPEC §4.2–4.3): 50 % time, 50 % locations, land path, no terrain
 * data (h1 = heff = ha, the antenna height above ground; no terrain clearance correction), R2 and the
 * receiver's area from the service environment (P1546_RECEIVER_CLUTTER), h2 the receiver height (raised
 * to 1 m, the Recommendation's minimum over land). Along each radial the e.r.p. is reduced by the pattern
 * attenuation and the distance where E falls to the threshold is found by bisection on log d to 0.01 km
 * (p1546DistanceForFieldKm), not capped by the horizon; at most 1000 km (P.1546's range) and, for a
 * threshold below P1546_REACH_FLOOR_DBUV_M, at most the site's reach (p1546ReachKm). The explanation names
 * the model; warnings are those of P.1546's limits (frequency outside 30–4000 MHz, h1 above 3000 m, h2 raised,
 * radials limited by the range, radials without coverage).
 */
function p1546Footprint(site: TxSite, rx: ReceptionParams, r: Radials): Footprint {
  const n = r.radiiKm.length;
  const rangeCount = countOf(r.limitedBy, 'range');
  const warnings: string[] = [];
  if (r.freqMhz < 30 || r.freqMhz > 4000) warnings.push(`P.1546-6 used at ${show(r.freqMhz)} MHz, outside 30–4000 MHz`);
  if (site.antennaHeightM > 3000) warnings.push(`h1 ${show(site.antennaHeightM)} m limited to 3000 m in P.1546-6`);
  if (rx.receiverHeightM < 1)
    warnings.push(`receiver height ${show(rx.receiverHeightM)} m raised to 1 m in P.1546-6 (its minimum over land)`);
  if (rangeCount > 0)
    warnings.push(
      r.limitKm < P1546_MAX_DISTANCE_KM
        ? `contour below ${P1546_REACH_FLOOR_DBUV_M} dBµV/m limited to ${show(r.limitKm)} km ` +
            `on ${rangeCount} of ${n} radials`
        : `P.1546-6 range ends at ${P1546_MAX_DISTANCE_KM} km: reached on ${rangeCount} of ${n} radials`,
    );
  warnings.push(...emptyWarning(r));
  return {
    ...footprintOf(site, r, warnings),
    explanation:
      `ITU-R P.1546-6, ${P1546_TIME_PERCENT} % time, 50 % locations, land path, ` +
      `h1 = ${show(Math.min(site.antennaHeightM, 3000))} m`,
    inputs: inputsOf(site, rx, r),
  };
}
