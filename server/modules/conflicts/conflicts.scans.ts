/**
 * The full scan as a durable job (SPEC §9): queued by a manager (one at a time: a second request gets the
 * queued or running one), run by a job runner in batches that commit on their own, resumed after a crash
 * from the state the job keeps.
 */
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { enqueue } from '../../jobs/queue';
import type { JobContext } from '../../jobs/runner';
import type { Actor, CurrentUser } from '../../lib/actor';
import { ForbiddenError } from '../../lib/errors';
import { Job } from '../../models/Job';
import { scanRegister, SCAN_START, type ScanCursor, type ScanSizes } from './conflicts.pipeline';
import { reconcileAll, type ReconcileSummary } from './conflicts.reconcile';

export const SCAN_JOB_KIND = 'conflicts.scan';

export interface FullScanResult extends ReconcileSummary {
  assignments: number;
  findings: number;
  seconds: number;
}

/** How far a full scan got, with what it changed so far: a job keeps it to resume from. */
export interface FullScanState {
  cursor: ScanCursor;
  result: FullScanResult;
}

export interface FullScanHooks {
  /** The state saved by an interrupted run: the scan continues after its last committed step. */
  from?: FullScanState | null;
  /** After each committed step (footprints stored, or a batch of victims reconciled). May throw to stop. */
  onStep?: (state: FullScanState, done: number, total: number) => Promise<void>;
  sizes?: ScanSizes;
}

/**
 * The full scan (SPEC §4.5, §9): every footprint recomputed, then every conflict reconciled, in short
 * transactions (footprints 500 at a time, victims about 250 at a time, each batch with its audit rows),
 * resumable from the last committed step; the end state is that of one clean scan.
 */
export async function fullScan(sequelize: Sequelize, actor: Actor, hooks: FullScanHooks = {}): Promise<FullScanResult> {
  const zero = { opened: 0, reopened: 0, updated: 0, resolved: 0, assignments: 0, findings: 0, seconds: 0 };
  let state: FullScanState = hooks.from ?? { cursor: SCAN_START, result: zero };
  let clock = Date.now();
  for await (const step of scanRegister(sequelize, state.cursor, hooks.sizes)) {
    const { batch } = step;
    const changed = batch ? await sequelize.transaction((t) => reconcileAll([batch], t, actor)) : null;
    const r = state.result;
    const now = Date.now();
    state = {
      cursor: step.cursor,
      result: {
        opened: r.opened + (changed?.opened ?? 0),
        reopened: r.reopened + (changed?.reopened ?? 0),
        updated: r.updated + (changed?.updated ?? 0),
        resolved: r.resolved + (changed?.resolved ?? 0),
        assignments: step.total,
        findings: r.findings + (batch?.findings.length ?? 0) + (batch?.intermod?.length ?? 0),
        seconds: r.seconds + (now - clock) / 1000,
      },
    };
    clock = now;
    await hooks.onStep?.(state, step.done, step.total);
  }
  return state.result;
}

export function mayScan(user: Pick<CurrentUser, 'role'>): boolean {
  return user.role === 'manager' || user.role === 'admin';
}

/** Queues a full scan, or returns the one already queued or running. */
export async function requestScan(sequelize: Sequelize, user: CurrentUser): Promise<{ job: Job; created: boolean }> {
  if (!mayScan(user)) throw new ForbiddenError('conflicts.refused.role');
  return enqueue(sequelize, { kind: SCAN_JOB_KIND, uniqueKey: SCAN_JOB_KIND, createdById: user.id });
}

/** The most recent full scan job, for the conflicts page. */
export function latestScanJob(): Promise<Job | null> {
  return Job.findOne({ where: { kind: SCAN_JOB_KIND }, order: [['id', 'DESC']] });
}

const Summary = z.object({
  opened: z.number(),
  reopened: z.number(),
  updated: z.number(),
  resolved: z.number(),
  assignments: z.number(),
  findings: z.number(),
  seconds: z.number(),
});
const State = z.object({
  cursor: z.object({
    phase: z.enum(['footprints', 'pairs', 'intermod', 'sweep', 'done']),
    afterId: z.number(),
    afterVictim: z.tuple([z.number(), z.number()]),
  }),
  result: Summary,
});

/** The job handler: the scan, resumed from the job's state, saving it (and the progress) after every batch. */
export async function runScanJob(ctx: JobContext, sizes?: ScanSizes): Promise<FullScanResult> {
  const saved = State.safeParse(ctx.job.state);
  const actor = { userId: ctx.job.createdById, role: null, ip: null, userAgent: `job ${ctx.job.id} ${SCAN_JOB_KIND}` };
  return fullScan(ctx.sequelize, actor, {
    from: saved.success ? saved.data : null,
    sizes,
    onStep: (state: FullScanState, done, total) =>
      ctx.progress(done, total, state.cursor.phase, state as unknown as Record<string, unknown>),
  });
}
