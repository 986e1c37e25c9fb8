/**
 * Who may do what to an inspection or a finding, in which state. Pure: the services refuse with it,
 * the presenters show only the buttons that will work. Inspectors act only in their districts (403
 * elsewhere); only the inspectors of an inspection record its results until it is completed; after that
 * it is read-only and corrections are new entries.
 */
import type { CurrentUser } from '../../lib/actor';
import type { FindingStatus } from '../../models/Finding';
import type { InspectionStatus } from '../../models/Inspection';

export type Verdict =
  { ok: true } | { ok: false; status: 403 | 409; key: string; params?: Record<string, string | number> };
const OK: Verdict = { ok: true };

export const INSPECTION_ACTIONS = ['record', 'complete', 'correct', 'cancel', 'close', 'addFinding', 'replan'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

export interface InspectionFacts {
  status: InspectionStatus;
  districtCode: string;
  inspectorIds: number[];
}

type Who = Pick<CurrentUser, 'id' | 'role' | 'districtCodes'>;

export function inDistrict(user: Who, districtCode: string): boolean {
  return user.role === 'inspector' && user.districtCodes.includes(districtCode);
}

/**
 * Whose inspections a user sees on the map: an inspector those of their own districts (where they act);
 * everyone else every district, as the inspections list shows managers and licensing officers. null: all.
 */
export function visibleDistricts(user: Who): string[] | null {
  return user.role === 'inspector' ? [...user.districtCodes] : null;
}

/**
 * May this user see an inspection (or a finding) of this district at all: the map's rule, applied to
 * every list and record. An inspector asking for another district's record gets 404 (its existence is
 * not revealed); actions on one stay refused with 403 by canInspection/canFinding.
 */
export function canSee(user: Who, districtCode: string): boolean {
  const visible = visibleDistricts(user);
  return visible === null || visible.includes(districtCode);
}

/** May this user open a new inspection in this district? Inspectors in theirs; managers plan anywhere. */
export function canCreate(user: Who, districtCode: string): Verdict {
  if (user.role === 'manager') return OK;
  if (user.role !== 'inspector') return { ok: false, status: 403, key: 'inspections.refused.role' };
  if (!inDistrict(user, districtCode))
    return { ok: false, status: 403, key: 'inspections.refused.district', params: { district: districtCode } };
  return OK;
}

const STATES: Record<InspectionAction, InspectionStatus[]> = {
  record: ['planned', 'in_progress'],
  complete: ['planned', 'in_progress'],
  correct: ['completed', 'closed'],
  cancel: ['planned', 'in_progress'],
  close: ['completed'],
  addFinding: ['in_progress', 'completed'],
  replan: ['planned'],
};

export function canInspection(user: Who, action: InspectionAction, i: InspectionFacts): Verdict {
  const managerAction = action === 'cancel' || action === 'close' || action === 'replan';
  if (managerAction) {
    if (user.role !== 'manager') return { ok: false, status: 403, key: 'inspections.refused.role' };
  } else {
    if (user.role !== 'inspector') return { ok: false, status: 403, key: 'inspections.refused.role' };
    if (!inDistrict(user, i.districtCode))
      return { ok: false, status: 403, key: 'inspections.refused.district', params: { district: i.districtCode } };
    if (action !== 'addFinding' && !i.inspectorIds.includes(user.id))
      return { ok: false, status: 403, key: 'inspections.refused.notInspector' };
  }
  if (!STATES[action].includes(i.status)) {
    const key =
      action === 'record' || action === 'complete'
        ? 'inspections.refused.readOnly'
        : action === 'replan'
          ? 'inspections.refused.replanState'
          : 'inspections.refused.state';
    return { ok: false, status: 409, key, params: { status: i.status } };
  }
  return OK;
}

export function inspectionActions(user: Who, i: InspectionFacts): InspectionAction[] {
  return INSPECTION_ACTIONS.filter((a) => canInspection(user, a, i).ok);
}

export const FINDING_ACTIONS = ['edit', 'require_action', 'resolve', 'escalate', 'sanction'] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];

export const FINDING_RULES: Record<FindingAction, { from: FindingStatus[]; to: FindingStatus | null }> = {
  edit: { from: ['open', 'action_required'], to: null },
  require_action: { from: ['open'], to: 'action_required' },
  resolve: { from: ['open', 'action_required', 'escalated'], to: 'resolved' },
  escalate: { from: ['open', 'action_required'], to: 'escalated' },
  sanction: { from: ['open', 'action_required', 'escalated'], to: null },
};

/** Findings are followed by the inspectors of the district and by managers. */
export function canFinding(
  user: Who,
  action: FindingAction,
  f: { status: FindingStatus; districtCode: string },
): Verdict {
  if (user.role !== 'manager') {
    if (user.role !== 'inspector') return { ok: false, status: 403, key: 'inspections.refused.role' };
    if (!inDistrict(user, f.districtCode))
      return { ok: false, status: 403, key: 'inspections.refused.district', params: { district: f.districtCode } };
  }
  if (!FINDING_RULES[action].from.includes(f.status))
    return { ok: false, status: 409, key: 'findings.refused.state', params: { status: f.status } };
  return OK;
}

export function findingActions(user: Who, f: { status: FindingStatus; districtCode: string }): FindingAction[] {
  return FINDING_ACTIONS.filter((a) => canFinding(user, a, f).ok);
}
