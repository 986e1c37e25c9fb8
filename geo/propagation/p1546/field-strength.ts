/**
 * The ITU-R P.1546-6 prediction from its inputs to the field strength and basic transmission loss
 * (Annex 5 §1 Steps 1–20, in the order and with the choices of the ITU reference code v6.2).
 */
import { maxFieldDbuvM } from './emax';
import { transmitterHeightH1M } from './h1';
import { mixedPathFieldDbuvM, type ZoneField } from './mixed-path';
import { receiverHeightCorrection } from './receiver-height';
import { shortPathFieldDbuvM, slopePathCorrectionDb, type SlopeHeights } from './slope-path';
import { terrainClearanceCorrectionDb } from './terrain-clearance';
import { fieldAtTime } from './time';
import { tropoScatterFieldDbuvM } from './tropo-scatter';
import { txClutterCorrectionDb } from './tx-clutter';
import type { P1546PathSection, P1546ReceiverArea, P1546Zone } from './types';

export interface P1546Input {
  /** f, MHz: 30–4000 (outside, the curves are extrapolated). */
  freqMhz: number;
  /** t, % of time: 1–50. */
  timePercent: number;
  /** heff: effective height of the transmitting antenna, m (§3); without terrain data its height above ground. */
  heffM: number;
  /** The path from the transmitter: one section, or land and sea sections (§8). Total 0 < d ≤ 1000 km. */
  path: readonly P1546PathSection[];
  /** h2: receiving antenna height above ground, m. */
  h2M: number;
  /** R2: representative clutter height around the receiver, m (§9). */
  r2M: number;
  rxArea: P1546ReceiverArea;
  /** Whether heff/hb come from terrain data (selects eq. (6) rather than (4)–(5) for d < 15 km). */
  terrainInfo: boolean;
  /** ha: transmitting antenna height above ground, m; with h2 it enables the slope-path correction (§14). */
  haM?: number;
  /** hb: height above the terrain averaged over 0.2·d to d, m (eq. (6)). */
  hbM?: number;
  /** R1: clutter height around the transmitter, m; with ha it enables Step 15 (§10). */
  r1M?: number;
  /** Terrain clearance angle at the receiver, degrees (Step 12, §11). */
  tcaDeg?: number;
  /** θeff1 and θeff2, degrees: with both, Step 13 (tropospheric scatter, §13). */
  thetaEff1Deg?: number;
  thetaEff2Deg?: number;
  /** Terrain heights above sea level at the transmitter and receiver, m (eqs. (37a), (38)). */
  txTerrainM?: number;
  rxTerrainM?: number;
  /** e.r.p., kW (default 1). */
  erpKw?: number;
}

/** Intermediate values, named as in the reference code's log. */
export interface P1546Steps {
  h1M: number;
  /** Emax for the path (eq. (42)) plus the slope-path correction when it applies, dBµV/m for 1 kW. */
  emaxDbuvM: number;
  /** After Steps 1–11: curve interpolation in h1, d, f, t and the mixed-path combination. */
  eStep11DbuvM: number;
  tcaCorrectionDb: number | null;
  tropoScatterDbuvM: number | null;
  rxHeightCorrectionDb: number;
  rPrimeM: number;
  txClutterCorrectionDb: number | null;
  slopeCorrectionDb: number | null;
  /** The eq. (38) field for d < 1 km, else null. */
  shortPathDbuvM: number | null;
}

export interface P1546Result {
  /** E for the given e.r.p., dBµV/m. */
  fieldDbuvM: number;
  /** E for 1 kW e.r.p., dBµV/m. */
  field1KwDbuvM: number;
  /** Lb = 139.3 − E(1 kW) + 20·log10 f, dB (§17 eq. (40)). */
  basicLossDb: number;
  steps: P1546Steps;
}

/** Lb = 139.3 − E + 20·log10(f) dB, §17 eq. (40), E in dBµV/m for 1 kW e.r.p., f in MHz. */
export function basicTransmissionLossDb(freqMhz: number, field1KwDbuvM: number): number {
  return 139.3 - field1KwDbuvM + 20 * Math.log10(freqMhz);
}

const NUMERIC_INPUTS = [
  'freqMhz',
  'timePercent',
  'heffM',
  'h2M',
  'r2M',
  'haM',
  'hbM',
  'r1M',
  'tcaDeg',
  'thetaEff1Deg',
  'thetaEff2Deg',
  'txTerrainM',
  'rxTerrainM',
  'erpKw',
] as const;

