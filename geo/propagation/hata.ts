/**
 * Okumura–Hata and COST-231 Hata median path loss (SPEC §4.2, §4.7.1–2).
 *
 * Sources: M. Hata, "Empirical formula for propagation loss in land mobile radio services",
 * IEEE Trans. Veh. Technol. VT-29 (3), 1980, pp. 317–325; COST Action 231 final report
 * "Digital mobile radio towards future generation systems" (1999), §4.4.1, eq. 4.4.3.
 * Both heights are raised to at least 1 m inside the formulas (SPEC §4.7.2); outside the models'
 * frequency, height and distance ranges the formulas are used unchanged (pathLossDb warns).
 */
import type { HataEnvironment, LogDistanceTerms, MobileHeightCorrection } from './types';
import { requireFinite, requirePositive } from './validate';

export interface HataParams {
  freqMhz: number;
  distanceKm: number;
  baseHeightM: number;
  mobileHeightM: number;
  environment: HataEnvironment;
}

export interface Cost231Params {
  freqMhz: number;
  distanceKm: number;
  baseHeightM: number;
  mobileHeightM: number;
  /** 0 dB for medium city and suburban, 3 dB for metropolitan centres (large city). */
  cmDb: 0 | 3;
  /** a(hm) to use; default small/medium city. */
  mobileHeightCorrection?: MobileHeightCorrection;
}

/** h raised to at least 1 m (SPEC §4.7.2). */
export function heightInFormulaM(heightM: number): number {
  return Math.max(1, heightM);
}

/**
 * Hata's mobile-antenna-height correction a(hm), dB (Hata 1980, eqs. 4a–4b), hm raised to ≥ 1 m:
 * - small/medium city: a(hm) = (1.1·log10 f − 0.7)·hm − (1.56·log10 f − 0.8);
 * - large city, f ≤ 200 MHz: a(hm) = 8.29·(log10(1.54·hm))² − 1.1;
 * - large city, f > 200 MHz: a(hm) = 3.2·(log10(11.75·hm))² − 4.97 (Hata gives it for f ≥ 400 MHz;
 *   200–400 MHz is not covered by either form and uses this one, as ns-3 does).
 */
export function hataMobileCorrectionDb(
  freqMhz: number,
  mobileHeightM: number,
  correction: MobileHeightCorrection,
): number {
  requirePositive('freqMhz', freqMhz);
  requireFinite('mobileHeightM', mobileHeightM);
  const hm = heightInFormulaM(mobileHeightM);
  const logF = Math.log10(freqMhz);
  if (correction === 'small_medium_city') return (1.1 * logF - 0.7) * hm - (1.56 * logF - 0.8);
  if (freqMhz <= 200) return 8.29 * Math.log10(1.54 * hm) ** 2 - 1.1;
  return 3.2 * Math.log10(11.75 * hm) ** 2 - 4.97;
}

function slopeDbPerDecade(baseHeightM: number): number {
  const slope = 44.9 - 6.55 * Math.log10(heightInFormulaM(baseHeightM));
  if (!(slope > 0)) throw new RangeError(`baseHeightM ${baseHeightM} m makes the Hata distance slope non-positive`);
  return slope;
}

/**
 * Okumura–Hata loss split into L = interceptDb + slopeDbPerDecade·log10(d km) (Hata 1980, eqs. 3–6):
 * L_urban = 69.55 + 26.16·log10 f − 13.82·log10 hb − a(hm) + (44.9 − 6.55·log10 hb)·log10 d;
 * suburban: L_urban − 2·(log10(f/28))² − 5.4; open: L_urban − 4.78·(log10 f)² + 18.33·log10 f − 40.94.
 * `urban_large` uses the large-city a(hm); the others the small/medium-city a(hm) (SPEC §4.7.1).
 */
export function hataLogDistanceTerms(p: Omit<HataParams, 'distanceKm'>): LogDistanceTerms {
  requirePositive('freqMhz', p.freqMhz);
  requireFinite('baseHeightM', p.baseHeightM);
  requireFinite('mobileHeightM', p.mobileHeightM);
  const logF = Math.log10(p.freqMhz);
  const hb = heightInFormulaM(p.baseHeightM);
  const aHm = hataMobileCorrectionDb(
    p.freqMhz,
    p.mobileHeightM,
    p.environment === 'urban_large' ? 'large_city' : 'small_medium_city',
  );
  let interceptDb = 69.55 + 26.16 * logF - 13.82 * Math.log10(hb) - aHm;
  if (p.environment === 'suburban') interceptDb -= 2 * Math.log10(p.freqMhz / 28) ** 2 + 5.4;
  if (p.environment === 'open') interceptDb -= 4.78 * logF ** 2 - 18.33 * logF + 40.94;
  return { interceptDb, slopeDbPerDecade: slopeDbPerDecade(p.baseHeightM) };
}

/**
 * Okumura–Hata median path loss, dB (formulas at hataLogDistanceTerms). E.g. 869 MHz, 2 km, hb 30 m,
 * hm 1 m, urban large city → 137.93 dB (ns-3 test suite). Throws a RangeError on a non-finite input,
 * freqMhz ≤ 0 or distanceKm ≤ 0.
 */
export function hataLossDb(p: HataParams): number {
  requirePositive('distanceKm', p.distanceKm);
  const t = hataLogDistanceTerms(p);
  return t.interceptDb + t.slopeDbPerDecade * Math.log10(p.distanceKm);
}

/**
 * COST-231 Hata split into L = interceptDb + slopeDbPerDecade·log10(d km) (COST 231 final report,
 * eq. 4.4.3): L = 46.3 + 33.9·log10 f − 13.82·log10 hb − a(hm) + (44.9 − 6.55·log10 hb)·log10 d + Cm.
 */
export function cost231LogDistanceTerms(p: Omit<Cost231Params, 'distanceKm'>): LogDistanceTerms {
  requirePositive('freqMhz', p.freqMhz);
  requireFinite('baseHeightM', p.baseHeightM);
  requireFinite('mobileHeightM', p.mobileHeightM);
  if (p.cmDb !== 0 && p.cmDb !== 3) throw new RangeError(`cmDb must be 0 or 3, got ${String(p.cmDb)}`);
  const aHm = hataMobileCorrectionDb(p.freqMhz, p.mobileHeightM, p.mobileHeightCorrection ?? 'small_medium_city');
  const interceptDb =
    46.3 + 33.9 * Math.log10(p.freqMhz) - 13.82 * Math.log10(heightInFormulaM(p.baseHeightM)) - aHm + p.cmDb;
  return { interceptDb, slopeDbPerDecade: slopeDbPerDecade(p.baseHeightM) };
}

/**
 * COST-231 Hata median path loss, dB (formula at cost231LogDistanceTerms). E.g. 1800 MHz, 1 km,
 * hb 30 m, hm 1.5 m, Cm 0 → 136.20 dB. Throws a RangeError on a non-finite input, freqMhz ≤ 0,
 * distanceKm ≤ 0 or a Cm other than 0 or 3.
 */
export function cost231LossDb(p: Cost231Params): number {
  requirePositive('distanceKm', p.distanceKm);
  const t = cost231LogDistanceTerms(p);
  return t.interceptDb + t.slopeDbPerDecade * Math.log10(p.distanceKm);
}
