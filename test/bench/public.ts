/**
 * Public register benchmarks (issue 13) on a synthetic register of 100 000 stations (test/bench/synthetic-db.ts;
 * one TX assignment and a stored footprint each). Prints, asserts nothing:
 * - p50/p95 of public searches and of licence pages with 50 concurrent clients (autocannon, 10 s each) against
 *   the app started on that database (`server/main.ts`, JOBS=off); searches repeated (answered mostly from the
 *   answer cache) and searches each asked once (cache misses: the database's speed);
 * - the open-data files at that size, made in a process of their own with the job's heap (128 MB): seconds,
 *   rows, sizes, peak RSS;
 * - one certificate: milliseconds (first and warm) and bytes.
 *   tsx test/bench/public.ts [count] [sizeKm]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { boot } from '../../server/boot';
import { loadConfig } from '../../server/config';
import { createI18n } from '../../server/lib/i18n';
import { createLogger } from '../../server/lib/logger';
import { certificatePdf } from '../../server/modules/certificates/certificates.service';
import { OPEN_DATA_HEAP_MB, writeOpenData } from '../../server/modules/public/opendata.service';
import { syntheticDatabase } from './check-db';

const ROOT = path.resolve(__dirname, '../..');
const CONNECTIONS = 50;
const SECONDS = 10;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Appended to every label of the current HTTP run. */
let suffix = '';

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** 50 clients for SECONDS against paths chosen by `next()`; p50/p95 from every response's time. */
async function load(what: string, base: string, next: () => string): Promise<void> {
  const label = suffix ? `${what} ${suffix}` : what;
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
  instance?.on('response', (_client, status, _bytes, ms) => {
    times.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const result = await done;
  times.sort((a, b) => a - b);
  console.log(
    `  ${label}: ${result.requests.total} requests, ${result.requests.average}/s, ` +
      `p50 ${pct(times, 50).toFixed(0)} ms, ` +
      `p95 ${pct(times, 95).toFixed(0)} ms, p99 ${pct(times, 99).toFixed(0)} ms ` +
      `(statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')})`,
  );
}

/** The HTTP figures; with `cacheOff` the app keeps no answers (PUBLIC_CACHE_SECONDS=0): every request is computed. */
async function httpFigures(file: string, licences: number, cacheOff = false): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${file}`,
      SESSION_SECRET: 'b'.repeat(40),
      LOG_LEVEL: 'warn',
      // As deployed: templates compiled once (Express caches views in production).
      NODE_ENV: 'production',
      JOBS: 'off',
      PUBLIC_RATE_LIMIT: '1000000',
      ...(cacheOff ? { PUBLIC_CACHE_SECONDS: '0' } : {}),
      TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  suffix = cacheOff ? '[answer cache off]' : '';
  try {
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    let n = 0;
    const districts = ['643', '648', '654', '655', '657'];
    const sorts = ['-validTo', 'validTo', 'number', '-number', 'licensee', '-licensee', 'service', '-service'];
    const searches = [
      () => '/api/v1/public/licences',
      () => `/api/v1/public/licences?district=${districts[n % districts.length]}&sort=-validTo`,
      () => '/api/v1/public/licences?fromMhz=87.5&toMhz=108&page=3',
      () => `/api/v1/public/licences?number=SYN-${1 + ((n * 7919) % licences)}`,
      () => '/api/v1/public/licences?service=land_mobile&bbox=108.0,12.6,108.1,12.7',
      () => '/api/v1/public/licences?q=dak+lak',
    ];
    await load('search API (6 kinds in turn)', base, () => (searches[n++ % searches.length] as () => string)());
    // The same kinds, each request a search not asked before (another page, band, number, box or word): every
    // answer misses the cache and is computed.
    let m = 0;
    const distinct = [
      () => `/api/v1/public/licences?page=${1 + (m % 1000)}`,
      () => `/api/v1/public/licences?district=${districts[m % districts.length]}&sort=-validTo&page=${1 + (m % 80)}`,
      () => {
        const from = 30 + (m % 9000) / 10;
        return `/api/v1/public/licences?fromMhz=${from.toFixed(1)}&toMhz=${(from + 5).toFixed(1)}`;
      },
      () => `/api/v1/public/licences?number=SYN-${1 + ((m * 7919) % licences)}`,
      () => {
        const w = 107.5 + (m % 997) / 1000;
        const s = 12.2 + (m % 991) / 1000;
        const box = [w, s, w + 0.1, s + 0.1].map((v) => v.toFixed(3)).join(',');
        return `/api/v1/public/licences?bbox=${box}`;
      },
      () => `/api/v1/public/licences?q=licensee+${m % 5000}`,
    ];
    await load('search API, distinct searches (cache misses)', base, () => {
      const path = (distinct[m % distinct.length] as () => string)();
      m++;
      return path;
    });
    await load(
      'search page /register?district=…',
      base,
      () => `/register?district=${districts[n++ % districts.length]}`,
    );
    await load('search page, distinct searches (cache misses)', base, () => {
      const k = n++;
      const sort = sorts[Math.floor(k / 400) % sorts.length] as string;
      return `/register?district=${districts[Math.floor(k / 80) % districts.length]}&page=${1 + (k % 80)}&sort=${sort}`;
    });
    await load(
      'licence page /register/licences/:number',
      base,
      () => `/register/licences/SYN-${1 + ((n++ * 7919) % licences)}`,
    );
    await load(
      'licence API /api/v1/public/licences/:number',
      base,
      () => `/api/v1/public/licences/SYN-${1 + ((n++ * 7919) % licences)}`,
    );
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
}

/** The open-data files in this process (run as a child): time, rows, bytes, peak RSS. */
async function openDataChild(file: string, dir: string): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: `sqlite:${file}`,
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
  });
  const booted = await boot(config, createLogger('silent'), { seed: false });
  const before = process.memoryUsage().rss / 1048576;
  const t = performance.now();
  const files = await writeOpenData(booted.db.sequelize, dir);
  const seconds = (performance.now() - t) / 1000;
  for (const f of Object.values(files))
    console.log(`    ${f.name}: ${f.rows} rows, ${(f.bytes / 1048576).toFixed(1)} MB`);
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `  open-data files: ${seconds.toFixed(1)} s, peak RSS ${peak.toFixed(0)} MB ` +
      `(${before.toFixed(0)} MB after start, before the files)`,
  );
  await booted.db.close();
}

async function certificateFigures(file: string): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: `sqlite:${file}`,
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
  });
  const booted = await boot(config, createLogger('silent'), { seed: false });
  const i18n = await createI18n();
  const vi = i18n.getFixedT('vi');
  const en = i18n.getFixedT('en');
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const { pdf } = await certificatePdf(
      booted.db.sequelize,
      {
        licenceId: 1,
        revision: null,
        publicUrl: 'https://tanso.example.vn',
        authority: { name: config.authorityName, address: config.authorityAddress },
      },
      { vi: (k) => vi(k), en: (k) => en(k) },
    );
    times.push(performance.now() - t);
    bytes = pdf.length;
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  console.log(
    `  certificate (licence 1): first ${times[0]?.toFixed(0)} ms, ` +
      `warm median ${pct(warm, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB`,
  );
  await booted.db.close();
}

async function main(): Promise<void> {
  if (process.argv[2] === '--opendata') return openDataChild(process.argv[3] as string, process.argv[4] as string);
  const only = process.env.PUBLIC_BENCH_ONLY; // 'http', 'files' or 'certificate' for one part
  const count = Number(process.argv[2] ?? 100_000);
  const sizeKm = Number(process.argv[3] ?? 160);
  console.log(`public register, ${count} stations over ${sizeKm} × ${sizeKm} km:`);
  const db = await syntheticDatabase(count, sizeKm);
  const [row] = (await db.booted.db.sequelize.query('SELECT COUNT(*) AS n FROM licences', { plain: false })) as [
    { n: number }[],
    unknown,
  ];
  const licences = Number(row[0]?.n ?? 1);
  console.log(`  database filled in ${db.loadSeconds.toFixed(0)} s (${licences} licences)`);
  const file = db.file;
  if (!file) throw new Error('the HTTP figures need a SQLite file');
  await db.booted.db.close();
  try {
    if (!only || only === 'http') {
      await httpFigures(file, licences);
      await httpFigures(file, licences, true);
    }
    if (!only || only === 'files') {
      const out = mkdtempSync(path.join(tmpdir(), 'tanso-open-data-'));
      // The heap the job gives its files' process (OPEN_DATA_HEAP_MB to try another; 0: V8's default).
      const mb = Number(process.env.OPEN_DATA_HEAP_MB ?? OPEN_DATA_HEAP_MB);
      const heap = mb > 0 ? [`--max-old-space-size=${mb}`] : [];
      spawnSync(process.execPath, [...heap, '--import', 'tsx', __filename, '--opendata', file, out], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      rmSync(out, { recursive: true, force: true });
    }
    if (!only || only === 'certificate') await certificateFigures(file);
  } finally {
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
