/**
 * The commit of a checked import, as a job (SPEC §10.5, §9): the file is checked again inside one
 * transaction and written there in full, or not at all (a row that no longer passes, or any failure of the
 * database, rolls everything back); every record is audited with the import's id. Then the conflicts of the
 * imported assignments are recomputed through the conflict upkeep (footprints and findings), in batches.
 * A `register` file (imports.register.ts) plans a station before its assignments: both are written here, the
 * new stations' ids handed to their assignments, each record audited under its own entity.
 */
import type { CreationAttributes, Sequelize, Transaction } from 'sequelize';
import type { Actor } from '../../lib/actor';
import { AuditEvent } from '../../models/AuditEvent';
import { Assignment } from '../../models/Assignment';
import { Licence } from '../../models/Licence';
import { Licensee } from '../../models/Licensee';
import { Station } from '../../models/Station';
import { Import, type ImportKind } from '../../models/import-models';
import { assignmentPlain } from '../assignments/assignments.service';
import { diffRecords } from '../audit/audit.service';
import { assignmentIdsOfLicence, fullScan, refreshConflictsFor } from '../conflicts/conflicts.service';
import type { DistrictService } from '../districts/districts.service';
import { licencePlain, licenceSearchText } from '../licences/licences.service';
import { licenseePlain } from '../licensees/licensees.service';
import { stationPlain } from '../stations/stations.service';
import type { PlannedRow } from './imports.check';
import { checkAnyFile } from './imports.register';
import { storedPath } from './imports.storage';
import { clock } from '../../lib/dates';
import { isVersioned, recordVersions } from '../history/history.service';
import { registerChangedOnCommit } from '../../lib/register-changes';

export const IMPORT_JOB_KIND = 'imports.commit';
const CONFLICT_BATCH = 200;
/** Above this many imported assignments, their conflicts come from one full scan of the register. */
export const INLINE_MAX = 500;
const AUDIT_BATCH = 1000;

const ENTITY: Record<Exclude<ImportKind, 'register'>, 'licensee' | 'licence' | 'station' | 'assignment'> = {
  licensees: 'licensee',
  licences: 'licence',
  stations: 'station',
  assignments: 'assignment',
};

type Record_ = Licensee | Licence | Station | Assignment;

function plainOf(r: Record_): Record<string, unknown> {
  if (r instanceof Licensee) return licenseePlain(r);
  if (r instanceof Licence) return licencePlain(r);
  if (r instanceof Station) return { licenceId: r.licenceId, ...stationPlain(r) };
  return { stationId: r.stationId, ...assignmentPlain(r) };
}

const ISSUED_LIKE = ['issued', 'suspended', 'revoked', 'expired'];

const licenceSearch = (w: { number: string | null; licenseeId: number; conditions: string }, tx: Transaction) =>
  licenceSearchText({ number: w.number, licenseeId: w.licenseeId, conditions: w.conditions }, tx);

/**
 * Creates or updates the record of one planned row. `stationIds` holds the stations this commit wrote (by
 * externalRef), for the assignments of a `register` file whose station is new.
 */
async function writeRow(
  p: PlannedRow,
  userId: number | null,
  transaction: Transaction,
  stationIds: Map<string, number>,
): Promise<Record_> {
  const externalRef = p.ref;
  const plan = p.plan;
  switch (plan.kind) {
    case 'licensees':
      if (plan.existing) return plan.existing.update(plan.write, { transaction });
      return Licensee.create({ ...plan.write, externalRef }, { transaction });
    case 'licences': {
      const searchText = await licenceSearch(plan.write, transaction);
      if (plan.existing) return plan.existing.update({ ...plan.write, searchText }, { transaction });
      const issued = ISSUED_LIKE.includes(plan.write.status);
      return Licence.create(
        {
          ...plan.write,
          externalRef,
          draftedById: userId,
          issuedAt: issued ? new Date(`${plan.write.validFrom}T00:00:00Z`) : null,
          issuedById: null,
          submittedAt: null,
          rejectionReason: null,
          returnReason: null,
          statusReason: null,
          warningsAcknowledgedById: null,
          warningsAcknowledgedAt: null,
          warningsNote: null,
          feeVnd: null,
          searchText,
        },
        { transaction },
      );
    }
    case 'stations':
      if (plan.existing) return plan.existing.update(plan.write, { transaction });
      return Station.create({ ...plan.write, externalRef, status: 'active' }, { transaction });
    case 'assignments': {
      const stationId = (p.stationRef && stationIds.get(p.stationRef)) || plan.write.stationId;
      if (!stationId) throw new Error(`row ${p.row}: its station ${p.stationRef ?? ''} was not written`);
      const write = { ...plan.write, stationId };
      if (plan.existing) return plan.existing.update(write, { transaction });
      return Assignment.create({ ...write, externalRef, status: 'active' }, { transaction });
    }
  }
}

export interface CommitSummary {
  created: number;
  updated: number;
  unchanged: number;
  conflictsRecomputed: number;
  opened: number;
  resolved: number;
}

export interface CommitHooks {
  progress?: (done: number, total: number, text: string) => Promise<void>;
  /** False on SQLite: the single writer is ours for the whole transaction, so progress waits for the end. */
  progressInTransaction?: boolean;
}

