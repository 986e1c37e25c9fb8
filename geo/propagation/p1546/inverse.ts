/**
 * Distance at which the ITU-R P.1546-6 field strength falls to a threshold (SPEC §4.3): bisection on
 * log d, since the curves have no closed-form inverse.
 */
import { p1546FieldStrength, type P1546Input } from './field-strength';
import type { P1546Zone } from './types';

/** The Recommendation covers 1–1000 km (with its own extension below 1 km, §15). */
export const P1546_MAX_DISTANCE_KM = 1000;
/** Bisection stops when the bracket is narrower than this, km (SPEC §4.3). */
export const P1546_DISTANCE_TOLERANCE_KM = 0.01;

/** A P.1546 point-to-area prediction along one radial, without terrain data (flat ground: heff = ha = h1). */
export type P1546RadialParams = Omit<P1546Input, 'path' | 'erpKw'> & { zone: P1546Zone };

export interface P1546DistanceResult {
  /** Distance where E falls to the threshold, km; 0 when E is below it everywhere from minKm. */
  distanceKm: number;
  /** `threshold`: solved; `range`: E is still above the threshold at maxKm; `none`: below it already at minKm. */
  limitedBy: 'threshold' | 'range' | 'none';
}

/** E(d) for 1 kW e.r.p. along a radial, dBµV/m, as a function of d km. */
export type P1546RadialField = (dKm: number) => number;

/**
 * The field strength along a radial for 1 kW e.r.p. (p1546FieldStrength with a one-section path of length d),
 * remembering the distances already evaluated: the bisections of one footprint's radials (one per pattern
 * attenuation) start from the same bracket and share their first steps.
 */
export function p1546RadialField(radial: P1546RadialParams): P1546RadialField {
  const { zone, ...rest } = radial;
  // One input object whose single section is re-measured each time (p1546FieldStrength keeps nothing of it).
  const section = { zone, lengthKm: 1 };
  const input: P1546Input = { ...rest, path: [section] };
  const seen = new Map<number, number>();
  return (dKm) => {
    let e = seen.get(dKm);
    if (e === undefined) {
      section.lengthKm = dKm;
      e = p1546FieldStrength(input).field1KwDbuvM;
      seen.set(dKm, e);
    }
    return e;
  };
}

/**
 * Solves E(d) + 10·log10(erpKw) = thresholdDbuvM for d on [minKm, maxKm] by bisection on log d (the
 * geometric mean of the bracket each time, SPEC §4.3) until the bracket is narrower than toleranceKm, and
 * returns its midpoint (within toleranceKm/2 of the crossing). E(d) is taken as decreasing along the radial
 * (the curves are; the corrections hardly vary with d): the crossing found is one where E ≥ threshold at the
 * lower end. `field` is a P1546RadialParams or an evaluator from p1546RadialField.
 */
export function p1546DistanceForFieldKm(
  field: P1546RadialParams | P1546RadialField,
  erpKw: number,
  thresholdDbuvM: number,
  minKm: number,
  maxKm = P1546_MAX_DISTANCE_KM,
  toleranceKm = P1546_DISTANCE_TOLERANCE_KM,
): P1546DistanceResult {
  if (!(erpKw > 0) || !Number.isFinite(erpKw)) throw new RangeError(`erpKw must be a finite number > 0, got ${erpKw}`);
  if (!Number.isFinite(thresholdDbuvM)) throw new RangeError(`thresholdDbuvM must be finite, got ${thresholdDbuvM}`);
  if (!(minKm > 0 && minKm < maxKm && maxKm <= P1546_MAX_DISTANCE_KM))
    throw new RangeError(`need 0 < minKm < maxKm ≤ ${P1546_MAX_DISTANCE_KM}, got ${minKm}, ${maxKm}`);
  const target = thresholdDbuvM - 10 * Math.log10(erpKw);
  const e1Kw = typeof field === 'function' ? field : p1546RadialField(field);
  if (e1Kw(maxKm) >= target) return { distanceKm: maxKm, limitedBy: 'range' };
  if (e1Kw(minKm) < target) return { distanceKm: 0, limitedBy: 'none' };
  let lo = minKm;
  let hi = maxKm;
  while (hi - lo > toleranceKm) {
    const mid = Math.sqrt(lo * hi);
    if (e1Kw(mid) >= target) lo = mid;
    else hi = mid;
  }
  return { distanceKm: (lo + hi) / 2, limitedBy: 'threshold' };
}
