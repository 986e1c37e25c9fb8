/**
 * What every map layer shares: the layer options and their defaults, the shape of a layer's answer
 * (a FeatureCollection saying how it was built), stored polygons read back, and rounding.
 */
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';

export interface LayerOptions {
  /** Above this many stations (or conflicts) in view, answer with clusters. */
  pointLimit?: number;
  /** Below this zoom, answer with clusters whatever the count. */
  clusterBelowZoom?: number;
  /** Grid cell size in screen pixels at the requested zoom. */
  cellPx?: number;
}

export interface FootprintOptions {
  /** At most this many footprints (the widest first); more in view sets `truncated`. */
  limit?: number;
  /** Below this zoom no footprints are sent (`mode: "zoom_in"`), unless a station or assignment is named. */
  minZoom?: number;
}

export const DEFAULTS = {
  pointLimit: 3000,
  clusterBelowZoom: 7,
  cellPx: 64,
  footprintLimit: 1500,
  footprintMinZoom: 10,
  conflictLimit: 2000,
} as const;

export type LayerMode = 'points' | 'clusters' | 'features' | 'zoom_in';

/** A FeatureCollection with foreign members saying how it was built. */
export interface MapCollection<G extends Geometry | null = Geometry> extends FeatureCollection<G> {
  mode: LayerMode;
  /** How many records match in view (before clustering or truncation). */
  total: number;
  truncated: boolean;
  /** Cluster cell size in degrees (clusters only). */
  cellDeg?: number;
}

export type Polygonal = Polygon | MultiPolygon;

export function isPolygonal(v: unknown): v is Polygonal {
  if (typeof v !== 'object' || v === null || !('type' in v) || !('coordinates' in v)) return false;
  return (v.type === 'Polygon' || v.type === 'MultiPolygon') && Array.isArray(v.coordinates);
}

/** A stored polygon (GeoJSON text or an object) as a Polygon or MultiPolygon; anything else is null. */
export function parseGeometry(raw: unknown): Polygonal | null {
  if (raw === null || raw === undefined) return null;
  try {
    const g: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return isPolygonal(g) ? g : null;
  } catch {
    return null;
  }
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
