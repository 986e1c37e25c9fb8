/**
 * The schedules in two real processes (SPEC §9): two `node --import tsx` processes run the same per-second
 * schedule and a job runner each against one database (PostgreSQL under with-pg); every tick is enqueued
 * once and its job runs once, in one of the two.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { selectRows, sql } from '../../server/db/sql';
import { Job } from '../../server/models/Job';
import { makeTestApp, type TestApp } from '../helpers/app';

const ROOT = path.resolve(__dirname, '../..');
const TickRow = z.object({ tickAt: z.coerce.date(), jobId: z.coerce.number().int().nullable() });

/** Runs the schedule process until `until`; resolves with its pid once it has exited cleanly. */
function scheduleProcess(t: TestApp, until: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/schedule-process.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.config.database.url,
      SESSION_SECRET: t.config.sessionSecret,
      LOG_LEVEL: 'silent',
      RUN_UNTIL: String(until),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 && out.includes('READY') ? resolve(child.pid ?? 0) : reject(new Error(`exit ${code}: ${out}`)),
    ),
  );
}

describe('schedules in two processes', function () {
  this.timeout(120_000);
  let t: TestApp;
  before(async () => {
    t = await makeTestApp({ seed: false });
  });
  after(async () => {
    await t.close();
  });

  it('when two processes run the same per-second schedule, then each tick is enqueued once and runs once', async () => {
    // Both run until the same instant, long enough for both to be up together for several ticks.
    const until = Date.now() + 20_000;
    const pids = await Promise.all([scheduleProcess(t, until), scheduleProcess(t, until)]);
    const ticks = await selectRows(
      t.db.sequelize,
      sql`SELECT "tickAt", "jobId" FROM schedule_ticks WHERE name = ${'every-second'} ORDER BY "tickAt"`,
      TickRow,
    );
    assert.ok(ticks.length >= 8, `ticks: ${ticks.length}`);
    // One row per second: the two processes named each tick alike (the primary key allows one per tick).
    const seconds = ticks.map((r) => r.tickAt.getTime());
    assert.ok(
      seconds.every((s) => s % 1000 === 0),
      'ticks on whole seconds',
    );
    const jobs = await Job.findAll({ where: { kind: 'tick' }, order: [['id', 'ASC']] });
    // Every tick names the job it enqueued; a tick whose previous job still waited names that one (unique
    // key), so there are never more jobs than ticks, and on an idle machine one job per tick.
    assert.ok(
      ticks.every((r) => r.jobId !== null),
      'every tick enqueued a job',
    );
    assert.deepEqual(
      [...new Set(ticks.map((r) => r.jobId))],
      jobs.map((j) => j.id),
    );
    assert.ok(jobs.length >= ticks.length / 2, `jobs ${jobs.length} for ${ticks.length} ticks`);
    for (const j of jobs) {
      assert.equal(j.status, 'succeeded', `job ${j.id}`);
      assert.equal(j.attempts, 1, `job ${j.id} ran once`);
      assert.ok(pids.includes(Number(j.result?.pid)), `job ${j.id} ran in one of the two processes`);
    }
  });
});
