/** Numbers, dates and physical quantities in the user's language (UI.md). */
export type Lang = 'vi' | 'en';

export interface Formatter {
  number(n: number | null | undefined, maxFractionDigits?: number): string;
  date(d: Date | string | null | undefined): string;
  dateTime(d: Date | string | null | undefined): string;
  frequency(hz: number | null | undefined): string;
  area(km2: number | null | undefined): string;
}

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-US' };
const TZ = 'Asia/Ho_Chi_Minh';

function toDate(d: Date | string): Date {
  if (d instanceof Date) return d;
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00Z`) : new Date(d);
}

// Intl formatters are costly to make (a page of numbers spent most of its time making them): made once each.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits })));
  return f;
}

function dateFormat(withTime: boolean, dateOnly: boolean): Intl.DateTimeFormat {
  const key = `${withTime}:${dateOnly}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: dateOnly ? 'UTC' : TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    dateFormats.set(key, f);
  }
  return f;
}

export function formatter(lang: Lang): Formatter {
  const nf = (digits: number) => numberFormat(lang, digits);
  const parts = (d: Date, withTime: boolean, dateOnly: boolean) => {
    const o = dateFormat(withTime, dateOnly).formatToParts(d);
    const get = (t: string) => o.find((p) => p.type === t)?.value ?? '';
    return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute') };
  };
  const fmtDate = (d: Date | string | null | undefined, withTime: boolean) => {
    if (d == null || d === '') return '';
    const dateOnly = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d);
    const date = toDate(d);
    if (Number.isNaN(date.getTime())) return '';
    const p = parts(date, withTime, dateOnly);
    const day = lang === 'vi' ? `${p.d}/${p.m}/${p.y}` : `${p.y}-${p.m}-${p.d}`;
    return withTime ? `${day} ${p.h}:${p.min}` : day;
  };
  return {
    number: (n, digits = 2) => (n == null || !Number.isFinite(n) ? '' : nf(digits).format(n)),
    date: (d) => fmtDate(d, false),
    dateTime: (d) => fmtDate(d, true),
    frequency(hz) {
      if (hz == null || !Number.isFinite(hz)) return '';
      const units: [number, string][] = [
        [1e9, 'GHz'],
        [1e6, 'MHz'],
        [1e3, 'kHz'],
        [1, 'Hz'],
      ];
      const [div, unit] = units.find(([d]) => Math.abs(hz) >= d) ?? [1, 'Hz'];
      return `${nf(6).format(hz / div)} ${unit}`;
    },
    area: (km2) => (km2 == null ? '' : `${nf(km2 < 10 ? 2 : 0).format(km2)} km²`),
  };
}
