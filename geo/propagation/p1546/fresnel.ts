/**
 * Path length that just achieves 0.6 Fresnel clearance over a smooth earth (ITU-R P.1546-6 Annex 5 §18).
 */

/**
 * D06(f, h1, h2) = Df·Dh/(Df + Dh) km, eq. (41), with Df = 0.0000389·f·h1·h2 (41a) and
 * Dh = 4.1·(√h1 + √h2) (41b); f in MHz, heights in m. h1 is raised to 0 and the result to 0.001 km
 * as §18 says. E.g. D06(100, 20, 10) = 0.7591 km.
 */
export function d06Km(freqMhz: number, h1M: number, h2M: number): number {
  const h1 = Math.max(h1M, 0);
  const df = 0.0000389 * freqMhz * h1 * h2M;
  const dh = 4.1 * (Math.sqrt(h1) + Math.sqrt(h2M));
  const d = (df * dh) / (df + dh);
  return d >= 0.001 ? d : 0.001;
}
