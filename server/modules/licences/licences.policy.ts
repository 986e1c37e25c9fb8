/**
 * Who may do what to a licence, in which state (SPEC §2). Pure: used by the services to refuse and by
 * the presenters to show only the buttons that will work.
 */
import type { CurrentUser } from '../../lib/actor';
import type { LicenceStatus } from '../../models/Licence';
import type { Role } from '../../models/User';

export const LICENCE_ACTIONS = [
  'edit',
  'delete',
  'submit',
  'return',
  'reject',
  'issue',
  'suspend',
  'reinstate',
  'revoke',
  'renew',
  'amend',
] as const;
export type LicenceAction = (typeof LICENCE_ACTIONS)[number];

interface Rule {
  roles: Role[];
  from: LicenceStatus[];
  to: LicenceStatus | null;
}

/** The transition table: an (action, state) pair not listed here is refused with 409. */
export const LICENCE_RULES: Record<LicenceAction, Rule> = {
  edit: { roles: ['licensing_officer'], from: ['draft'], to: null },
  delete: { roles: ['licensing_officer'], from: ['draft', 'rejected'], to: null },
  submit: { roles: ['licensing_officer'], from: ['draft'], to: 'submitted' },
  return: { roles: ['manager'], from: ['submitted'], to: 'draft' },
  reject: { roles: ['manager'], from: ['submitted'], to: 'rejected' },
  issue: { roles: ['manager'], from: ['submitted'], to: 'issued' },
  suspend: { roles: ['manager'], from: ['issued'], to: 'suspended' },
  reinstate: { roles: ['manager'], from: ['suspended'], to: 'issued' },
  revoke: { roles: ['manager'], from: ['issued', 'suspended'], to: 'revoked' },
  renew: { roles: ['licensing_officer'], from: ['issued', 'expired'], to: 'draft' },
  amend: { roles: ['licensing_officer'], from: ['issued'], to: 'draft' },
};

export interface LicenceFacts {
  status: LicenceStatus;
  draftedById: number | null;
  number: string | null;
  revision: number;
}

export type Verdict =
  { ok: true } | { ok: false; status: 403 | 409; key: string; params?: Record<string, string | number> };

/** May `user` do `action` to a licence in this state? Role first (403), then state and rules (409). */
export function canDo(user: Pick<CurrentUser, 'id' | 'role'>, action: LicenceAction, l: LicenceFacts): Verdict {
  const rule = LICENCE_RULES[action];
  if (!rule.roles.includes(user.role))
    return { ok: false, status: 403, key: 'licences.refused.role', params: { action } };
  if (!rule.from.includes(l.status))
    return { ok: false, status: 409, key: 'licences.refused.state', params: { action, status: l.status } };
  if (action === 'issue' && l.draftedById === user.id)
    return { ok: false, status: 409, key: 'licences.refused.fourEyes' };
  if (action === 'delete' && (l.number !== null || l.revision > 1))
    return { ok: false, status: 409, key: 'licences.refused.deleteIssued' };
  return { ok: true };
}

/** The actions this user could take now (for buttons). */
export function availableActions(user: Pick<CurrentUser, 'id' | 'role'>, l: LicenceFacts): LicenceAction[] {
  return LICENCE_ACTIONS.filter((a) => canDo(user, a, l).ok);
}

/** Term limit in years by licence type (Circular 04/2021/TT-BTTTT). */
export const TERM_LIMIT_YEARS: Record<string, number> = { frequency_equipment: 10, frequency_band: 15 };
