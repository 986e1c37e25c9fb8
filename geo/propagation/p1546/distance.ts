/**
 * Interpolation of field strength as a function of distance (ITU-R P.1546-6 Annex 5 §5).
 */
import { P1546_DISTANCES_KM } from './curves.data';
import type { P1546CurveTable } from './curves.data';
import { nominalDistanceIndices, tabulated } from './tables';

/**
 * E = Einf + (Esup − Einf)·log10(d/dinf)/log10(dsup/dinf), eq. (13), on the curve of nominal height
 * index `hi` (Steps 8.1.4–8.1.5): dinf and dsup the nominal distances around d (the last two beyond
 * 1000 km, the first two below 1 km: extrapolation). The tabulated value when d is nominal.
 */
export function fieldAtDistance(table: P1546CurveTable, hi: number, dKm: number): number {
  const [i, j] = nominalDistanceIndices(dKm);
  const eInf = tabulated(table, i, hi);
  if (i === j) return eInf;
  const dInf = P1546_DISTANCES_KM[i] as number;
  const dSup = P1546_DISTANCES_KM[j] as number;
  return eInf + ((tabulated(table, j, hi) - eInf) * Math.log10(dKm / dInf)) / Math.log10(dSup / dInf);
}
