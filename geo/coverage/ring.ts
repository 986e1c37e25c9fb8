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

export function requireLatLon(latDeg: number, lonDeg: number, what: string): void {
  if (!Number.isFinite(latDeg) || Math.abs(latDeg) > 90)
    throw new RangeError(`${what} latDeg must be a finite number in −90..90, got ${latDeg}`);
  if (!Number.isFinite(lonDeg)) throw new RangeError(`${what} lonDeg must be a finite number, got ${lonDeg}`);
}
