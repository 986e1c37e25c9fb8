import type { Request } from 'express';

/** JSON for the API and for clients that prefer it; HTML otherwise. */
export function wantsJson(req: Request): boolean {
  if (req.originalUrl.startsWith('/api/')) return true;
  return req.accepts(['html', 'json']) === 'json';
}

/** A safe local path to go back to after login: never another origin. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return fallback;
  return next;
}
