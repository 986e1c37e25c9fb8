// Numbers, dates and frequencies in the user's language (UI.md), for every browser script. The same rules
// as the server's server/lib/format.ts; test/unit/browser/format.test.ts checks both give the same text.
// Nothing here reads the page at import time, so the unit test can import it under Node.

const LOCALES = { vi: 'vi-VN', en: 'en-US' };
const TZ = 'Asia/Ho_Chi_Minh';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UNITS = [
  [1e9, 'GHz'],
  [1e6, 'MHz'],
  [1e3, 'kHz'],
  [1, 'Hz'],
];

function toDate(d) {
  if (d instanceof Date) return d;
  return DAY.test(d) ? new Date(`${d}T00:00:00Z`) : new Date(d);
}

/** The formatter of a language ('vi' or 'en'; anything else reads as 'en'). */
export function formatter(lang) {
  const code = lang === 'vi' ? 'vi' : 'en';
  const nf = (digits) => new Intl.NumberFormat(LOCALES[code], { maximumFractionDigits: digits });
  const parts = (d, withTime, dateOnly) => {
    const o = new Intl.DateTimeFormat('en-GB', {
      timeZone: dateOnly ? 'UTC' : TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    }).formatToParts(d);
    const get = (t) => (o.find((p) => p.type === t) || { value: '' }).value;
    return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute') };
  };
  const fmtDate = (d, withTime) => {
    if (d == null || d === '') return '';
    const dateOnly = typeof d === 'string' && DAY.test(d);
    const date = toDate(d);
    if (Number.isNaN(date.getTime())) return '';
    const p = parts(date, withTime, dateOnly);
    const day = code === 'vi' ? `${p.d}/${p.m}/${p.y}` : `${p.y}-${p.m}-${p.d}`;
    return withTime ? `${day} ${p.h}:${p.min}` : day;
  };
  return {
    lang: code,
    /** At most `digits` fraction digits (2 unless told); '' for null, undefined or a non-finite number. */
    number: (n, digits = 2) => (n == null || !Number.isFinite(n) ? '' : nf(digits).format(n)),
    date: (d) => fmtDate(d, false),
    dateTime: (d) => fmtDate(d, true),
    /** In GHz, MHz, kHz or Hz, with up to 6 fraction digits: 160018750 → "160.01875 MHz". */
    frequency(hz) {
      if (hz == null || !Number.isFinite(hz)) return '';
      const [div, unit] = UNITS.find(([d]) => Math.abs(hz) >= d) || [1, 'Hz'];
      return `${nf(6).format(hz / div)} ${unit}`;
    },
    area: (km2) => (km2 == null ? '' : `${nf(km2 < 10 ? 2 : 0).format(km2)} km²`),
  };
}

/** The formatter of the page's language (`<html lang>`). */
export function pageFormatter() {
  return formatter(document.documentElement.lang);
}

/** The same text with no-break spaces, so that a number stays on one line with its unit. */
export function keepTogether(text) {
  return text.replace(/ /g, '\u00a0');
}
