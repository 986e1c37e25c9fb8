/**
 * The public search (SPEC §10.1): `number`, `q` (licensee name, with or without diacritics), `fromMhz`/`toMhz`,
 * `service`, `district`, `bbox`, `page`, `pageSize`, `sort` → a typed query, or 422 naming each bad parameter.
 * The page keeps every typed value (the URL holds the search).
 */
import { z } from 'zod';
import { optionalNumberIn, optionalText } from '../../lib/schema-helpers';
import { parseInput } from '../../lib/validation';
import { SERVICE_CODES } from '../../models/Service';
import { foldDiacritics } from '../../lib/text';

export const PUBLIC_SORTS = ['number', 'licensee', 'service', 'status', 'validTo'] as const;
export type PublicSort = (typeof PUBLIC_SORTS)[number];

const bbox = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => Number(p.trim()));
    const [w, so, e, n] = parts;
    const ok =
      parts.length === 4 &&
      parts.every(Number.isFinite) &&
      (w as number) >= -180 &&
      (e as number) <= 180 &&
      (so as number) >= -90 &&
      (n as number) <= 90 &&
      (w as number) < (e as number) &&
      (so as number) < (n as number);
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: 'register.v.bbox' });
      return z.NEVER;
    }
    return parts as [number, number, number, number];
  });

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const PublicQuerySchema = z
  .object({
    number: z.preprocess(emptyToUndefined, optionalText(40)).optional(),
    q: z.preprocess(emptyToUndefined, optionalText(120)).optional(),
    fromMhz: optionalNumberIn(0.009, 3_000_000).optional(),
    toMhz: optionalNumberIn(0.009, 3_000_000).optional(),
    service: z.preprocess(emptyToUndefined, z.enum(SERVICE_CODES, { error: 'v.invalid' }).optional()),
    district: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[\w-]{1,16}$/, 'v.invalid')
        .optional(),
    ),
    bbox: z.preprocess(emptyToUndefined, bbox.optional()),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).catch(20).default(20),
    sort: z.string().max(20).optional().catch(undefined),
  })
  .superRefine((v, ctx) => {
    if (typeof v.fromMhz === 'number' && typeof v.toMhz === 'number' && v.toMhz < v.fromMhz)
      ctx.addIssue({ code: 'custom', path: ['toMhz'], message: 'register.v.rangeOrder' });
  });

export type PublicQuery = z.output<typeof PublicQuerySchema> & { sortField: PublicSort; sortDir: 'ASC' | 'DESC' };

/** Parses a query string; throws ValidationError (422) with a message per field. */
export function parsePublicQuery(raw: unknown): PublicQuery {
  const src = (raw ?? {}) as Record<string, unknown>;
  const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const flat = Object.fromEntries(Object.entries(src).map(([k, v]) => [k, one(v)]));
  const q = parseInput(PublicQuerySchema, flat);
  const s = q.sort ?? '';
  const desc = s.startsWith('-');
  const name = desc ? s.slice(1) : s;
  const sortField = (PUBLIC_SORTS as readonly string[]).includes(name) ? (name as PublicSort) : 'number';
  return { ...q, sortField, sortDir: desc && sortField === name ? 'DESC' : 'ASC' };
}

/** A typed word without LIKE's wildcards (what both the SQL search and the search index look for). */
export const plainWord = (w: string): string => w.replace(/[\\%_]/g, '');

/** The words typed as a licensee's name: folded (no diacritics, lower case), at most eight, no wildcards. */
export function nameWords(q: PublicQuery): string[] {
  return q.q ? foldDiacritics(q.q).split(' ').filter(Boolean).slice(0, 8).map(plainWord) : [];
}

/** The typed licence number as numbers are written (upper case, trimmed), or null. */
export function typedNumber(q: PublicQuery): string | null {
  return q.number ? q.number.toUpperCase().trim() : null;
}

/** The search as query parameters (for links that keep it: pages, sorting, the map's data URL). */
export function publicQueryParams(q: PublicQuery, over: Record<string, string | number | undefined> = {}): string {
  const base: Record<string, string | number | undefined> = {
    number: q.number ?? undefined,
    q: q.q ?? undefined,
    fromMhz: q.fromMhz ?? undefined,
    toMhz: q.toMhz ?? undefined,
    service: q.service,
    district: q.district,
    bbox: q.bbox?.join(','),
    sort: q.sort || undefined,
    page: q.page > 1 ? q.page : undefined,
    pageSize: q.pageSize !== 20 ? q.pageSize : undefined,
  };
  const all = { ...base, ...over };
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}
