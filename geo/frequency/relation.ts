/**
 * Frequency relation between a victim and an interferer TX assignment (SPEC §4.4, exact rules §4.7.4).
 *
 * Occupied ranges are half-open, R = [occupiedLowHz, occupiedHighHz). With
 *   gapHz = max(A.low, B.low) − min(A.high, B.high)
 * (> 0: the empty space between the ranges; 0: they touch; < 0: minus the width of their overlap),
 * the pair is
 *   - `co_channel`       when gapHz < 0 (the ranges share at least 1 Hz),
 *   - `adjacent_channel` when 0 ≤ gapHz ≤ guardHz (inclusive; touching ranges are adjacent, not co-channel),
 *   - unrelated (null)   otherwise,
 * where guardHz is the VICTIM's service `adjacentGuardHz`, or, when that is null, the wider of the two
 * occupied widths max(A.high − A.low, B.high − B.low). The relation is therefore not symmetric: two
 * services with different guards can relate (A, B) but not (B, A).
 */

export type FrequencyRelationKind = 'co_channel' | 'adjacent_channel';

/** A half-open occupied range [occupiedLowHz, occupiedHighHz), integer Hz in storage. */
export interface OccupiedRangeHz {
  occupiedLowHz: number;
  occupiedHighHz: number;
}

export interface VictimRangeHz extends OccupiedRangeHz {
  /** The victim service's adjacent-channel guard, Hz; null = the wider of the two occupied widths. */
  adjacentGuardHz: number | null;
}

export interface FrequencyRelation {
  kind: FrequencyRelationKind | null;
  /** max(lows) − min(highs), Hz: > 0 apart, 0 touching, < 0 overlapping (−overlap width). */
  gapHz: number;
  /**
   * Centre-to-centre offset, Hz, SIGNED: interferer centre − victim centre, each centre being
   * (low + high) / 2 of its occupied range (may end in .5 Hz). Positive: the interferer is above.
   */
  offsetHz: number;
}

function checkRange(r: OccupiedRangeHz, who: string): void {
  if (!Number.isFinite(r.occupiedLowHz) || !Number.isFinite(r.occupiedHighHz) || r.occupiedLowHz > r.occupiedHighHz) {
    throw new RangeError(
      `${who} occupied range must be finite with low ≤ high, got [${r.occupiedLowHz}, ${r.occupiedHighHz})`,
    );
  }
}

/**
 * The guard the victim applies to this pair, Hz: victim.adjacentGuardHz, or when null
 * max(victim width, interferer width) (SPEC §4.7.4). Throws a RangeError on a negative or non-finite guard.
 */
export function adjacentGuardForPairHz(victim: VictimRangeHz, interferer: OccupiedRangeHz): number {
  if (victim.adjacentGuardHz === null) {
    return Math.max(victim.occupiedHighHz - victim.occupiedLowHz, interferer.occupiedHighHz - interferer.occupiedLowHz);
  }
  if (!Number.isFinite(victim.adjacentGuardHz) || victim.adjacentGuardHz < 0) {
    throw new RangeError(`adjacentGuardHz must be null or a finite number ≥ 0, got ${victim.adjacentGuardHz}`);
  }
  return victim.adjacentGuardHz;
}

/**
 * How the interferer's occupied range relates to the victim's (see the file comment for the rule).
 * E.g. victim [100 000, 112 500) guard 12 500, interferer [125 000, 137 500): gap 12 500 → adjacent;
 * interferer [125 001, 137 501): gap 12 501 → null; [112 500, 125 000): touching → adjacent;
 * [112 499, 124 999): 1 Hz overlap → co_channel. Throws a RangeError on a range with low > high or a
 * non-finite bound. Inputs are not modified.
 */
export function frequencyRelation(victim: VictimRangeHz, interferer: OccupiedRangeHz): FrequencyRelation {
  checkRange(victim, 'victim');
  checkRange(interferer, 'interferer');
  const gapHz =
    Math.max(victim.occupiedLowHz, interferer.occupiedLowHz) -
    Math.min(victim.occupiedHighHz, interferer.occupiedHighHz);
  const offsetHz =
    (interferer.occupiedLowHz + interferer.occupiedHighHz) / 2 - (victim.occupiedLowHz + victim.occupiedHighHz) / 2;
  const guardHz = adjacentGuardForPairHz(victim, interferer);
  const kind: FrequencyRelationKind | null = gapHz < 0 ? 'co_channel' : gapHz <= guardHz ? 'adjacent_channel' : null;
  return { kind, gapHz, offsetHz };
}
