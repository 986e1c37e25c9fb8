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
  const solver = distanceSolver(p);
  const distanceKm = solver.distanceKm(p.eirpDbw, p.thresholdDbuvM);
  return {
    distanceKm,
    model: solver.model,
    warnings: modelValidityWarnings(solver.model, { ...p, distanceKm }),
  };
}

/** The inverse of one path (frequency, heights, environment) for any EIRP and threshold. */
export interface DistanceSolver {
  model: PropagationModel;
  /** distanceForFieldKm's distance, km, to the last bit; no checks, no warnings. */
  distanceKm(eirpDbw: number, thresholdDbuvM: number): number;
}

/**
 * distanceForFieldKm with the path's model and loss terms worked out once, for the many radials of a
 * contour (each radial differs only in its EIRP). Throws a RangeError as distanceForFieldKm does for the path.
 */
export function distanceSolver(p: Omit<DistanceForFieldParams, 'eirpDbw' | 'thresholdDbuvM'>): DistanceSolver {
  requirePathInputs(p);
  const model = selectPropagationModel(p.freqMhz);
  const t = lossTermsForModel(model, p);
  const freqTermDb = 20 * Math.log10(p.freqMhz);
  const freeSpace = model === 'free_space_p525';
  return {
    model,
    distanceKm(eirpDbw, thresholdDbuvM) {
      const fieldAt1KmDbuvM = freeSpace ? eirpDbw + 74.8 : eirpDbw - t.interceptDb + freqTermDb + 107.2;
      return 10 ** ((fieldAt1KmDbuvM - thresholdDbuvM) / t.slopeDbPerDecade);
    },
  };
}
