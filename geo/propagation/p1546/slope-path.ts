/**
 * Slope-path correction and short paths (ITU-R P.1546-6 Annex 5 §14–15, Steps 16–17).
 */
import { freeSpaceFieldDbuvM } from './emax';

/** Terminal heights of a slope path; terrain heights above sea level when known (else flat ground). */
export interface SlopeHeights {
  /** ha: transmitting antenna height above ground, m. */
  haM: number;
  /** h2: receiving antenna height above ground, m. */
  h2M: number;
  txTerrainM?: number;
  rxTerrainM?: number;
}

/** dslope = √(d² + 10⁻⁶·((ha + htter) − (h2 + hrter))²) km, eq. (37a) (37b without terrain heights). */
export function slopeDistanceKm(h: SlopeHeights, dKm: number): number {
  const dh = h.haM + (h.txTerrainM ?? 0) - (h.h2M + (h.rxTerrainM ?? 0));
  return Math.sqrt(dKm * dKm + 1e-6 * dh * dh);
}

/** Correction = 20·log10(d/dslope) dB, eq. (37); ≤ 0. */
export function slopePathCorrectionDb(h: SlopeHeights, dKm: number): number {
  return 20 * Math.log10(dKm / slopeDistanceKm(h, dKm));
}

/**
 * §15, eq. (38), d < 1 km: E = Efs(dslope) (eq. (2) at the slope distance) for d ≤ 0.04 km; otherwise
 * E = Einf + (Esup − Einf)·log10(dslope/dinf,slope)/log10(dsup,slope/dinf,slope), Einf = Efs(dinf,slope),
 * dinf = 0.04 km, dsup = 1 km, Esup the field for d = 1 km (Steps 1–16 at 1 km).
 */
export function shortPathFieldDbuvM(h: SlopeHeights, dKm: number, eAt1KmDbuvM: number): number {
  const dSlope = slopeDistanceKm(h, dKm);
  if (dKm <= 0.04) return freeSpaceFieldDbuvM(dSlope);
  const dInf = slopeDistanceKm(h, 0.04);
  const dSup = slopeDistanceKm(h, 1);
  const eInf = freeSpaceFieldDbuvM(dInf);
  return eInf + ((eAt1KmDbuvM - eInf) * Math.log10(dSlope / dInf)) / Math.log10(dSup / dInf);
}
