/**
 * Conflicts in the register (SPEC §2 Conflict, §4.5): footprints stored per TX assignment, conflicts
 * kept current on every save in the same transaction (opened, resolved when they no longer hold,
 * reopened when they hold again), a full scan, and managers' decisions.
 */
import { literal, Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { checkCandidate, scanConflicts, type ConflictFinding, type ScanAssignment } from '../../../geo/conflicts';
import { SYSTEM_ACTOR, type Actor, type CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import type { PageRequest } from '../../lib/pagination';
import { isStaleVersion } from '../../lib/schema-helpers';
import { parseInput } from '../../lib/validation';
import { Assignment } from '../../models/Assignment';
import { AssignmentFootprint } from '../../models/AssignmentFootprint';
import { Conflict, CONFLICT_STATUSES, SEVERITIES } from '../../models/Conflict';
import { Service } from '../../models/Service';
import { Station } from '../../models/Station';
import { recordAudit } from '../audit/audit.service';
import { z } from 'zod';
import { requiredText, versionField } from '../../lib/schema-helpers';
import {
  contourSource,
  envelopeOf,
  footprintAt,
  scanItem,
  type ServiceParams,
  type SiteFacts,
} from './conflicts.engine';
import { activeSiteInclude, loadNeighbours, neighbourItem, siteOf } from './conflicts.neighbours';

export async function serviceParams(transaction?: Transaction): Promise<Map<string, ServiceParams>> {
  return new Map((await Service.findAll({ transaction })).map((s) => [s.code, s]));
}

/** Computes and stores the protected footprint of one site, with its reach envelope. */
async function storeFootprint(
  site: SiteFacts,
  service: ServiceParams,
  transaction: Transaction,
): Promise<AssignmentFootprint> {
  const fp = footprintAt(site, service, service.protectedFieldDbuv);
  const [minLon, minLat, maxLon, maxLat] = fp.bboxDeg;
  const [envMinLon, envMinLat, envMaxLon, envMaxLat] = envelopeOf(site, service, fp);
  const values = {
    assignmentId: site.assignmentId,
    polygon: fp.polygon,
    minLon,
    minLat,
    maxLon,
    maxLat,
    envMinLon,
    envMinLat,
    envMaxLon,
    envMaxLat,
    maxRadiusKm: fp.maxRadiusKm,
    details: fp.details,
  };
  const existing = await AssignmentFootprint.findByPk(site.assignmentId, { transaction });
  if (existing) return existing.update(values, { transaction });
  return AssignmentFootprint.create(values, { transaction });
}

function key(victimId: number, interfererId: number): string {
  return `${victimId}:${interfererId}`;
}

export interface ReconcileSummary {
  opened: number;
  reopened: number;
  updated: number;
  resolved: number;
}

/**
 * Makes the stored conflicts that involve `scope` match `findings`: new ones opened, vanished ones
 * resolved, returning ones reopened (an acknowledged one that still holds stays acknowledged).
 */
async function reconcile(
  findings: ConflictFinding[],
  scope: Set<number> | 'all',
  transaction: Transaction,
  actor: Actor,
): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { opened: 0, reopened: 0, updated: 0, resolved: 0 };
  const ids = scope === 'all' ? null : [...scope];
  const rows = await Conflict.findAll({
    where: ids ? { [Op.or]: [{ victimAssignmentId: ids }, { interfererAssignmentId: ids }] } : {},
    transaction,
  });
  const byKey = new Map(rows.map((r) => [key(r.victimAssignmentId, r.interfererAssignmentId), r]));
  const seen = new Set<string>();
  for (const f of findings) {
    const k = key(f.victimId, f.interfererId);
    seen.add(k);
    const values = {
      kind: f.kind as 'co_channel' | 'adjacent_channel',
      mechanism: f.mechanism,
      severity: f.severity,
      frequencyOffsetHz: f.frequencyOffsetHz,
      overlapKm2: f.overlapKm2,
      overlapFraction: f.overlapFraction,
      sameLicensee: f.sameLicensee,
      geometry: f.geometry,
    };
    const row = byKey.get(k);
    if (!row) {
      const c = await Conflict.create(
        {
          ...values,
          victimAssignmentId: f.victimId,
          interfererAssignmentId: f.interfererId,
          status: 'open',
          decidedById: null,
          decidedAt: null,
          note: null,
        },
        { transaction },
      );
      await recordAudit(transaction, {
        actor,
        entity: 'conflict',
        entityId: c.id,
        action: 'open',
        after: {
          kind: c.kind,
          mechanism: c.mechanism,
          severity: c.severity,
          victimAssignmentId: c.victimAssignmentId,
          interfererAssignmentId: c.interfererAssignmentId,
          overlapKm2: Math.round(c.overlapKm2 * 1000) / 1000,
        },
      });
      summary.opened++;
      continue;
    }
    const changedShape =
      row.mechanism !== values.mechanism || row.severity !== values.severity || row.kind !== values.kind;
    if (row.status === 'resolved' && row.decidedById !== null) {
      // A manager resolved it while it still held (e.g. coordinated): keep the decision, refresh the figures.
      await row.update(values, { transaction });
      summary.updated++;
    } else if (row.status === 'resolved') {
      await row.update({ ...values, status: 'open', decidedById: null, decidedAt: null }, { transaction });
      await recordAudit(transaction, {
        actor,
        entity: 'conflict',
        entityId: row.id,
        action: 'reopen',
        changes: { status: { before: 'resolved', after: 'open' } },
      });
      summary.reopened++;
    } else if (changedShape || Math.abs(row.overlapKm2 - values.overlapKm2) > 1e-6) {
      const before = { mechanism: row.mechanism, severity: row.severity, kind: row.kind, overlapKm2: row.overlapKm2 };
      await row.update(values, { transaction });
      if (changedShape)
        await recordAudit(transaction, {
          actor,
          entity: 'conflict',
          entityId: row.id,
          action: 'update',
          before,
          after: { mechanism: row.mechanism, severity: row.severity, kind: row.kind, overlapKm2: row.overlapKm2 },
        });
      summary.updated++;
    }
  }
  for (const row of rows) {
    if (seen.has(key(row.victimAssignmentId, row.interfererAssignmentId)) || row.status === 'resolved') continue;
    const before = row.status;
    await row.update({ status: 'resolved', decidedById: null, decidedAt: null }, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'conflict',
      entityId: row.id,
      action: 'auto_resolve',
      changes: { status: { before, after: 'resolved' } },
    });
    summary.resolved++;
  }
  return summary;
}

