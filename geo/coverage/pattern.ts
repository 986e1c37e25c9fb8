/**
 * Horizontal antenna pattern used for coverage footprints (SPEC §4.3, §4.7.3).
 */

/** Front-to-back ratio of the simplified pattern, dB (SPEC §4.3). */
export const FRONT_TO_BACK_DB = 25;

/** Smallest angle between two bearings, degrees in [0, 180]. E.g. (350, 10) → 20. */
export function bearingDifferenceDeg(aDeg: number, bDeg: number): number {
  const d = (((aDeg - bDeg) % 360) + 360) % 360;
  return Math.min(d, 360 - d);
}

/**
 * Pattern attenuation towards `bearingDeg`, dB: min(12·(Δθ/beamwidth)², frontToBackDb) with Δθ the
 * smallest angle between the bearing and the azimuth (SPEC §4.3; the 3GPP TR 36.814 / ITU-R F.1336
 * style parabolic main lobe, 3 dB down at Δθ = beamwidth/2). Omni (0 dB) when the azimuth or the
 * beamwidth is null (SPEC §4.7.3). A beamwidth of 360° is not omni: it is the formula (3 dB at the back).
 * Throws a RangeError when bearing or azimuth is not finite or the beamwidth is not finite and > 0.
 */
export function antennaPatternAttenuationDb(
  bearingDeg: number,
  azimuthDeg: number | null,
  beamwidthDeg: number | null,
  frontToBackDb: number = FRONT_TO_BACK_DB,
): number {
  if (!Number.isFinite(bearingDeg)) throw new RangeError(`bearingDeg must be a finite number, got ${bearingDeg}`);
  if (azimuthDeg === null || beamwidthDeg === null) return 0;
  if (!Number.isFinite(azimuthDeg))
    throw new RangeError(`azimuthDeg must be null or a finite number, got ${azimuthDeg}`);
  if (!Number.isFinite(beamwidthDeg) || beamwidthDeg <= 0)
    throw new RangeError(`beamwidthDeg must be null or a finite number > 0, got ${beamwidthDeg}`);
  const deltaDeg = bearingDifferenceDeg(bearingDeg, azimuthDeg);
  return Math.min(12 * (deltaDeg / beamwidthDeg) ** 2, frontToBackDb);
}
