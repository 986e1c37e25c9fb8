/**
 * The public register's pages (SPEC §10.1, §10.2): `/register` (search, list, map), `/register/licences/:number`
 * and `/register/data` with its files. No login; what they show comes from the public presenter only.
 */
import { Router, type Request, type Response } from 'express';
import { ValidationError } from '../../lib/errors';
import { safeNext } from '../../lib/http';
import { isLanguage, LANGUAGE_COOKIE } from '../../lib/i18n';
import type { RouteDeps } from '../../lib/route-deps';
import { translateFields } from '../../middleware/errors';
import { SERVICE_CODES } from '../../models/Service';
import { LICENCE_STATUSES } from '../../models/Licence';
import { currentUser } from '../../lib/actor';
import type { Formatter } from '../../lib/format';
import { requireRole } from '../../middleware/auth';
import { presentJob } from '../jobs/jobs.presenter';
import { COLUMNS as OPEN_DATA_COLUMNS, openDataFile, openDataIndex, requestOpenData } from './opendata.service';
import { asOfKey, asOfOf, tryAsOfOf } from '../history/history.schema';
import { readAsOf } from '../history/history.service';
import { publicCache } from './public.cache';
import { publicLicencePath } from './public.presenter';
import {
  liveSearchOptions,
  publicLicenceByNumber,
  publicQueryParams,
  searchPublicLicences,
  tryParsePublicQuery,
  type PublicQuery,
} from './public.service';

function typedValues(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.query)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string') out[k] = s.slice(0, 200);
  }
  return out;
}

const labelCache = new Map<string, Map<string, string>>();

/**
 * `compute` kept per language and key, up to `max` keys a language: the public pages' fixed texts never change
 * while the process runs.
 */
function keptPerLanguage(
  cache: Map<string, Map<string, string>>,
  res: Response,
  max: number,
  compute: (key: string) => string,
): (key: string) => string {
  const lang = String(res.locals.lang ?? 'en');
  let kept = cache.get(lang);
  if (!kept) cache.set(lang, (kept = new Map()));
  const values = kept;
  return (key) => {
    let v = values.get(key);
    if (v === undefined) {
      v = compute(key);
      if (values.size < max) values.set(key, v);
    }
    return v;
  };
}

/**
 * `t` for the public pages' labels without values (`tl('register.number')`), each translated once per language
 * and kept: a page asks for some sixty of them.
 */
function fixedLabels(req: Request, res: Response): (key: string) => string {
  return keptPerLanguage(labelCache, res, 2000, (key) => req.t(key));
}

const dateCache = new Map<string, Map<string, string>>();

/**
 * `fmt.date` for the list's validity dates (date-only text), each formatted once per language and kept: Intl's
 * formatToParts for twenty rows was 4 % of a search page's CPU, and the register holds few distinct dates.
 */
function listDate(res: Response): (d: string) => string {
  const fmt = res.locals.fmt as Formatter;
  return keptPerLanguage(dateCache, res, 20_000, (d) => fmt.date(d));
}

/** The current districts' codes and names (cached with the public answers). */
function districtList(deps: RouteDeps): Promise<{ code: string; name: string }[]> {
  return publicCache(deps.db.sequelize, deps.config.publicCacheMs).get('districts', async () =>
    (await deps.districts.current()).map((d) => ({ code: d.code, name: d.name })),
  );
}

async function searchPage(deps: RouteDeps, req: Request, res: Response): Promise<void> {
  const values = typedValues(req);
  const { query, error } = tryParsePublicQuery(req.query);
  const dated = tryAsOfOf(req);
  const districts = await districtList(deps);
  const base = {
    tl: fixedLabels(req, res),
    title: req.t('register.title'),
    values,
    districts,
    districtNames: Object.fromEntries(districts.map((d) => [d.code, d.name])),
    services: SERVICE_CODES,
    statuses: LICENCE_STATUSES,
  };
  if (!query || dated.error) {
    if (!query && !(error instanceof ValidationError)) throw error;
    const fields = { ...(error instanceof ValidationError ? error.fields : {}), ...dated.error?.fields };
    res.status(422).render('register/index', {
      ...base,
      errors: translateFields(req.t, fields),
      results: null,
      geojsonUrl: '',
    });
    return;
  }
  const results = await publicCache(deps.db.sequelize, deps.config.publicCacheMs).get(
    `${asOfKey(dated.asOf)}search:${JSON.stringify(query)}`,
    () =>
      readAsOf(deps.db.sequelize, dated.asOf?.at, (scope) =>
        searchPublicLicences(
          scope.sequelize,
          query,
          dated.asOf ? {} : liveSearchOptions(deps.db.sequelize, deps.config.publicCacheMs),
        ),
      ),
  );
  res.render('register/index', {
    ...base,
    errors: {},
    results,
    date: listDate(res),
    query: queryLocals(query),
    page: { page: results.page, pageSize: results.pageSize, offset: (results.page - 1) * results.pageSize },
    total: results.total,
    sort: { field: query.sortField, dir: query.sortDir },
    geojsonUrl: mapDataUrl(query) + (dated.asOf ? `&asOf=${dated.asOf.date}` : ''),
  });
}

