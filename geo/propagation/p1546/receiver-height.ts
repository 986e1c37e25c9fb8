/**
 * Correction for the receiving/mobile antenna height h2 (ITU-R P.1546-6 Annex 5 §9, Step 14).
 */
import { knifeEdgeJ } from './diffraction';
import { d06Km } from './fresnel';
import type { P1546ReceiverArea } from './types';

export interface ReceiverHeightParams {
  h1M: number;
  dKm: number;
  /** R2: representative clutter height around the receiver, m. */
  r2M: number;
  /** h2: receiving antenna height above ground, m (≥ 1 m by land, ≥ 3 m by the sea). */
  h2M: number;
  freqMhz: number;
  area: P1546ReceiverArea;
}

/**
 * Receiver on land: R′ = (1000·d·R − 15·h1)/(1000·d − 15) m, eq. (27), at least 1 m. Urban, dense urban
 * and suburban: for h2 < R′ the diffraction term 6.03 − J(ν), ν = Knu·√(hdif·θclut), Knu = 0.0108·√f,
 * hdif = R′ − h2, θclut = arctan(hdif/27) degrees (28a); otherwise Kh2·log10(h2/R′) (28b),
 * Kh2 = 3.2 + 6.2·log10(f); where R′ < 10 m either is reduced by Kh2·log10(10/R′) (29). Rural: (28b) with
 * R′ = 10 m for every h2 (R2 is not used). Receiver by the sea: (28b) with R′ = 10 m for h2 ≥ 10 m; below,
 * 0 up to D06(f, h1, h2), (28b) beyond D06(f, h1, 10), and log-distance interpolation between them.
 * Returns the correction and the R′ used. Throws a RangeError for h2 < 1 m (land) or < 3 m (sea).
 */
export function receiverHeightCorrection(p: ReceiverHeightParams): { correctionDb: number; rPrimeM: number } {
  const kh2 = 3.2 + 6.2 * Math.log10(p.freqMhz);
  if (p.area === 'sea') {
    if (!(p.h2M >= 3)) throw new RangeError(`h2 must be at least 3 m by the sea, got ${p.h2M}`);
    const c10 = kh2 * Math.log10(p.h2M / 10);
    if (p.h2M >= 10) return { correctionDb: c10, rPrimeM: 10 };
    const d10 = d06Km(p.freqMhz, p.h1M, 10);
    if (p.dKm >= d10) return { correctionDb: c10, rPrimeM: 10 };
    const dh2 = d06Km(p.freqMhz, p.h1M, p.h2M);
    if (p.dKm <= dh2) return { correctionDb: 0, rPrimeM: 10 };
    return { correctionDb: (c10 * Math.log10(p.dKm / dh2)) / Math.log10(d10 / dh2), rPrimeM: 10 };
  }
  if (!(p.h2M >= 1)) throw new RangeError(`h2 must be at least 1 m on land, got ${p.h2M}`);
  if (p.area === 'rural') return { correctionDb: kh2 * Math.log10(p.h2M / 10), rPrimeM: 10 };
  const rPrime = Math.max(1, (1000 * p.dKm * p.r2M - 15 * p.h1M) / (1000 * p.dKm - 15));
  let correction: number;
  if (p.h2M < rPrime) {
    const hdif = rPrime - p.h2M;
    const thetaClutDeg = (Math.atan(hdif / 27) * 180) / Math.PI;
    correction = 6.03 - knifeEdgeJ(0.0108 * Math.sqrt(p.freqMhz) * Math.sqrt(hdif * thetaClutDeg));
  } else correction = kh2 * Math.log10(p.h2M / rPrime);
  if (rPrime < 10) correction -= kh2 * Math.log10(10 / rPrime);
  return { correctionDb: correction, rPrimeM: rPrime };
}
