/**
 * Types of the conflict engine (SPEC §2 Conflict, §4.5, §4.7 rules 4–6). The engine does not know how
 * footprints are made: each assignment carries its protected footprint, and interfering contours come
 * from an injected {@link FootprintSource}.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { FrequencyRelationKind } from '../frequency/relation';

/** [minLonDeg, minLatDeg, maxLonDeg, maxLatDeg] (WGS84; boxes crossing the antimeridian are not supported). */
export type BBoxDeg = [number, number, number, number];

/** One TX assignment as the engine sees it: its occupied range, its service's protection figures, its footprint. */
export interface ScanAssignment {
  /** Unique within one scan or register (a duplicate is refused with a RangeError). */
  id: number;
  licenseeId: number | null;
  service: string;
  /** Half-open occupied range [occupiedLowHz, occupiedHighHz), Hz (§4.7.4). */
  occupiedLowHz: number;
  occupiedHighHz: number;
  /** The service's protected field strength, dBµV/m: the footprint's threshold. */
  protectedFieldDbuvM: number;
  /** The service's co-channel protection ratio, dB. */
  coChannelPrDb: number;
  /** The service's adjacent-channel protection ratio, dB (often negative). */
  adjacentPrDb: number;
  /** The service's adjacent guard, Hz; null = the wider of the two occupied widths. */
  adjacentGuardHz: number | null;
  /** Protected coverage footprint (field ≥ protectedFieldDbuvM), §4.3. */
  footprint: Polygon;
  /** Bounding box of `footprint`; the fast scan trusts it (a box smaller than the polygon loses pairs). */
  bboxDeg: BBoxDeg;
}

/** An interfering contour: a footprint polygon at another threshold, with its bounding box. */
export interface ContourFootprint {
  polygon: Polygon;
  bboxDeg: BBoxDeg;
}

/**
 * Where interfering contours come from.
 *
 * Requirements the fast scan relies on (both hold for §4.3 footprints: each radial's distance is a
 * decreasing function of the threshold, capped by a horizon that does not depend on it):
 * - monotone: a lower threshold gives a contour whose bounding box contains the box of any higher
 *   threshold's contour (so one box at the lowest threshold any victim asks for bounds them all);
 * - deterministic: the same (assignment, threshold) always gives the same polygon.
 *
 * The engine memoises per (assignment object, threshold) within a scan, a prepared index or a check,
 * so a source need not. A source that memoises by id must not be shared between a register and an
 * edited candidate that keeps its id (it would return the old contour).
 */
export interface FootprintSource {
  /**
   * B's contour where its field equals `thresholdDbuvM` (dBµV/m),
   * keeping B's own receiver height and environment (§4.7.5).
   */
  contourAt(b: ScanAssignment, thresholdDbuvM: number): ContourFootprint;
}

export type ConflictMechanism = 'coverage_overlap' | 'interference_contour';
export type ConflictSeverity = 'high' | 'medium' | 'low';

export interface ConflictFinding {
  victimId: number;
  interfererId: number;
  kind: FrequencyRelationKind;
  mechanism: ConflictMechanism;
  severity: ConflictSeverity;
  /** Centre-to-centre offset, Hz, signed: interferer centre − victim centre (see frequencyRelation). */
  frequencyOffsetHz: number;
  /** Geodesic area of the overlap, km² (Turf `area` / 1e6). */
  overlapKm2: number;
  /** overlapKm2 / the area of the smaller of the two intersected polygons, in [0, 1]. */
  overlapFraction: number;
  /** Both licenseeIds equal and non-null; such pairs are still reported (§4.5). */
  sameLicensee: boolean;
  /** The overlap polygon when `geometry: true` was asked, else null. */
  geometry: Polygon | MultiPolygon | null;
}

export interface EvaluateOptions {
  /** Return the overlap polygon in each finding (default false: areas only). */
  geometry?: boolean;
  /**
   * How overlap areas are computed: 'fast' (default, overlapAreaKm2 on prepared rings) or 'library'
   * (Turf booleanIntersects, polygon-clipping's intersection and Turf area: the reference the fast path
   * is tested against).
   */
  areas?: 'fast' | 'library';
}

export interface ScanOptions extends EvaluateOptions {
  /** Called after each victim is done: (victims done, victims in total). */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads for the pair search (default 1: this thread). */
  threads?: number;
}

export interface ScanResult {
  /** Sorted by victimId, then interfererId. */
  findings: ConflictFinding[];
  /** Ordered pairs that reached a geometric predicate (booleanIntersects) after the frequency and box prefilters. */
  candidatePairs: number;
  /** Exact overlap computations (Turf `intersect` calls). */
  exactChecks: number;
}
