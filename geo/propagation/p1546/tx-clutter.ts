/**
 * Correction for clutter around the transmitting/base antenna (ITU-R P.1546-6 Annex 5 §10, Step 15).
 */
import { knifeEdgeJ } from './diffraction';

/**
 * Correction = −J(ν) dB, eq. (30), ν = Knu·√(hdif1·θclut) (negative when the antenna is above the
 * clutter), Knu = 0.0108·√f, hdif1 = ha − R1, θclut = arctan(hdif1/27) degrees; 0 where J is 0.
 * E.g. ha = R1 → −6.03 dB. Not applied when R1 is unknown (an open transmitter).
 */
export function txClutterCorrectionDb(haM: number, r1M: number, freqMhz: number): number {
  const hdif1 = haM - r1M;
  const thetaClutDeg = (Math.atan(hdif1 / 27) * 180) / Math.PI;
  const magnitude = 0.0108 * Math.sqrt(freqMhz) * Math.sqrt(hdif1 * thetaClutDeg);
  return -knifeEdgeJ(r1M >= haM ? magnitude : -magnitude);
}
