/**
 * Distance at which the field strength falls to a threshold: the closed-form inverse of
 * fieldStrengthDbuvM (SPEC §4.3 "closed form for Hata and free space").
 */
import { lossTermsForModel, requirePathInputs } from './path-loss';
import { modelValidityWarnings, selectPropagationModel } from './model';
import type { PropagationEnvironment, PropagationModel } from './types';
import { requireFinite } from './validate';

export interface DistanceForFieldParams {
  eirpDbw: number;
  thresholdDbuvM: number;
  freqMhz: number;
  baseHeightM: number;
  mobileHeightM: number;
  environment: PropagationEnvironment;
}

export interface DistanceForFieldResult {
  distanceKm: number;
  model: PropagationModel;
  warnings: string[];
}

/**
 * Solves E(d) = threshold for d. With L = A + B·log10 d (the model's log-distance form):
 * - Hata / COST-231 Hata: log10 d = (EIRP + 20·log10 f + 107.2 − A − E_th) / B;
 * - free space: log10 d = (EIRP + 74.8 − E_th) / 20 (from E = EIRP − 20·log10 d + 74.8, SPEC §4.2).
 * The result is 10^x km, so always > 0 (it can under- or overflow to 0 or Infinity for absurd inputs);
 * it is not capped by the horizon (the caller does that). Warnings are the model's validity warnings
 * at the returned distance. E.g. 0 dBW, 74.8 dBµV/m, 3000 MHz → 1 km (free space).
 * Throws a RangeError unless freqMhz > 0, heights finite and ≥ 0, EIRP and threshold finite.
 */
export function distanceForFieldKm(p: DistanceForFieldParams): DistanceForFieldResult {
  requireFinite('eirpDbw', p.eirpDbw);
  requireFinite('thresholdDbuvM', p.thresholdDbuvM);
  requirePathInputs(p);
  const model = selectPropagationModel(p.freqMhz);
  const t = lossTermsForModel(model, p);
  const fieldAt1KmDbuvM =
    model === 'free_space_p525' ? p.eirpDbw + 74.8 : p.eirpDbw - t.interceptDb + 20 * Math.log10(p.freqMhz) + 107.2;
  const distanceKm = 10 ** ((fieldAt1KmDbuvM - p.thresholdDbuvM) / t.slopeDbPerDecade);
  return {
    distanceKm,
    model,
    warnings: modelValidityWarnings(model, { ...p, distanceKm }),
  };
}
