/**
 * Radio horizon over a smooth earth with the 4/3 effective radius (SPEC §4.2).
 */
import { requireNonNegative } from './validate';

/** 4.12 km per √m: √(2·(4/3)·6371 km·h) = 4.12·√(h m) km (ITU-R P.834 effective earth radius k = 4/3). */
export const RADIO_HORIZON_KM_PER_SQRT_M = 4.12;

/**
 * d_h(km) = 4.12·(√h_tx + √h_rx), heights in m above ground, the real heights (not raised to 1 m,
 * SPEC §4.7.2). E.g. 100 m and 10 m → 54.23 km; 0 m and 0 m → 0 km.
 * Throws a RangeError unless both heights are finite and ≥ 0.
 */
export function radioHorizonKm(txHeightM: number, rxHeightM: number): number {
  requireNonNegative('txHeightM', txHeightM);
  requireNonNegative('rxHeightM', rxHeightM);
  return RADIO_HORIZON_KM_PER_SQRT_M * (Math.sqrt(txHeightM) + Math.sqrt(rxHeightM));
}
