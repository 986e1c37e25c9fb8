/**
 * The conflicts as people see them (SPEC §2 Conflict): the filtered list (what needs a decision first),
 * one conflict, and a manager's decision on it (acknowledge or resolve, with a note; audited).
 */
import { literal, Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import type { Actor, CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import { inListOrder, type ExportSource, type ListQuery } from '../../lib/export';
import type { PageRequest } from '../../lib/pagination';
import { isStaleVersion, requiredText, versionField } from '../../lib/schema-helpers';
import { parseInput } from '../../lib/validation';
import { sql } from '../../db/sql';
import { Assignment } from '../../models/Assignment';
import { Conflict, CONFLICT_KINDS, CONFLICT_STATUSES, SEVERITIES } from '../../models/Conflict';
import { Station } from '../../models/Station';
import { recordAudit } from '../audit/audit.service';
import { involving, involvingAssignmentsWhere } from './conflicts.queries';

export interface ConflictFilter {
  status?: unknown;
  severity?: unknown;
  kind?: unknown;
  district?: unknown;
  service?: unknown;
  licenseeId?: unknown;
  licenceId?: unknown;
  assignmentId?: unknown;
}

/** The list's filter and order, shared by the page, the JSON list and the export. */
function conflictListQuery(f: ConflictFilter): ListQuery {
  const and: WhereOptions[] = [];
  if (typeof f.status === 'string' && (CONFLICT_STATUSES as readonly string[]).includes(f.status))
    and.push({ status: f.status });
  if (typeof f.severity === 'string' && (SEVERITIES as readonly string[]).includes(f.severity))
    and.push({ severity: f.severity });
  if (typeof f.kind === 'string' && (CONFLICT_KINDS as readonly string[]).includes(f.kind)) and.push({ kind: f.kind });
  const n = (v: unknown) => (v !== undefined && v !== '' && Number.isInteger(Number(v)) ? Number(v) : null);
  const [licenseeId, licenceId, assignmentId] = [n(f.licenseeId), n(f.licenceId), n(f.assignmentId)];
  if (typeof f.district === 'string' && f.district)
    and.push(involvingAssignmentsWhere(sql`s."districtCode" = ${f.district}`));
  if (typeof f.service === 'string' && f.service) and.push(involvingAssignmentsWhere(sql`s.service = ${f.service}`));
  if (licenseeId !== null) and.push(involvingAssignmentsWhere(sql`l."licenseeId" = ${licenseeId}`));
  if (licenceId !== null) and.push(involvingAssignmentsWhere(sql`l.id = ${licenceId}`));
  if (assignmentId !== null) and.push(involving(assignmentId));
  return {
    where: { [Op.and]: and },
    attributes: { exclude: ['geometry'] },
    // What needs a decision first: open, then acknowledged, then resolved; high before medium before low.
    order: [
      [literal("CASE status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END"), 'ASC'],
      [literal("CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END"), 'ASC'],
      ['overlapKm2', 'DESC'],
      ['id', 'ASC'],
    ],
  };
}

export async function listConflicts(
  f: ConflictFilter,
  page: PageRequest,
): Promise<{ rows: Conflict[]; total: number }> {
  const { rows, count } = await Conflict.findAndCountAll({
    ...conflictListQuery(f),
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
}

/**
 * The whole filtered list, batch by batch (SPEC §10.3), each conflict with its two assignments' stations and,
 * for GeoJSON and KML, its overlap geometry.
 */
export function exportConflicts(
  f: ConflictFilter,
  options: { geometry?: boolean } = {},
): Promise<ExportSource<Conflict>> {
  const side = (as: string) => ({
    model: Assignment,
    as,
    attributes: ['id', 'stationId', 'frequencyHz'],
    include: [{ model: Station, as: 'station', attributes: ['id', 'name', 'districtCode', 'service'] }],
  });
  return inListOrder(Conflict, conflictListQuery(f), {
    attributes: options.geometry ? undefined : { exclude: ['geometry'] },
    include: [side('victim'), side('interferer')],
  });
}

export async function getConflict(id: number, transaction?: Transaction): Promise<Conflict> {
  const c = Number.isInteger(id) ? await Conflict.findByPk(id, { transaction }) : null;
  if (!c) throw new NotFoundError('errors.conflictNotFound');
  return c;
}

const checkbox = z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean());
const DecisionInput = z.object({
  note: requiredText(2000),
  version: versionField.optional(),
  /** Decide the pair's other direction (B→A of A→B) too, with the same note. */
  twin: checkbox.optional(),
});
const BulkInput = z.object({ note: requiredText(2000) });

type Decision = 'acknowledge' | 'resolve';
const ALLOWED_FROM: Record<Decision, readonly string[]> = {
  acknowledge: ['open'],
  resolve: ['open', 'acknowledged'],
};

/**
 * The other direction of a conflict's pair (the interferer as victim), if the register holds it. An
 * intermodulation product has none (its contributors are transmitters, its victim may not be).
 */
export async function twinOf(c: Conflict, transaction?: Transaction): Promise<Conflict | null> {
  if (c.kind === 'intermodulation') return null;
  return Conflict.findOne({
    where: {
      victimAssignmentId: c.interfererAssignmentId,
      interfererAssignmentId: c.victimAssignmentId,
      secondInterfererAssignmentId: null,
    },
    transaction,
  });
}

/** One decision on one conflict, audited on its own. */
async function applyDecision(
  c: Conflict,
  decision: Decision,
  note: string,
  user: CurrentUser,
  actor: Actor,
  transaction: Transaction,
): Promise<void> {
  const before = c.status;
  await c.update(
    {
      status: decision === 'acknowledge' ? 'acknowledged' : 'resolved',
      decidedById: user.id,
      decidedAt: new Date(),
      note,
    },
    { transaction },
  );
  await recordAudit(transaction, {
    actor,
    entity: 'conflict',
    entityId: c.id,
    action: decision,
    changes: { status: { before, after: c.status }, note: { before: null, after: note } },
  });
}

/**
 * A manager acknowledges (accepts for now) or resolves a conflict, with a note; audited. With `twin`, the
 * pair's other direction gets the same decision and note in the same transaction (when its status allows
 * it), audited on its own.
 */
export async function decideConflict(
  sequelize: Sequelize,
  id: number,
  decision: Decision,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Conflict> {
  if (user.role !== 'manager') throw new ForbiddenError('conflicts.refused.role');
  const input = parseInput(DecisionInput, body ?? {});
  await sequelize.transaction(async (transaction) => {
    const c = await getConflict(id, transaction);
    if (isStaleVersion(input.version, c.version)) throw new ConflictError('errors.conflict', {}, c);
    if (!ALLOWED_FROM[decision].includes(c.status))
      throw new ConflictError('conflicts.refused.state', { status: c.status });
    await applyDecision(c, decision, input.note, user, actor, transaction);
    const twin = input.twin ? await twinOf(c, transaction) : null;
    if (twin && ALLOWED_FROM[decision].includes(twin.status))
      await applyDecision(twin, decision, input.note, user, actor, transaction);
  });
  return getConflict(id);
}

/** Assignment ids of a licence (all directions). */
export async function assignmentIdsOfLicence(licenceId: number, transaction?: Transaction): Promise<number[]> {
  return (
    await Assignment.findAll({
      attributes: ['id'],
      include: [{ model: Station, as: 'station', attributes: [], where: { licenceId } }],
      transaction,
    })
  ).map((a) => a.id);
}

/** Open high-severity conflicts of a licence that no manager has acknowledged (they block issuing). */
export async function blockingConflicts(licenceId: number, transaction?: Transaction): Promise<Conflict[]> {
  const ids = await assignmentIdsOfLicence(licenceId, transaction);
  if (!ids.length) return [];
  return Conflict.findAll({
    where: { status: 'open', severity: 'high', ...involving(ids) },
    order: [['id', 'ASC']],
    transaction,
  });
}

/**
 * A manager acknowledges every conflict that blocks issuing a licence, from the licence, with one note:
 * each conflict is decided and audited on its own, all in one transaction. Returns the conflicts decided.
 */
export async function acknowledgeBlockingConflicts(
  sequelize: Sequelize,
  licenceId: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Conflict[]> {
  if (user.role !== 'manager') throw new ForbiddenError('conflicts.refused.role');
  const input = parseInput(BulkInput, body ?? {});
  return sequelize.transaction(async (transaction) => {
    const blocking = await blockingConflicts(licenceId, transaction);
    for (const c of blocking) await applyDecision(c, 'acknowledge', input.note, user, actor, transaction);
    return blocking;
  });
}
