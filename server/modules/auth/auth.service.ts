/** Sign-in with lockout: 5 wrong passwords in a row lock the account for 15 minutes. */
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { execute, sql } from '../../db/sql';
import type { Actor, CurrentUser } from '../../lib/actor';
import { TooManyRequestsError, UnauthorizedError } from '../../lib/errors';
import { User } from '../../models/User';
import { UserDistrict } from '../../models/UserDistrict';
import { recordAudit } from '../audit/audit.service';
import { verifyDummy, verifyPassword } from '../../lib/passwords';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export function presentCurrentUser(u: User): CurrentUser {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    role: u.role,
    districtCodes: u.districtCodes,
    locale: u.locale,
  };
}

/** An active user with their districts, or null. */
export async function loadActiveUser(id: number): Promise<User | null> {
  const u = await User.findByPk(id, { include: [{ model: UserDistrict, as: 'districts' }] });
  return u && u.active ? u : null;
}

export function minutesLeft(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

const FailureRow = z.object({ failedLoginCount: z.coerce.number().int() });

/**
 * Counts a wrong password in one atomic UPDATE (the count is read and written by the database, so
 * simultaneous attempts neither conflict nor lose a count); the MAX_FAILED_LOGINS-th locks the account.
 * Returns true when this attempt locked it.
 */
async function recordFailure(sequelize: Sequelize, userId: number, now: Date, actor: Actor): Promise<boolean> {
  const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  return sequelize.transaction(async (transaction) => {
    const [row] = await execute(
      sequelize,
      sql`UPDATE users SET
            "failedLoginCount" = CASE WHEN "failedLoginCount" + 1 >= ${MAX_FAILED_LOGINS} THEN 0
                                      ELSE "failedLoginCount" + 1 END,
            "lockedUntil" = CASE WHEN "failedLoginCount" + 1 >= ${MAX_FAILED_LOGINS} THEN ${lockedUntil}
                                 ELSE "lockedUntil" END
          WHERE id = ${userId}
          RETURNING "failedLoginCount"`,
      { transaction, row: FailureRow },
    );
    // The count restarts at 0 when it locks; otherwise it is the new count.
    const lock = row?.failedLoginCount === 0;
    const count = lock ? MAX_FAILED_LOGINS : (row?.failedLoginCount ?? 1);
    await recordAudit(transaction, {
      actor: { ...actor, userId: actor.userId ?? null },
      entity: 'user',
      entityId: userId,
      action: lock ? 'locked' : 'login_failed',
      changes: {
        failedLoginCount: { before: count - 1, after: count },
        ...(lock ? { lockedUntil: { before: null, after: lockedUntil } } : {}),
      },
    });
    return lock;
  });
}

export async function login(
  sequelize: Sequelize,
  usernameRaw: unknown,
  passwordRaw: unknown,
  actor: Actor,
): Promise<User> {
  const username = typeof usernameRaw === 'string' ? usernameRaw.normalize('NFC').trim().toLowerCase() : '';
  const password = typeof passwordRaw === 'string' ? passwordRaw : '';
  const user = username ? await User.findOne({ where: { username } }) : null;
  if (!user || !password) {
    await verifyDummy(password);
    throw new UnauthorizedError('auth.invalid');
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new TooManyRequestsError('auth.locked', { minutes: minutesLeft(user.lockedUntil, now) });
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    const locked = await recordFailure(sequelize, user.id, now, actor);
    if (locked) throw new TooManyRequestsError('auth.locked', { minutes: LOCK_MINUTES });
    throw new UnauthorizedError('auth.invalid');
  }
  if (!user.active) throw new UnauthorizedError('auth.inactive');
  await sequelize.transaction(async (transaction) => {
    // One atomic UPDATE (no version check): simultaneous sign-ins of one user never conflict.
    await execute(
      sequelize,
      sql`UPDATE users SET "failedLoginCount" = 0, "lockedUntil" = NULL, "lastLoginAt" = ${now}
          WHERE id = ${user.id}`,
      { transaction },
    );
    await recordAudit(transaction, {
      actor: { ...actor, userId: user.id },
      entity: 'user',
      entityId: user.id,
      action: 'login',
      changes: { lastLoginAt: { before: user.lastLoginAt, after: now } },
    });
  });
  return (await loadActiveUser(user.id)) as User;
}
