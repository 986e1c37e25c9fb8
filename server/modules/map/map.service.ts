/**
 * The map's layers as GeoJSON, built in SQL so that only what is in view leaves the database. This file is
 * the module's public face: the routes, the other modules (the inspections layer, district pages), the
 * tests and the benchmark import from here; the work is in one file per layer.
 *
 * - map.stations.ts, stationsGeoJson: the stations in a bounding box, one Point feature each; when zoomed
 *   out (zoom below `clusterBelowZoom`) or when the box holds more than `pointLimit` stations, server-side
 *   clusters instead.
 * - map.clusters.ts, gridClusters: counts per cell of a fixed world grid, aggregated with GROUP BY on a cell
 *   index computed from latitude and longitude (any point layer).
 * - map.footprints.ts, footprintsGeoJson: stored coverage footprints whose bounding box meets the view (only
 *   at district-level zoom).
 * - map.conflicts.ts, conflictsGeoJson: each conflicting pair as its overlap polygon and a line between the
 *   two stations; clustered like stations when there are too many.
 * - map.common.ts: layer options and defaults, the answer's shape (MapCollection), polygons read back.
 * - map.districts.ts: choropleth figures per district and the district page's summary.
 *
 * Property names are documented in README.md ("Map layers"). These are the functions the benchmark calls.
 */

export {
  DEFAULTS,
  isPolygonal,
  round,
  type FootprintOptions,
  type LayerMode,
  type LayerOptions,
  type MapCollection,
} from './map.common';
export { cellDegFor, gridClusters, type ClusterProperties, type ClusterSource } from './map.clusters';
export { stationsGeoJson, type StationProperties } from './map.stations';
export { footprintsGeoJson, type FootprintProperties } from './map.footprints';
export {
  conflictRows,
  conflictsGeoJson,
  pairFeatures,
  type ConflictClusterProperties,
  type ConflictProperties,
  type ConflictRow,
} from './map.conflicts';

// What other modules' map layers build on (the inspections layer, district pages).
export { Num, pointInBbox, stationConditions } from './map.sql';
export { districtSummary, registerDistrictMetric, type DistrictMetric } from './map.districts';
