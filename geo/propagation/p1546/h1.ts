/**
 * Transmitting/base antenna height h1 (ITU-R P.1546-6 Annex 5 §3).
 */
import type { P1546GeneralPath } from './types';

/** This Recommendation is not valid above h1 = 3000 m; the reference code clamps h1 there. */
export const P1546_MAX_H1_M = 3000;

export interface H1Params {
  dKm: number;
  /** heff: height above the average ground between 3 and 15 km towards the receiver, m. */
  heffM: number;
  /** ha: antenna height above ground, m (used without terrain information when d < 15 km). */
  haM?: number;
  /** hb: height above the terrain averaged between 0.2·d and d, m (with terrain information, d < 15 km). */
  hbM?: number;
  path: P1546GeneralPath;
  /** Whether terrain information is available. */
  terrainInfo: boolean;
}

/**
 * Land paths (§3.1–3.2): without terrain information h1 = ha for d ≤ 3 km, eq. (4), and
 * h1 = ha + (heff − ha)·(d − 3)/12 for 3 < d < 15 km, eq. (5); with it h1 = hb for d < 15 km, eq. (6);
 * h1 = heff for d ≥ 15 km, eq. (7). A missing ha or hb falls back to heff (as the reference code does).
 * Sea paths (§3.3): h1 = heff, at least 3 m. The result is limited to 3000 m. h1 may be negative on land.
 * E.g. d = 9 km, ha = 30, heff = 90, no terrain → 60 m.
 */
export function transmitterHeightH1M(p: H1Params): number {
  let h1: number;
  if (p.path === 'sea') h1 = Math.max(p.heffM, 3);
  else if (p.dKm >= 15) h1 = p.heffM;
  else if (p.terrainInfo) h1 = p.hbM ?? p.heffM;
  else if (p.haM === undefined) h1 = p.heffM;
  else if (p.dKm <= 3) h1 = p.haM;
  else h1 = p.haM + ((p.heffM - p.haM) * (p.dKm - 3)) / 12;
  return Math.min(h1, P1546_MAX_H1_M);
}
