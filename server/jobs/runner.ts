/**
 * A job runner: claims due jobs one at a time, runs their handler under a lease it keeps renewing, and
 * records the outcome. Handlers report progress and pass checkpoints between batches, where a cancel
 * request, a lost lease or the runner's shutdown stops them. `stop()` stops claiming, waits for the
 * running job to reach a checkpoint, gives it back unfinished if it has not finished, and resolves.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { Logger } from '../lib/logger';
import type { Job, JobProgress } from '../models/Job';
import { backoffMs, claim, finish, renewLease, type LeaseState } from './queue';

/** Thrown at a checkpoint: the job must stop now (cancelled, lease lost or runner stopping). */
export class JobInterrupted extends Error {
  constructor(readonly reason: 'cancel' | 'lost' | 'stopping') {
    super(`job interrupted: ${reason}`);
  }
}

export interface JobContext {
  job: Job;
  sequelize: Sequelize;
  logger: Logger;
  /**
   * Saves progress (and, for a resumable job, the state it would resume from: `job.state` on the next
   * attempt), renews the lease and throws JobInterrupted when the job must stop.
   */
  progress(done: number, total: number, text?: string, state?: Record<string, unknown>): Promise<void>;
  /** The same without new progress: call between batches. */
  checkpoint(): Promise<void>;
  /** Aborted when the job must stop (for work that can listen, e.g. worker threads). */
  signal: AbortSignal;
}

/** Does the work of one kind of job; returns its result (shown on /jobs). Must be idempotent. */
export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown> | void>;

export interface RunnerOptions {
  sequelize: Sequelize;
  handlers: Record<string, JobHandler>;
  logger: Logger;
  workerId?: string;
  leaseMs?: number;
  pollMs?: number;
  retryBaseMs?: number;
}

export class JobRunner {
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly retryBaseMs: number;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private current: AbortController | null = null;

  constructor(private readonly o: RunnerOptions) {
    this.workerId = o.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = o.leaseMs ?? 60_000;
    this.pollMs = o.pollMs ?? 1_000;
    this.retryBaseMs = o.retryBaseMs ?? 5_000;
  }

  /** Starts claiming in the background. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops claiming; the running job stops at its next checkpoint and is given back if unfinished. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.current?.abort();
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Claims and runs one due job; false when none was due. */
  async runOnce(): Promise<boolean> {
    const { sequelize } = this.o;
    const job = await claim(sequelize, { workerId: this.workerId, leaseMs: this.leaseMs, kinds: this.kinds() });
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  private kinds(): string[] {
    return Object.keys(this.o.handlers);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (err) {
        this.o.logger.error({ err }, 'job runner: claim failed');
      }
      if (!worked && !this.stopping) await this.sleep(this.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async execute(job: Job): Promise<void> {
    const { sequelize, logger } = this.o;
    const handler = this.o.handlers[job.kind];
    if (!handler) return;
    const abort = new AbortController();
    this.current = abort;
    let state: LeaseState = 'held';
    const renew = async (progress?: JobProgress, saved?: Record<string, unknown>) => {
      state = await renewLease(sequelize, job, this.workerId, this.leaseMs, progress, saved);
      if (state !== 'held') abort.abort();
    };
    // The lease is renewed on a timer too, so a long batch between checkpoints keeps it.
    const timer = setInterval(
      () => renew().catch((err) => logger.warn({ err }, 'lease renewal failed')),
      this.leaseMs / 3,
    );
    const interrupted = (): never => {
      throw new JobInterrupted(this.stopping ? 'stopping' : state === 'cancel' ? 'cancel' : 'lost');
    };
    const ctx: JobContext = {
      job,
      sequelize,
      logger,
      signal: abort.signal,
      progress: async (done, total, text = '', saved) => {
        if (abort.signal.aborted) interrupted();
        await renew({ done, total, text }, saved);
        if (abort.signal.aborted) interrupted();
      },
      checkpoint: async () => {
        if (abort.signal.aborted) interrupted();
        await renew();
        if (abort.signal.aborted) interrupted();
      },
    };
    const started = Date.now();
    try {
      const result = await handler(ctx);
      await finish(sequelize, job, this.workerId, { kind: 'succeeded', result: result ?? null });
      logger.info({ job: job.id, kind: job.kind, ms: Date.now() - started }, 'job succeeded');
    } catch (err) {
      if (err instanceof JobInterrupted || abort.signal.aborted) {
        const reason = err instanceof JobInterrupted ? err.reason : this.stopping ? 'stopping' : state;
        if (reason === 'cancel') await finish(sequelize, job, this.workerId, { kind: 'cancelled' });
        else if (reason === 'stopping') await finish(sequelize, job, this.workerId, { kind: 'released' });
        logger.info({ job: job.id, kind: job.kind, reason }, 'job interrupted');
      } else {
        const message = err instanceof Error ? err.message : String(err);
        const retryInMs = backoffMs(job.attempts, this.retryBaseMs);
        await finish(sequelize, job, this.workerId, { kind: 'failed', error: message.slice(0, 2000), retryInMs });
        logger.warn({ err, job: job.id, kind: job.kind, attempt: job.attempts }, 'job attempt failed');
      }
    } finally {
      clearInterval(timer);
      this.current = null;
    }
  }
}
