/**
 * Approximate district cells from centre points: Voronoi cells (Turf `voronoi`, Fortune's algorithm
 * via d3-voronoi) clipped to a bounding box. Used for a demo when no official boundaries are loaded;
 * every such cell must be labelled approximate wherever it is shown.
 */
import { featureCollection, point, voronoi } from '@turf/turf';
import type { Polygon } from 'geojson';

export interface CentrePoint {
  code: string;
  latDeg: number;
  lonDeg: number;
}

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

export function approximateCells(centres: CentrePoint[], bboxDeg: BBox): Map<string, Polygon> {
  const fc = featureCollection(centres.map((c) => point([c.lonDeg, c.latDeg], { code: c.code })));
  const cells = voronoi(fc, { bbox: bboxDeg });
  const out = new Map<string, Polygon>();
  cells.features.forEach((cell, i) => {
    const centre = centres[i];
    if (cell && centre) out.set(centre.code, cell.geometry);
  });
  return out;
}
