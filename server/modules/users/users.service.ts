/** Accounts: create, edit role and districts, deactivate, reset passwords. Every change is audited. */
import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../../lib/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import type { PageRequest } from '../../lib/pagination';
import { foldDiacritics } from '../../lib/text';
import { parseInput } from '../../lib/validation';
import { Session } from '../../models/Session';
import { User } from '../../models/User';
import { UserDistrict } from '../../models/UserDistrict';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { DistrictService } from '../districts/districts.service';
import { PasswordChange, PasswordReset, UserCreate, UserFilter, UserUpdate } from './users.schema';

const include = [{ model: UserDistrict, as: 'districts' }];

function userPlain(u: User): Record<string, unknown> {
  return {
    username: u.username,
    fullName: u.fullName,
    role: u.role,
    active: u.active,
    districtCodes: u.districtCodes,
    locale: u.locale,
  };
}

export async function getUser(id: number, transaction?: Transaction): Promise<User> {
  const u = Number.isInteger(id) ? await User.findByPk(id, { include, transaction }) : null;
  if (!u) throw new NotFoundError('errors.userNotFound');
  return u;
}

export async function listUsers(query: unknown, page: PageRequest): Promise<{ rows: User[]; total: number }> {
  const f = UserFilter.parse(query ?? {});
  const all = await User.findAll({
    where: { ...(f.role ? { role: f.role } : {}), ...(f.active ? { active: f.active === 'true' } : {}) },
    include,
    order: [['username', 'ASC']],
  });
  const needle = f.q ? foldDiacritics(f.q) : '';
  const rows = needle ? all.filter((u) => foldDiacritics(`${u.username} ${u.fullName}`).includes(needle)) : all;
  return { rows: rows.slice(page.offset, page.offset + page.pageSize), total: rows.length };
}

async function checkDistricts(districts: DistrictService, role: string, codes: string[]): Promise<void> {
  const known = await districts.existingCodes(codes);
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length)
    throw new ValidationError({ districtCodes: { key: 'v.districtUnknown', params: { codes: unknown.join(', ') } } });
  if (role === 'inspector' && codes.length === 0)
    throw new ValidationError({ districtCodes: { key: 'v.inspectorNeedsDistrict' } });
}

async function setDistricts(userId: number, codes: string[], transaction: Transaction): Promise<void> {
  await UserDistrict.destroy({ where: { userId }, transaction });
  if (codes.length)
    await UserDistrict.bulkCreate(
      codes.map((districtCode) => ({ userId, districtCode })),
      { transaction },
    );
}

/** Ends every session of a user (after a password reset or deactivation). */
async function endSessions(userId: number, transaction: Transaction, exceptSid?: string): Promise<void> {
  await Session.destroy({ where: { userId, ...(exceptSid ? { sid: { [Op.ne]: exceptSid } } : {}) }, transaction });
}

export async function createUser(
  sequelize: Sequelize,
  districts: DistrictService,
  body: unknown,
  actor: Actor,
): Promise<User> {
  const input = parseInput(UserCreate, body);
  await checkDistricts(districts, input.role, input.districtCodes);
  if (await User.findOne({ where: { username: input.username } }))
    throw new ValidationError({ username: { key: 'v.usernameTaken' } });
  return createUserDirect(sequelize, input, actor);
}

export async function updateUser(
  sequelize: Sequelize,
  districts: DistrictService,
  id: number,
  body: unknown,
  actor: Actor,
): Promise<User> {
  await sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'user',
      load: (tx) => getUser(id, tx),
      // PATCH semantics: fields left out keep their value (a form always sends districtCodes, maybe empty).
      values: (u) => ({ fullName: u.fullName, role: u.role, districtCodes: u.districtCodes }),
      body,
      schema: UserUpdate,
      validate: (input) => checkDistricts(districts, input.role, input.districtCodes),
      apply: async (u, change) => {
        if (u.id === actor.userId && change.role !== u.role) throw new ForbiddenError('errors.forbidden');
        u.set({ fullName: change.fullName, role: change.role });
        u.changed('updatedAt', true);
        await u.save({ transaction });
        await setDistricts(u.id, change.districtCodes, transaction);
      },
      audit: { before: userPlain, after: (u, input) => ({ ...userPlain(u), districtCodes: input.districtCodes }) },
    }),
  );
  return getUser(id);
}

