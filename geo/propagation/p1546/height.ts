/**
 * Field strength for the transmitting height h1 (ITU-R P.1546-6 Annex 5 §4, Step 8) on one table.
 */
import { P1546_HEIGHTS_M, type P1546CurveTable } from './curves.data';
import { knifeEdgeJ } from './diffraction';
import { fieldAtDistance } from './distance';
import { maxFieldDbuvM } from './emax';
import { d06Km } from './fresnel';
import { nominalHeightIndices } from './tables';
import type { P1546GeneralPath } from './types';

/** Kν of eq. (12b) for the nominal frequencies: 1.35 (100 MHz), 3.31 (600 MHz), 6.00 (2000 MHz). */
export function kNu(fNomMhz: number): number {
  if (fNomMhz === 100) return 1.35;
  if (fNomMhz === 600) return 3.31;
  if (fNomMhz === 2000) return 6.0;
  throw new RangeError(`no Kν for ${fNomMhz} MHz`);
}

/**
 * Ch1 = 6.03 − J(ν), eq. (12), with ν = Kν·θeff1 (12b) and, without terrain information,
 * θeff1 = arctan(−h1/9000) degrees (12c, §4.3 case b). The correction for a negative h1; with h1 = −10 m
 * it is the Ch1neg10 of eq. (9a).
 */
export function negativeH1CorrectionDb(fNomMhz: number, h1M: number): number {
  const thetaEff1Deg = (Math.atan(-h1M / 9000) * 180) / Math.PI;
  return 6.03 - knifeEdgeJ(kNu(fNomMhz) * thetaEff1Deg);
}

/**
 * §4.1: E = Einf + (Esup − Einf)·log10(h1/hinf)/log10(hsup/hinf), eq. (8), for h1 ≥ 10 m, the two
 * nominal heights around h1 (600 and 1200 m above 1200 m), each read at distance d by eq. (13); limited
 * to Emax (Step 8.1.6).
 */
export function fieldForHighH1(table: P1546CurveTable, h1M: number, dKm: number, emaxDbuvM: number): number {
  const [i, j] = nominalHeightIndices(h1M);
  const eInf = fieldAtDistance(table, i, dKm);
  let e = eInf;
  if (i !== j) {
    const hInf = P1546_HEIGHTS_M[i] as number;
    const hSup = P1546_HEIGHTS_M[j] as number;
    e = eInf + ((fieldAtDistance(table, j, dKm) - eInf) * Math.log10(h1M / hInf)) / Math.log10(hSup / hInf);
  }
  return Math.min(e, emaxDbuvM);
}

export interface LowH1Params {
  table: P1546CurveTable;
  /** The table's nominal frequency, MHz. */
  fNomMhz: number;
  h1M: number;
  dKm: number;
  path: P1546GeneralPath;
  emaxDbuvM: number;
  /** The wanted time percentage (for the sea Emax at Dh1, eq. (11b)). */
  timePercent: number;
}

/**
 * h1 < 10 m (§4.2, and §4.3 for h1 < 0). With E10, E20 the 10 m and 20 m curves at d:
 * - land: E = Ezero + 0.1·h1·(E10 − Ezero), eq. (9), Ezero = E10 + 0.5·(C1020 + Ch1neg10) (9a),
 *   C1020 = E10 − E20 (9b), Ch1neg10 from eq. (12) at h1 = −10 m; for h1 < 0, E = Ezero + Ch1 (12);
 * - sea (h1 ≥ 1 m): Dh1 = D06(f, h1, 10) (10a), D20 = D06(f, 20, 10) (10b); E = Emax for d ≤ Dh1 (11a);
 *   between Dh1 and D20, log-distance interpolation between the all-sea Emax at Dh1 and E at D20 from the
 *   10/20 m curves (11b); beyond D20, E = (1 − Fs)·E1 + Fs·E2 with Fs = (d − D20)/d, E1 the 10/20 m
 *   interpolation (8) and E2 the land value (9) (11c). (The reference code divides by the natural log of 2
 *   in E1; this follows the Recommendation's log10; no validation case reaches this branch.)
 */
export function fieldForLowH1(p: LowH1Params): number {
  const { table, h1M, dKm } = p;
  const e10 = fieldAtDistance(table, 0, dKm);
  const e20 = fieldAtDistance(table, 1, dKm);
  const eZero = e10 + 0.5 * (e10 - e20 + negativeH1CorrectionDb(p.fNomMhz, -10));
  const landField = (h: number) =>
    h >= 0 ? eZero + 0.1 * h * (e10 - eZero) : eZero + negativeH1CorrectionDb(p.fNomMhz, h);
  if (p.path === 'land') return landField(h1M);
  if (h1M < 1) throw new RangeError(`h1 must be at least 1 m on a sea path, got ${h1M}`);
  const dh1 = d06Km(p.fNomMhz, h1M, 10);
  const d20 = d06Km(p.fNomMhz, 20, 10);
  if (dKm <= dh1) return p.emaxDbuvM;
  if (dKm < d20) {
    const eD20 =
      fieldAtDistance(table, 0, d20) +
      ((fieldAtDistance(table, 1, d20) - fieldAtDistance(table, 0, d20)) * Math.log10(h1M / 10)) / Math.log10(2);
    const eDh1 = maxFieldDbuvM(p.timePercent, 0, dh1);
    return eDh1 + ((eD20 - eDh1) * Math.log10(dKm / dh1)) / Math.log10(d20 / dh1);
  }
  const e1 = e10 + ((e20 - e10) * Math.log10(h1M / 10)) / Math.log10(2);
  const fs = (dKm - d20) / dKm;
  return e1 * (1 - fs) + landField(h1M) * fs;
}