/**
 * Re-evaluates the conflicts of the given assignments against the register, inside the caller's
 * transaction (called by every save of a station or an assignment, and by licence transitions).
 */
export async function refreshConflictsFor(
  assignmentIds: number[],
  transaction: Transaction,
  actor: Actor,
): Promise<ReconcileSummary> {
  const total: ReconcileSummary = { opened: 0, reopened: 0, updated: 0, resolved: 0 };
  if (assignmentIds.length === 0) return total;
  const services = await serviceParams(transaction);
  for (const id of assignmentIds) {
    const a = await Assignment.findOne({ where: { id, direction: 'tx' }, include: activeSiteInclude, transaction });
    if (!a) {
      // Receive-only, deleted, or its licence no longer active: its conflicts no longer hold.
      await AssignmentFootprint.destroy({ where: { assignmentId: id }, transaction });
      const s = await reconcile([], new Set([id]), transaction, actor);
      total.resolved += s.resolved;
      continue;
    }
    const site = siteOf(a);
    const service = services.get(site.service);
    if (!service) continue;
    const fp = await storeFootprint(site, service, transaction);
    const neighbours = await loadNeighbours(
      {
        site,
        footprintBox: [fp.minLon, fp.minLat, fp.maxLon, fp.maxLat],
        envelope: [fp.envMinLon ?? -180, fp.envMinLat ?? -90, fp.envMaxLon ?? 180, fp.envMaxLat ?? 90],
      },
      id,
      services,
      transaction,
    );
    const sites = new Map<number, SiteFacts>([[id, site]]);
    const register: ScanAssignment[] = [];
    for (const n of neighbours) {
      const osvc = services.get(n.site.service) as ServiceParams;
      sites.set(n.site.assignmentId, n.site);
      register.push(
        neighbourItem(
          n,
          osvc,
          n.footprint?.envMinLon != null ? n.footprint : await storeFootprint(n.site, osvc, transaction),
        ),
      );
    }
    const candidate = scanItem(site, service, {
      polygon: fp.polygon,
      bboxDeg: [fp.minLon, fp.minLat, fp.maxLon, fp.maxLat],
    });
    const findings = checkCandidate(candidate, register, contourSource(sites, services), { geometry: true });
    const s = await reconcile(findings, new Set([id]), transaction, actor);
    total.opened += s.opened;
    total.reopened += s.reopened;
    total.updated += s.updated;
    total.resolved += s.resolved;
  }
  return total;
}

