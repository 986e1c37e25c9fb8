import connectSessionSequelize from 'connect-session-sequelize';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { queueWrite } from '../db';

export const SESSION_COOKIE = 'tanso.sid';
const SESSION_HOURS = 12;
/** A session's expiry in the store moves forward at most this often (the cookie's on every response). */
export const SESSION_TOUCH_MS = 5 * 60_000;

interface Touchable {
  touch(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void;
}

/**
 * express-session touches an unchanged session in the store on every request (`rolling`): one UPDATE per
 * page or API call. On SQLite that write waits for any long write (a job's batch), so every signed-in
 * request would wait for the writer. Touch each session at most every SESSION_TOUCH_MS per process: the
 * stored expiry then lags the cookie by at most that much, against a 12-hour idle limit.
 */
function throttleTouch(store: Touchable): void {
  const touch = store.touch.bind(store);
  const last = new Map<string, number>();
  store.touch = (sid, sess, callback) => {
    const now = Date.now();
    if (now - (last.get(sid) ?? 0) < SESSION_TOUCH_MS) return callback?.();
    if (last.size > 100_000) last.clear();
    last.set(sid, now);
    touch(sid, sess, callback);
  };
}

type StoreCallback = (err?: unknown) => void;
type StoreWrite = (...args: unknown[]) => void;

/**
 * The store's writes (a session saved, destroyed or touched: autocommit statements on the shared connection)
 * wait for this process's transactions instead of SQLite's busy handler (db/index.ts queueWrite).
 */
function queueStoreWrites(store: Record<'set' | 'destroy' | 'touch', StoreWrite>, sequelize: Sequelize): void {
  for (const name of ['set', 'destroy', 'touch'] as const) {
    const write = store[name].bind(store);
    store[name] = (...args: unknown[]) => {
      const last = args[args.length - 1];
      const callback = typeof last === 'function' ? (last as StoreCallback) : undefined;
      const rest = callback ? args.slice(0, -1) : args;
      void queueWrite(
        sequelize,
        () =>
          new Promise<void>((resolve) => {
            write(...rest, (err?: unknown) => {
              resolve();
              callback?.(err);
            });
          }),
      );
    };
  }
}

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
  queueStoreWrites(store as unknown as Record<'set' | 'destroy' | 'touch', StoreWrite>, sequelize);
  throttleTouch(store as unknown as Touchable);
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
