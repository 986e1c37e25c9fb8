/**
 * Which tabulated curve to read (ITU-R P.1546-6 Annex 5 §1 Steps 1–3, §4.1, §5): the table of a nominal
 * frequency, time percentage and zone, and the nominal values around a wanted one.
 */
import { P1546_CURVES, P1546_DISTANCES_KM, P1546_HEIGHTS_M, type P1546CurveTable } from './curves.data';
import type { P1546Zone } from './types';

export const NOMINAL_FREQUENCIES_MHZ = [100, 600, 2000] as const;
export const NOMINAL_TIME_PERCENTAGES = [1, 10, 50] as const;

/** The tables by nominal frequency × 100 + nominal time, then by path. */
const TABLES = new Map<number, Map<string, P1546CurveTable>>();
for (const t of P1546_CURVES) {
  const key = t.fMhz * 100 + t.tPercent;
  const byPath = TABLES.get(key) ?? new Map<string, P1546CurveTable>();
  byPath.set(t.path, t);
  TABLES.set(key, byPath);
}

/**
 * The curves for a nominal frequency (100, 600, 2000 MHz), nominal time (1, 10, 50 %) and zone: land; at
 * 50 % the single sea curve for any sea; below 50 % the warm-sea curves for warm sea and the cold-sea
 * curves otherwise (Step 1; as the ITU reference code chooses).
 */
export function curveTable(fNomMhz: number, tNomPercent: number, zone: P1546Zone): P1546CurveTable {
  const path = zone === 'land' ? 'land' : tNomPercent === 50 ? 'sea' : zone === 'warm_sea' ? 'sea_warm' : 'sea_cold';
  const table = TABLES.get(fNomMhz * 100 + tNomPercent)?.get(path);
  if (!table) throw new RangeError(`no P.1546 table for ${fNomMhz} MHz, ${tNomPercent} %, ${path}`);
  return table;
}

/**
 * Indices of the nominal values around `v` in the ascending list `xs`: [i, i] when v is one of them,
 * [i, i + 1] when it lies between, the first two below the range and the last two above it (extrapolation),
 * as the reference code's searchclosest.
 */
export function bracket(xs: readonly number[], v: number): [number, number] {
  const n = xs.length;
  if (v > (xs[n - 1] as number)) return [n - 2, n - 1];
  if (v < (xs[0] as number)) return [0, 1];
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = xs[mid] as number;
    if (x === v) return [mid, mid];
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return [hi, lo];
}

/** Nominal distances around d (Step 4, Table 1): [dinf, dsup] indices into P1546_DISTANCES_KM. */
export function nominalDistanceIndices(dKm: number): [number, number] {
  return bracket(P1546_DISTANCES_KM, dKm);
}

/** Nominal heights around h1 (§4.1): [hinf, hsup] indices into P1546_HEIGHTS_M (600/1200 m above 1200 m). */
export function nominalHeightIndices(h1M: number): [number, number] {
  return bracket(P1546_HEIGHTS_M, h1M);
}

/** A tabulated value: the curve of nominal height index `hi` at nominal distance index `di`. */
export function tabulated(table: P1546CurveTable, di: number, hi: number): number {
  return table.e[di * P1546_HEIGHTS_M.length + hi] as number;
}
