/**
 * Keeps the Conflict table equal to the pipeline's findings (SPEC §2 Conflict): new conflicts opened,
 * vanished ones resolved, returning ones reopened, changed figures updated, each change audited.
 */
import { OptimisticLockError, type CreationAttributes, type Sequelize, type Transaction } from 'sequelize';
import { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { insertRows, selectRows, sql } from '../../db/sql';
import { AuditEvent } from '../../models/AuditEvent';
import { Conflict } from '../../models/Conflict';
import { diffRecords, type AuditInput } from '../audit/audit.service';
import type { ConflictFinding } from '../../../geo/conflicts';
import type { TextFinding } from '../../../geo/conflicts/victims';
import { asStored, JsonText } from '../../models/json-column';
import type { IntermodConflict } from './conflicts.intermod';
import type { Findings } from './conflicts.pipeline';

/** What reconciliation reads of a batch of findings. */
type Batch = Pick<Findings, 'scope' | 'findings' | 'geometryOf' | 'intermod' | 'settles'>;

/** A stored conflict's identity: its pair, and for an intermodulation product its other contributors too. */
function key(victimId: number, interfererId: number, second?: number | null, third?: number | null): string {
  return second == null ? `${victimId}:${interfererId}` : `${victimId}:${interfererId}:${second}:${third ?? 0}`;
}

export interface ReconcileSummary {
  opened: number;
  reopened: number;
  updated: number;
  resolved: number;
}

function sequelizeOf(): Sequelize {
  if (!Conflict.sequelize) throw new Error('the models are not initialised');
  return Conflict.sequelize;
}

const PairRow = z.object({
  id: z.coerce.number().int(),
  victimAssignmentId: z.coerce.number().int(),
  interfererAssignmentId: z.coerce.number().int(),
  secondInterfererAssignmentId: z.coerce.number().int().nullable(),
  thirdInterfererAssignmentId: z.coerce.number().int().nullable(),
});
const rowKey = (r: z.infer<typeof PairRow>) =>
  key(r.victimAssignmentId, r.interfererAssignmentId, r.secondInterfererAssignmentId, r.thirdInterfererAssignmentId);

/** What reconciliation compares of a stored conflict, read as a plain row (never its polygon). */
const StoredRow = PairRow.extend({
  kind: z.string(),
  mechanism: z.string(),
  severity: z.string(),
  overlapKm2: z.coerce.number(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  decidedById: z.coerce.number().int().nullable(),
  version: z.coerce.number().int(),
  /** An intermodulation product's figures, as stored (JSON text). */
  intermod: z.string().nullable(),
});
type StoredRow = z.infer<typeof StoredRow>;

/** The stored conflicts a scope settles, as plain rows: few columns, no model instances (a scan reads them all). */
function storedIn(
  scope: Findings['scope'],
  settles: Findings['settles'],
  transaction: Transaction,
): Promise<StoredRow[]> {
  const ids = scope instanceof Set ? [...scope] : [...scope.victims];
  if (ids.length === 0) return Promise.resolve([]);
  const where =
    scope instanceof Set
      ? sql`("victimAssignmentId" IN (${ids}) OR "interfererAssignmentId" IN (${ids})
          OR "secondInterfererAssignmentId" IN (${ids}) OR "thirdInterfererAssignmentId" IN (${ids}))`
      : sql`"victimAssignmentId" IN (${ids})`;
  const kinds =
    settles === 'pairs'
      ? sql` AND kind <> 'intermodulation'`
      : settles === 'intermod'
        ? sql` AND kind = 'intermodulation'`
        : sql``;
  return selectRows(
    sequelizeOf(),
    sql`SELECT id, kind, mechanism, "victimAssignmentId", "interfererAssignmentId", "secondInterfererAssignmentId",
          "thirdInterfererAssignmentId", intermod, severity, "overlapKm2", status, "decidedById", version
        FROM conflicts WHERE ${where}${kinds}`,
    StoredRow,
    { transaction },
  );
}

/**
 * Writes a change to a stored conflict as an instance's `update` writes it (setters, `updatedAt`, the version
 * checked and bumped, OptimisticLockError when it moved): only the rows that differ get here.
 */
async function updateStored(
  row: StoredRow,
  changes: Partial<CreationAttributes<Conflict>>,
  transaction: Transaction,
): Promise<void> {
  const [n] = await Conflict.update(
    { ...changes, version: row.version + 1 },
    { where: { id: row.id, version: row.version }, transaction },
  );
  if (n !== 1)
    throw new OptimisticLockError({ message: `conflict ${row.id} changed meanwhile`, modelName: 'Conflict' });
}

/**
 * The overlap polygon to store: as a scan thread serialised it (stored as that text: the column's setter takes
 * JsonText as it is), as found, or computed on demand.
 */
function geometryToStore(f: ConflictFinding | TextFinding, geometryOf: Batch['geometryOf']): Conflict['geometry'] {
  if ('geometryText' in f && f.geometryText !== undefined)
    return f.geometryText === null ? null : asStored<Conflict['geometry']>(new JsonText(f.geometryText));
  return f.geometry ?? geometryOf?.(f) ?? null;
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
    const rows = await selectRows(
      sequelizeOf(),
      sql`SELECT id, "victimAssignmentId", "interfererAssignmentId", "secondInterfererAssignmentId",
            "thirdInterfererAssignmentId" FROM conflicts WHERE "victimAssignmentId" IN (${[...opened]})`,
      PairRow,
      { transaction },
    );
    for (const r of rows) ids.set(rowKey(r), r.id);
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
  { findings, scope, geometryOf, intermod, settles }: Batch,
  transaction: Transaction,
  actor: Actor,
): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { opened: 0, reopened: 0, updated: 0, resolved: 0 };
  // The stored overlap polygons are not read: a conflict that changes gets its new one, the others keep theirs.
  const rows = await storedIn(scope, settles, transaction);
  const byKey = new Map(rows.map((r) => [rowKey(r), r]));
  const seen = new Set<string>();
  // New conflicts are inserted together, and every audit row after them in one insert (in the order of
  // the changes): a first scan opens thousands, and two statements for each would hold the writer long.
  const creates: CreationAttributes<Conflict>[] = [];
  const openedVictims = new Set<number>();
  const trail: Trail[] = [];
  const all: (ConflictFinding | IntermodConflict)[] =
    settles === 'pairs' ? findings : settles === 'intermod' ? (intermod ?? []) : [...findings, ...(intermod ?? [])];
  for (const f of all) {
    const im = 'intermod' in f ? f : null;
    const k = key(f.victimId, f.interfererId, im?.secondInterfererId, im?.thirdInterfererId);
    seen.add(k);
    const values = {
      kind: f.kind,
      mechanism: f.mechanism,
      severity: f.severity,
      frequencyOffsetHz: f.frequencyOffsetHz,
      overlapKm2: f.overlapKm2,
      overlapFraction: f.overlapFraction,
      sameLicensee: f.sameLicensee,
      ...(im
        ? {
            secondInterfererAssignmentId: im.secondInterfererId,
            thirdInterfererAssignmentId: im.thirdInterfererId,
            intermod: im.intermod,
          }
        : {}),
    };
    // The polygon only for what is written (computed on demand when the findings came without it).
    const withGeometry = () => ({
      ...values,
      geometry: 'intermod' in f ? null : geometryToStore(f, geometryOf),
    });
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
            ...(im
              ? {
                  secondInterfererAssignmentId: im.secondInterfererId,
                  thirdInterfererAssignmentId: im.thirdInterfererId,
                  productHz: im.intermod.productHz,
                }
              : {}),
            overlapKm2: Math.round(values.overlapKm2 * 1000) / 1000,
          },
        },
      });
      summary.opened++;
      continue;
    }
    const changedShape =
      row.mechanism !== values.mechanism || row.severity !== values.severity || row.kind !== values.kind;
    const changedFigures =
      changedShape ||
      Math.abs(row.overlapKm2 - values.overlapKm2) > 1e-6 ||
      (im !== null && row.intermod !== JSON.stringify(im.intermod));
    if (row.status === 'resolved' && row.decidedById !== null) {
      // A manager resolved it while it still held (e.g. coordinated): keep the decision, refresh the figures.
      if (!changedFigures) continue;
      await updateStored(row, withGeometry(), transaction);
      summary.updated++;
    } else if (row.status === 'resolved') {
      await updateStored(row, { ...withGeometry(), status: 'open', decidedById: null, decidedAt: null }, transaction);
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
    } else if (changedFigures) {
      const before = { mechanism: row.mechanism, severity: row.severity, kind: row.kind, overlapKm2: row.overlapKm2 };
      await updateStored(row, withGeometry(), transaction);
      if (changedShape)
        trail.push({
          entityId: row.id,
          input: {
            actor,
            entity: 'conflict',
            action: 'update',
            before,
            after: {
              mechanism: values.mechanism,
              severity: values.severity,
              kind: values.kind,
              overlapKm2: values.overlapKm2,
            },
          },
        });
      summary.updated++;
    }
  }
  for (const row of rows) {
    if (seen.has(rowKey(row)) || row.status === 'resolved') continue;
    const before = row.status;
    await updateStored(row, { status: 'resolved', decidedById: null, decidedAt: null }, transaction);
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
  batches: Batch[],
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