function requireFiniteInputs(input: P1546Input): void {
  for (const name of NUMERIC_INPUTS) {
    const v = input[name];
    if (v !== undefined && !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${v}`);
  }
  if (input.erpKw !== undefined && !(input.erpKw > 0)) throw new RangeError(`erpKw must be > 0, got ${input.erpKw}`);
}

/**
 * The field strength exceeded at 50 % of locations and t % of time (Annex 5 §1):
 * Steps 1–4 (zones; nominal t, f, d), h1 by §3 (eqs. (4)–(7), at most 3000 m); Emax by eq. (42) plus the
 * slope-path term (37) when ha and h2 are known; Steps 6–10 per zone at d (or at 1 km when d < 1 km):
 * h1 (§4, eqs. (8)–(12)), distance (§5, (13)), frequency (§6, (14)–(15)), time (§7, (16)); Step 11 mixed
 * path (§8, (17)–(21)); Step 12 terrain clearance (§11) when tca is given; Step 13 max with tropospheric
 * scatter (§13) when θeff1 and θeff2 are given; Step 14 receiving height (§9); Step 15 transmitter clutter
 * (§10) when ha and R1 are given; Step 16 slope path (§14); Step 17 short path (§15, d < 1 km); Step 19
 * the Emax limit; Step 20 Lb (§17) and the e.r.p. scaling E + 10·log10(P kW). Location variability
 * (Step 18, q ≠ 50 %) and Annex 7 (climate) are not implemented. When the path has both cold and warm sea,
 * all sea counts as warm (Step 11). Throws a RangeError on a non-finite input, t outside 1–50 %, d outside
 * (0, 1000] km, f ≤ 0, an empty or negative section, or h2 below the §9 minimum.
 */
export function p1546FieldStrength(input: P1546Input): P1546Result {
  const { freqMhz: f, timePercent: t } = input;
  requireFiniteInputs(input);
  if (!(f > 0)) throw new RangeError(`freqMhz must be > 0, got ${f}`);
  if (input.path.length === 0) throw new RangeError('the path needs at least one section');
  let landKm = 0;
  let seaKm = 0;
  let hasWarm = false;
  let hasCold = false;
  for (const s of input.path) {
    if (!(s.lengthKm >= 0) || !Number.isFinite(s.lengthKm))
      throw new RangeError(`a section length must be finite and ≥ 0, got ${s.lengthKm}`);
    if (s.zone === 'land') landKm += s.lengthKm;
    else seaKm += s.lengthKm;
    if (s.zone === 'warm_sea') hasWarm = true;
    if (s.zone === 'cold_sea') hasCold = true;
  }
  const d = landKm + seaKm;
  if (!(d > 0 && d <= 1000)) throw new RangeError(`path length must be within (0, 1000] km, got ${d}`);
  const mixed = input.path.length > 1;
  const generalPath = mixed || input.path[0]?.zone === 'land' ? 'land' : 'sea';
  const h1M = transmitterHeightH1M({
    dKm: d,
    heffM: input.heffM,
    haM: input.haM,
    hbM: input.hbM,
    path: generalPath,
    terrainInfo: input.terrainInfo,
  });
  const slope: SlopeHeights | null =
    input.haM === undefined
      ? null
      : { haM: input.haM, h2M: input.h2M, txTerrainM: input.txTerrainM, rxTerrainM: input.rxTerrainM };

  // Emax (§2, eq. (42)), with the slope-path term as the reference code applies it.
  let emax = maxFieldDbuvM(t, landKm, seaKm);
  if (slope) emax += slopePathCorrectionDb(slope, d);

  // Steps 6–10 for each zone over the whole path length (at 1 km when d < 1 km), then Step 11.
  const dEval = d >= 1 ? d : 1;
  const land: ZoneField[] = [];
  const sea: ZoneField[] = [];
  for (const s of input.path) {
    const zone: P1546Zone = s.zone === 'cold_sea' && hasWarm && hasCold ? 'warm_sea' : s.zone;
    const fieldDbuvM = fieldAtTime({ freqMhz: f, zone, h1M, dKm: dEval, emaxDbuvM: emax, timePercent: t });
    (zone === 'land' ? land : sea).push({ fieldDbuvM, lengthKm: s.lengthKm });
  }
  let e = mixedPathFieldDbuvM(land, sea);
  const eStep11DbuvM = e;

  let tcaCorrectionDb: number | null = null;
  if (input.tcaDeg !== undefined) {
    tcaCorrectionDb = terrainClearanceCorrectionDb(f, input.tcaDeg).correctionDb;
    e += tcaCorrectionDb;
  }
  let tropoScatterDbuvM: number | null = null;
  if (input.thetaEff1Deg !== undefined && input.thetaEff2Deg !== undefined) {
    tropoScatterDbuvM = tropoScatterFieldDbuvM(dEval, f, t, input.thetaEff1Deg, input.thetaEff2Deg).fieldDbuvM;
    e = Math.max(e, tropoScatterDbuvM);
  }
  const rx = receiverHeightCorrection({
    h1M,
    dKm: dEval,
    r2M: input.r2M,
    h2M: input.h2M,
    freqMhz: f,
    area: input.rxArea,
  });
  e += rx.correctionDb;
  let txClutter: number | null = null;
  if (input.haM !== undefined && input.r1M !== undefined) {
    txClutter = txClutterCorrectionDb(input.haM, input.r1M, f);
    e += txClutter;
  }
  let slopeCorrectionDb: number | null = null;
  if (slope) {
    slopeCorrectionDb = slopePathCorrectionDb(slope, dEval);
    e += slopeCorrectionDb;
  }
  let shortPathDbuvM: number | null = null;
  if (d < 0.9999999999) {
    shortPathDbuvM = shortPathFieldDbuvM(slope ?? { haM: h1M, h2M: input.h2M }, d, e);
    e = shortPathDbuvM;
  }
  const field1KwDbuvM = Math.min(e, emax);
  return {
    fieldDbuvM: field1KwDbuvM + 10 * Math.log10(input.erpKw ?? 1),
    field1KwDbuvM,
    basicLossDb: basicTransmissionLossDb(f, field1KwDbuvM),
    steps: {
      h1M,
      emaxDbuvM: emax,
      eStep11DbuvM,
      tcaCorrectionDb,
      tropoScatterDbuvM,
      rxHeightCorrectionDb: rx.correctionDb,
      rPrimeM: rx.rPrimeM,
      txClutterCorrectionDb: txClutter,
      slopeCorrectionDb,
      shortPathDbuvM,
    },
  };
}
