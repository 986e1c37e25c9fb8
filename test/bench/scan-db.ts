/**
 * The full conflict scan through the database (issue 12, SPEC §9), as the job runs it: a dense national
 * register (synthetic.ts 'dense': 10 000 over 300 × 300 km, 100 000 over 1 000 × 1 000 km) in a migrated
 * database, a `conflicts.scan` job enqueued and run by a JobRunner in a worker process of its own
 * (`node --import tsx`), twice: the first scan (the conflicts table empty, everything opens) and a rescan
 * (nothing changes). Per case: seconds per phase (footprints, pairs, intermodulation, sweep), total, conflicts,
 * and the worker's peak RSS. Then, at the largest size, the latency of `GET /api/v1/licences?pageSize=20` and of
 * the live check (`POST /api/v1/conflicts/check`, random candidates) against a web process (JOBS=off) on
 * the same database, idle and while a first scan runs. Figures printed, nothing asserted.
 *   tsx test/bench/scan-db.ts [count …]   (default 10000 100000; SCAN_BENCH_LATENCY=0 skips the latency,
 *                                          SCAN_BENCH_PROF=dir writes the worker's CPU profiles there)
 * On PostgreSQL (its public schema is emptied first, so give it a database of its own):
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tanso_bench_scan \
 *     npx tsx server/cli/with-pg.ts npx tsx test/bench/scan-db.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { enqueue } from '../../server/jobs/queue';
import { JobRunner } from '../../server/jobs/runner';
import { scanSizes } from '../../server/jobs';
import { openDatabase } from '../../server/db';
import { createLogger } from '../../server/lib/logger';
import { runScanJob, SCAN_JOB_KIND } from '../../server/modules/conflicts/conflicts.scans';
import { Conflict } from '../../server/models/Conflict';
import { Job } from '../../server/models/Job';
import { syntheticDatabase } from './check-db';
import { liveCheckBody, syntheticRegister } from './synthetic';

const ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'tanso-bench-scan';
const SIZE_KM: Record<number, number> = { 10_000: 300, 100_000: 1000 };

interface WorkerReport {
  phases: { footprints: number; pairs: number; intermod: number; sweep: number };
  total: number;
  status: string;
  result: Record<string, number> | null;
  error: string | null;
  maxRssMb: number;
  cpuSeconds: number;
}

/** Worker side: a JobRunner (this process) runs queued scan jobs until none is left, then reports. */
async function worker(url: string): Promise<void> {
  const logger = createLogger('silent');
  const db = await openDatabase(url.startsWith('postgres') ? { dialect: 'postgres', url } : sqliteConfig(url), logger);
  const marks: Record<string, number> = {};
  let start = 0;
  const runner = new JobRunner({
    sequelize: db.sequelize,
    logger,
    handlers: {
      [SCAN_JOB_KIND]: async (ctx) => {
        start = performance.now();
        const progress: typeof ctx.progress = (done, total, text, state) => {
          if (text) marks[text] = performance.now();
          return ctx.progress(done, total, text, state);
        };
        // As the job runs it (SCAN_THREADS and SCAN_BATCH as in the app: the cores less one, 250).
        const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
        const sizes = scanSizes({ scanThreads: env('SCAN_THREADS'), scanBatch: env('SCAN_BATCH') });
        return { ...(await runScanJob({ ...ctx, progress }, sizes)) };
      },
    },
  });
  const cpu0 = process.cpuUsage();
  while (await runner.runOnce());
  const end = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const job = await Job.findOne({ where: { kind: SCAN_JOB_KIND }, order: [['id', 'DESC']] });
  const fp = marks.footprints ?? start;
  const pairs = marks.pairs ?? fp;
  const intermod = marks.intermod ?? pairs;
  const report: WorkerReport = {
    phases: {
      footprints: (fp - start) / 1000,
      pairs: (pairs - fp) / 1000,
      intermod: (intermod - pairs) / 1000,
      sweep: (end - intermod) / 1000,
    },
    total: (end - start) / 1000,
    status: job?.status ?? 'none',
    result: (job?.result as Record<string, number> | null) ?? null,
    error: job?.error ?? null,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  await db.close();
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
}

function sqliteConfig(url: string) {
  return { dialect: 'sqlite' as const, storage: url.replace(/^sqlite:/, ''), url };
}

function spawnWorker(url: string): { child: ChildProcess; report: Promise<WorkerReport> } {
  // SCAN_BENCH_PROF=dir: the worker writes a CPU profile there (node --cpu-prof).
  const prof = process.env.SCAN_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.SCAN_BENCH_PROF] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', __filename, '--worker', url], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const report = new Promise<WorkerReport>((resolve, reject) =>
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('REPORT '));
      if (line) resolve(JSON.parse(line.slice(7)) as WorkerReport);
      else reject(new Error(`scan worker exited with ${code}: ${out.slice(-2000)}`));
    }),
  );
  return { child, report };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** A signed-in session against a running app, as a browser holds it: cookie and CSRF token. */
