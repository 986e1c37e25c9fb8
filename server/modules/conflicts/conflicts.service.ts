/**
 * Conflicts in the register (SPEC §2 Conflict, §4.5), the module's entry points. Conflicts are kept
 * current on every save, in the same transaction (opened, resolved when they no longer hold, reopened
 * when they hold again), and by the full scan: both run the one pipeline (conflicts.pipeline.ts) and
 * reconcile its findings into the Conflict table (conflicts.reconcile.ts). The live check runs the same
 * pipeline and writes nothing (conflicts.check.ts). The list and managers' decisions live in
 * conflicts.decisions.ts and are exported from here too.
 */
import type { Transaction } from 'sequelize';
import { SYSTEM_ACTOR, type Actor } from '../../lib/actor';
import { findConflicts } from './conflicts.pipeline';
import { reconcileAll, type ReconcileSummary } from './conflicts.reconcile';

export {
  acknowledgeBlockingConflicts,
  assignmentIdsOfLicence,
  blockingConflicts,
  decideConflict,
  exportConflicts,
  getConflict,
  listConflicts,
  twinOf,
  type ConflictFilter,
} from './conflicts.decisions';
export { ACTIVE_LICENCE_STATUSES, type SiteFacts } from './conflicts.engine';
export { findConflicts, SCAN_SIZES, UNSAVED_ID, type ScanCursor } from './conflicts.pipeline';
export { findConflictsOnChannels, type Channel, type ChannelFindings } from './conflicts.channels';
export { serviceParams, type OtherSide } from './conflicts.queries';
export { formulaText, intermodOfUnsaved, type IntermodConflict } from './conflicts.intermod';
export { presentUnsavedIntermod } from './conflicts.presenter';
export type { ReconcileSummary } from './conflicts.reconcile';
export { SYSTEM_ACTOR };
export {
  fullScan,
  latestScanJob,
  mayScan,
  requestScan,
  runScanJob,
  SCAN_JOB_KIND,
  type FullScanResult,
  type FullScanState,
} from './conflicts.scans';

/**
 * Re-evaluates the conflicts of the given assignments against the register, inside the caller's
 * transaction (called by every save of a station or an assignment, and by licence transitions).
 */
export async function refreshConflictsFor(
  assignmentIds: number[],
  transaction: Transaction,
  actor: Actor,
): Promise<ReconcileSummary> {
  if (assignmentIds.length === 0) return { opened: 0, reopened: 0, updated: 0, resolved: 0 };
  const { batches } = await findConflicts({ kind: 'saved', ids: assignmentIds, transaction });
  return reconcileAll(batches, transaction, actor);
}

/** Marks the conflicts of assignments about to be deleted as resolved (their rows go with them). */
export async function resolveConflictsOf(
  assignmentIds: number[],
  transaction: Transaction,
  actor: Actor,
): Promise<void> {
  if (assignmentIds.length) await reconcileAll([{ scope: new Set(assignmentIds), findings: [] }], transaction, actor);
}