export async function setUserActive(
  sequelize: Sequelize,
  id: number,
  active: boolean,
  version: unknown,
  actor: Actor,
): Promise<User> {
  await sequelize.transaction(async (transaction) => {
    const u = await getUser(id, transaction);
    assertFresh(version, u);
    if (!active && u.id === actor.userId) throw new ForbiddenError('users.cannotDeactivateSelf');
    if (u.active === active) return;
    await u.update({ active }, { transaction });
    if (!active) await endSessions(u.id, transaction);
    await recordAudit(transaction, {
      actor,
      entity: 'user',
      entityId: u.id,
      action: active ? 'reactivate' : 'deactivate',
      changes: { active: { before: !active, after: active } },
    });
  });
  return getUser(id);
}

export async function unlockUser(sequelize: Sequelize, id: number, actor: Actor): Promise<User> {
  await sequelize.transaction(async (transaction) => {
    const u = await getUser(id, transaction);
    const before = u.lockedUntil;
    await u.update({ lockedUntil: null, failedLoginCount: 0 }, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'user',
      entityId: u.id,
      action: 'unlock',
      changes: { lockedUntil: { before, after: null } },
    });
  });
  return getUser(id);
}

export async function resetPassword(sequelize: Sequelize, id: number, body: unknown, actor: Actor): Promise<User> {
  const input = parseInput(PasswordReset, body);
  const passwordHash = await hashPassword(input.password);
  await sequelize.transaction(async (transaction) => {
    const u = await getUser(id, transaction);
    await u.update({ passwordHash, failedLoginCount: 0, lockedUntil: null }, { transaction });
    await endSessions(u.id, transaction);
    await recordAudit(transaction, {
      actor,
      entity: 'user',
      entityId: u.id,
      action: 'reset_password',
      changes: { passwordHash: { before: '[secret]', after: '[changed]' } },
    });
  });
  return getUser(id);
}

/** A user changes their own password; their other sessions end. */
export async function changeOwnPassword(
  sequelize: Sequelize,
  userId: number,
  body: unknown,
  actor: Actor,
  currentSid?: string,
): Promise<void> {
  const input = parseInput(PasswordChange, body);
  const u = await getUser(userId);
  if (!(await verifyPassword(u.passwordHash, input.currentPassword)))
    throw new ValidationError({ currentPassword: { key: 'v.passwordWrong' } });
  const passwordHash = await hashPassword(input.newPassword);
  await sequelize.transaction(async (transaction) => {
    await u.update({ passwordHash }, { transaction });
    await endSessions(u.id, transaction, currentSid);
    await recordAudit(transaction, {
      actor,
      entity: 'user',
      entityId: u.id,
      action: 'change_password',
      changes: { passwordHash: { before: '[secret]', after: '[changed]' } },
    });
  });
}

export async function setLocale(sequelize: Sequelize, userId: number, locale: string, actor: Actor): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const u = await getUser(userId, transaction);
    if (u.locale === locale) return;
    const before = u.locale;
    await u.update({ locale }, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'user',
      entityId: u.id,
      action: 'set_locale',
      changes: { locale: { before, after: locale } },
    });
  });
}

/** Makes a user from input already checked (the demo seed calls it directly). */
export async function createUserDirect(
  sequelize: Sequelize,
  input: { username: string; fullName: string; role: User['role']; password: string; districtCodes: string[] },
  actor: Actor,
): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  const id = await sequelize.transaction(async (transaction) => {
    const u = await User.create(
      {
        username: input.username,
        fullName: input.fullName,
        role: input.role,
        passwordHash,
        lockedUntil: null,
        lastLoginAt: null,
        locale: null,
      },
      { transaction },
    );
    await setDistricts(u.id, input.districtCodes, transaction);
    await recordAudit(transaction, {
      actor,
      entity: 'user',
      entityId: u.id,
      action: 'create',
      after: {
        username: u.username,
        fullName: u.fullName,
        role: u.role,
        active: true,
        districtCodes: input.districtCodes,
      },
    });
    return u.id;
  });
  return getUser(id);
}
