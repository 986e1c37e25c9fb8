/**
 * Web process entry: read config, open the database, migrate, seed, run jobs inline (JOBS=inline, the
 * default), listen, and shut down cleanly on SIGTERM.
 */
import { createServer } from 'node:http';
import { buildApp } from './app';
import { livePublicIndex } from './modules/public/public.index';
import { boot } from './boot';
import { loadConfigOrExit } from './config';
import { createI18n } from './lib/i18n';
import { createLogger } from './lib/logger';
import { superviseWorker } from './jobs/supervise';

// SQLite, argon2 and file I/O share libuv's pool (4 threads by default); set before it is first used.
process.env.UV_THREADPOOL_SIZE ??= '16';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (config.sessionSecretSource === 'generated')
    logger.info('SESSION_SECRET not set: generated one and kept it in data/session-secret');
  const { db, districts, demoUsers } = await boot(config, logger, { demoRegister: true });
  // JOBS=inline (default): a job runner with the schedules (expiry, …) in a child process this one
  // supervises, so job work never runs on this event loop. JOBS=off: web only (run `npm run worker`).
  const jobs = config.jobs === 'inline' ? superviseWorker(logger) : null;
  const i18n = await createI18n();
  const built = buildApp({ config, db, logger, i18n, districts });
  const server = createServer(built.app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, database: db.dialect }, 'Tanso is listening');
  // The public search index is read once now, in the background, so the first visitors' searches use it.
  void livePublicIndex(db.sequelize, config.publicCacheMs, (err) =>
    logger.warn({ err }, 'public search index'),
  )?.current();
  console.log(`\nTanso is running at http://localhost:${port}  (database: ${db.dialect})`);
  if (demoUsers.length) {
    console.log(`Demo logins (password "${config.demoPassword}"):`);
    for (const u of demoUsers)
      console.log(
        `  ${u.username.padEnd(11)} ${u.role}` +
          `${u.districtCodes.length ? ` (districts ${u.districtCodes.join(', ')})` : ''}`,
      );
  } else if (config.env !== 'production') {
    console.log(
      'Demo users exist already: admin, officer, officer2, inspector, inspector2, ' +
        'manager, manager2 (password from DEMO_PASSWORD when they were made).',
    );
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      await jobs?.stop();
      built.close();
      await db.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
