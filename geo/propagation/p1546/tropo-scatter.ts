/**
 * Field strength by tropospheric scatter (ITU-R P.1546-6 Annex 5 §13, Step 13).
 */

/**
 * θs = 180·d/(π·ae) + θeff1 + θeff2 degrees, eq. (35), ae = 4/3 × 6370 km, at least 0; then
 * Ets = 24.4 − 20·log10(d) − 10·θs − Lf + 0.15·N0 + Gt dBµV/m, eq. (36), with
 * Lf = 5·log10(f) − 2.5·(log10(f) − 3.3)² (36a), N0 = 325, Gt = 10.1·(−log10(0.02·t))^0.7 (36b).
 */
export function tropoScatterFieldDbuvM(
  dKm: number,
  freqMhz: number,
  timePercent: number,
  thetaEff1Deg: number,
  thetaEff2Deg: number,
): { fieldDbuvM: number; thetaSDeg: number } {
  const thetaSDeg = Math.max(0, (180 * dKm) / Math.PI / ((4 / 3) * 6370) + thetaEff1Deg + thetaEff2Deg);
  const lf = 5 * Math.log10(freqMhz) - 2.5 * (Math.log10(freqMhz) - 3.3) ** 2;
  const gt = 10.1 * (-Math.log10(0.02 * timePercent)) ** 0.7;
  return { fieldDbuvM: 24.4 - 20 * Math.log10(dKm) - 10 * thetaSDeg - lf + 0.15 * 325 + gt, thetaSDeg };
}
