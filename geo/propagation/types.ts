/**
 * Shared vocabulary of the propagation models (SPEC §4.2, §4.7.1).
 */

/** The four Okumura–Hata variants: urban small/medium city, urban large city, suburban, open area. */
export type HataEnvironment = 'urban_small' | 'urban_large' | 'suburban' | 'open';

/** A service's `environment` (SPEC §2): `urban` maps to Hata small/medium city (SPEC §4.7.1). */
export type ServiceEnvironment = 'urban' | 'suburban' | 'open';

/**
 * What pathLossDb and distanceForFieldKm accept: a service environment, or a Hata variant named
 * directly (`urban_large` is the only way to reach the large-city corrections and COST-231 Cm = 3 dB).
 */
export type PropagationEnvironment = ServiceEnvironment | HataEnvironment;

/** Which Hata mobile-antenna-height correction a(hm) to use. */
export type MobileHeightCorrection = 'small_medium_city' | 'large_city';

/**
 * A service's propagation model (SPEC §4.2): `hata` = the chain by frequency (Hata ≤ 1500 MHz, COST-231
 * Hata to 2000 MHz, free space above); `p1546` = ITU-R P.1546-6 (geo/propagation/p1546).
 */
export const PROPAGATION_MODEL_CHOICES = ['hata', 'p1546'] as const;
export type PropagationModelChoice = (typeof PROPAGATION_MODEL_CHOICES)[number];

/** The model chosen by frequency (SPEC §4.7.1). */
export type PropagationModel = 'okumura_hata' | 'cost231_hata' | 'free_space_p525';

/** Inputs of a path calculation; heights are real heights above ground (raised to 1 m inside the formulas). */
export interface PathParams {
  freqMhz: number;
  distanceKm: number;
  baseHeightM: number;
  mobileHeightM: number;
  environment: PropagationEnvironment;
}

export interface PathLossResult {
  lossDb: number;
  model: PropagationModel;
  warnings: string[];
}

export interface FieldStrengthResult {
  fieldDbuvM: number;
  model: PropagationModel;
  warnings: string[];
}

/** A path loss written as L(d) = interceptDb + slopeDbPerDecade·log10(d km). */
export interface LogDistanceTerms {
  interceptDb: number;
  slopeDbPerDecade: number;
}
