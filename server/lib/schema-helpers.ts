/** zod building blocks shared by every form: text as people type it, numbers with either decimal mark. */
import { z } from 'zod';
import { parseBandwidthHz, parseFrequencyHz } from '../../geo/units';

const nfc = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : v);

/**
 * The one text rule for every free-text field (requiredText, optionalText, textOrEmpty): NFC, trimmed,
 * and refused (422, per field) when it holds a control character (line breaks and tabs aside), a bidi
 * embedding, override or isolate (U+202A–E, U+2066–9), a lone surrogate, or nothing visible at all
 * (only zero-width or other invisible characters).
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point of this pattern
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
/** In unicode mode a surrogate range matches only halves that are not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** A character that shows: not white space, control, format (zero-width), mark alone or a blank filler. */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}\p{M}\u115F\u1160\u2800\u3164\uFFA0]/u;

/** The i18n key of what is wrong with a text under the text rule, or null when it may be stored. */
export function textProblem(s: string): string | null {
  if (LONE_SURROGATE.test(s)) return 'input.surrogate';
  if (CONTROL.test(s)) return 'input.control';
  if (s !== '' && !VISIBLE.test(s)) return 'input.visible';
  return null;
}

const textRule = (s: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** Required text, NFC, trimmed, with a length limit, under the text rule. */
export const requiredText = (max: number) =>
  z.preprocess(nfc, z.string({ error: 'v.required' }).min(1, 'v.required').max(max, 'v.tooLong').superRefine(textRule));

/** Optional text: empty → null. */
export const optionalText = (max: number) =>
  z.preprocess(
    (v) => {
      const s = nfc(v);
      return s === '' || s === undefined ? null : s;
    },
    z.string({ error: 'v.invalid' }).max(max, 'v.tooLong').superRefine(textRule).nullable(),
  );

/** Optional text kept as '' when empty (for NOT NULL text columns). */
export const textOrEmpty = (max: number) =>
  z.preprocess((v) => nfc(v) ?? '', z.string({ error: 'v.invalid' }).max(max, 'v.tooLong').superRefine(textRule));

function toNumber(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return v;
  const s = v.trim().replace(',', '.');
  if (s === '') return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}

/** A required finite number in [min, max]. */
export const numberIn = (min: number, max: number) =>
  z.preprocess(
    toNumber,
    z
      .number({ error: (iss) => (iss.input === undefined ? 'v.required' : 'v.number') })
      .finite('v.number')
      .min(min, 'v.tooSmall')
      .max(max, 'v.tooBig'),
  );

/** An optional finite number in [min, max]; empty → null. */
export const optionalNumberIn = (min: number, max: number) =>
  z.preprocess(
    (v) => {
      const n = toNumber(v);
      return n === undefined || v === null ? null : n;
    },
    z.number({ error: 'v.number' }).finite('v.number').min(min, 'v.tooSmall').max(max, 'v.tooBig').nullable(),
  );

export const versionField = z.coerce.number({ error: 'v.stale' }).int('v.stale').min(0, 'v.stale');

/** ISO date YYYY-MM-DD that exists on the calendar. */
export const isoDate = z.preprocess(
  nfc,
  z
    .string({ error: 'v.required' })
    .min(1, 'v.required')
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'v.date')
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, 'v.date'),
);

/** PATCH semantics: fields left out keep their current value. */
export function mergeForUpdate(current: Record<string, unknown>, body: unknown): Record<string, unknown> {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return { ...current, version: undefined, ...b };
}

/** True when a client sent a version (optional on deletes and actions) that is not the current one. */
export function isStaleVersion(sent: unknown, current: number): boolean {
  return sent !== undefined && sent !== null && sent !== '' && Number(sent) !== current;
}

/** A number typed by a person: "12,5" or "12.5"; empty → undefined. */
export const numberInput = (key = 'v.number') =>
  z.preprocess(
    (v) => {
      if (typeof v === 'number') return v;
      if (typeof v !== 'string') return v;
      const s = v.trim().replace(',', '.');
      if (s === '') return undefined;
      return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
    },
    z.number({ error: (iss) => (iss.input === undefined ? 'v.required' : key) }).finite(key),
  );

/** A frequency with its unit ("100.5 MHz") or integer Hz from JSON. */
export const frequencyInput = z.union([z.number(), z.string()], { error: 'v.required' }).transform((v, ctx) => {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 9_000 && v <= 3e12) return v;
    ctx.addIssue({ code: 'custom', message: 'v.frequencyRange' });
    return z.NEVER;
  }
  if (v.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'v.required' });
    return z.NEVER;
  }
  const r = parseFrequencyHz(v);
  if (r.ok) return r.hz;
  ctx.addIssue({ code: 'custom', message: r.reason === 'range' ? 'v.frequencyRange' : 'v.frequency' });
  return z.NEVER;
});

/** A bandwidth or raster with its unit ("12.5 kHz") or integer Hz from JSON; empty → null. */
export const bandwidthInput = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
    if (typeof v === 'number') {
      if (Number.isInteger(v) && v > 0) return v;
      ctx.addIssue({ code: 'custom', message: 'v.frequency' });
      return z.NEVER;
    }
    const r = parseBandwidthHz(v);
    if (r.ok) return r.hz;
    ctx.addIssue({ code: 'custom', message: 'v.frequency' });
    return z.NEVER;
  });

/** A frequency in a query string ("160.0125", MHz unless a unit is given); anything else → null. */
export function frequencyQueryHz(v: unknown): number | null {
  if (typeof v !== 'string' || !v.trim()) return null;
  const r = parseFrequencyHz(v, 'MHz');
  return r.ok ? r.hz : null;
}

/** A whole number from a query-string filter (`?stationId=12`); anything else (empty, text, fraction) → null. */
export function intOf(v: unknown): number | null {
  return v !== undefined && v !== '' && v !== null && Number.isInteger(Number(v)) ? Number(v) : null;
}
