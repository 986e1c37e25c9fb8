export * from './districts/validate';
export * from './districts/point-index';
export * from './districts/approximate';
export * from './districts/area';
export * from './units';
export * from './emission/designator';
export * from './power';
export * from './bandplan/check';
export * from './propagation/index';
export * from './coverage/index';
export {
  frequencyRelation,
  adjacentGuardForPairHz,
  type FrequencyRelation,
  type FrequencyRelationKind,
  type OccupiedRangeHz,
  type VictimRangeHz,
} from './frequency/relation';
export {
  evaluatePair,
  scanConflicts,
  naiveScan,
  checkCandidate,
  prepareIndex,
  PreparedIndex,
  frequencyClusters,
  frequencyReachHz,
  MIN_OVERLAP_KM2,
} from './conflicts/index';
export type {
  ScanAssignment,
  FootprintSource,
  ContourFootprint,
  ConflictFinding,
  ConflictMechanism,
  ConflictSeverity,
  EvaluateOptions,
  ScanOptions,
  ScanResult,
  PrepareIndexOptions,
} from './conflicts/index';
