/**
 * Findings: proposed from measurements, confirmed or added by inspectors, followed open →
 * action_required → resolved | escalated, with a sanction (warning, fine in VND, suspension requested).
 * A suspension request shows to managers on the licence, who suspend through the licence lifecycle.
 */
import { intOf } from '../../lib/schema-helpers';
import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor, CurrentUser } from '../../lib/actor';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { inListOrder, type ExportSource, type ListQuery } from '../../lib/export';
import type { PageRequest } from '../../lib/pagination';
import { parseInput } from '../../lib/validation';
import { Finding, FINDING_CATEGORIES, FINDING_STATUSES, SEVERITIES } from '../../models/Finding';
import { Inspection } from '../../models/Inspection';
import { InspectionInspector } from '../../models/InspectionInspector';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import { todayIso } from '../../lib/dates';
import { canFinding, canInspection, canSee, visibleDistricts, type FindingAction } from './inspections.policy';
import {
  EscalateInput,
  FindingInput,
  FindingUpdate,
  RequireActionInput,
  ResolveInput,
  SanctionInput,
} from './inspections.schema';
import { getInspection, inspectorIdsOf, refuse } from './inspections.core';

export const FINDING_SORTS = ['dueDate', 'severity', 'status', 'category', 'createdAt', 'updatedAt'] as const;

const FIELDS = [
  'inspectionId',
  'category',
  'severity',
  'legalBasis',
  'description',
  'requiredAction',
  'dueDate',
  'status',
  'resolution',
  'resolvedAt',
  'followUpInspectionId',
  'sanction',
  'fineVnd',
  'sanctionNote',
  'sanctionedAt',
  'sanctionedById',
] as const;

export function findingPlain(f: Finding): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((k) => [k, k === 'fineVnd' && f.fineVnd !== null ? Number(f.fineVnd) : f[k]]));
}

export async function getFinding(id: number, transaction?: Transaction): Promise<Finding> {
  const f = Number.isInteger(id)
    ? await Finding.findByPk(id, { include: [{ model: Inspection, as: 'inspection' }], transaction })
    : null;
  if (!f) throw new NotFoundError('findings.notFound');
  return f;
}

/** A finding as this user may read it: 404 when its inspection is in a district they do not see. */
export async function getFindingFor(user: CurrentUser, id: number): Promise<Finding> {
  const f = await getFinding(id);
  if (!canSee(user, districtOfFinding(f))) throw new NotFoundError('findings.notFound');
  return f;
}

function districtOfFinding(f: Finding): string {
  return f.inspection?.districtCode ?? '';
}

function check(user: CurrentUser, action: FindingAction, f: Finding): void {
  refuse(canFinding(user, action, { status: f.status, districtCode: districtOfFinding(f) }));
}

/** An inspector of the district records a finding on an inspection in progress or completed. */
export async function createFinding(
  sequelize: Sequelize,
  inspectionId: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Finding> {
  const id = await sequelize.transaction(async (transaction) => {
    const i = await getInspection(inspectionId, transaction);
    // Who may (403/409) before what was sent (422).
    refuse(
      canInspection(user, 'addFinding', {
        status: i.status,
        districtCode: i.districtCode,
        inspectorIds: await inspectorIdsOf(i.id, transaction),
      }),
    );
    const input = parseInput(FindingInput, body);
    const f = await Finding.create(
      { inspectionId: i.id, ...input, status: 'open', createdById: user.id },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'finding',
      entityId: f.id,
      action: 'create',
      after: findingPlain(f),
    });
    return f.id;
  });
  return getFinding(id);
}

export async function updateFinding(
  sequelize: Sequelize,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Finding> {
  await sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'finding',
      load: (tx) => getFinding(id, tx),
      check: (f) => check(user, 'edit', f),
      values: findingPlain,
      body,
      schema: FindingUpdate,
      apply: async (f, change) => {
        await f.update(change, { transaction });
      },
    }),
  );
  return getFinding(id);
}

export type FindingTransition = Exclude<FindingAction, 'edit'>;
export const FINDING_TRANSITIONS: readonly FindingTransition[] = ['require_action', 'resolve', 'escalate', 'sanction'];

