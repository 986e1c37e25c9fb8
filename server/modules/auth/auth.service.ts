/** Sign-in with lockout: 5 wrong passwords in a row lock the account for 15 minutes. */
import type { Sequelize } from 'sequelize';
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
    const locked = await sequelize.transaction(async (transaction) => {
      await user.reload({ transaction });
      const before = user.failedLoginCount;
      const count = before + 1;
      const lock = count >= MAX_FAILED_LOGINS;
      await user.update(
        {
          failedLoginCount: lock ? 0 : count,
          lockedUntil: lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : user.lockedUntil,
        },
        { transaction, silent: false },
      );
      await recordAudit(transaction, {
        actor: { ...actor, userId: actor.userId ?? null },
        entity: 'user',
        entityId: user.id,
        action: lock ? 'locked' : 'login_failed',
        changes: {
          failedLoginCount: { before, after: count },
          ...(lock ? { lockedUntil: { before: null, after: user.lockedUntil } } : {}),
        },
      });
      return lock;
    });
    if (locked) throw new TooManyRequestsError('auth.locked', { minutes: LOCK_MINUTES });
    throw new UnauthorizedError('auth.invalid');
  }
  if (!user.active) throw new UnauthorizedError('auth.inactive');
  await sequelize.transaction(async (transaction) => {
    const changes = { lastLoginAt: { before: user.lastLoginAt, after: now } };
    await user.update({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now }, { transaction });
    await recordAudit(transaction, {
      actor: { ...actor, userId: user.id },
      entity: 'user',
      entityId: user.id,
      action: 'login',
      changes,
    });
  });
  return (await loadActiveUser(user.id)) as User;
}
