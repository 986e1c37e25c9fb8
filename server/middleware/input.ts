/**
 * Request hygiene for every route, in one place: answers behind the app are never stored by a cache, and
 * text that no database can take (a NUL byte, or a path that is not UTF-8) is refused with 400 before any
 * route sees it, whatever the route (query, path parameters, form or JSON body, multipart fields).
 */
import type { RequestHandler } from 'express';
import { BadRequestError } from '../lib/errors';

/** `Cache-Control: no-store` on every dynamic answer (pages, API, errors); a route may set its own. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

const NUL = '\u0000';
const MAX_DEPTH = 32;

/** The name of the first field (dotted path) whose key or text holds a NUL byte, or null. */
export function fieldWithNul(value: unknown, at = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? at || '?' : null;
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const name = at ? `${at}.${k}` : k;
    if (k.includes(NUL)) return name.replaceAll(NUL, '\\0');
    const found = fieldWithNul(v, name, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The first path segment that is not valid percent-encoded UTF-8 or decodes to a NUL byte, or null. */
export function badPathSegment(path: string): string | null {
  for (const segment of path.split('/')) {
    try {
      if (decodeURIComponent(segment).includes(NUL)) return segment;
    } catch {
      return segment;
    }
  }
  return null;
}

/** 400 with the SPEC's error body when the query, the path or the body holds text that cannot be stored. */
export const rejectBadText: RequestHandler = (req, _res, next) => {
  const segment = badPathSegment(req.path);
  if (segment !== null) throw new BadRequestError('input.badRequest', { where: segment.slice(0, 40) });
  const field = fieldWithNul(req.query) ?? fieldWithNul(req.body);
  if (field !== null) throw new BadRequestError('input.badRequest', { where: field.slice(0, 40) });
  next();
};
