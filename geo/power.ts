/**
 * Radiated power (SPEC §4.1). ERP is referred to a half-wave dipole, EIRP to an isotropic antenna;
 * a half-wave dipole has a gain of 2.15 dBi, so dBd = dBi − 2.15 and EIRP = ERP + 2.15 dB
 * (ITU Radio Regulations Article 1, Nos. 1.161 e.i.r.p. and 1.162 e.r.p.).
 */

/** Gain of a lossless half-wave dipole over an isotropic antenna, dB (dBi − dBd). */
export const DIPOLE_GAIN_DBI = 2.15;

function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

/** P(dBW) = 10·log10(P W). Throws a RangeError unless powerW is finite and > 0. */
export function wToDbw(powerW: number): number {
  requireFinite('powerW', powerW);
  if (powerW <= 0) throw new RangeError(`powerW must be greater than 0 W, got ${powerW}`);
  return 10 * Math.log10(powerW);
}

/** P(W) = 10^(P dBW / 10). Throws a RangeError unless powerDbw is finite. */
export function dbwToW(powerDbw: number): number {
  requireFinite('powerDbw', powerDbw);
  return 10 ** (powerDbw / 10);
}

/**
 * ERP(dBW) = 10·log10(txPowerW) + antennaGainDbi − 2.15 − feederLossDb (SPEC §4.1), relative to a
 * half-wave dipole. Throws a RangeError when txPowerW ≤ 0 or any input is not finite.
 */
export function erpDbw(txPowerW: number, antennaGainDbi: number, feederLossDb: number): number {
  requireFinite('txPowerW', txPowerW);
  requireFinite('antennaGainDbi', antennaGainDbi);
  requireFinite('feederLossDb', feederLossDb);
  if (txPowerW <= 0) throw new RangeError(`txPowerW must be greater than 0 W, got ${txPowerW}`);
  return wToDbw(txPowerW) + antennaGainDbi - DIPOLE_GAIN_DBI - feederLossDb;
}

/** ERP(W) = 10^(ERP(dBW)/10), with ERP(dBW) from erpDbw (SPEC §4.1). Same refusals as erpDbw. */
export function erpW(txPowerW: number, antennaGainDbi: number, feederLossDb: number): number {
  return dbwToW(erpDbw(txPowerW, antennaGainDbi, feederLossDb));
}

/**
 * EIRP(dBW) = ERP(dBW) + 2.15 = 10·log10(txPowerW) + antennaGainDbi − feederLossDb (SPEC §4.1),
 * relative to an isotropic antenna. Same refusals as erpDbw.
 */
export function eirpDbw(txPowerW: number, antennaGainDbi: number, feederLossDb: number): number {
  return erpDbw(txPowerW, antennaGainDbi, feederLossDb) + DIPOLE_GAIN_DBI;
}