export interface FullScanResult extends ReconcileSummary {
  assignments: number;
  findings: number;
  candidatePairs: number;
  exactChecks: number;
  seconds: number;
}

/** Footprints of every active TX assignment, the indexed scan, and one reconciliation of all conflicts. */
export async function fullScan(
  sequelize: Sequelize,
  actor: Actor,
  onProgress?: (done: number, total: number) => void,
): Promise<FullScanResult> {
  const t0 = Date.now();
  return sequelize.transaction(async (transaction) => {
    const services = await serviceParams(transaction);
    const rows = await Assignment.findAll({ where: { direction: 'tx' }, include: activeSiteInclude, transaction });
    const sites = new Map<number, SiteFacts>();
    const items: ScanAssignment[] = [];
    for (const a of rows) {
      const site = siteOf(a);
      const svc = services.get(site.service);
      if (!svc) continue;
      sites.set(a.id, site);
      const f = await storeFootprint(site, svc, transaction);
      items.push(scanItem(site, svc, { polygon: f.polygon, bboxDeg: [f.minLon, f.minLat, f.maxLon, f.maxLat] }));
    }
    await AssignmentFootprint.destroy({
      where: { assignmentId: { [Op.notIn]: items.length ? items.map((i) => i.id) : [0] } },
      transaction,
    });
    const result = scanConflicts(items, contourSource(sites, services), { geometry: true, onProgress });
    const summary = await reconcile(result.findings, 'all', transaction, actor);
    return {
      ...summary,
      assignments: items.length,
      findings: result.findings.length,
      candidatePairs: result.candidatePairs,
      exactChecks: result.exactChecks,
      seconds: (Date.now() - t0) / 1000,
    };
  });
}

/** Marks the conflicts of assignments about to be deleted as resolved (their rows go with them). */
export async function resolveConflictsOf(
  assignmentIds: number[],
  transaction: Transaction,
  actor: Actor,
): Promise<void> {
  if (assignmentIds.length) await reconcile([], new Set(assignmentIds), transaction, actor);
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
    where: {
      status: 'open',
      severity: 'high',
      [Op.or]: [{ victimAssignmentId: ids }, { interfererAssignmentId: ids }],
    },
    transaction,
  });
}

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

