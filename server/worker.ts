/**
 * Worker process entry (`npm run worker`): a job runner and the schedules, no web server. Any number of
 * them can run against one PostgreSQL database; on SQLite, one beside a web process with JOBS=off.
 * SIGTERM/SIGINT: stop claiming, let the running job reach a checkpoint (or give it back), exit.
 */
import { loadConfigOrExit } from './config';
import { openDatabase } from './db';
import { startJobs } from './jobs';
import { createLogger } from './lib/logger';

process.env.UV_THREADPOOL_SIZE ??= '16';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.database, logger);
  const pending = await db.migrator.pending();
  if (pending.length) {
    console.error(
      `The database has ${pending.length} pending migrations: run npm run db:migrate (or npm start) first.`,
    );
    process.exit(2);
  }
  const jobs = startJobs(db.sequelize, config, logger);
  console.log(`Tanso worker ${jobs.runner.workerId} is running (database: ${db.dialect})`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'worker stopping');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await jobs.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Started by a web process (JOBS=inline): stop when that process is gone (its IPC channel closes), so no
  // worker is orphaned.
  if (process.send) process.on('disconnect', () => void shutdown('parent exited'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
