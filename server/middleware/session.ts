import connectSessionSequelize from 'connect-session-sequelize';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';

export const SESSION_COOKIE = 'tanso.sid';
const SESSION_HOURS = 12;

/**
 * Sessions live in the database (table `sessions`, created by a migration), so several app processes
 * behind a load balancer share them. The user's id is copied into a column to end their sessions.
 */
export function sessionMiddleware(config: Config, sequelize: Sequelize): { middleware: RequestHandler; stop(): void } {
  const SequelizeStore = connectSessionSequelize(session.Store);
  const store = new SequelizeStore({
    db: sequelize,
    table: 'Session',
    expiration: SESSION_HOURS * 3600_000,
    checkExpirationInterval: 15 * 60_000,
    extendDefaultFields: (defaults: { data: string; expires: Date }, s: { userId?: number }) => ({
      data: defaults.data,
      expires: defaults.expires,
      userId: s.userId ?? null,
    }),
  });
  const middleware = session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.trustProxy,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.env === 'production', maxAge: SESSION_HOURS * 3600_000 },
  });
  return { middleware, stop: () => store.stopExpiringSessions() };
}

/**
 * express-session writes a changed session to the store as the response ends, after a redirect's
 * headers may already have reached the browser; the next request can then arrive before the write
 * (expressjs/session#360). A redirect therefore waits for the save when the session changed
 * (sign-in, flash messages).
 */
export const saveBeforeRedirect: RequestHandler = (req, res, next) => {
  const before = req.session ? JSON.stringify(req.session) : '';
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session || JSON.stringify(req.session) === before) return redirect(...args);
    req.session.save((err) => (err ? next(err) : redirect(...args)));
  }) as typeof res.redirect;
  next();
};
