/**
 * Parsing of physical quantities typed by people (SPEC §3). Frequencies are integer Hz; coordinates
 * are decimal degrees. Both a point and a comma are accepted as the decimal separator.
 */

export const MIN_FREQUENCY_HZ = 9_000; // 9 kHz, the lower end of the ITU Radio Regulations table
export const MAX_FREQUENCY_HZ = 3_000_000_000_000; // 3000 GHz

const UNIT_HZ: Record<string, number> = { hz: 1, khz: 1e3, mhz: 1e6, ghz: 1e9 };

export type FrequencyParse = { ok: true; hz: number } | { ok: false; reason: 'format' | 'unit' | 'range' };

/**
 * "100.5 MHz" → 100 500 000; "455 kHz" → 455 000; "12,5 kHz" → 12 500. The unit is required unless
 * `defaultUnit` is given. The result is rounded to the nearest Hz and must lie in 9 kHz..3000 GHz.
 */
export function parseFrequencyHz(input: string, defaultUnit?: 'Hz' | 'kHz' | 'MHz' | 'GHz'): FrequencyParse {
  const m = /^\s*([0-9]+(?:[.,][0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(input);
  if (!m) return { ok: false, reason: 'format' };
  const value = Number((m[1] as string).replace(',', '.'));
  const unit = (m[2] || defaultUnit || '').toLowerCase();
  const mult = UNIT_HZ[unit];
  if (mult === undefined) return { ok: false, reason: 'unit' };
  const hz = Math.round(value * mult);
  if (!Number.isFinite(hz) || hz < MIN_FREQUENCY_HZ || hz > MAX_FREQUENCY_HZ) return { ok: false, reason: 'range' };
  return { ok: true, hz };
}

/** Like parseFrequencyHz, for widths and rasters (any positive value up to 3000 GHz). */
export function parseBandwidthHz(input: string): FrequencyParse {
  const r = parseFrequencyHz(input);
  if (r.ok || r.reason !== 'range') return r;
  const m = /^\s*([0-9]+(?:[.,][0-9]+)?)\s*([a-zA-Z]+)\s*$/.exec(input);
  const mult = m ? UNIT_HZ[(m[2] as string).toLowerCase()] : undefined;
  if (!m || mult === undefined) return r;
  const hz = Math.round(Number((m[1] as string).replace(',', '.')) * mult);
  return hz >= 1 && hz <= MAX_FREQUENCY_HZ ? { ok: true, hz } : { ok: false, reason: 'range' };
}

/**
 * A latitude or longitude in decimal degrees ("12.6667", "-0,5") or DMS ("12°40'00\"N", "108 2 17 E",
 * "12°40.5'N"). Hemisphere S or W makes it negative. Returns null when it cannot be read or is out of
 * range (±90 for latitude, ±180 for longitude).
 */
export function parseCoordinateDeg(input: string, axis: 'lat' | 'lon'): number | null {
  const s = input
    .trim()
    .replace(/,/g, '.')
    .replace(/[′’]/g, "'")
    .replace(/[″”]|''/g, '"');
  if (!s) return null;
  const limit = axis === 'lat' ? 90 : 180;
  const decimal = /^[+-]?\d+(\.\d+)?$/.exec(s);
  let value: number;
  if (decimal) {
    value = Number(s);
  } else {
    const m = new RegExp(
      '^([+-])?\\s*(\\d+(?:\\.\\d+)?)\\s*(?:°|d|\\s)\\s*' +
        "(?:(\\d+(?:\\.\\d+)?)\\s*(?:'|m|\\s)?\\s*)?" +
        '(?:(\\d+(?:\\.\\d+)?)\\s*(?:"|s)?\\s*)?([NSEWnsew])?$',
    ).exec(s);
    if (!m) return null;
    const [, sign, d, mi, se, hemi] = m;
    const minutes = mi ? Number(mi) : 0;
    const seconds = se ? Number(se) : 0;
    if (minutes >= 60 || seconds >= 60) return null;
    value = Number(d) + minutes / 60 + seconds / 3600;
    const h = hemi?.toUpperCase();
    if (h && ((axis === 'lat' && !'NS'.includes(h)) || (axis === 'lon' && !'EW'.includes(h)))) return null;
    if (sign === '-' || h === 'S' || h === 'W') value = -value;
  }
  if (!Number.isFinite(value) || Math.abs(value) > limit) return null;
  return value;
}
