/**
 * Path loss and field strength with the model chosen by frequency (SPEC §4.2, §4.7.1–2).
 */
import { fieldStrengthFromLossDbuvM } from './field-strength';
import { P525_CONSTANT_DB } from './free-space';
import { cost231LogDistanceTerms, hataLogDistanceTerms } from './hata';
import { modelValidityWarnings, selectPropagationModel, toHataEnvironment } from './model';
import type {
  FieldStrengthResult,
  LogDistanceTerms,
  PathLossResult,
  PathParams,
  PropagationEnvironment,
  PropagationModel,
} from './types';
import { requireFinite, requireNonNegative, requirePositive } from './validate';

/** Everything but the distance, validated: frequency > 0, heights finite and ≥ 0 m. */
export function requirePathInputs(p: { freqMhz: number; baseHeightM: number; mobileHeightM: number }): void {
  requirePositive('freqMhz', p.freqMhz);
  requireNonNegative('baseHeightM', p.baseHeightM);
  requireNonNegative('mobileHeightM', p.mobileHeightM);
}

/**
 * The chosen model's loss as L = interceptDb + slopeDbPerDecade·log10(d km):
 * - Okumura–Hata with the environment mapped by toHataEnvironment;
 * - COST-231 Hata with Cm = 3 dB and the large-city a(hm) for `urban_large`, otherwise Cm = 0 dB and the
 *   small/medium-city a(hm) (SPEC §4.7.1; COST-231 has no suburban or open correction);
 * - free space: 32.45 + 20·log10 f, slope 20 dB/decade (ITU-R P.525, SPEC §4.2).
 */
export function lossTermsForModel(
  model: PropagationModel,
  p: { freqMhz: number; baseHeightM: number; mobileHeightM: number; environment: PropagationEnvironment },
): LogDistanceTerms {
  const environment = toHataEnvironment(p.environment);
  if (model === 'okumura_hata') return hataLogDistanceTerms({ ...p, environment });
  if (model === 'cost231_hata') {
    const large = environment === 'urban_large';
    return cost231LogDistanceTerms({
      freqMhz: p.freqMhz,
      baseHeightM: p.baseHeightM,
      mobileHeightM: p.mobileHeightM,
      cmDb: large ? 3 : 0,
      mobileHeightCorrection: large ? 'large_city' : 'small_medium_city',
    });
  }
  return { interceptDb: P525_CONSTANT_DB + 20 * Math.log10(p.freqMhz), slopeDbPerDecade: 20 };
}

/**
 * Median path loss with the model for the frequency (selectPropagationModel), heights raised to ≥ 1 m
 * inside the formulas, and the validity warnings of modelValidityWarnings.
 * E.g. 450 MHz, 10 km, hb 100 m, hm 1.5 m, urban → Hata small/medium city 143.13 dB.
 * Throws a RangeError unless freqMhz > 0, distanceKm > 0 and both heights are finite and ≥ 0.
 */
export function pathLossDb(p: PathParams): PathLossResult {
  requirePathInputs(p);
  requirePositive('distanceKm', p.distanceKm);
  const model = selectPropagationModel(p.freqMhz);
  const t = lossTermsForModel(model, p);
  return {
    lossDb: t.interceptDb + t.slopeDbPerDecade * Math.log10(p.distanceKm),
    model,
    warnings: modelValidityWarnings(model, p),
  };
}

/**
 * Field strength at distance d with the model for the frequency:
 * - Hata and COST-231 Hata: E = EIRP − L + 20·log10(f MHz) + 107.2 (fieldStrengthFromLossDbuvM);
 * - free space: E = EIRP − 20·log10(d km) + 74.8 (SPEC §4.2, ITU-R P.525 §2.1), not the loss route,
 *   which with the rounded constants 32.45 and 107.2 gives 74.75 instead of 74.8 (exact: 74.77).
 * distanceForFieldKm is the exact inverse of this function. Same refusals as pathLossDb, and eirpDbw finite.
 */
export function fieldStrengthDbuvM(p: PathParams & { eirpDbw: number }): FieldStrengthResult {
  requireFinite('eirpDbw', p.eirpDbw);
  const loss = pathLossDb(p);
  const fieldDbuvM =
    loss.model === 'free_space_p525'
      ? p.eirpDbw - 20 * Math.log10(p.distanceKm) + 74.8
      : fieldStrengthFromLossDbuvM(p.eirpDbw, loss.lossDb, p.freqMhz);
  return { fieldDbuvM, model: loss.model, warnings: loss.warnings };
}
