/**
 * The job queue over the app's own `jobs` table (SPEC §9; the design of Rails' Solid Queue): enqueue with
 * an optional unique key, an atomic claim under a lease, lease renewal that also reports a cancel request,
 * completion, failure with retries and back-off, cancel and retry. Every function is one short statement
 * or transaction, so the queue never holds SQLite's single writer for long.
 */
import { Op, type Sequelize, type Transaction } from 'sequelize';
import { z } from 'zod';
import { execute, IdRow, selectOne, sql } from '../db/sql';
import { ConflictError, NotFoundError } from '../lib/errors';
import { Job, type JobProgress } from '../models/Job';

export const ACTIVE_STATUSES = ['queued', 'running'] as const;

export interface EnqueueOptions {
  kind: string;
  payload?: Record<string, unknown>;
  /** At most one queued or running job per key: a second enqueue returns the first job. */
  uniqueKey?: string | null;
  maxAttempts?: number;
  runAt?: Date;
  createdById?: number | null;
  transaction?: Transaction;
}

/** Adds a job, or returns the active job holding the same unique key (`created: false`). */
export async function enqueue(sequelize: Sequelize, o: EnqueueOptions): Promise<{ job: Job; created: boolean }> {
  const now = new Date();
  const progress: JobProgress = { done: 0, total: 0, text: '' };
  const [row] = await execute(
    sequelize,
    sql`INSERT INTO jobs (kind, status, payload, progress, attempts, "maxAttempts", "runAt", "cancelRequested",
          "uniqueKey", "createdById", "createdAt", "updatedAt")
        VALUES (${o.kind}, 'queued', ${JSON.stringify(o.payload ?? {})}, ${JSON.stringify(progress)}, 0,
          ${o.maxAttempts ?? 3}, ${o.runAt ?? now}, ${false}, ${o.uniqueKey ?? null}, ${o.createdById ?? null},
          ${now}, ${now})
        ON CONFLICT DO NOTHING RETURNING id`,
    { transaction: o.transaction, row: IdRow },
  );
  if (row) return { job: await mustFind(row.id, o.transaction), created: true };
  const existing = await Job.findOne({
    where: { uniqueKey: o.uniqueKey ?? '', status: [...ACTIVE_STATUSES] },
    transaction: o.transaction,
  });
  if (!existing) throw new Error(`job ${o.kind} with key ${o.uniqueKey} was neither added nor found`);
  return { job: existing, created: false };
}

async function mustFind(id: number, transaction?: Transaction | null): Promise<Job> {
  const job = await Job.findByPk(id, { transaction });
  if (!job) throw new NotFoundError('jobs.notFound');
  return job;
}

export interface ClaimOptions {
  workerId: string;
  leaseMs: number;
  /** Only these kinds (the handlers this runner has). */
  kinds: readonly string[];
}

/**
 * Claims the next due job for `workerId`: a queued job whose time has come, or a running one whose lease
 * ran out (its runner died). One UPDATE whose sub-select skips rows other runners hold on PostgreSQL
 * (`FOR UPDATE SKIP LOCKED`); under SQLite's single writer the statement is atomic as it is.
 */
export async function claim(sequelize: Sequelize, o: ClaimOptions): Promise<Job | null> {
  if (o.kinds.length === 0) return null;
  const now = new Date();
  await failExhausted(sequelize, now);
  const lock = sequelize.getDialect() === 'postgres' ? sql.raw('FOR UPDATE SKIP LOCKED') : sql.raw('');
  const row = await selectOne(
    sequelize,
    sql`UPDATE jobs SET status = 'running', "lockedBy" = ${o.workerId},
          "lockedUntil" = ${new Date(now.getTime() + o.leaseMs)}, attempts = attempts + 1,
          "startedAt" = COALESCE("startedAt", ${now}), "updatedAt" = ${now}
        WHERE id = (
          SELECT id FROM jobs
          WHERE kind IN (${[...o.kinds]})
            AND ((status = 'queued' AND "runAt" <= ${now}) OR (status = 'running' AND "lockedUntil" < ${now}))
          ORDER BY "runAt", id LIMIT 1 ${lock})
        RETURNING id`,
    IdRow,
  );
  return row ? mustFind(row.id) : null;
}

/** Running jobs whose lease lapsed after their last allowed attempt end failed instead of running again. */
async function failExhausted(sequelize: Sequelize, now: Date): Promise<void> {
  await execute(
    sequelize,
    sql`UPDATE jobs SET status = 'failed', error = ${'the runner stopped answering (lease expired)'},
          "lockedBy" = NULL, "lockedUntil" = NULL, "finishedAt" = ${now}, "updatedAt" = ${now}
        WHERE status = 'running' AND "lockedUntil" < ${now} AND attempts >= "maxAttempts"`,
  );
}

