/**
 * `asOf=YYYY-MM-DD` on a request: the lists, the map and the public register read it here, and the pages
 * show the past-date banner (views/partials/as-of.ejs) from `res.locals.asOf`.
 */
import type { NextFunction, Request, Response } from 'express';
import { clock } from '../../lib/dates';
import { ValidationError } from '../../lib/errors';
import { dateInZone, parseAsOf, type AsOf } from './history.time';

const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The jurisdiction's time zone, as buildApp stored it (`app.set('timeZone', config.timeZone)`). */
function timeZoneOf(req: Request): string {
  const tz: unknown = req.app.get('timeZone');
  return typeof tz === 'string' && tz ? tz : DEFAULT_TIME_ZONE;
}

/** The past day a request asks for (null: today, the live register); a bad date → 422 on `asOf`. */
export function asOfOf(req: Request): AsOf | null {
  return parseAsOf(req.query.asOf, timeZoneOf(req));
}

/** The pages that can show a past day (and the public licence pages, /register/licences/:number). */
export const AS_OF_PAGES = ['/licences', '/stations', '/map', '/register'];
const isAsOfPage = (path: string) => AS_OF_PAGES.includes(path) || /^\/register\/licences\/[^/]+$/.test(path);

/** The banner's data for those pages: the day shown, and the same URL without `asOf` (back to today). */
export function asOfLocals(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' || !isAsOfPage(req.path)) return next();
  let asOf: AsOf | null = null;
  try {
    asOf = asOfOf(req);
  } catch {
    // The route answers a bad date with 422, after its own sign-in check.
  }
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query)) {
    if (k === 'asOf' || k === 'page') continue;
    if (typeof v === 'string') params.append(k, v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') params.append(k, x);
  }
  const rest = params.toString();
  res.locals.asOf = asOf ? { date: asOf.date, todayUrl: rest ? `${req.path}?${rest}` : req.path } : null;
  // The other filters, kept by the date picker's form as hidden fields.
  res.locals.asOfKeep = [...params.entries()].map(([name, value]) => ({ name, value }));
  res.locals.asOfMax = dateInZone(clock.now(), timeZoneOf(req));
  res.locals.asOfInput = typeof req.query.asOf === 'string' ? req.query.asOf.slice(0, 40) : '';
  next();
}

/** As `asOfOf`, for a page that shows a bad date next to its other field errors instead of throwing. */
export function tryAsOfOf(req: Request): { asOf: AsOf | null; error: ValidationError | null } {
  try {
    return { asOf: asOfOf(req), error: null };
  } catch (e) {
    if (e instanceof ValidationError) return { asOf: null, error: e };
    throw e;
  }
}

/** A cache key's prefix for answers read as of a day ('' for the live register). */
export function asOfKey(asOf: AsOf | null): string {
  return asOf ? `asOf=${asOf.date}:` : '';
}
