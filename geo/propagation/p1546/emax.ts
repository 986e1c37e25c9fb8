/**
 * Maximum field strength (ITU-R P.1546-6 Annex 5 §2 and, for mixed paths, §19).
 */

/** Efs = 106.9 − 20·log10(d) dBµV/m for 1 kW e.r.p., eq. (2): the free-space field at d km. */
export function freeSpaceFieldDbuvM(dKm: number): number {
  return 106.9 - 20 * Math.log10(dKm);
}

/** Ese = 2.38·(1 − e^(−d/8.94))·log10(50/t) dB, eq. (3): the sea enhancement below 50 % time. */
export function seaEnhancementDb(dKm: number, timePercent: number): number {
  return 2.38 * (1 - Math.exp(-dKm / 8.94)) * Math.log10(50 / timePercent);
}

/**
 * Emax = Efs + (dsea/dtotal)·Ese, eq. (42) (the all-land value (2) when dsea = 0, the all-sea value
 * (2) + (3) when dland = 0), dBµV/m for 1 kW e.r.p. E.g. 10 km land → 86.9; 10 km sea at 20 % → 87.5376.
 */
export function maxFieldDbuvM(timePercent: number, landKm: number, seaKm: number): number {
  const d = landKm + seaKm;
  return freeSpaceFieldDbuvM(d) + (seaKm * seaEnhancementDb(d, timePercent)) / d;
}
