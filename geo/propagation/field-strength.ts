/**
 * Field strength from a path loss (SPEC §4.2).
 */
import { requireFinite, requirePositive } from './validate';

/**
 * E(dBµV/m) = EIRP(dBW) − L(dB) + 20·log10(f MHz) + 107.2 (SPEC §4.2; ITU-R P.525: the received
 * power of an isotropic antenna Pr = EIRP − L relates to the field strength by
 * E = Pr(dBm) + 20·log10 f + 77.2). E.g. 0 dBW, 100 dB, 100 MHz → 47.2 dBµV/m.
 * Throws a RangeError unless every input is finite and freqMhz > 0.
 */
export function fieldStrengthFromLossDbuvM(eirpDbw: number, lossDb: number, freqMhz: number): number {
  requireFinite('eirpDbw', eirpDbw);
  requireFinite('lossDb', lossDb);
  requirePositive('freqMhz', freqMhz);
  return eirpDbw - lossDb + 20 * Math.log10(freqMhz) + 107.2;
}
