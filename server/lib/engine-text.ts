/**
 * The conflict engine's words in the user's language. The engine (geo/) writes its footprint model as a
 * code ("okumura_hata") and its validity warnings as English sentences, stored with each footprint; a
 * page shows them through these, so a Vietnamese page reads Vietnamese. A sentence not recognised here is
 * shown as the engine wrote it.
 */
import type { TFunction } from 'i18next';

type Params = Record<string, string>;
const WARNINGS: [RegExp, string, (m: RegExpExecArray) => Params][] = [
  [/^Hata extrapolated below 150 MHz$/, 'hataBelow150', () => ({})],
  [/^COST-231 Hata used at (\S+) MHz, outside 1500–2000 MHz$/, 'cost231Frequency', (m) => ({ mhz: m[1]! })],
  [
    /^(base|mobile) antenna height (\S+) m raised to 1 m in the formula$/,
    'heightRaised',
    (m) => ({ which: m[1]!, m: m[2]! }),
  ],
  [
    /^(Hata|COST-231 Hata) used with (base|mobile) antenna height (\S+) m, outside (\S+)–(\S+) m$/,
    'heightOutside',
    (m) => ({ model: m[1]!, which: m[2]!, m: m[3]!, min: m[4]!, max: m[5]! }),
  ],
  [/^(Hata|COST-231 Hata) used below 1 km$/, 'below1km', (m) => ({ model: m[1]! })],
  [/^(Hata|COST-231 Hata) used beyond (\S+) km$/, 'beyond', (m) => ({ model: m[1]!, km: m[2]! })],
  [
    /^COST-231 Hata has no (open-area|suburban) correction: the medium-city form \(Cm = 0 dB\) is used$/,
    'cost231NoCorrection',
    (m) => ({ area: m[1]! }),
  ],
  [
    /^capped by radio horizon \((\S+) km\) on (\d+) of (\d+) radials$/,
    'horizonCapped',
    (m) => ({ km: m[1]!, n: m[2]!, of: m[3]! }),
  ],
  [
    /^no coverage beyond (\S+) m on (\d+) of (\d+) radials: radius set to (\S+) km$/,
    'noCoverage',
    (m) => ({ m: m[1]!, n: m[2]!, of: m[3]!, km: m[4]! }),
  ],
  [/^P\.1546-6 used at (\S+) MHz, outside 30–4000 MHz$/, 'p1546Frequency', (m) => ({ mhz: m[1]! })],
  [/^h1 (\S+) m limited to 3000 m in P\.1546-6$/, 'p1546H1', (m) => ({ m: m[1]! })],
  [
    /^receiver height (\S+) m raised to 1 m in P\.1546-6 \(its minimum over land\)$/,
    'p1546Receiver',
    (m) => ({ m: m[1]! }),
  ],
  [
    /^contour below (\S+) dBµV\/m limited to (\S+) km on (\d+) of (\d+) radials$/,
    'p1546Limited',
    (m) => ({ dbuv: m[1]!, km: m[2]!, n: m[3]!, of: m[4]! }),
  ],
  [
    /^P\.1546-6 range ends at (\S+) km: reached on (\d+) of (\d+) radials$/,
    'p1546RangeEnd',
    (m) => ({ km: m[1]!, n: m[2]!, of: m[3]! }),
  ],
  [
    /^beamwidth (\S+)° at end (A|B) is wider than (\S+)°: corridor half-width capped at the path length$/,
    'corridorBeamwidth',
    (m) => ({ deg: m[1]!, end: m[2]!, max: m[3]! }),
  ],
];

/** Numbers as the engine wrote them ("1.5"), with the page language's decimal mark. */
function localNumbers(p: Params, lang: string): Params {
  if (lang !== 'vi') return p;
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, /^-?\d+\.\d+$/.test(v) ? v.replace('.', ',') : v]));
}

/** One engine warning in the user's language (as written when not recognised). */
export function engineWarning(t: TFunction, text: string, lang = 'en'): string {
  for (const [re, key, params] of WARNINGS) {
    const m = re.exec(text);
    if (!m) continue;
    const p = localNumbers(params(m), lang);
    if (p.which) p.which = t(`staff.engine.heights.${p.which}`);
    if (p.area) p.area = t(`staff.engine.areas.${p.area}`);
    return t(`staff.engine.warnings.${key}`, p);
  }
  return text;
}

/** A footprint model's name (its code when unknown); `explanation` (P.1546-6's settings) in the user's language. */
export function engineModel(t: TFunction, model: string | undefined, explanation?: string, lang = 'en'): string {
  const name = model ? t(`staff.engine.models.${model}`, { defaultValue: model }) : '';
  const m = explanation
    ? /^ITU-R P\.1546-6, (\S+) % time, 50 % locations, land path, h1 = (\S+) m$/.exec(explanation)
    : null;
  if (m) return t('staff.engine.p1546Explanation', localNumbers({ time: m[1]!, h1: m[2]! }, lang));
  return explanation || name;
}

/** A stored footprint's details with its model and warnings in the user's language. */
export function localFootprint<T extends { model?: string; explanation?: string; warnings?: string[] }>(
  t: TFunction,
  details: T,
  lang = 'en',
): T & { modelName: string } {
  return {
    ...details,
    modelName: engineModel(t, details.model, details.explanation, lang),
    warnings: (details.warnings ?? []).map((w) => engineWarning(t, w, lang)),
  };
}
