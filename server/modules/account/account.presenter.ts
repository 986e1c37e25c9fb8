import type { ApiToken } from '../../models/ApiToken';

export interface TokenView {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  state: 'active' | 'revoked' | 'expired';
}

export function presentToken(t: ApiToken, now = new Date()): TokenView {
  const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active';
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    state,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
