/**
 * Point → area lookup over many polygons: an R-tree of bounding boxes first (rbush), then an exact
 * point-in-polygon test (Turf) only for the few whose box holds the point. O(log n + k) per lookup.
 */
import { booleanPointInPolygon, bbox as turfBbox, point } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import RBush from 'rbush';

export interface IndexedArea<T> {
  geometry: Polygon | MultiPolygon;
  value: T;
}

interface Box<T> {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  area: IndexedArea<T>;
}

export interface PointIndex<T> {
  /** The value of the first area containing the point (boundary counts as inside), or null. */
  lookup(latDeg: number, lonDeg: number): T | null;
  size: number;
}

export function createPointIndex<T>(areas: IndexedArea<T>[]): PointIndex<T> {
  const tree = new RBush<Box<T>>();
  tree.load(
    areas.map((area) => {
      const [minX, minY, maxX, maxY] = turfBbox(area.geometry) as [number, number, number, number];
      return { minX, minY, maxX, maxY, area };
    }),
  );
  return {
    size: areas.length,
    lookup(latDeg, lonDeg) {
      if (!Number.isFinite(latDeg) || !Number.isFinite(lonDeg)) return null;
      const candidates = tree.search({ minX: lonDeg, minY: latDeg, maxX: lonDeg, maxY: latDeg });
      if (candidates.length === 0) return null;
      const pt = point([lonDeg, latDeg]);
      for (const c of candidates) {
        if (booleanPointInPolygon(pt, c.area.geometry)) return c.area.value;
      }
      return null;
    },
  };
}
