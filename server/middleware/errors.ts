import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { i18n as I18n, TFunction } from 'i18next';
import { formatter } from '../lib/format';
import { languageOf, navFor } from './locals';
import { AppError, NotFoundError, ValidationError, type FieldErrors } from '../lib/errors';
import { wantsJson } from '../lib/http';
import type { Logger } from '../lib/logger';

export function translateFields(t: TFunction, fields: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, t(m.key, m.params ?? {}) as string]));
}

export const notFound: RequestHandler = () => {
  throw new NotFoundError();
};

interface HttpishError {
  status?: number;
  statusCode?: number;
  code?: string;
  type?: string;
  expose?: boolean;
}

/** Maps any error to an AppError: ours pass through; body-parser and csrf errors get their status. */
function normalise(err: unknown): { app: AppError; unexpected: boolean } {
  if (err instanceof AppError) return { app: err, unexpected: false };
  const e = (err ?? {}) as HttpishError;
  const status = e.status ?? e.statusCode;
  // A unique index refused a row that a concurrent request made first.
  if ((err as Error | undefined)?.name === 'SequelizeUniqueConstraintError')
    return { app: new AppError(409, 'conflict', 'errors.conflict'), unexpected: false };
  if (e.code === 'EBADCSRFTOKEN') return { app: new AppError(403, 'csrf_failed', 'errors.csrf'), unexpected: false };
  if (status === 413)
    return { app: new AppError(413, 'payload_too_large', 'errors.payloadTooLarge'), unexpected: false };
  if (status && status >= 400 && status < 500)
    return { app: new AppError(status, 'bad_request', 'errors.badRequest'), unexpected: false };
  return { app: new AppError(500, 'internal_error', 'errors.server'), unexpected: true };
}

/** Locals a page needs, for errors raised before the locals middleware ran (body parser, CSRF). */
function ensureLocals(req: Request, res: Response, fallback: TFunction): TFunction {
  const tr: TFunction = typeof req.t === 'function' ? req.t : fallback;
  if (res.locals.lang === undefined) {
    const lang = languageOf(req);
    Object.assign(res.locals, {
      lang,
      fmt: formatter(lang),
      currentUser: req.currentUser ?? null,
      nav: navFor(req.currentUser?.role),
      path: req.path,
      originalUrl: req.originalUrl,
      flash: [],
      csrfToken: '',
      tileUrl: '',
    });
  }
  res.locals.t = tr;
  return tr;
}

/** The one error handler: JSON for the API, an error page otherwise; logs only what is not the user's fault. */
export function errorHandler(logger: Logger, i18n: I18n): ErrorRequestHandler {
  return (err, req, res: Response, _next) => {
    const { app, unexpected } = normalise(err);
    const reqId = String(req.id ?? '');
    if (unexpected) (req.log ?? logger).error({ err, reqId }, 'unhandled error');
    if (res.headersSent) return;
    const tr = ensureLocals(req, res, i18n.getFixedT('en'));
    const message = tr(app.messageKey, { ...app.params, id: reqId }) as string;
    res.status(app.status);
    if (app.status === 401) res.set('WWW-Authenticate', 'Bearer realm="tanso"');
    if (wantsJson(req)) {
      const body: { error: { code: string; message: string; fields?: Record<string, string> }; current?: unknown } = {
        error: { code: app.code, message },
      };
      if (app instanceof ValidationError) body.error.fields = translateFields(tr, app.fields);
      res.json(body);
      return;
    }
    res.render('errors/error', {
      title: tr(`errors.titles.${app.status}`, { defaultValue: String(app.status) }),
      status: app.status,
      message,
      reqId,
    });
  };
}