const LeaseRow = z.object({ cancelRequested: z.union([z.boolean(), z.number()]).transform(Boolean) });

export type LeaseState = 'held' | 'cancel' | 'lost';

/**
 * Extends the lease of a job this runner holds, saving its progress when given. Says whether the lease is
 * still held, lost (another runner reclaimed the job) or held with a cancel request.
 */
export async function renewLease(
  sequelize: Sequelize,
  job: { id: number },
  workerId: string,
  leaseMs: number,
  progress?: JobProgress,
  state?: Record<string, unknown>,
): Promise<LeaseState> {
  const now = new Date();
  const setProgress = sql.join(
    [
      progress ? sql`, progress = ${JSON.stringify(progress)}` : sql.raw(''),
      state ? sql`, state = ${JSON.stringify(state)}` : sql.raw(''),
    ],
    '',
  );
  const [row] = await execute(
    sequelize,
    sql`UPDATE jobs SET "lockedUntil" = ${new Date(now.getTime() + leaseMs)}, "updatedAt" = ${now} ${setProgress}
        WHERE id = ${job.id} AND status = 'running' AND "lockedBy" = ${workerId}
        RETURNING "cancelRequested"`,
    { row: LeaseRow },
  );
  if (!row) return 'lost';
  return row.cancelRequested ? 'cancel' : 'held';
}

/** Where a finished attempt leaves its job. */
export type Outcome =
  | { kind: 'succeeded'; result: Record<string, unknown> | null }
  | { kind: 'failed'; error: string; retryInMs: number | null }
  | { kind: 'cancelled' }
  /** Given back unfinished (the runner is stopping): queued again, the attempt not counted. */
  | { kind: 'released' };

/** Records the outcome of an attempt, if this runner still holds the job. */
export async function finish(sequelize: Sequelize, job: Job, workerId: string, outcome: Outcome): Promise<void> {
  const now = new Date();
  const mine = sql`id = ${job.id} AND status = 'running' AND "lockedBy" = ${workerId}`;
  const unlock = sql`"lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = ${now}`;
  let set;
  if (outcome.kind === 'succeeded')
    set = sql`status = 'succeeded', result = ${outcome.result ? JSON.stringify(outcome.result) : null},
      error = NULL, "finishedAt" = ${now}`;
  else if (outcome.kind === 'cancelled') set = sql`status = 'cancelled', "finishedAt" = ${now}`;
  else if (outcome.kind === 'released') set = sql`status = 'queued', attempts = attempts - 1, "runAt" = ${now}`;
  else if (outcome.retryInMs !== null && job.attempts < job.maxAttempts)
    set = sql`status = 'queued', error = ${outcome.error}, "runAt" = ${new Date(now.getTime() + outcome.retryInMs)}`;
  else set = sql`status = 'failed', error = ${outcome.error}, "finishedAt" = ${now}`;
  await execute(sequelize, sql`UPDATE jobs SET ${set}, ${unlock} WHERE ${mine}`);
}

/** Back-off before attempt n + 1: base × 2^(n − 1), at most an hour. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** Cancels a queued job at once; asks a running one to stop at its next checkpoint. */
export async function cancelJob(sequelize: Sequelize, id: number, transaction?: Transaction): Promise<Job> {
  const now = new Date();
  const [row] = await execute(
    sequelize,
    sql`UPDATE jobs SET
          status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
          "finishedAt" = CASE WHEN status = 'queued' THEN ${now} ELSE "finishedAt" END,
          "cancelRequested" = ${true}, "updatedAt" = ${now}
        WHERE id = ${id} AND status IN ('queued', 'running')
        RETURNING id`,
    { transaction, row: IdRow },
  );
  const job = await mustFind(id, transaction);
  if (!row) throw new ConflictError('jobs.refused.state', { status: job.status });
  return job;
}

/** Queues a failed or cancelled job again, as new (attempts from zero). */
export async function retryJob(sequelize: Sequelize, id: number, transaction?: Transaction): Promise<Job> {
  if (!transaction) return sequelize.transaction((t) => retryJob(sequelize, id, t));
  const job = await mustFind(id, transaction);
  if (job.status !== 'failed' && job.status !== 'cancelled')
    throw new ConflictError('jobs.refused.state', { status: job.status });
  if (job.uniqueKey) {
    const active = await Job.count({
      where: { uniqueKey: job.uniqueKey, status: [...ACTIVE_STATUSES], id: { [Op.ne]: job.id } },
      transaction,
    });
    if (active) throw new ConflictError('jobs.refused.duplicate');
  }
  return job.update(
    {
      status: 'queued',
      attempts: 0,
      error: null,
      result: null,
      cancelRequested: false,
      runAt: new Date(),
      startedAt: null,
      finishedAt: null,
      progress: { done: 0, total: 0, text: '' },
      state: null,
    },
    { transaction },
  );
}
