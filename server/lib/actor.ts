import type { Request } from 'express';
import type { Role } from '../models/User';
import { UnauthorizedError } from './errors';

/** The signed-in user as the rest of the app sees it. */
export interface CurrentUser {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  districtCodes: string[];
  locale: string | null;
}

/** Who does a change, from where: written into every AuditEvent. */
export interface Actor {
  userId: number | null;
  role: Role | null;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: null, ip: null, userAgent: 'tanso-cli' };

export function actorOf(req: Request): Actor {
  return {
    userId: req.currentUser?.id ?? null,
    role: req.currentUser?.role ?? null,
    ip: req.ip ?? null,
    userAgent: (req.get('user-agent') ?? '').slice(0, 300) || null,
  };
}

/** The signed-in user of a request behind requireLogin (401 if there is none). */
export function currentUser(req: Request): CurrentUser {
  if (!req.currentUser) throw new UnauthorizedError();
  return req.currentUser;
}
