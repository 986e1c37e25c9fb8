/**
 * Full conflict scan over a register (SPEC §4.5): the same ordered-pair rule as `evaluatePair`, with the
 * pairs that cannot conflict pruned before any geometry, so that the result equals `naiveScan` exactly.
 *
 * Pruning, in order:
 * 1. Frequency clusters. Each assignment X gets a frequency reach r(X) = max(X.adjacentGuardHz ?? 0,
 *    X.occupiedHighHz − X.occupiedLowHz). A related pair has gap ≤ guard ≤ max(r(A), r(B)) (the guard is
 *    A's own, or when null the wider width), so the closed intervals [low − r, high + r] of A and B
 *    meet. Sorting by low − r and sweeping with the running maximum of high + r splits the register
 *    into clusters (connected components) that no related pair straddles: distinct bands never meet,
 *    and one wide outlier only widens its own interval, not every other one.
 * 2. Spatial index per cluster. Interferer B can harm victim A only inside B's footprint or inside
 *    B's interfering contour at a threshold t ≥ tMin, the lowest threshold any victim of the cluster asks
 *    for (min over its assignments of protected − max(co PR, adjacent PR)). Contours are monotone in the
 *    threshold (see FootprintSource), so B's "reach box" = footprint box ∪ box of contourAt(B, tMin)
 *    (just the footprint box when tMin ≥ B's protected field: then no victim can ask for a contour of
 *    B) bounds every polygon that could meet A's footprint. The cluster's reach boxes go into an index
 *    split by frequency (binned.ts: only interferers that can be related to A come back); each victim A
 *    queries it with its footprint box, one contour per interferer being computed for the box.
 * 3. Per pair (evaluateInContext): the exact frequency relation, then the boxes of the polygon actually
 *    needed, then `booleanIntersects`, then `intersect` + `area` only for pairs that meet.
 * Memoised: contours per (assignment, threshold), footprint areas, and the coverage overlap per
 * unordered pair. candidatePairs counts ordered pairs that reached step 3's geometric predicate;
 * exactChecks counts `intersect` calls.
 */
import { BinnedIndex } from './binned';
import {
  ConflictContext,
  evaluateInContext,
  frequencyReachHz,
  lowestThresholdDbuvM,
  newSharedCaches,
  sortFindings,
  unionBox,
  validateAssignment,
} from './pair';
import type {
  BBoxDeg,
  ConflictFinding,
  EvaluateOptions,
  FootprintSource,
  ScanAssignment,
  ScanOptions,
  ScanResult,
} from './types';

export { frequencyReachHz } from './pair';

export interface IndexedBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  item: ScanAssignment;
}

export function indexedBox(box: BBoxDeg, item: ScanAssignment): IndexedBox {
  return { minX: box[0], minY: box[1], maxX: box[2], maxY: box[3], item };
}

export function searchBox(box: BBoxDeg): { minX: number; minY: number; maxX: number; maxY: number } {
  return { minX: box[0], minY: box[1], maxX: box[2], maxY: box[3] };
}

/** Validates each assignment and refuses duplicate ids (the engine keys pairs by id). */
export function validateRegister(items: readonly ScanAssignment[]): void {
  const seen = new Set<number>();
  for (const a of items) {
    validateAssignment(a);
    if (seen.has(a.id)) throw new RangeError(`assignment id ${a.id} appears more than once`);
    seen.add(a.id);
  }
}

/**
 * Clusters of assignments that no related pair straddles (step 1 of the file comment), each sorted by low − r, then id.
 */
export function frequencyClusters(items: readonly ScanAssignment[]): ScanAssignment[][] {
  const spans = items.map((item) => {
    const r = frequencyReachHz(item);
    return { item, lowHz: item.occupiedLowHz - r, highHz: item.occupiedHighHz + r };
  });
  spans.sort((x, y) => x.lowHz - y.lowHz || x.item.id - y.item.id);
  const clusters: ScanAssignment[][] = [];
  let current: ScanAssignment[] = [];
  let reachHighHz = Number.NEGATIVE_INFINITY;
  for (const s of spans) {
    if (current.length > 0 && s.lowHz > reachHighHz) {
      clusters.push(current);
      current = [];
    }
    current.push(s.item);
    reachHighHz = current.length === 1 ? s.highHz : Math.max(reachHighHz, s.highHz);
  }
  if (current.length > 0) clusters.push(current);
  return clusters;
}

/** min over `items` of lowestThresholdDbuvM (+∞ for none); a loop, not a spread, for large registers. */
export function lowestThresholdOfAllDbuvM(items: readonly ScanAssignment[]): number {
  let t = Number.POSITIVE_INFINITY;
  for (const a of items) t = Math.min(t, lowestThresholdDbuvM(a));
  return t;
}

/** Box of every polygon of B that a victim asking thresholds ≥ tMinDbuvM could meet (step 2). */
export function reachBox(b: ScanAssignment, tMinDbuvM: number, ctx: ConflictContext): BBoxDeg {
  if (tMinDbuvM >= b.protectedFieldDbuvM) return b.bboxDeg;
  return unionBox(b.bboxDeg, ctx.contour(b, tMinDbuvM).bboxDeg);
}

/**
 * Every conflict among `items` (SPEC §4.5 full scan), with the pruning of the file comment.
 * Throws a RangeError on an invalid assignment or a duplicate id. Inputs are not modified.
 */
export function scanConflicts(items: ScanAssignment[], src: FootprintSource, opts: ScanOptions = {}): ScanResult {
  validateRegister(items);
  const ctx = new ConflictContext(src, opts.geometry === true, newSharedCaches(), opts.areas);
  const findings: ConflictFinding[] = [];
  const total = items.length;
  let done = 0;
  for (const cluster of frequencyClusters(items)) {
    if (cluster.length > 1) {
      const tMinDbuvM = lowestThresholdOfAllDbuvM(cluster);
      const index = new BinnedIndex(cluster.map((b) => ({ item: b, box: reachBox(b, tMinDbuvM, ctx) })));
      for (const a of cluster) {
        for (const b of index.search(a, a.bboxDeg)) {
          const f = evaluateInContext(a, b, ctx);
          if (f !== null) findings.push(f);
        }
        opts.onProgress?.(++done, total);
      }
    } else {
      opts.onProgress?.(++done, total);
    }
  }
  return { findings: sortFindings(findings), candidatePairs: ctx.candidatePairs, exactChecks: ctx.exactChecks };
}

/**
 * Reference implementation for the exactness test: every ordered pair (n·(n − 1)), no frequency
 * pruning and no spatial index; each pair goes through the same per-pair rule as the fast scan
 * (so it still uses the per-pair box tests and the memo); with `areas: 'library'` the areas come from
 * the general clipper instead of the prepared rings. Sorted like scanConflicts.
 */
export function naiveScan(
  items: ScanAssignment[],
  src: FootprintSource,
  opts: EvaluateOptions = {},
): ConflictFinding[] {
  validateRegister(items);
  const ctx = new ConflictContext(src, opts.geometry === true, newSharedCaches(), opts.areas);
  const findings: ConflictFinding[] = [];
  for (const a of items) {
    for (const b of items) {
      if (a === b) continue;
      const f = evaluateInContext(a, b, ctx);
      if (f !== null) findings.push(f);
    }
  }
  return sortFindings(findings);
}
