/** zod building blocks shared by every form: text as people type it, numbers with either decimal mark. */
import { z } from 'zod';

const nfc = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : v);

/** Required text, NFC, trimmed, with a length limit. */
export const requiredText = (max: number) =>
  z.preprocess(nfc, z.string({ error: 'v.required' }).min(1, 'v.required').max(max, 'v.tooLong'));

/** Optional text: empty → null. */
export const optionalText = (max: number) =>
  z.preprocess(
    (v) => {
      const s = nfc(v);
      return s === '' || s === undefined ? null : s;
    },
    z.string({ error: 'v.invalid' }).max(max, 'v.tooLong').nullable(),
  );

/** Optional text kept as '' when empty (for NOT NULL text columns). */
export const textOrEmpty = (max: number) =>
  z.preprocess((v) => nfc(v) ?? '', z.string({ error: 'v.invalid' }).max(max, 'v.tooLong'));

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
