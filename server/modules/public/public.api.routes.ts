/**
 * The public JSON API (SPEC §10.1): read-only, no session, no CSRF, CORS for GET, ETag, a rate limit per
 * client address (429 with the usual error body). Mounted before the session middleware, so it never reads
 * or writes a session; every path under /api/v1/public ends here (unknown ones 404).
 */
import { createHash } from 'node:crypto';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { i18n as I18n } from 'i18next';
import { languageMiddleware } from '../../lib/i18n/middleware';
import { NotFoundError, TooManyRequestsError } from '../../lib/errors';
import type { RouteDeps } from '../../lib/route-deps';
import type { Sequelize } from 'sequelize';
import { asOfKey, asOfOf } from '../history/history.schema';
import { readAsOf } from '../history/history.service';
import { publicCache } from './public.cache';
import {
  liveSearchOptions,
  parsePublicQuery,
  publicLicenceByNumber,
  publicLicenceGeoJson,
  publicStationsGeoJson,
  searchPublicLicences,
} from './public.service';

export const PUBLIC_API = '/api/v1/public';

/** Answers with a strong ETag over the body; 304 when the client already holds it. */
export function sendWithEtag(req: Request, res: Response, body: unknown, type = 'application/json'): void {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
  res.set('ETag', etag);
  res.set('Cache-Control', 'public, max-age=60');
  const sent = req.get('if-none-match');
  if (sent && sent.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    res.status(304).end();
    return;
  }
  res.type(type).send(text);
}

const cors: RequestHandler = (req, res, next) => {
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Access-Control-Expose-Headers', 'ETag, RateLimit, RateLimit-Policy, Retry-After');
  res.set('Vary', 'Origin');
  if (req.method === 'OPTIONS') {
    res.set('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.set('Access-Control-Allow-Headers', 'If-None-Match, Accept, Accept-Language');
    res.set('Access-Control-Max-Age', '600');
    res.status(204).end();
    return;
  }
  next();
};

/** Only GET and HEAD exist here. */
const readOnly: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new NotFoundError();
  next();
};

export function publicApiRoutes({ db, config }: RouteDeps, i18n: I18n): Router {
  const r = Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.publicRateLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new TooManyRequestsError('register.rateLimited')),
  });
  r.use(PUBLIC_API, languageMiddleware(i18n), cors, readOnly, limiter);
  // `asOf=YYYY-MM-DD`: the register as it stood at the end of that day (history.service), cached apart.
  const cached = <T>(req: Request, key: string, read: (s: Sequelize) => Promise<T>): Promise<T> => {
    const asOf = asOfOf(req);
    return publicCache(db.sequelize, config.publicCacheMs).get(`${asOfKey(asOf)}${key}`, () =>
      readAsOf(db.sequelize, asOf?.at, (scope) => read(scope.sequelize)),
    );
  };
  r.get(`${PUBLIC_API}/licences`, async (req, res) => {
    const q = parsePublicQuery(req.query);
    // The live register's searches use the search index and keep their ordered matches for their other pages; a
    // past date's do neither.
    const matches = asOfOf(req) ? {} : liveSearchOptions(db.sequelize, config.publicCacheMs);
    sendWithEtag(
      req,
      res,
      await cached(req, `search:${JSON.stringify(q)}`, (s) => searchPublicLicences(s, q, matches)),
    );
  });
  r.get(`${PUBLIC_API}/licences/:number.geojson`, async (req, res) => {
    const n = String(req.params.number);
    const fc = await cached(req, `licence.geojson:${n}`, (s) => publicLicenceGeoJson(s, n));
    sendWithEtag(req, res, fc, 'application/geo+json');
  });
  r.get(`${PUBLIC_API}/licences/:number`, async (req, res) => {
    const n = String(req.params.number);
    sendWithEtag(req, res, { data: await cached(req, `licence:${n}`, (s) => publicLicenceByNumber(s, n)) });
  });
  r.get(`${PUBLIC_API}/stations.geojson`, async (req, res) => {
    const q = parsePublicQuery(req.query);
    const footprints = req.query.footprints === '1' || req.query.footprints === 'true';
    const key = `stations:${footprints}:${JSON.stringify(q)}`;
    const fc = await cached(req, key, (s) => publicStationsGeoJson(s, q, { footprints }));
    sendWithEtag(req, res, fc, 'application/geo+json');
  });
  r.use(PUBLIC_API, () => {
    throw new NotFoundError();
  });
  return r;
}
