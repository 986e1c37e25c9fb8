/**
 * Interpolation and extrapolation in frequency (ITU-R P.1546-6 Annex 5 §6, Steps 7–9), for one nominal
 * time percentage and one zone.
 */
import { fieldForHighH1, fieldForLowH1 } from './height';
import { maxFieldDbuvM } from './emax';
import { d06Km } from './fresnel';
import { bracket, curveTable, NOMINAL_FREQUENCIES_MHZ } from './tables';
import type { P1546Zone } from './types';

export interface FrequencyStepParams {
  freqMhz: number;
  zone: P1546Zone;
  h1M: number;
  dKm: number;
  emaxDbuvM: number;
  /** The wanted time percentage (eqs. (11b), (15a–b) use the Emax of the wanted time). */
  timePercent: number;
}

/** Step 8 on the table of one nominal frequency: §4.1 for h1 ≥ 10 m (limited to Emax), else §4.2–4.3. */
function fieldAtNominalFrequency(p: FrequencyStepParams, tNomPercent: number, fNomMhz: number): number {
  const table = curveTable(fNomMhz, tNomPercent, p.zone);
  if (p.h1M >= 10) return Math.min(fieldForHighH1(table, p.h1M, p.dKm, p.emaxDbuvM), p.emaxDbuvM);
  return fieldForLowH1({
    table,
    fNomMhz,
    h1M: p.h1M,
    dKm: p.dKm,
    path: p.zone === 'land' ? 'land' : 'sea',
    emaxDbuvM: p.emaxDbuvM,
    timePercent: p.timePercent,
  });
}

/**
 * E = Einf + (Esup − Einf)·log10(f/finf)/log10(fsup/finf), eq. (14), between the nominal frequencies
 * around f (100/600 MHz below 600, 600/2000 MHz above; extrapolated from 100/600 MHz below 100 MHz and from
 * 600/2000 MHz above 2000 MHz, there limited to Emax). Sea paths below 100 MHz closer than d600 = D06(600,
 * h1, 10) follow eq. (15): the all-sea Emax for d ≤ df = D06(f, h1, 10) (15a), else log-distance
 * interpolation between Emax at df and the eq. (14) field at d600 (15b).
 */
export function fieldAtFrequency(p: FrequencyStepParams, tNomPercent: number): number {
  if (p.zone !== 'land' && p.freqMhz < 100) {
    const d600 = d06Km(600, p.h1M, 10);
    if (p.dKm < d600) {
      const df = d06Km(p.freqMhz, p.h1M, 10);
      if (p.dKm <= df) return maxFieldDbuvM(p.timePercent, 0, p.dKm);
      const eDf = maxFieldDbuvM(p.timePercent, 0, df);
      const eD600 = interpolateInFrequency({ ...p, dKm: d600 }, tNomPercent);
      return eDf + ((eD600 - eDf) * Math.log10(p.dKm / df)) / Math.log10(d600 / df);
    }
  }
  return interpolateInFrequency(p, tNomPercent);
}

function interpolateInFrequency(p: FrequencyStepParams, tNomPercent: number): number {
  const [i, j] = bracket(NOMINAL_FREQUENCIES_MHZ, p.freqMhz);
  const fInf = NOMINAL_FREQUENCIES_MHZ[i] as number;
  const eInf = fieldAtNominalFrequency(p, tNomPercent, fInf);
  if (i === j) return eInf;
  const fSup = NOMINAL_FREQUENCIES_MHZ[j] as number;
  const e =
    eInf +
    ((fieldAtNominalFrequency(p, tNomPercent, fSup) - eInf) * Math.log10(p.freqMhz / fInf)) / Math.log10(fSup / fInf);
  return p.freqMhz > 2000 ? Math.min(e, p.emaxDbuvM) : e;
}
