/**
 * Keeps the Conflict table equal to the pipeline's findings (SPEC §2 Conflict): new conflicts opened,
 * vanished ones resolved, returning ones reopened, changed figures updated, each change audited.
 */
import type { CreationAttributes, Transaction } from 'sequelize';
import type { Actor } from '../../lib/actor';
import { insertRows } from '../../db/sql';
import { AuditEvent } from '../../models/AuditEvent';
import { Conflict } from '../../models/Conflict';
import { diffRecords, type AuditInput } from '../audit/audit.service';
import type { Findings } from './conflicts.pipeline';
import { involving } from './conflicts.queries';

function key(victimId: number, interfererId: number): string {
  return `${victimId}:${interfererId}`;
}

export interface ReconcileSummary {
  opened: number;
  reopened: number;
  updated: number;
  resolved: number;
}

/** An audit row to write: its conflict is known by id, or (a conflict opened in this batch) by its key. */
type Trail = { input: Omit<AuditInput, 'entityId'> } & ({ entityId: number } | { key: string });

/**
 * Writes the audit rows, in their order, with few inserts (the rows `recordAudit` writes one at a time); the
 * new conflicts' ids are read back by their pair (unique), which works the same on both dialects.
 */
async function writeTrail(trail: Trail[], opened: Set<number>, transaction: Transaction): Promise<void> {
  if (trail.length === 0) return;
  const ids = new Map<string, number>();
  if (opened.size > 0) {
    const rows = await Conflict.findAll({
      attributes: ['id', 'victimAssignmentId', 'interfererAssignmentId'],
      where: { victimAssignmentId: [...opened] },
      raw: true,
      transaction,
    });
    for (const r of rows) ids.set(key(r.victimAssignmentId, r.interfererAssignmentId), r.id);
  }
  const at = new Date();
  const rows = trail.map((t) => {
    const { input } = t;
    const entityId = 'key' in t ? ids.get(t.key) : t.entityId;
    if (entityId === undefined) throw new Error(`conflict ${'key' in t ? t.key : ''} not found after insert`);
    return {
      at,
      actorId: input.actor.userId,
      ip: input.actor.ip,
      userAgent: input.actor.userAgent,
      entity: input.entity,
      entityId: String(entityId),
      action: input.action,
      changes: input.changes ?? diffRecords(input.before ?? null, input.after ?? null),
    };
  });
  await insertRows(AuditEvent, rows, { transaction });
}

/**
 * Makes the stored conflicts of `scope` (those involving its assignments, or those with its victims) match
 * `findings`: new ones opened, vanished ones resolved, returning ones reopened (an acknowledged one that
 * still holds stays acknowledged).
 */
async function reconcile(
  { findings, scope, geometryOf }: Pick<Findings, 'scope' | 'findings' | 'geometryOf'>,
  transaction: Transaction,
  actor: Actor,
): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { opened: 0, reopened: 0, updated: 0, resolved: 0 };
  const where = scope instanceof Set ? involving([...scope]) : { victimAssignmentId: [...scope.victims] };
  // The stored overlap polygons are not read: a conflict that changes gets its new one, the others keep theirs.
  const rows = await Conflict.findAll({ where, transaction, attributes: { exclude: ['geometry'] } });
  const byKey = new Map(rows.map((r) => [key(r.victimAssignmentId, r.interfererAssignmentId), r]));
  const seen = new Set<string>();
  // New conflicts are inserted together, and every audit row after them in one insert (in the order of
  // the changes): a first scan opens thousands, and two statements for each would hold the writer long.
  const creates: CreationAttributes<Conflict>[] = [];
  const openedVictims = new Set<number>();
  const trail: Trail[] = [];
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
    };
    // The polygon only for what is written (computed on demand when the findings came without it).
    const withGeometry = () => ({ ...values, geometry: f.geometry ?? geometryOf?.(f) ?? null });
    const row = byKey.get(k);
    if (!row) {
      creates.push({
        ...withGeometry(),
        victimAssignmentId: f.victimId,
        interfererAssignmentId: f.interfererId,
        status: 'open',
        decidedById: null,
        decidedAt: null,
        note: null,
      });
      openedVictims.add(f.victimId);
      trail.push({
        key: k,
        input: {
          actor,
          entity: 'conflict',
          action: 'open',
          after: {
            kind: values.kind,
            mechanism: values.mechanism,
            severity: values.severity,
            victimAssignmentId: f.victimId,
            interfererAssignmentId: f.interfererId,
            overlapKm2: Math.round(values.overlapKm2 * 1000) / 1000,
          },
        },
      });
      summary.opened++;
      continue;
    }
    const changedShape =
      row.mechanism !== values.mechanism || row.severity !== values.severity || row.kind !== values.kind;
    if (row.status === 'resolved' && row.decidedById !== null) {
      // A manager resolved it while it still held (e.g. coordinated): keep the decision, refresh the figures.
      await row.update(withGeometry(), { transaction });
      summary.updated++;
    } else if (row.status === 'resolved') {
      await row.update({ ...withGeometry(), status: 'open', decidedById: null, decidedAt: null }, { transaction });
      trail.push({
        entityId: row.id,
        input: {
          actor,
          entity: 'conflict',
          action: 'reopen',
          changes: { status: { before: 'resolved', after: 'open' } },
        },
      });
      summary.reopened++;
    } else if (changedShape || Math.abs(row.overlapKm2 - values.overlapKm2) > 1e-6) {
      const before = { mechanism: row.mechanism, severity: row.severity, kind: row.kind, overlapKm2: row.overlapKm2 };
      await row.update(withGeometry(), { transaction });
      if (changedShape)
        trail.push({
          entityId: row.id,
          input: {
            actor,
            entity: 'conflict',
            action: 'update',
            before,
            after: { mechanism: row.mechanism, severity: row.severity, kind: row.kind, overlapKm2: row.overlapKm2 },
          },
        });
      summary.updated++;
    }
  }
  for (const row of rows) {
    if (seen.has(key(row.victimAssignmentId, row.interfererAssignmentId)) || row.status === 'resolved') continue;
    const before = row.status;
    await row.update({ status: 'resolved', decidedById: null, decidedAt: null }, { transaction });
    trail.push({
      entityId: row.id,
      input: { actor, entity: 'conflict', action: 'auto_resolve', changes: { status: { before, after: 'resolved' } } },
    });
    summary.resolved++;
  }
  await insertRows(Conflict, creates, { transaction });
  await writeTrail(trail, openedVictims, transaction);
  return summary;
}

/** Reconciles each batch of findings in turn, and adds up what changed. */
export async function reconcileAll(
  batches: Pick<Findings, 'scope' | 'findings' | 'geometryOf'>[],
  transaction: Transaction,
  actor: Actor,
): Promise<ReconcileSummary> {
  const total: ReconcileSummary = { opened: 0, reopened: 0, updated: 0, resolved: 0 };
  for (const b of batches) {
    const s = await reconcile(b, transaction, actor);
    total.opened += s.opened;
    total.reopened += s.reopened;
    total.updated += s.updated;
    total.resolved += s.resolved;
  }
  return total;
}
