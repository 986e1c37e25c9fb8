/**
 * The full scan as a durable job (SPEC §9) on a register dense enough for many small batches: a worker
 * process killed with SIGKILL mid-scan leaves its job to be reclaimed after the lease, and the resumed scan
 * ends where an uninterrupted one would; a cancel stops the scan between batches; pages answer while a
 * worker process scans.
 */
import assert from 'node:assert/strict';
import { area } from '@turf/turf';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createPointIndex } from '../../geo/districts/point-index';
import { jobHandlers } from '../../server/jobs';
import { cancelJob, enqueue } from '../../server/jobs/queue';
import { JobRunner } from '../../server/jobs/runner';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { createLogger } from '../../server/lib/logger';
import { AssignmentFootprint } from '../../server/models/AssignmentFootprint';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Conflict } from '../../server/models/Conflict';
import { Job } from '../../server/models/Job';
import { fullScan, SCAN_JOB_KIND } from '../../server/modules/conflicts/conflicts.service';
import { syntheticRegister } from '../bench/synthetic';
import { loadSynthetic } from '../bench/synthetic-db';
import { loginAs, makeTestApp, type TestApp } from '../helpers/app';

const ROOT = path.resolve(__dirname, '../..');
const LEASE_MS = 2000;
const BATCH = 2;
const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, read: () => Promise<T | null | false>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('the full scan as a job', function () {
  this.timeout(240_000);
  let t: TestApp;
  let worker: ChildProcess | null = null;

  const startWorker = () => {
    worker = spawn(process.execPath, ['--import', 'tsx', 'server/worker.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: t.config.database.url,
        SESSION_SECRET: t.config.sessionSecret,
        LOG_LEVEL: 'silent',
        JOB_LEASE_MS: String(LEASE_MS),
        SCAN_BATCH: String(BATCH),
      },
      stdio: 'ignore',
    });
    return worker;
  };
  const runner = () =>
    new JobRunner({
      sequelize: t.db.sequelize,
      handlers: jobHandlers({ scanBatch: BATCH }),
      logger,
      leaseMs: LEASE_MS,
      pollMs: 50,
    });
  const phaseOf = (j: Job) => (j.state as { cursor?: { phase?: string } } | null)?.cursor?.phase;

  before(async () => {
    t = await makeTestApp();
    const fc = await t.districts.featureCollection();
    const index = createPointIndex(
      fc.features.map((f) => ({ geometry: f.geometry, value: String(f.properties?.code) })),
    );
    // 300 transmitters within 60 km: hundreds of conflicts, so a scan of 2 victims a batch takes many batches.
    await loadSynthetic(t.db.sequelize, syntheticRegister(300, 60, 7), (lat, lon) => index.lookup(lat, lon) ?? '643');
  });
  afterEach(() => {
    worker?.kill('SIGKILL');
    worker = null;
  });
  after(async () => {
    await t.close();
  });

  it(
    'when the worker running a scan is killed with SIGKILL, then the job is reclaimed after its lease, ' +
      'resumes from its last batch and ends as an uninterrupted scan would',
    async () => {
      const { job } = await enqueue(t.db.sequelize, { kind: SCAN_JOB_KIND, uniqueKey: SCAN_JOB_KIND });
      const child = startWorker();
      const midway = await waitFor('the worker halfway through the pairs', async () => {
        const j = await Job.findByPk(job.id);
        return j && phaseOf(j) === 'pairs' && j.progress.done > 40 && j.progress.done < j.progress.total - 40 && j;
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const killedAt = await Job.findByPk(job.id);
      assert.equal(killedAt?.status, 'running', 'the dead worker still holds the lease');
      assert.ok((killedAt?.progress.done ?? 0) >= midway.progress.done);
      const opened = await Conflict.count();
      assert.ok(opened > 0, 'some batches were committed before the kill');

      const r = runner();
      await waitFor('the job reclaimed and finished', async () => {
        await r.runOnce();
        const j = await Job.findByPk(job.id);
        return j?.status === 'succeeded' && j;
      });
      const done = await Job.findByPk(job.id);
      assert.equal(done?.attempts, 2);
      assert.equal(done?.progress.done, done?.progress.total);
      assert.ok(Number(done?.result?.findings) > 50, `findings ${done?.result?.findings}`);
      assert.ok(Number(done?.result?.opened) >= Number(done?.result?.findings) - opened);

      // An uninterrupted scan over the end state changes nothing: the resumed scan reached the same state.
      const again = await fullScan(t.db.sequelize, SYSTEM_ACTOR);
      assert.deepEqual(
        { opened: again.opened, reopened: again.reopened, updated: again.updated, resolved: again.resolved },
        { opened: 0, reopened: 0, updated: 0, resolved: 0 },
      );
      assert.equal(again.findings, Number(done?.result?.findings));
      assert.equal(await Conflict.count({ where: { status: 'open' } }), again.findings);
      // The batch redone after the kill opened nothing twice.
      assert.equal(await AuditEvent.count({ where: { entity: 'conflict', action: 'open' } }), await Conflict.count());
      // Every stored conflict has its overlap polygon (computed on demand for what the scan stores), of its area.
      // (An intermodulation product has no area, and no polygon: its figures are the product's, in `intermod`.)
      for (const c of await Conflict.findAll()) {
        if (c.kind === 'intermodulation') {
          assert.ok(c.geometry === null && c.overlapKm2 === 0 && c.intermod !== null, `conflict ${c.id}`);
          continue;
        }
        assert.ok(c.geometry !== null, `conflict ${c.id} has its polygon`);
        const km2 = area(c.geometry) / 1e6;
        assert.ok(Math.abs(km2 - c.overlapKm2) <= 1e-9 * c.overlapKm2, `conflict ${c.id}: ${km2} vs ${c.overlapKm2}`);
      }
    },
  );

  it('when the register is scanned on worker threads, then the stored conflicts equal a one-thread scan', async () => {
    // Sorted here on every key (a victim and an interferer can share several intermodulation products, and the
    // databases sort NULLs differently).
    const snapshot = async () =>
      (await Conflict.findAll())
        .map((c) => [
          c.victimAssignmentId,
          c.interfererAssignmentId,
          c.secondInterfererAssignmentId ?? 0,
          c.thirdInterfererAssignmentId ?? 0,
          c.kind,
          c.mechanism,
          c.severity,
          c.overlapKm2,
          JSON.stringify(c.geometry),
        ])
        .sort((a, b) => {
          for (let i = 0; i < a.length; i++) {
            const x = a[i] as string | number;
            const y = b[i] as string | number;
            if (x !== y) return x < y ? -1 : 1;
          }
          return 0;
        });
    // Footprints drawn afresh too (on the threads, or here), and compared as stored.
    const footprints = async () =>
      (await AssignmentFootprint.findAll({ order: [['assignmentId', 'ASC']], raw: true })).map((f) =>
        JSON.stringify([f.assignmentId, f.polygon, f.minLon, f.maxLat, f.envMinLon, f.envMaxLat, f.maxRadiusKm]),
      );
    const fresh = async (threads: number) => {
      await Conflict.destroy({ where: {} });
      await AssignmentFootprint.destroy({ where: {} });
      const r = await fullScan(t.db.sequelize, SYSTEM_ACTOR, {
        sizes: { footprints: 100, victims: 50, sweep: 100, threads },
      });
      assert.equal(r.opened, r.findings);
      return { conflicts: await snapshot(), footprints: await footprints() };
    };
    const own = await fresh(0);
    assert.ok(own.conflicts.length > 50, `sanity: ${own.conflicts.length} conflicts`);
    assert.ok(own.footprints.length > 50, `sanity: ${own.footprints.length} footprints`);
    assert.deepEqual(await fresh(1), own);
    assert.deepEqual(await fresh(2), own);
    const again = await fullScan(t.db.sequelize, SYSTEM_ACTOR, {
      sizes: { footprints: 100, victims: 50, sweep: 100, threads: 2 },
    });
    assert.deepEqual([again.opened, again.updated, again.resolved], [0, 0, 0]);
  });

  it('when a running scan is cancelled, then it stops between batches and ends cancelled', async () => {
    const { job } = await enqueue(t.db.sequelize, { kind: SCAN_JOB_KIND, uniqueKey: SCAN_JOB_KIND });
    const r = runner();
    r.start();
    try {
      await waitFor('a few batches', async () => {
        const j = await Job.findByPk(job.id);
        return j && j.status === 'running' && j.progress.done > 20 && j;
      });
      await cancelJob(t.db.sequelize, job.id);
      const cancelled = await waitFor('cancelled', async () => {
        const j = await Job.findByPk(job.id);
        return j?.status === 'cancelled' && j;
      });
      assert.ok(cancelled.progress.done < cancelled.progress.total, 'stopped before the end');
      assert.equal(cancelled.result, null);
    } finally {
      await r.stop();
    }
  });

  it('when a worker process scans, then pages and the API keep answering', async () => {
    const manager = await loginAs(t.app, 'manager');
    await Conflict.destroy({ where: {} });
    const { job } = await enqueue(t.db.sequelize, { kind: SCAN_JOB_KIND, uniqueKey: SCAN_JOB_KIND });
    startWorker();
    await waitFor('the scan running', async () => {
      const j = await Job.findByPk(job.id);
      return j?.status === 'running' && j.progress.done > 0 && j;
    });
    const answered: number[] = [];
    for (let i = 0; i < 5; i++) {
      const list = await manager.agent.get('/api/v1/licences?pageSize=20');
      const page = await manager.agent.get('/conflicts');
      answered.push(list.status, page.status);
    }
    const during = await Job.findByPk(job.id);
    assert.deepEqual(answered, Array(10).fill(200));
    assert.equal(during?.status, 'running', 'the scan was still running');
  });
});
