/** Full scans started from the page run in the background of this process; the page polls their progress. */
import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { Actor } from '../../lib/actor';
import type { Logger } from '../../lib/logger';
import { fullScan, type FullScanResult } from './conflicts.service';

export interface ScanJob {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  done: number;
  total: number;
  status: 'running' | 'finished' | 'failed';
  result: FullScanResult | null;
  error: string | null;
}

const jobs = new Map<string, ScanJob>();

export function startScan(sequelize: Sequelize, actor: Actor, logger: Logger): ScanJob {
  const running = [...jobs.values()].find((j) => j.status === 'running');
  if (running) return running;
  const job: ScanJob = {
    id: randomUUID(),
    startedAt: new Date().toISOString(),
    finishedAt: null,
    done: 0,
    total: 0,
    status: 'running',
    result: null,
    error: null,
  };
  jobs.set(job.id, job);
  setImmediate(() => {
    fullScan(sequelize, actor, (done, total) => {
      job.done = done;
      job.total = total;
    })
      .then((r) => {
        job.result = r;
        job.status = 'finished';
      })
      .catch((err: unknown) => {
        job.status = 'failed';
        job.error = String((err as Error)?.message ?? err);
        logger.error({ err }, 'conflict scan failed');
      })
      .finally(() => {
        job.finishedAt = new Date().toISOString();
      });
  });
  return job;
}

export function getScan(id: string): ScanJob | null {
  return jobs.get(id) ?? null;
}

export function latestScan(): ScanJob | null {
  return [...jobs.values()].at(-1) ?? null;
}
