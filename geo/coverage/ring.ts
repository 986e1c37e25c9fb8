/** Small geometry helpers shared by the footprint builders (not exported from geo/index). */
import type { Position } from 'geojson';

/** [minLon, minLat, maxLon, maxLat] of a ring's vertices, degrees. */
export function bboxOfRingDeg(ring: readonly Position[]): [number, number, number, number] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of ring) {
    if (lon === undefined || lat === undefined) continue;
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** bboxOfRingDeg of interleaved vertices lon₀, lat₀, lon₁, lat₁, … */
export function bboxOfXYDeg(xy: ArrayLike<number>): [number, number, number, number] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const lon = xy[i] as number;
    const lat = xy[i + 1] as number;
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}

export function requireLatLon(latDeg: number, lonDeg: number, what: string): void {
  if (!Number.isFinite(latDeg) || Math.abs(latDeg) > 90)
    throw new RangeError(`${what} latDeg must be a finite number in −90..90, got ${latDeg}`);
  if (!Number.isFinite(lonDeg)) throw new RangeError(`${what} lonDeg must be a finite number, got ${lonDeg}`);
}

const KM_PER_RADIAN = 6371.0088;

/** Turf's degreesToRadians, operation for operation (so that results are identical to the bit). */
function toRadians(deg: number): number {
  return ((deg % 360) * Math.PI) / 180;
}

/** Turf's radiansToDegrees, operation for operation. */
function toDegrees(rad: number): number {
  return ((rad % (2 * Math.PI)) * 180) / Math.PI;
}

/**
 * The end points of great-circle radials from one origin: Turf `destination` (sphere of radius
 * 6371.0088 km) computed operation for operation as Turf does, so each point is identical to the bit
 * (a unit test checks it against Turf), without Turf's GeoJSON objects and with the origin's and each
 * bearing's sines computed once. Returns [lon, lat] pairs, degrees, in the order of `radiiKm`/`bearingsDeg`.
 */
export function radialEndPoints(
  lonDeg: number,
  latDeg: number,
  radiiKm: ArrayLike<number>,
  bearingsDeg: ArrayLike<number>,
): [number, number][] {
  const xy = radialEndPointsXY(lonDeg, latDeg, radiiKm, bearingsDeg);
  const out: [number, number][] = new Array(radiiKm.length);
  for (let i = 0; i < radiiKm.length; i++) out[i] = [xy[2 * i] as number, xy[2 * i + 1] as number];
  return out;
}

/** radialEndPoints as interleaved lon₀, lat₀, lon₁, lat₁, … (degrees), without an array per point. */
export function radialEndPointsXY(
  lonDeg: number,
  latDeg: number,
  radiiKm: ArrayLike<number>,
  bearingsDeg: ArrayLike<number>,
): Float64Array {
  const lon1 = toRadians(lonDeg);
  const lat1 = toRadians(latDeg);
  const sinLat1 = Math.sin(lat1);
  const cosLat1 = Math.cos(lat1);
  const out = new Float64Array(2 * radiiKm.length);
  for (let i = 0; i < radiiKm.length; i++) {
    const radians = (radiiKm[i] as number) / KM_PER_RADIAN;
    const bearingRad = toRadians(bearingsDeg[i] as number);
    const sinR = Math.sin(radians);
    const cosR = Math.cos(radians);
    const lat2 = Math.asin(sinLat1 * cosR + cosLat1 * sinR * Math.cos(bearingRad));
    const lon2 = lon1 + Math.atan2(Math.sin(bearingRad) * sinR * cosLat1, cosR - sinLat1 * Math.sin(lat2));
    out[2 * i] = toDegrees(lon2);
    out[2 * i + 1] = toDegrees(lat2);
  }
  return out;
}
