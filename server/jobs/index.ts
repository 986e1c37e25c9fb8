/**
 * The app's background work: which job kinds exist, their handlers, the recurring schedules, and starting
 * a runner with the schedules in a process (the web process with JOBS=inline, or `npm run worker`).
 */
import type { Sequelize } from 'sequelize';
import path from 'node:path';
import { DATA_DIR, type Config } from '../config';
import type { Logger } from '../lib/logger';
import { runScanJob, SCAN_JOB_KIND, SCAN_SIZES } from '../modules/conflicts/conflicts.service';
import type { ScanSizes } from '../modules/conflicts/conflicts.pipeline';
import { defaultScanThreads } from '../../geo/conflicts';
import { FEES_JOB_KIND, runFeesDaily } from '../modules/fees/fees.service';
import {
  OUTBOX_JOB_KIND,
  REMINDERS_JOB_KIND,
  runReminders,
  sendOutbox,
} from '../modules/notifications/notifications.service';
import { enqueue } from './queue';
import { expireDueLicences } from '../modules/licences/licences.service';
import { OPEN_DATA_JOB_KIND, openDataJob } from '../modules/public/opendata.service';
import { IMPORT_JOB_KIND } from '../modules/imports/imports.commit';
import { importCommitJob } from '../modules/imports/imports.job';
import { JobRunner, type JobHandler } from './runner';
import { startSchedules, type Schedule } from './schedule';

export const JOB_KINDS = [
  'licences.expire',
  'conflicts.scan',
  'opendata.refresh',
  'fees.daily',
  'reminders.daily',
  'outbox.send',
  'imports.commit',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** The full scan's batch sizes and threads (SCAN_BATCH, SCAN_THREADS), as the job runs it. */
export function scanSizes(config?: Partial<Pick<Config, 'scanBatch' | 'scanThreads'>>): ScanSizes {
  const victims = config?.scanBatch ?? SCAN_SIZES.victims;
  return {
    footprints: victims * 2,
    victims,
    sweep: Math.max(victims * 4, 100),
    threads: config?.scanThreads ?? defaultScanThreads(),
  };
}

export function jobHandlers(
  config?: Pick<Config, 'scanBatch'> &
    Partial<
      Pick<
        Config,
        'scanThreads' | 'openDataDir' | 'database' | 'sessionSecret' | 'env' | 'smtpUrl' | 'mailFrom' | 'uploadDir'
      >
    >,
): Record<JobKind, JobHandler> {
  const sizes = scanSizes(config);
  return {
    'licences.expire': async ({ sequelize }) => ({ expired: await expireDueLicences(sequelize) }),
    [SCAN_JOB_KIND]: async (ctx) => ({ ...(await runScanJob(ctx, sizes)) }),
    [OPEN_DATA_JOB_KIND]: openDataJob(
      config?.openDataDir ?? path.join(DATA_DIR, 'open-data'),
      config?.database && config.sessionSecret && config.env
        ? { databaseUrl: config.database.url, sessionSecret: config.sessionSecret, env: config.env }
        : undefined,
    ),
    [FEES_JOB_KIND]: async ({ sequelize }) => ({ ...(await runFeesDaily(sequelize)) }),
    // Reminders (SPEC §11), then their e-mails are sent by the outbox job.
    [REMINDERS_JOB_KIND]: async ({ sequelize }) => {
      const made = await runReminders(sequelize);
      await enqueue(sequelize, { kind: OUTBOX_JOB_KIND, uniqueKey: `schedule:${OUTBOX_JOB_KIND}` });
      return { ...made };
    },
    // E-mail only when SMTP_URL is set (e.g. smtp://user:pass@mail.example:587); MAIL_FROM names the sender.
    [OUTBOX_JOB_KIND]: async () => ({
      ...(await sendOutbox({ smtpUrl: config?.smtpUrl, from: config?.mailFrom ?? 'tanso@localhost' })),
    }),
    // Bulk import (SPEC §10.5): the whole file in one transaction, then its conflicts.
    [IMPORT_JOB_KIND]: importCommitJob(config?.uploadDir ?? path.join(DATA_DIR, 'uploads')),
  };
}

/** Licences whose validTo has passed become expired: at start, then every 10 minutes. */
export const SCHEDULES: Schedule[] = [
  { name: 'licences.expire', cron: '*/10 * * * *', kind: 'licences.expire', atStart: true },
  // Open-data files of the public register (SPEC §10.2): at start, then daily at 02:30 local time.
  { name: 'opendata.refresh', cron: '30 2 * * *', kind: 'opendata.refresh', atStart: true },
  // Fees (SPEC §11): overdue notices and the notices before each anniversary, at start and daily at 01:15.
  { name: 'fees.daily', cron: '15 1 * * *', kind: 'fees.daily', atStart: true },
  // Reminders on the legal clocks daily at 01:30 (after the fee job); the e-mail outbox every 5 minutes.
  { name: 'reminders.daily', cron: '30 1 * * *', kind: 'reminders.daily', atStart: true },
  { name: 'outbox.send', cron: '*/5 * * * *', kind: 'outbox.send', atStart: true },
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
