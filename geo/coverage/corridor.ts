/**
 * Fixed-link corridor (SPEC §4.3: "a corridor polygon along the path, width from the beamwidth at
 * each end").
 */
import { bearing, destination, distance } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { bboxOfRingDeg, requireLatLon } from './ring';

/** Half-angle used at most for the corridor's spread, degrees: the half-width never exceeds the path length. */
export const CORRIDOR_MAX_HALF_ANGLE_DEG = 45;
/** Smallest corridor half-width, km (1 m), so that very short or very narrow links still give a valid polygon. */
export const CORRIDOR_MIN_HALF_WIDTH_KM = 0.001;

export interface LinkEnd {
  latDeg: number;
  lonDeg: number;
  /** Horizontal half-power beamwidth of this end's antenna, degrees. */
  beamwidthDeg: number;
}

export interface CorridorFootprint {
  /** Exterior ring counter-clockwise (RFC 7946): A right, B right, B left, A left, A right (right of travel A → B). */
  polygon: Polygon;
  bboxDeg: [number, number, number, number];
  /** Great-circle length A → B, km (Turf `distance`, sphere of radius 6371.0088 km). */
  pathLengthKm: number;
  /** Half-width at A: B's main beam spread over the path, km. */
  halfWidthAtAKm: number;
  /** Half-width at B: A's main beam spread over the path, km. */
  halfWidthAtBKm: number;
  model: 'fixed_link_corridor';
  warnings: string[];
  inputs: { a: LinkEnd; b: LinkEnd; maxHalfAngleDeg: number; minHalfWidthKm: number };
}

function spreadKm(pathLengthKm: number, beamwidthDeg: number): number {
  const halfAngleRad = (Math.min(beamwidthDeg / 2, CORRIDOR_MAX_HALF_ANGLE_DEG) * Math.PI) / 180;
  return Math.max(pathLengthKm * Math.tan(halfAngleRad), CORRIDOR_MIN_HALF_WIDTH_KM);
}

/**
 * Corridor of a point-to-point link: the convex hull of the two main beams, each a cone from its
 * antenna towards the other end. The half-width at end A is the spread of B's beam after the whole
 * path, d·tan(bw_B/2), and at B it is d·tan(bw_A/2); between the ends the sides are straight lines
 * (in longitude/latitude). The half-angle is capped at 45° (half-width ≤ d: a beam wider than 90°
 * is not a fixed-link beam; warned) and the half-width is at least 1 m. Corner points by Turf
 * `destination` perpendicular to the great-circle bearing at each end. Does not mutate its inputs.
 * Throws a RangeError on a non-finite input, |lat| > 90, a beamwidth ≤ 0 or coinciding ends.
 */
export function fixedLinkCorridor(a: LinkEnd, b: LinkEnd): CorridorFootprint {
  requireLatLon(a.latDeg, a.lonDeg, 'end A');
  requireLatLon(b.latDeg, b.lonDeg, 'end B');
  for (const [name, end] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (!Number.isFinite(end.beamwidthDeg) || end.beamwidthDeg <= 0)
      throw new RangeError(`end ${name} beamwidthDeg must be a finite number > 0, got ${end.beamwidthDeg}`);
  }
  const pa: Position = [a.lonDeg, a.latDeg];
  const pb: Position = [b.lonDeg, b.latDeg];
  const pathLengthKm = distance(pa, pb, { units: 'kilometers' });
  if (!(pathLengthKm > 0)) throw new RangeError('the two ends of a fixed link must not coincide');

  const halfWidthAtAKm = spreadKm(pathLengthKm, b.beamwidthDeg);
  const halfWidthAtBKm = spreadKm(pathLengthKm, a.beamwidthDeg);
  const bearingAbDeg = bearing(pa, pb);
  const bearingBaDeg = bearing(pb, pa);
  const at = (p: Position, r: number, bearingDeg: number): Position =>
    destination(p, r, bearingDeg, { units: 'kilometers' }).geometry.coordinates;
  const aRight = at(pa, halfWidthAtAKm, bearingAbDeg + 90);
  const bRight = at(pb, halfWidthAtBKm, bearingBaDeg - 90);
  const bLeft = at(pb, halfWidthAtBKm, bearingBaDeg + 90);
  const aLeft = at(pa, halfWidthAtAKm, bearingAbDeg - 90);
  const ring: Position[] = [aRight, bRight, bLeft, aLeft, aRight];

  const warnings: string[] = [];
  for (const [name, end] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (end.beamwidthDeg > 2 * CORRIDOR_MAX_HALF_ANGLE_DEG) {
      warnings.push(
        `beamwidth ${end.beamwidthDeg}° at end ${name} is wider than ${2 * CORRIDOR_MAX_HALF_ANGLE_DEG}°: ` +
          `corridor half-width capped at the path length`,
      );
    }
  }
  return {
    polygon: { type: 'Polygon', coordinates: [ring] },
    bboxDeg: bboxOfRingDeg(ring),
    pathLengthKm,
    halfWidthAtAKm,
    halfWidthAtBKm,
    model: 'fixed_link_corridor',
    warnings,
    inputs: {
      a: { ...a },
      b: { ...b },
      maxHalfAngleDeg: CORRIDOR_MAX_HALF_ANGLE_DEG,
      minHalfWidthKm: CORRIDOR_MIN_HALF_WIDTH_KM,
    },
  };
}
