/**
 * Interpolation in time percentage (ITU-R P.1546-6 Annex 5 §7, Steps 6 and 10) and the inverse
 * complementary normal distribution it uses (§16).
 */
import { fieldAtFrequency, type FrequencyStepParams } from './frequency';
import { bracket, NOMINAL_TIME_PERCENTAGES } from './tables';

/**
 * Qi(x): the inverse complementary cumulative normal distribution, §16 eq. (39): T(x) − C(x) for
 * x ≤ 0.5 (39a), −(T(1 − x) − C(1 − x)) above (39b), T(y) = √(−2·ln y) (39c), C the rational
 * approximation (39d). E.g. Qi(0.5) ≈ 0 (−1e−7), Qi(0.1) = 1.2817, Qi(0.01) = 2.3268.
 */
export function qi(x: number): number {
  if (x > 0.5) return -qi(1 - x);
  const t = Math.sqrt(-2 * Math.log(x));
  const c = ((0.010328 * t + 0.802853) * t + 2.515517) / (((0.001308 * t + 0.189269) * t + 1.432788) * t + 1);
  return t - c;
}

/**
 * E = Esup·(Qinf − Qt)/(Qinf − Qsup) + Einf·(Qt − Qsup)/(Qinf − Qsup), eq. (16), with Qt = Qi(t/100) and
 * tinf, tsup the nominal percentages around t (1/10 % or 10/50 %); the nominal field when t is nominal.
 * Throws a RangeError unless 1 ≤ t ≤ 50.
 */
export function fieldAtTime(p: FrequencyStepParams): number {
  const t = p.timePercent;
  if (!(t >= 1 && t <= 50)) throw new RangeError(`time percentage must be within 1–50 %, got ${t}`);
  const [i, j] = bracket(NOMINAL_TIME_PERCENTAGES, t);
  const tInf = NOMINAL_TIME_PERCENTAGES[i] as number;
  const eInf = fieldAtFrequency(p, tInf);
  if (i === j) return eInf;
  const tSup = NOMINAL_TIME_PERCENTAGES[j] as number;
  const eSup = fieldAtFrequency(p, tSup);
  const [qInf, qSup, qT] = [qi(tInf / 100), qi(tSup / 100), qi(t / 100)];
  return (eSup * (qInf - qT)) / (qInf - qSup) + (eInf * (qT - qSup)) / (qInf - qSup);
}