/**
 * Writes a checked import. Answers `{ refused: errors }` (nothing written) when rows no longer pass; throws
 * (nothing written) when the database refuses a row.
 */
export async function commitImport(
  sequelize: Sequelize,
  districts: DistrictService,
  imp: Import,
  actor: Actor,
  uploadDir: string,
  hooks: CommitHooks = {},
): Promise<CommitSummary | { refused: number }> {
  const kind = imp.kind;
  const inTx = hooks.progressInTransaction ? hooks.progress : undefined;
  const written = await sequelize.transaction(async (transaction) => {
    const check = await checkAnyFile({
      kind,
      file: storedPath(uploadDir, imp.storedName),
      delimiter: imp.delimiter,
      mapping: imp.mapping,
      districts,
      transaction,
      keepPlans: true,
      onProgress: inTx ? (n) => inTx(n, imp.rowCount * 2, 'check') : undefined,
    });
    if (check.counts.error > 0) return { check, refused: true as const };
    const audits: CreationAttributes<AuditEvent>[] = [];
    const touched: number[] = [];
    const stationIds = new Map<string, number>();
    const flush = async () => {
      const batch = audits.splice(0);
      await AuditEvent.bulkCreate(batch, { transaction });
      // As recordAudit does: the register's history gets each written record's new version, and the change is
      // counted once committed (lib/register-changes.ts).
      for (const entity of new Set(batch.map((a) => a.entity))) {
        registerChangedOnCommit(transaction, entity);
        if (isVersioned(entity))
          await recordVersions(
            transaction,
            entity,
            batch.filter((a) => a.entity === entity).map((a) => a.entityId),
          );
      }
    };
    for (const [i, p] of check.planned.entries()) {
      const before = p.plan.existing ? plainOf(p.plan.existing) : null;
      const r = await writeRow(p, actor.userId, transaction, stationIds);
      const changes = diffRecords(before, plainOf(r));
      const planKind = p.plan.kind;
      audits.push({
        at: clock.now(),
        actorId: actor.userId,
        ip: actor.ip,
        userAgent: actor.userAgent,
        entity: ENTITY[planKind],
        entityId: String(r.id),
        action: p.action,
        changes: {
          ...changes,
          importId: { before: null, after: Number(imp.id) },
          externalRef: { before: null, after: p.ref },
        },
      });
      if (planKind === 'stations') stationIds.set(p.ref, r.id);
      if (planKind === 'assignments') touched.push(r.id);
      else if (planKind === 'stations' && p.action === 'update')
        touched.push(
          ...(await Assignment.findAll({ where: { stationId: r.id }, attributes: ['id'], transaction })).map(
            (a) => a.id,
          ),
        );
      else if (planKind === 'licences' && p.action === 'update')
        touched.push(...(await assignmentIdsOfLicence(r.id, transaction)));
      if (audits.length >= AUDIT_BATCH) await flush();
      // A register file plans up to two records a row: the write's share of the bar follows the plans.
      if (inTx && (i + 1) % 1000 === 0)
        await inTx(
          imp.rowCount + Math.round(((i + 1) * imp.rowCount) / check.planned.length),
          imp.rowCount * 2,
          'write',
        );
    }
    await flush();
    return { check, refused: false as const, touched };
  });
  if (written.refused) {
    await imp.update({
      status: 'failed',
      counts: written.check.counts,
      outcomes: written.check.outcomes,
      errors: written.check.errors,
      result: { refused: written.check.counts.error },
    });
    return { refused: written.check.counts.error };
  }
  const ids = [...new Set(written.touched)];
  const summary: CommitSummary = {
    created: written.check.counts.create,
    updated: written.check.counts.update,
    unchanged: written.check.counts.unchanged,
    conflictsRecomputed: ids.length,
    opened: 0,
    resolved: 0,
  };
  await imp.update({
    status: 'committed',
    counts: written.check.counts,
    outcomes: written.check.outcomes,
    result: { ...summary },
  });
  if (ids.length > INLINE_MAX) {
    // A large import: one full scan (the same pipeline, batched over the whole register) is far cheaper than
    // the per-assignment upkeep repeated for each imported assignment.
    await hooks.progress?.(0, ids.length, 'conflicts');
    const r = await fullScan(sequelize, actor, {
      onStep: async (_state, done, total) => hooks.progress?.(done, total, 'conflicts'),
    });
    summary.opened += r.opened + r.reopened;
    summary.resolved += r.resolved;
    await hooks.progress?.(ids.length, ids.length, 'conflicts');
    await imp.update({ result: { ...summary, mode: 'scan' } });
    return summary;
  }
  for (let i = 0; i < ids.length; i += CONFLICT_BATCH) {
    const batch = ids.slice(i, i + CONFLICT_BATCH);
    const r = await sequelize.transaction((transaction) => refreshConflictsFor(batch, transaction, actor));
    summary.opened += r.opened + r.reopened;
    summary.resolved += r.resolved;
    await hooks.progress?.(Math.min(i + CONFLICT_BATCH, ids.length), ids.length, 'conflicts');
  }
  await imp.update({ result: { ...summary } });
  return summary;
}
