import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '../lib/errors';
import { wantsJson } from '../lib/http';
import type { Role } from '../models/User';
import { loadActiveUser, presentCurrentUser } from '../modules/auth/auth.service';
import { userForToken } from '../modules/auth/tokens.service';

/** Sets req.currentUser from a bearer token or the session; a session of a deactivated user ends. */
export const authenticate: RequestHandler = async (req, _res, next) => {
  const header = req.get('authorization');
  if (header && /^bearer\s+/i.test(header)) {
    const user = await userForToken(header.replace(/^bearer\s+/i, '').trim());
    if (!user) throw new UnauthorizedError('errors.unauthorized');
    req.currentUser = presentCurrentUser(user);
    req.authVia = 'token';
    return next();
  }
  const id = req.session?.userId;
  if (id) {
    const user = await loadActiveUser(id);
    if (user) {
      req.currentUser = presentCurrentUser(user);
      req.authVia = 'session';
    } else {
      delete req.session.userId;
    }
  }
  next();
};

/** Pages redirect to /login?next=…; the API answers 401. */
export const requireLogin: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
  if (req.currentUser) return next();
  if (wantsJson(req) || req.method !== 'GET') throw new UnauthorizedError();
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
};

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.currentUser) throw new UnauthorizedError();
    if (!roles.includes(req.currentUser.role)) throw new ForbiddenError();
    next();
  };
}
