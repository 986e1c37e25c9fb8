import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { i18n as I18n, TFunction } from 'i18next';
import { isLanguage } from './index';

/** What a request and its templates get for one language: the same fields as i18next-http-middleware's `handle`. */
interface Bound {
  i18n: I18n;
  t: TFunction;
  exists: I18n['exists'];
  languageDir: 'ltr' | 'rtl';
  languages: readonly string[];
  resolvedLanguage: string | undefined;
}

/** The parts of i18next's untyped services (`any` in its typings) this middleware calls. */
interface Detector {
  detect(req: Request, res: Response): string | undefined;
  cacheUserLanguage(req: Request, res: Response, lng: string): void;
}
interface LanguageUtils {
  toResolveHierarchy(code: string): string[];
}

/** The properties `handle` sets that i18next-http-middleware's typings leave out. */
type LanguageRequest = Request & { lng?: string; locale?: string; resolvedLanguage?: string };

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\r\n\x00-\x1F\x7F]/g;

/** Regional variants of LANGUAGES given a shared clone; a handful occur in practice. */
const MAX_VARIANTS = 16;

export interface LanguageMiddlewareOptions {
  /** As `handle`'s: a request whose path contains one of these strings gets no language. */
  ignoreRoutes?: readonly string[];
}

/** A clone of the app's instance set to `lng`; `changeLanguage` is synchronous since resources are in memory. */
function bind(root: I18n, lng: string): Bound {
  const i18n = root.cloneInstance({ initAsync: false });
  void i18n.changeLanguage(lng);
  const languageUtils = root.services.languageUtils as LanguageUtils;
  return {
    i18n,
    t: i18n.t.bind(i18n),
    exists: i18n.exists.bind(i18n),
    languageDir: root.dir(lng),
    languages: languageUtils.toResolveHierarchy(lng),
    resolvedLanguage: i18n.resolvedLanguage,
  };
}

/**
 * The request's language, as i18next-http-middleware's `handle` sets it (same detection, `Content-Language`,
 * `req.language/locale/lng/languages/resolvedLanguage/i18n/t`, `res.locals.t/exists/i18n/language/
 * resolvedLanguage/languageDir`), without its per-request cost: `handle` clones the instance, switches the clone's
 * language and loads languages on every request, a few per cent of the CPU of a public page. Here each detected
 * code has one clone, made and switched once, then shared by every request with that code. The codes come from
 * the request: besides LANGUAGES, the detector keeps regional variants (vi-VN, en-GB: what most browsers send),
 * which `handle` reports as such (`req.language`, Content-Language), so they need their own clone; only the first
 * MAX_VARIANTS of those are kept, so that untrusted input cannot grow the cache; any other gets a clone per request.
 *
 * A shared clone must never change language (it would change it for every request at once); nothing in the app
 * does (pages needing another language use `req.i18n.getFixedT`), and its `changeLanguage` throws to keep it so.
 */
export function languageMiddleware(root: I18n, options: LanguageMiddlewareOptions = {}): RequestHandler {
  const ignores = options.ignoreRoutes ?? [];
  const shared = new Map<string, Bound>();
  let variants = 0;
  const boundFor = (lng: string): Bound => {
    const found = shared.get(lng);
    if (found) return found;
    const variant = !isLanguage(lng);
    // A code the detector kept is one of LANGUAGES or a variant of one; checked again, as it is the request's.
    if (variant && (variants >= MAX_VARIANTS || !isLanguage(lng.split('-')[0]))) return bind(root, lng);
    const bound = bind(root, lng);
    bound.i18n.changeLanguage = () => {
      throw new Error(`the shared i18next clone for "${lng}" cannot change language; use getFixedT`);
    };
    shared.set(lng, bound);
    if (variant) variants++;
    return bound;
  };
  const fallback = (): string => {
    const f = root.options.fallbackLng;
    return typeof f === 'string' ? f : Array.isArray(f) && typeof f[0] === 'string' ? f[0] : 'en';
  };

  return (request: Request, res: Response, next: NextFunction) => {
    const req = request as LanguageRequest;
    for (const ignore of ignores) if (req.path.includes(ignore)) return next();

    const detector = root.services.languageDetector as Detector | undefined;
    // As in `handle`: a language already set on the request (an earlier pass of this middleware) is kept.
    // The detector always answers (its fallback at worst); `handle` would switch to the fallback otherwise.
    const lng = req.lng || detector?.detect(req, res) || fallback();
    const bound = boundFor(lng);

    req.language = req.locale = req.lng = lng;
    if (res.getHeader('Content-Language') !== lng && !res.headersSent) {
      // The code comes from the request (the detector already refuses control characters; `handle` strips them too).
      res.setHeader('Content-Language', lng.replace(CONTROL_CHARS, ''));
    }
    req.languages = [...bound.languages];
    req.resolvedLanguage = bound.resolvedLanguage;
    req.i18n = bound.i18n;
    req.t = bound.t;

    res.locals.t = bound.t;
    res.locals.exists = bound.exists;
    res.locals.i18n = bound.i18n;
    res.locals.language = lng;
    res.locals.resolvedLanguage = bound.resolvedLanguage;
    res.locals.languageDir = bound.languageDir;

    // A no-op with our detector (caches: false), kept so that configuring a cache works as with `handle`.
    detector?.cacheUserLanguage(req, res, lng);
    next();
  };
}
