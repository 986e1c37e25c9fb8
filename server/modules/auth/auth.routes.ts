import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf } from '../../lib/actor';
import { AppError, TooManyRequestsError } from '../../lib/errors';
import { safeNext, wantsJson } from '../../lib/http';
import { isLanguage, LANGUAGE_COOKIE } from '../../lib/i18n';
import { csrf } from '../../middleware/csrf';
import { flash } from '../../middleware/locals';
import { setLocale } from '../users/users.service';
import { login, minutesLeft, presentCurrentUser } from './auth.service';
import { LoginFailures } from './login-failures';

export interface LoginLimits {
  windowMinutes: number;
  perIp: number;
}

const ONE_YEAR_MS = 365 * 24 * 3600_000;

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

export function authRoutes({ db, config }: RouteDeps, limits: Partial<LoginLimits> = {}): Router {
  const r = Router();
  const windowMinutes = limits.windowMinutes ?? 15;
  // Failed sign-ins per address (OWASP): a correct sign-in is not counted, so an office behind one address
  // is not locked out by normal use; failures per account lock the account (auth.service). The 429 says when.
  const failures = new LoginFailures(limits.perIp ?? 50, windowMinutes * 60_000);
  const limiter: RequestHandler = (req, res, next) => {
    const until = failures.blockedUntil(LoginFailures.keyOf(req.ip));
    if (!until) return next();
    res.set('Retry-After', String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))));
    throw new TooManyRequestsError('auth.rateLimited', { minutes: minutesLeft(until) });
  };

  const renderLogin = (req: Request, res: Response, status: number, error?: string) =>
    res.status(status).render('auth/login', {
      title: req.t('auth.title'),
      next: safeNext(req.body?.next ?? req.query.next),
      username: typeof req.body?.username === 'string' ? req.body.username : '',
      error,
      loggedOut: req.query.loggedOut === '1',
      demo: config.env !== 'production',
    });

  r.get('/login', (req, res) => {
    if (req.currentUser) return res.redirect(303, safeNext(req.query.next));
    renderLogin(req, res, 200);
  });

  const doLogin = async (req: Request) => {
    const user = await login(db.sequelize, req.body?.username, req.body?.password, actorOf(req)).catch((err) => {
      if (err instanceof AppError && (err.status === 401 || err.status === 429))
        failures.add(LoginFailures.keyOf(req.ip));
      throw err;
    });
    await regenerate(req); // a new session id at login (no fixation)
    req.session.userId = user.id;
    return user;
  };

  r.post('/login', limiter, async (req, res) => {
    try {
      const user = await doLogin(req);
      if (user.locale && isLanguage(user.locale))
        res.cookie(LANGUAGE_COOKIE, user.locale, { maxAge: ONE_YEAR_MS, sameSite: 'lax', httpOnly: false });
      flash(req, { type: 'success', key: 'auth.welcome', params: { name: user.fullName } });
      res.redirect(303, safeNext(req.body?.next));
    } catch (err) {
      if (!(err instanceof AppError) || wantsJson(req)) throw err;
      renderLogin(req, res, err.status, req.t(err.messageKey, err.params) as string);
    }
  });

  /** JSON sign-in for browser scripts: same rules as the form. */
  r.post('/api/v1/session', limiter, async (req, res) => {
    const user = await doLogin(req);
    res.json({ user: presentCurrentUser(user), csrfToken: csrf.generateToken(req, true) });
  });

  r.get('/api/v1/session', (req, res) => {
    res.json({
      user: req.currentUser
        ? {
            id: req.currentUser.id,
            username: req.currentUser.username,
            fullName: req.currentUser.fullName,
            role: req.currentUser.role,
            districtCodes: req.currentUser.districtCodes,
          }
        : null,
      csrfToken: csrf.generateToken(req),
    });
  });

  const logout = (req: Request, res: Response) => {
    req.session.destroy((err) => {
      if (err) req.log.error({ err }, 'session destroy failed');
      if (wantsJson(req)) return res.status(204).end();
      res.redirect(303, '/login?loggedOut=1');
    });
  };
  r.post('/logout', logout);
  r.delete('/api/v1/session', logout);

  r.post('/language', async (req, res) => {
    const lang = req.body?.lang;
    if (isLanguage(lang)) {
      res.cookie(LANGUAGE_COOKIE, lang, { maxAge: ONE_YEAR_MS, sameSite: 'lax', httpOnly: false });
      if (req.currentUser) await setLocale(db.sequelize, req.currentUser.id, lang, actorOf(req));
    }
    res.redirect(303, safeNext(req.body?.next));
  });
  return r;
}
