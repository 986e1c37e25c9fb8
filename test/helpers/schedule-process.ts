/**
 * A process that runs the schedules and a job runner against DATABASE_URL until RUN_UNTIL (epoch ms), as
 * a web process with JOBS=inline or `npm run worker` would: one schedule `every-second` enqueues a `tick`
 * job each second, whose handler returns this process's pid. Started twice by the schedule test
 * (test/integration/jobs-schedule-processes.test.ts) to show that each tick runs once across processes.
 *   DATABASE_URL=… SESSION_SECRET=… RUN_UNTIL=… node --import tsx test/helpers/schedule-process.ts
 */
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db';
import { JobRunner } from '../../server/jobs/runner';
import { startSchedules } from '../../server/jobs/schedule';
import { createLogger } from '../../server/lib/logger';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('silent');
  const db = await openDatabase(config.database, logger);
  const runner = new JobRunner({
    sequelize: db.sequelize,
    logger,
    pollMs: 50,
    handlers: { tick: async () => ({ pid: process.pid }) },
  });
  const schedules = startSchedules(db.sequelize, [{ name: 'every-second', cron: '* * * * * *', kind: 'tick' }], {
    logger,
  });
  runner.start();
  process.stdout.write(`READY ${process.pid}\n`);
  await new Promise((r) => setTimeout(r, Math.max(0, Number(process.env.RUN_UNTIL) - Date.now())));
  schedules.stop();
  // The last tick's job is left to either runner for a moment, then both stop.
  await new Promise((r) => setTimeout(r, 1500));
  await runner.stop();
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