/** The GeoJSON of the search's stations (every page of results) with their footprints, for the map. */
function mapDataUrl(q: PublicQuery): string {
  const search = publicQueryParams(q, { page: undefined, sort: undefined, pageSize: undefined });
  return `/api/v1/public/stations.geojson?${[search, 'footprints=1'].filter(Boolean).join('&')}`;
}

/** The search as the pagination and sort partials read it (only what was typed). */
function queryLocals(q: PublicQuery): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(publicQueryParams(q)).entries());
}

export function publicRoutes(deps: RouteDeps): Router {
  const r = Router();
  // Public pages make no session: their language switch is a GET that sets the language cookie.
  r.use('/register', (req, res, next) => {
    res.locals.publicPage = true;
    // A visitor's page holds no form that needs a CSRF token, so no session is made for one.
    if (!req.currentUser)
      Object.defineProperty(res.locals, 'csrfToken', {
        value: '',
        enumerable: true,
        configurable: true,
        writable: true,
      });
    next();
  });
  r.get('/register/language', (req, res) => {
    const lang = req.query.lang;
    if (isLanguage(lang))
      res.cookie(LANGUAGE_COOKIE, lang, { maxAge: 365 * 86_400_000, sameSite: 'lax', httpOnly: false });
    const next = safeNext(req.query.next, '/register');
    res.redirect(303, next.startsWith('/register') ? next : '/register');
  });
  r.get('/register', (req, res) => searchPage(deps, req, res));
  r.get('/register/licences/:number', async (req, res) => {
    const n = String(req.params.number);
    // `asOf`: the licence as it stood at the end of that day (history.service; absent before its issue → 404).
    const asOf = asOfOf(req);
    const cache = publicCache(deps.db.sequelize, deps.config.publicCacheMs);
    const licence = await cache.get(`${asOfKey(asOf)}licence:${n}`, () =>
      readAsOf(deps.db.sequelize, asOf?.at, (scope) => publicLicenceByNumber(scope.sequelize, n)),
    );
    const districts = await districtList(deps);
    res.render('register/show', {
      tl: fixedLabels(req, res),
      title: licence.number,
      breadcrumbs: [{ href: '/register', label: req.t('register.title') }],
      licence,
      districtNames: Object.fromEntries(districts.map((d) => [d.code, d.name])),
      pageUrl: deps.config.publicUrl + publicLicencePath(licence.number),
      geojsonUrl:
        `/api/v1/public/licences/${encodeURIComponent(licence.number)}.geojson` + (asOf ? `?asOf=${asOf.date}` : ''),
      authority: deps.config.authorityName,
    });
  });
  r.get('/register/data', async (req, res) => {
    res.render('register/data', {
      title: req.t('register.data.title'),
      breadcrumbs: [{ href: '/register', label: req.t('register.title') }],
      files: await openDataIndex(deps.config),
      columns: OPEN_DATA_COLUMNS,
    });
  });
  r.post('/register/data/refresh', requireRole('admin'), async (req, res) => {
    const { job } = await requestOpenData(deps.db.sequelize, currentUser(req));
    res.redirect(303, `/jobs/${job.id}`);
  });
  r.post('/api/v1/open-data/refresh', requireRole('admin'), async (req, res) => {
    const { job } = await requestOpenData(deps.db.sequelize, currentUser(req));
    res.status(202).json({ data: presentJob(job, currentUser(req)) });
  });
  r.get('/register/data/:file', async (req, res) => {
    const file = await openDataFile(deps.config, String(req.params.file));
    res.set('Content-Type', file.contentType);
    await new Promise<void>((resolve, reject) =>
      res.download(file.path, file.name, { headers: { 'Content-Type': file.contentType } }, (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  });
  return r;
}