export async function findingTransition(
  sequelize: Sequelize,
  id: number,
  action: FindingTransition,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Finding> {
  await sequelize.transaction(async (transaction) => {
    const f = await getFinding(id, transaction);
    check(user, action, f);
    assertFresh((body as { version?: unknown } | undefined)?.version, f);
    const before = findingPlain(f);
    let note: string | null = null;
    if (action === 'require_action') {
      const input = parseInput(RequireActionInput, body ?? {});
      await f.update(
        { status: 'action_required', requiredAction: input.requiredAction, dueDate: input.dueDate },
        { transaction },
      );
    } else if (action === 'resolve') {
      const input = parseInput(ResolveInput, body ?? {});
      if (input.followUpInspectionId !== null) {
        const follow = await Inspection.findByPk(input.followUpInspectionId, { transaction });
        if (!follow || follow.id === f.inspectionId)
          throw new ValidationError({ followUpInspectionId: { key: 'v.followUpUnknown' } });
      }
      await f.update(
        {
          status: 'resolved',
          resolution: input.resolution,
          resolvedAt: new Date(),
          followUpInspectionId: input.followUpInspectionId,
        },
        { transaction },
      );
    } else if (action === 'escalate') {
      note = parseInput(EscalateInput, body ?? {}).note;
      await f.update({ status: 'escalated' }, { transaction });
    } else {
      const input = parseInput(SanctionInput, body ?? {});
      await f.update(
        {
          sanction: input.sanction,
          fineVnd: input.fineVnd,
          sanctionNote: input.sanctionNote,
          sanctionedAt: new Date(),
          sanctionedById: user.id,
        },
        { transaction },
      );
    }
    const changes = Object.fromEntries(
      Object.entries(findingPlain(f))
        .filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v))
        .map(([k, v]) => [k, { before: before[k] ?? null, after: v ?? null }]),
    );
    if (note) changes.note = { before: null, after: note };
    await recordAudit(transaction, { actor, entity: 'finding', entityId: f.id, action, changes });
  });
  return getFinding(id);
}

export interface FindingFilter {
  district?: unknown;
  status?: unknown;
  severity?: unknown;
  category?: unknown;
  overdue?: unknown;
  inspector?: unknown;
  inspectionId?: unknown;
  stationId?: unknown;
  licenceId?: unknown;
  sanction?: unknown;
  sort: { field: (typeof FINDING_SORTS)[number]; dir: 'ASC' | 'DESC' };
}

/**
 * The findings list as `viewer` may see it (an inspector: their districts' only, as on the map). Without a
 * viewer (the dashboard's province-wide counts, for managers), every finding.
 */
async function findingListQuery(f: FindingFilter, viewer?: CurrentUser): Promise<ListQuery> {
  const and: WhereOptions[] = [];
  const inspectionWhere: WhereOptions[] = [];
  const visible = viewer ? visibleDistricts(viewer) : null;
  if (visible) inspectionWhere.push({ districtCode: visible });
  if (typeof f.status === 'string' && (FINDING_STATUSES as readonly string[]).includes(f.status))
    and.push({ status: f.status });
  if (typeof f.severity === 'string' && (SEVERITIES as readonly string[]).includes(f.severity))
    and.push({ severity: f.severity });
  if (typeof f.category === 'string' && (FINDING_CATEGORIES as readonly string[]).includes(f.category))
    and.push({ category: f.category });
  if (f.sanction === 'suspension_requested') and.push({ sanction: 'suspension_requested' });
  if (f.overdue === '1' || f.overdue === 'true')
    and.push({ status: ['open', 'action_required'], dueDate: { [Op.lt]: todayIso() } });
  const inspectionId = intOf(f.inspectionId);
  if (inspectionId !== null) and.push({ inspectionId });
  if (typeof f.district === 'string' && f.district) inspectionWhere.push({ districtCode: f.district });
  const stationId = intOf(f.stationId);
  if (stationId !== null) inspectionWhere.push({ stationId });
  const licenceId = intOf(f.licenceId);
  if (licenceId !== null) inspectionWhere.push({ licenceId });
  const inspector = intOf(f.inspector);
  if (inspector !== null)
    and.push({
      inspectionId: (await InspectionInspector.findAll({ where: { userId: inspector } })).map((r) => r.inspectionId),
    });
  return {
    where: { [Op.and]: and },
    include: [{ model: Inspection, as: 'inspection', where: { [Op.and]: inspectionWhere }, required: true }],
    order: [
      [f.sort.field, f.sort.dir],
      ['id', 'DESC'],
    ],
  };
}

export async function listFindings(
  f: FindingFilter,
  page: PageRequest,
  viewer?: CurrentUser,
): Promise<{ rows: Finding[]; total: number }> {
  const { rows, count } = await Finding.findAndCountAll({
    ...(await findingListQuery(f, viewer)),
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
}

/** The whole filtered and sorted list as `viewer` may see it, batch by batch (SPEC §10.3). */
export async function exportFindings(f: FindingFilter, viewer: CurrentUser): Promise<ExportSource<Finding>> {
  return inListOrder(Finding, await findingListQuery(f, viewer));
}

/** Open suspension requests on a licence (findings not yet resolved whose sanction asks for it). */
export async function suspensionRequests(licenceId: number): Promise<Finding[]> {
  return Finding.findAll({
    where: { sanction: 'suspension_requested', status: { [Op.ne]: 'resolved' } },
    include: [{ model: Inspection, as: 'inspection', where: { licenceId }, required: true }],
    order: [['sanctionedAt', 'DESC']],
  });
}

export function isOverdue(f: { status: string; dueDate: string | null }, today = todayIso()): boolean {
  return (f.status === 'open' || f.status === 'action_required') && f.dueDate !== null && f.dueDate < today;
}