export async function listConflicts(
  f: ConflictFilter,
  page: PageRequest,
): Promise<{ rows: Conflict[]; total: number }> {
  const and: WhereOptions[] = [];
  if (typeof f.status === 'string' && (CONFLICT_STATUSES as readonly string[]).includes(f.status))
    and.push({ status: f.status });
  if (typeof f.severity === 'string' && (SEVERITIES as readonly string[]).includes(f.severity))
    and.push({ severity: f.severity });
  if (f.kind === 'co_channel' || f.kind === 'adjacent_channel') and.push({ kind: f.kind });
  const sub = (cond: string) => ({
    [Op.or]: [
      {
        victimAssignmentId: {
          [Op.in]: Conflict.sequelize?.literal(
            `(SELECT a.id FROM assignments a JOIN stations s ON s.id = a."stationId" JOIN licences l ON l.id = s."licenceId" WHERE ${cond})`,
          ),
        },
      },
      {
        interfererAssignmentId: {
          [Op.in]: Conflict.sequelize?.literal(
            `(SELECT a.id FROM assignments a JOIN stations s ON s.id = a."stationId" JOIN licences l ON l.id = s."licenceId" WHERE ${cond})`,
          ),
        },
      },
    ],
  });
  const esc = (v: string) => Conflict.sequelize?.escape(v) ?? "''";
  if (typeof f.district === 'string' && f.district) and.push(sub(`s."districtCode" = ${esc(f.district)}`));
  if (typeof f.service === 'string' && f.service) and.push(sub(`s.service = ${esc(f.service)}`));
  if (f.licenseeId !== undefined && f.licenseeId !== '' && Number.isInteger(Number(f.licenseeId)))
    and.push(sub(`l."licenseeId" = ${Number(f.licenseeId)}`));
  if (f.licenceId !== undefined && f.licenceId !== '' && Number.isInteger(Number(f.licenceId)))
    and.push(sub(`l.id = ${Number(f.licenceId)}`));
  if (f.assignmentId !== undefined && f.assignmentId !== '' && Number.isInteger(Number(f.assignmentId)))
    and.push({
      [Op.or]: [{ victimAssignmentId: Number(f.assignmentId) }, { interfererAssignmentId: Number(f.assignmentId) }],
    });
  const { rows, count } = await Conflict.findAndCountAll({
    where: { [Op.and]: and },
    attributes: { exclude: ['geometry'] },
    // What needs a decision first: open, then acknowledged, then resolved; high before medium before low.
    order: [
      [literal("CASE status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END"), 'ASC'],
      [literal("CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END"), 'ASC'],
      ['overlapKm2', 'DESC'],
      ['id', 'ASC'],
    ],
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
}

export async function getConflict(id: number, transaction?: Transaction): Promise<Conflict> {
  const c = Number.isInteger(id) ? await Conflict.findByPk(id, { transaction }) : null;
  if (!c) throw new NotFoundError('errors.conflictNotFound');
  return c;
}

const DecisionInput = z.object({ note: requiredText(2000), version: versionField.optional() });

/** A manager acknowledges (accepts for now) or resolves a conflict, with a note; audited. */
export async function decideConflict(
  sequelize: Sequelize,
  id: number,
  decision: 'acknowledge' | 'resolve',
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Conflict> {
  if (user.role !== 'manager') throw new ForbiddenError('conflicts.refused.role');
  const input = parseInput(DecisionInput, body ?? {});
  await sequelize.transaction(async (transaction) => {
    const c = await getConflict(id, transaction);
    if (isStaleVersion(input.version, c.version)) throw new ConflictError('errors.conflict', {}, c);
    const allowed = decision === 'acknowledge' ? ['open'] : ['open', 'acknowledged'];
    if (!allowed.includes(c.status)) throw new ConflictError('conflicts.refused.state', { status: c.status });
    const before = c.status;
    await c.update(
      {
        status: decision === 'acknowledge' ? 'acknowledged' : 'resolved',
        decidedById: user.id,
        decidedAt: new Date(),
        note: input.note,
      },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'conflict',
      entityId: c.id,
      action: decision,
      changes: { status: { before, after: c.status }, note: { before: null, after: input.note } },
    });
  });
  return getConflict(id);
}

export { SYSTEM_ACTOR };
