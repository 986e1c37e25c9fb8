/**
 * Terrain clearance angle correction at the receiver (ITU-R P.1546-6 Annex 5 §11, Step 12). Without
 * terrain data Tanso has no clearance angle and does not apply it; it is here for the validation set and
 * for a later DEM.
 */
import { knifeEdgeJ } from './diffraction';

/**
 * Correction = J(ν′) − J(ν) dB, eq. (32), with ν′ = 0.036·√f (32b) and ν = 0.065·θtca·√f (32c), θtca the
 * terrain clearance angle, limited to 0.55°–40° (§11, eq. (31)). Returns the correction and ν.
 * E.g. 900 MHz, 4.91534° → −18.0532 dB.
 */
export function terrainClearanceCorrectionDb(freqMhz: number, tcaDeg: number): { correctionDb: number; nu: number } {
  const tca = Math.min(Math.max(tcaDeg, 0.55), 40);
  const nuPrime = 0.036 * Math.sqrt(freqMhz);
  const nu = 0.065 * tca * Math.sqrt(freqMhz);
  return { correctionDb: knifeEdgeJ(nuPrime) - knifeEdgeJ(nu), nu };
}
