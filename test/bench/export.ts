/**
 * Staff export benchmark (issue 14, SPEC §10.3): 100 000 assignments (test/bench/synthetic-db.ts: one TX
 * assignment, its station and stored footprint each) exported whole through the app's own HTTP route,
 * `/api/v1/assignments?format=csv` and `?format=geojson` (with footprints), by the app started on that database
 * (`server/main.ts`, JOBS=off, NODE_ENV=production) and read by a client that counts the bytes and keeps none.
 * Prints per format: seconds, rows, MB, and the app process's RSS sampled every 50 ms during the run (before,
 * peak); targets < 15 s and < 300 MB. Asserts nothing.
 *   tsx test/bench/export.ts [count] [sizeKm]
 * Also prints the app process's CPU time during each export (user + system, from /proc) and the load average.
 * EXPORT_BENCH_DB=file.sqlite: a copy of that database (made by an earlier run of a bench) instead of a new one.
 * EXPORT_BENCH_KEEP=file.sqlite: keep a copy of the database made here (for EXPORT_BENCH_DB next time).
 * On PostgreSQL (its public schema is emptied first, so give it a database of its own):
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tanso_bench \
 *     npx tsx server/cli/with-pg.ts npx tsx test/bench/export.ts
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { boot } from '../../server/boot';
import { loadConfig } from '../../server/config';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { createLogger } from '../../server/lib/logger';
import { User } from '../../server/models/User';
import { createToken } from '../../server/modules/auth/tokens.service';
import { syntheticDatabase } from './check-db';

const ROOT = path.resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Resident memory of a process now, in MB (Linux /proc; NaN elsewhere). */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds (user + system) a process has used so far (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** The database and an API token of a licensing officer on it. */
async function benchDatabase(
  count: number,
  sizeKm: number,
): Promise<{ url: string; token: string; dir: string | null }> {
  const reuse = process.env.EXPORT_BENCH_DB;
  let url: string;
  let file: string | null;
  if (reuse) {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'tanso-bench-db-')), 'bench.sqlite');
    copyFileSync(reuse, file);
    url = `sqlite:${file}`;
    console.log(`  a copy of ${reuse}`);
  } else {
    const db = await syntheticDatabase(count, sizeKm);
    console.log(`  database filled in ${db.loadSeconds.toFixed(0)} s`);
    file = db.file;
    url = db.file ? `sqlite:${db.file}` : (process.env.TEST_DATABASE_URL ?? '');
    await db.booted.db.close();
    if (file && process.env.EXPORT_BENCH_KEEP) copyFileSync(file, process.env.EXPORT_BENCH_KEEP);
  }
  // A token for the officer (the demo users are seeded at boot), made on the database the app will use.
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: url, SESSION_SECRET: 'b'.repeat(40) });
  const booted = await boot(config, createLogger('silent'));
  const officer = await User.findOne({ where: { role: 'licensing_officer' } });
  if (!officer) throw new Error('no licensing officer on the bench database');
  const { token } = await createToken(
    booted.db.sequelize,
    officer.id,
    { name: 'export bench' },
    { ...SYSTEM_ACTOR, userId: officer.id },
  );
  await booted.db.close();
  return { url, token, dir: file ? path.dirname(file) : null };
}

async function exportOnce(base: string, token: string, pid: number, format: 'csv' | 'geojson'): Promise<void> {
  const before = rssMb(pid);
  const cpu0 = cpuSeconds(pid);
  const load0 = load();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  const t = performance.now();
  let bytes = 0;
  let lines = 0;
  try {
    const res = await fetch(`${base}/api/v1/assignments?format=${format}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok || !res.body) throw new Error(`${format}: HTTP ${res.status}`);
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === 10) lines += 1;
    }
    const seconds = (performance.now() - t) / 1000;
    peak = Math.max(peak, rssMb(pid));
    const rows = format === 'csv' ? lines - 1 : lines - 2; // a header line; the collection's first and last lines
    console.log(
      `  ${format}: ${seconds.toFixed(1)} s, ${rows} rows (X-Total-Count ${res.headers.get('x-total-count')}), ` +
        `${(bytes / 1048576).toFixed(1)} MB; app RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB ` +
        `during the run (targets < 15 s, < 300 MB); app CPU ${(cpuSeconds(pid) - cpu0).toFixed(1)} s; ` +
        `load ${load0} → ${load()}`,
    );
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const sizeKm = Number(process.argv[3] ?? 160);
  console.log(`export bench: ${process.env.EXPORT_BENCH_DB ?? `${count} assignments over ${sizeKm} × ${sizeKm} km`}`);
  const { url, token, dir } = await benchDatabase(count, sizeKm);
  try {
    await formats(url, token);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function formats(url: string, token: string): Promise<void> {
  // Each format in an app process of its own (the RSS of one export, not of the ones before it), then CSV again
  // in the same process as the GeoJSON (a second export in a process that has made one).
  await inApp(url, async (base, pid) => exportOnce(base, token, pid, 'csv'));
  await inApp(url, async (base, pid) => {
    await exportOnce(base, token, pid, 'geojson');
    await exportOnce(base, token, pid, 'csv');
  });
}

/** The app started on the database (`server/main.ts`, JOBS=off, production), for `run`. */
async function inApp(url: string, run: (base: string, pid: number) => Promise<void>): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      SESSION_SECRET: 'b'.repeat(40),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JOBS: 'off',
    },
  });
  const pid = child.pid ?? 0;
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await run(base, pid);
  } finally {
    if (pid) process.kill(-pid, 'SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