class Client {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  async request(method: string, url: string, body?: string, type = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) headers['content-type'] = type;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + url, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }

  async login(username: string): Promise<void> {
    const page = await (await this.request('GET', '/login')).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const form = new URLSearchParams({ username, password: PASSWORD, _csrf: csrf }).toString();
    const res = await this.request('POST', '/login', form, 'application/x-www-form-urlencoded');
    if (res.status !== 303) throw new Error(`login as ${username}: ${res.status}`);
    this.csrf = ((await (await this.request('GET', '/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
  }
}

async function startApp(url: string): Promise<{ client: Client; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      JOBS: 'off',
      SESSION_SECRET: 'b'.repeat(40),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      DEMO_PASSWORD: PASSWORD,
    },
  });
  const stop = () => {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 600) {
        stop();
        throw new Error('the app did not start');
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const client = new Client(base);
  await client.login('manager');
  return { client, stop };
}

function checkBodies(sizeKm: number): string[] {
  return syntheticRegister(200, sizeKm, 99, 'dense').map((c) => JSON.stringify(liveCheckBody(c)));
}

interface Latency {
  list: number[];
  check: number[];
}

/** Alternating list and check requests, one at a time with 50 ms between, until `until()` or `n` pairs. */
async function sample(client: Client, bodies: string[], until: () => boolean, n = Infinity): Promise<Latency> {
  const out: Latency = { list: [], check: [] };
  for (let i = 0; i < n && !until(); i++) {
    let t = performance.now();
    const list = await client.request('GET', '/api/v1/licences?pageSize=20');
    await list.arrayBuffer();
    out.list.push(performance.now() - t);
    if (list.status !== 200) throw new Error(`licences: ${list.status}`);
    t = performance.now();
    const check = await client.request('POST', '/api/v1/conflicts/check', bodies[i % bodies.length]);
    await check.arrayBuffer();
    out.check.push(performance.now() - t);
    if (check.status !== 200) throw new Error(`check: ${check.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return out;
}

function pct(times: number[], p: number): string {
  const s = [...times].sort((a, b) => a - b);
  return (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN).toFixed(1);
}

function line(label: string, r: WorkerReport, conflicts: number): string {
  const p = r.phases;
  const res = r.result ?? {};
  return (
    `  ${label.padEnd(10)} footprints ${p.footprints.toFixed(1)} s, pairs ${p.pairs.toFixed(1)} s, ` +
    `intermodulation ${p.intermod.toFixed(1)} s, sweep ${p.sweep.toFixed(1)} s, ` +
    `total ${r.total.toFixed(1)} s (CPU ${r.cpuSeconds.toFixed(1)} s); ` +
    `${res.findings ?? '?'} findings, opened ${res.opened ?? '?'}, updated ${res.updated ?? '?'}, ` +
    `resolved ${res.resolved ?? '?'}; ${conflicts} conflicts stored; worker peak RSS ${r.maxRssMb.toFixed(0)} MB` +
    (r.status === 'succeeded' ? '' : ` — job ${r.status}: ${r.error}`)
  );
}

async function main(): Promise<void> {
  const counts = process.argv.slice(2).map(Number).filter(Boolean);
  const sizes = counts.length ? counts : [10_000, 100_000];
  const latencyAt = process.env.SCAN_BENCH_LATENCY === '0' ? 0 : Math.max(...sizes);
  const where = process.env.TEST_DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
  for (const count of sizes) {
    const sizeKm = SIZE_KM[count] ?? Math.round(Math.sqrt(count * 10));
    const db = await syntheticDatabase(count, sizeKm, { mix: 'dense', env: { DEMO_PASSWORD: PASSWORD } });
    const url = db.file ? `sqlite:${db.file}` : (process.env.TEST_DATABASE_URL as string);
    console.log(
      `full scan as a job on ${where}, dense ${count} over ${sizeKm} × ${sizeKm} km ` +
        `(register loaded in ${db.loadSeconds.toFixed(1)} s):`,
    );
    let app: Awaited<ReturnType<typeof startApp>> | null = null;
    try {
      const bodies = checkBodies(sizeKm);
      let idle: Latency | null = null;
      if (count === latencyAt) {
        app = await startApp(url);
        await sample(app.client, bodies, () => false, 20); // warm-up
        idle = await sample(app.client, bodies, () => false, 200);
      }
      for (const label of ['first scan', 'rescan']) {
        await enqueue(db.booted.db.sequelize, { kind: SCAN_JOB_KIND, uniqueKey: SCAN_JOB_KIND });
        const w = spawnWorker(url);
        let finished = false;
        void w.report.finally(() => (finished = true)).catch(() => undefined);
        const during =
          app && idle && label === 'first scan' ? sample(app.client, bodies, () => finished) : Promise.resolve(null);
        const report = await w.report;
        const busy = await during;
        console.log(line(label, report, await Conflict.count()));
        if (idle && busy) {
          for (const [name, k] of [
            ['GET /api/v1/licences?pageSize=20', 'list'],
            ['POST /api/v1/conflicts/check', 'check'],
          ] as const)
            console.log(
              `    ${name}: idle p50 ${pct(idle[k], 50)} ms, p95 ${pct(idle[k], 95)} ms (${idle[k].length}); ` +
                `during the scan p50 ${pct(busy[k], 50)} ms, p95 ${pct(busy[k], 95)} ms (${busy[k].length})`,
            );
        }
      }
    } finally {
      app?.stop();
      await db.close();
    }
  }
}

if (process.argv[2] === '--worker')
  worker(process.argv[3] as string).catch((e) => {
    console.error(e);
    process.exit(1);
  });
else if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
