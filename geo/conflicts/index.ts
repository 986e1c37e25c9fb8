/**
 * Conflict engine (SPEC §4.5): one per-pair rule (pair.ts), a full scan with frequency clustering and an
 * rbush of reach boxes (scan.ts), its naive reference (all ordered pairs), and the incremental check of
 * one candidate against a prepared register (candidate.ts). Footprints are injected (types.ts).
 */
export * from './types';
export { newSharedCaches, type SharedCaches } from './pair';
export { evaluatePair, intersectPolygons, MIN_OVERLAP_KM2 } from './pair';
export { scanConflicts, naiveScan, frequencyClusters, frequencyReachHz } from './scan';
export {
  checkCandidate,
  pairGeometry,
  prepareIndex,
  PreparedIndex,
  victimFindings,
  type PrepareIndexOptions,
} from './candidate';
export { defaultScanThreads, scanConflictsParallel, type ThreadedSource, type WorkerSourceSpec } from './parallel';
export { CompactPolygon, compactPolygon, prepareRingXY } from './overlap';
