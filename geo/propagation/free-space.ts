/**
 * Free-space propagation, ITU-R P.525 (SPEC §4.2).
 */
import { requireFinite, requirePositive } from './validate';

/** The P.525 constant SPEC §4.2 fixes (the NTIA/ITM form); P.525's own rounded form uses 32.4. */
export const P525_CONSTANT_DB = 32.45;

/** Speed of light in vacuum, m/s (exact, SI). */
export const SPEED_OF_LIGHT_M_PER_S = 299_792_458;

/**
 * Free-space basic transmission loss, ITU-R P.525 (rounded form):
 * L(dB) = constant + 20·log10(f MHz) + 20·log10(d km), constant 32.45 by default (SPEC §4.2);
 * pass 32.4 for P.525's printed constant. E.g. 100 MHz over 1 km → 72.45 dB.
 * Throws a RangeError unless freqMhz and distanceKm are finite and > 0.
 */
export function freeSpaceLossDb(freqMhz: number, distanceKm: number, constant: number = P525_CONSTANT_DB): number {
  requirePositive('freqMhz', freqMhz);
  requirePositive('distanceKm', distanceKm);
  requireFinite('constant', constant);
  return constant + 20 * Math.log10(freqMhz) + 20 * Math.log10(distanceKm);
}

/**
 * Free-space basic transmission loss, exact form of ITU-R P.525 Annex 1:
 * L(dB) = 20·log10(4π·d·f / c), d in m, f in Hz, c = 299 792 458 m/s by default (pass 3e8 to match
 * implementations that round c; the constant is then 32.44 instead of 32.4478).
 * Throws a RangeError unless every input is finite and > 0.
 */
export function freeSpaceLossExactDb(
  freqMhz: number,
  distanceKm: number,
  speedOfLightMPerS: number = SPEED_OF_LIGHT_M_PER_S,
): number {
  requirePositive('freqMhz', freqMhz);
  requirePositive('distanceKm', distanceKm);
  requirePositive('speedOfLightMPerS', speedOfLightMPerS);
  return 20 * Math.log10((4 * Math.PI * distanceKm * 1e3 * freqMhz * 1e6) / speedOfLightMPerS);
}

/**
 * Free-space field strength from EIRP, ITU-R P.525 §2.1 (e = √(30·p)/d):
 * E(dBµV/m) = EIRP(dBW) − 20·log10(d km) + 74.8 (SPEC §4.2). Independent of frequency.
 * E.g. 0 dBW at 1 km → 74.8 dBµV/m. Throws a RangeError unless eirpDbw is finite and distanceKm > 0.
 */
export function fieldStrengthFreeSpaceDbuvM(eirpDbw: number, distanceKm: number): number {
  requireFinite('eirpDbw', eirpDbw);
  requirePositive('distanceKm', distanceKm);
  return eirpDbw - 20 * Math.log10(distanceKm) + 74.8;
}
