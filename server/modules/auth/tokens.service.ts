/**
 * Personal API tokens: shown once at creation, stored as SHA-256 (they are 256-bit random, so a fast
 * hash is right).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Op, type Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { requiredText } from '../../lib/schema-helpers';
import { parseInput } from '../../lib/validation';
import { ApiToken } from '../../models/ApiToken';
import { recordAudit } from '../audit/audit.service';
import { loadActiveUser } from './auth.service';
import type { User } from '../../models/User';

export const TOKEN_PREFIX = 'tanso_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TokenInput = z.object({
  name: requiredText(80),
  expiresAt: z.preprocess(
    (v) => (v === '' || v == null ? null : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'v.date')
      .refine((s) => !Number.isNaN(Date.parse(s)), 'v.date')
      .refine((s) => Date.parse(`${s}T23:59:59+07:00`) > Date.now(), 'v.datePast')
      .nullable(),
  ),
});

export function listTokens(userId: number): Promise<ApiToken[]> {
  return ApiToken.findAll({ where: { userId }, order: [['createdAt', 'DESC']] });
}

export async function createToken(
  sequelize: Sequelize,
  userId: number,
  body: unknown,
  actor: Actor,
): Promise<{ token: string; record: ApiToken }> {
  const input = parseInput(TokenInput, body);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const record = await sequelize.transaction(async (transaction) => {
    const r = await ApiToken.create(
      {
        userId,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 12),
        lastUsedAt: null,
        revokedAt: null,
        expiresAt: input.expiresAt ? new Date(`${input.expiresAt}T23:59:59+07:00`) : null,
      },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'api_token',
      entityId: r.id,
      action: 'create',
      after: { userId, name: r.name, prefix: r.prefix, expiresAt: r.expiresAt },
    });
    return r;
  });
  return { token, record };
}

export async function revokeToken(sequelize: Sequelize, userId: number, tokenId: number, actor: Actor): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const t = await ApiToken.findOne({ where: { id: tokenId, userId }, transaction });
    if (!t) throw new NotFoundError('errors.tokenNotFound');
    if (t.revokedAt) return;
    await t.update({ revokedAt: new Date() }, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'api_token',
      entityId: t.id,
      action: 'revoke',
      changes: { revokedAt: { before: null, after: t.revokedAt } },
    });
  });
}

/** The active user a bearer token belongs to, or null for an unknown, revoked or expired token. */
export async function userForToken(token: string): Promise<User | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = new Date();
  const t = await ApiToken.findOne({
    where: {
      tokenHash: hashToken(token),
      revokedAt: null,
      [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.gt]: now } }],
    },
  });
  if (!t) return null;
  // Record use at most once a minute, to keep reads from writing on every request.
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) await t.update({ lastUsedAt: now });
  return loadActiveUser(t.userId);
}
