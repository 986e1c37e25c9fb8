/**
 * Bulk import benchmark (issue 14 item 5): dry run and commit (with conflicts) of a register of N stations
 * (default 10 000) with two TX assignments each, on a fresh SQLite database (or TEST_DATABASE_URL=postgres://…,
 * whose public schema is emptied). Prints per phase: wall time, CPU time of this process, peak RSS.
 * Targets: dry run < 20 s, commit with conflicts < 120 s.
 *   tsx test/bench/import.ts [stations]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Sequelize } from 'sequelize';
import { boot } from '../../server/boot';
import { loadConfig } from '../../server/config';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { createLogger } from '../../server/lib/logger';
import { User } from '../../server/models/User';
import { commitImport } from '../../server/modules/imports/imports.commit';
import { createImport } from '../../server/modules/imports/imports.service';
import { presentCurrentUser, loadActiveUser } from '../../server/modules/auth/auth.service';
import { assignmentRows, licenceRows, licenseeRows, stationRows, writeCsv, type Row } from '../helpers/import-files';

const STATIONS = Number(process.argv[2] ?? 10_000);
const LICENCES = Math.max(1, Math.round(STATIONS / 20));
/** IMPORT_BENCH_TX_EVERY=n: one assignment in n transmits, the others receive (the synthetic sites are dense). */
const TX_EVERY = Math.max(1, Number(process.env.IMPORT_BENCH_TX_EVERY ?? 1));

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (b: number) => Math.round(b / 1024 / 1024);

async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  peakRss = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const out = await work();
  const used = process.cpuUsage(cpu);
  console.log(
    `${name.padEnd(34)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s wall` +
      `  ${((used.user + used.system) / 1e6).toFixed(1).padStart(6)} s CPU  peak RSS ${mb(peakRss)} MB`,
  );
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tanso-import-bench-'));
  const pg = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '');
  if (pg) {
    const s = new Sequelize(process.env.TEST_DATABASE_URL as string, { logging: false });
    await s.query('DROP SCHEMA IF EXISTS public CASCADE');
    await s.query('CREATE SCHEMA public');
    await s.close();
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: pg ? (process.env.TEST_DATABASE_URL as string) : `sqlite:${path.join(dir, 'bench.sqlite')}`,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: 'silent',
    UPLOAD_DIR: path.join(dir, 'uploads'),
  });
  const logger = createLogger('silent');
  const { db, districts } = await boot(config, logger, { seed: true });
  const officerRow = await User.findOne({ where: { role: 'licensing_officer' } });
  if (!officerRow) throw new Error('no licensing officer seeded');
  const officer = presentCurrentUser((await loadActiveUser(officerRow.id)) as User);
  const actor = { ...SYSTEM_ACTOR, userId: officer.id };
  console.log(
    `import benchmark: ${STATIONS} stations, ${STATIONS * 2} assignments, ${LICENCES} licences, ${db.dialect}`,
  );
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );

  const run = async (kind: 'licensees' | 'licences' | 'stations' | 'assignments', rows: Row[], label: string) => {
    const file = writeCsv(path.join(dir, `${kind}.csv`), rows);
    // multer would have written the upload here: the service keeps the file under the upload directory.
    const stored = path.join(config.uploadDir, 'imports', `${kind}.csv`);
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(path.dirname(stored), { recursive: true });
    copyFileSync(file, stored);
    const imp = await phase(`${label}: dry run (${rows.length} rows)`, () =>
      createImport(
        db.sequelize,
        districts,
        { file: { path: stored, originalname: `${kind}.csv`, filename: `${kind}.csv` }, kind },
        officer,
        actor,
      ),
    );
    if (imp.counts.error)
      throw new Error(`${kind}: ${imp.counts.error} rows with errors: ${JSON.stringify(imp.errors[0])}`);
    const r = await phase(`${label}: commit`, () =>
      commitImport(db.sequelize, districts, imp, actor, config.uploadDir),
    );
    console.log(`  ${JSON.stringify(r)}`);
  };
  await run('licensees', licenseeRows(LICENCES), 'licensees');
  await run('licences', licenceRows(LICENCES), 'licences');
  await run('stations', stationRows(STATIONS, LICENCES), 'stations');
  const assignments = [
    ...assignmentRows(STATIONS, 'L', 140, 0.1),
    ...assignmentRows(STATIONS, 'L', 1500, 0.05).map((r, i) => Object.assign(r, { externalRef: `L-AS2-${i + 1}` })),
  ];
  for (const [i, r] of assignments.entries()) r.direction = i % TX_EVERY === 0 ? 'tx' : 'rx';
  await run('assignments', assignments, `assignments (1 in ${TX_EVERY} TX)`);
  clearInterval(sampler);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
