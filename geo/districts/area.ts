import { area, bbox } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';

/** Geodesic area in km² (Turf `area`: spherical excess on a sphere of radius 6371.0088 km). */
export function areaKm2(geometry: Polygon | MultiPolygon): number {
  return area(geometry) / 1e6;
}

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export function bboxDeg(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  return bbox(geometry) as [number, number, number, number];
}
