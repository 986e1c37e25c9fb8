/**
 * The app's background work: which job kinds exist, their handlers, the recurring schedules, and starting
 * a runner with the schedules in a process (the web process with JOBS=inline, or `npm run worker`).
 */
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import type { Logger } from '../lib/logger';
import { runScanJob, SCAN_JOB_KIND, SCAN_SIZES } from '../modules/conflicts/conflicts.service';
import { expireDueLicences } from '../modules/licences/licences.service';
import { JobRunner, type JobHandler } from './runner';
import { startSchedules, type Schedule } from './schedule';

export const JOB_KINDS = ['licences.expire', 'conflicts.scan'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export function jobHandlers(config?: Pick<Config, 'scanBatch'>): Record<JobKind, JobHandler> {
  const victims = config?.scanBatch ?? SCAN_SIZES.victims;
  const sizes = { footprints: victims * 2, victims, sweep: Math.max(victims * 4, 100) };
  return {
    'licences.expire': async ({ sequelize }) => ({ expired: await expireDueLicences(sequelize) }),
    [SCAN_JOB_KIND]: async (ctx) => ({ ...(await runScanJob(ctx, sizes)) }),
  };
}

/** Licences whose validTo has passed become expired: at start, then every 10 minutes. */
export const SCHEDULES: Schedule[] = [
  { name: 'licences.expire', cron: '*/10 * * * *', kind: 'licences.expire', atStart: true },
];

export interface RunningJobs {
  runner: JobRunner;
  /** Stops the schedules and the runner (the running job finishes or is given back). */
  stop(): Promise<void>;
}

export function startJobs(sequelize: Sequelize, config: Config, logger: Logger): RunningJobs {
  const runner = new JobRunner({ sequelize, handlers: jobHandlers(config), logger, leaseMs: config.jobLeaseMs });
  const schedules = startSchedules(sequelize, SCHEDULES, { timeZone: config.timeZone, logger });
  runner.start();
  logger.info({ worker: runner.workerId }, 'job runner started');
  return {
    runner,
    async stop() {
      schedules.stop();
      await runner.stop();
    },
  };
}
