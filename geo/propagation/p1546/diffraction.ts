/**
 * The knife-edge diffraction loss J(ν) used by several corrections of ITU-R P.1546-6 Annex 5
 * (§4.3 eq. (12a), §9 eq. (28a), §10 eq. (30), §11 eq. (32)).
 */

/**
 * J(ν) = 6.9 + 20·log10(√((ν − 0.1)² + 1) + ν − 0.1) dB, eq. (12a); 0 for ν ≤ −0.7806, where the
 * formula itself reaches 0 (as the ITU reference code does). E.g. J(0) = 6.0329 dB.
 */
export function knifeEdgeJ(nu: number): number {
  if (nu <= -0.7806) return 0;
  return 6.9 + 20 * Math.log10(Math.sqrt((nu - 0.1) ** 2 + 1) + nu - 0.1);
}
