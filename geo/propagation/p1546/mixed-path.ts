/**
 * Mixed land/sea paths (ITU-R P.1546-6 Annex 5 §8, Step 11).
 */

/** A zone's field strength over the whole path length (Steps 6–10 with that zone's curves) and its length. */
export interface ZoneField {
  fieldDbuvM: number;
  lengthKm: number;
}

/** Length-weighted mean Σ di·Ei / Σ di of the given zones, dBµV/m. */
function weighted(zones: readonly ZoneField[]): number {
  let sum = 0;
  let length = 0;
  for (const z of zones) {
    sum += z.fieldDbuvM * z.lengthKm;
    length += z.lengthKm;
  }
  return sum / length;
}

/**
 * Combines the zones (§8, the RRC-06 method): with one kind of zone only, the length-weighted mean of
 * their fields; with land and sea (coastal land counting as sea), E = (1 − A)·Eland + A·Esea, eq. (17),
 * Eland and Esea the length-weighted means of each kind, A = A0^V (18), A0 = 1 − (1 − Fsea)^(2/3) (19),
 * V = max(1, 1 + Δ/40) (20), Δ = Esea − Eland (21), Fsea the sea fraction of the path.
 * E.g. land 40 dBµV/m over 10 km, sea 60 over 10 km → 44.5020 dBµV/m (A = 0.2251).
 */
export function mixedPathFieldDbuvM(land: readonly ZoneField[], sea: readonly ZoneField[]): number {
  if (sea.length === 0) return weighted(land);
  if (land.length === 0) return weighted(sea);
  const eLand = weighted(land);
  const eSea = weighted(sea);
  const dLand = land.reduce((s, z) => s + z.lengthKm, 0);
  const dSea = sea.reduce((s, z) => s + z.lengthKm, 0);
  const fSea = dSea / (dLand + dSea);
  const v = Math.max(1, 1 + (eSea - eLand) / 40);
  const a = (1 - (1 - fSea) ** (2 / 3)) ** v;
  return (1 - a) * eLand + a * eSea;
}
