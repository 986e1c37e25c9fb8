/**
 * Choice of propagation model and its validity warnings (SPEC §4.2, §4.7.1–2).
 */
import { heightInFormulaM } from './hata';
import type { HataEnvironment, PathParams, PropagationEnvironment, PropagationModel } from './types';
import { requirePositive } from './validate';

/** Hata is used up to and including this frequency (SPEC §4.7.1). */
export const HATA_MAX_FREQ_MHZ = 1500;
/** Below this frequency Hata is extrapolated (SPEC §4.2). */
export const HATA_MIN_FREQ_MHZ = 150;
/** COST-231 Hata is used above 1500 MHz up to and including this frequency; free space above it. */
export const COST231_MAX_FREQ_MHZ = 2000;

/**
 * SPEC §4.7.1: f ≤ 1500 MHz → Okumura–Hata (extrapolated below 150 MHz); 1500 < f ≤ 2000 MHz →
 * COST-231 Hata; f > 2000 MHz → free space (ITU-R P.525). Throws a RangeError unless freqMhz > 0.
 */
export function selectPropagationModel(freqMhz: number): PropagationModel {
  requirePositive('freqMhz', freqMhz);
  if (freqMhz <= HATA_MAX_FREQ_MHZ) return 'okumura_hata';
  if (freqMhz <= COST231_MAX_FREQ_MHZ) return 'cost231_hata';
  return 'free_space_p525';
}

/** SPEC §4.7.1: service `urban` → Hata small/medium city; `suburban` and `open` as named; Hata variants unchanged. */
export function toHataEnvironment(environment: PropagationEnvironment): HataEnvironment {
  return environment === 'urban' ? 'urban_small' : environment;
}

/** A height or distance for a message: at most 3 decimals, no trailing zeros. */
function show(value: number): string {
  return String(Number(value.toFixed(3)));
}

interface Range {
  min: number;
  max: number;
}
const HATA_BASE_HEIGHT_M: Range = { min: 30, max: 200 };
const HATA_MOBILE_HEIGHT_M: Range = { min: 1, max: 10 };

/**
 * Validity warnings of `model` for the given path (SPEC §4.2, §4.7.2), in a fixed order: frequency,
 * base height, mobile height, distance, environment. Hata and COST-231 Hata: hb 30–200 m, hm 1–10 m,
 * d 1–20 km (Hata usable to 100 km with a warning); heights below 1 m are raised to 1 m. Free space
 * has no range and no warning. The formulas are used unchanged outside their ranges.
 */
export function modelValidityWarnings(model: PropagationModel, p: PathParams): string[] {
  if (model === 'free_space_p525') return [];
  const name = model === 'okumura_hata' ? 'Hata' : 'COST-231 Hata';
  const warnings: string[] = [];
  if (model === 'okumura_hata' && p.freqMhz < HATA_MIN_FREQ_MHZ) warnings.push('Hata extrapolated below 150 MHz');
  if (model === 'cost231_hata' && (p.freqMhz <= HATA_MAX_FREQ_MHZ || p.freqMhz > COST231_MAX_FREQ_MHZ)) {
    warnings.push(`COST-231 Hata used at ${show(p.freqMhz)} MHz, outside 1500–2000 MHz`);
  }
  const heights: [string, number, Range][] = [
    ['base antenna height', p.baseHeightM, HATA_BASE_HEIGHT_M],
    ['mobile antenna height', p.mobileHeightM, HATA_MOBILE_HEIGHT_M],
  ];
  for (const [label, heightM, range] of heights) {
    if (heightM < 1) warnings.push(`${label} ${show(heightM)} m raised to 1 m in the formula`);
    const usedM = heightInFormulaM(heightM);
    if (usedM < range.min || usedM > range.max)
      warnings.push(`${name} used with ${label} ${show(usedM)} m, outside ${range.min}–${range.max} m`);
  }
  if (p.distanceKm < 1) warnings.push(`${name} used below 1 km`);
  if (p.distanceKm > 20) warnings.push(`${name} used beyond 20 km`);
  if (p.distanceKm > 100) warnings.push(`${name} used beyond 100 km`);
  const hataEnvironment = toHataEnvironment(p.environment);
  if (model === 'cost231_hata' && (hataEnvironment === 'suburban' || hataEnvironment === 'open')) {
    warnings.push(
      `COST-231 Hata has no ${hataEnvironment === 'open' ? 'open-area' : 'suburban'} correction: ` +
        `the medium-city form (Cm = 0 dB) is used`,
    );
  }
  return warnings;
}
