/**
 * Public register benchmarks (issue 13) on a synthetic register of 100 000 stations (test/bench/synthetic-db.ts;
 * one TX assignment and a stored footprint each). Prints, asserts nothing:
 * - p50/p95 of public searches and of licence pages with 50 concurrent clients (autocannon, 10 s each) against
 *   the app started on that database (`server/main.ts`, JOBS=off); searches repeated (answered mostly from the
 *   answer cache) and searches each asked once (cache misses: the database's speed): the search API (every kind
 *   in turn, and licensee names alone: with and without diacritics, parts of words, several words), the search
 *   page, the licence page and the licence API; each with the load average of the machine (shared: the
 *   figures depend on it) and the app's CPU time per request (its own cost, whatever the load);
 * - the open-data files at that size, made in a process of their own with the job's heap (128 MB): seconds,
 *   rows, sizes, peak RSS;
 * - one certificate: milliseconds (first and warm) and bytes.
 *   tsx test/bench/public.ts [count] [sizeKm]
 * PUBLIC_BENCH_DB=file.sqlite: a copy of that database (made by an earlier run) instead of a new one (a
 * postgres:// URL: that database itself);
 * PUBLIC_BENCH_ONLY=kinds: each kind of API search alone, every search asked once (cache misses), with its p95
 * and the app's CPU per request: which kind sets the p95 of the mix;
 * PUBLIC_BENCH_SECONDS=n: each run n seconds (10); PUBLIC_BENCH_PROF=dir: the app writes a V8 CPU profile there;
 * PUBLIC_BENCH_CACHE_OFF=1: the HTTP figures once more with the answer cache off. On PostgreSQL (the HTTP
 * figures only; its public schema is emptied first, so give it a database of its own):
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tanso_bench PUBLIC_BENCH_ONLY=http \
 *     npx tsx server/cli/with-pg.ts npx tsx test/bench/public.ts
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { boot } from '../../server/boot';
import { loadConfig } from '../../server/config';
import { createI18n } from '../../server/lib/i18n';
import { createLogger } from '../../server/lib/logger';
import { certificatePdf } from '../../server/modules/certificates/certificates.service';
import { OPEN_DATA_HEAP_MB, writeOpenData } from '../../server/modules/public/opendata.service';
import { foldDiacritics } from '../../server/lib/text';
import { syntheticDatabase } from './check-db';
import { NAME_PARTS } from './synthetic-db';

const ROOT = path.resolve(__dirname, '../..');
const CONNECTIONS = 50;
const SECONDS = Number(process.env.PUBLIC_BENCH_SECONDS ?? 10);

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
/** The app's process, for its CPU time. */
let serverPid = 0;

/** CPU time (user + system) of a process so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** 50 clients for SECONDS against paths chosen by `next()`; p50/p95 from every response's time. */
async function load(what: string, base: string, next: () => string): Promise<void> {
  const label = suffix ? `${what} ${suffix}` : what;
  const load0 = loadavg()[0] ?? 0;
  const cpu0 = cpuMs(serverPid);
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
  const cpuPerRequest = (cpuMs(serverPid) - cpu0) / Math.max(1, times.length);
  times.sort((a, b) => a - b);
  console.log(
    `  ${label}: ${result.requests.total} requests, ${result.requests.average}/s, ` +
      `p50 ${pct(times, 50).toFixed(0)} ms, ` +
      `p95 ${pct(times, 95).toFixed(0)} ms, p99 ${pct(times, 99).toFixed(0)} ms; ` +
      `app CPU ${cpuPerRequest.toFixed(1)} ms/request; load average ${load0.toFixed(1)} → ` +
      `${(loadavg()[0] ?? 0).toFixed(1)} (statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')})`,
  );
}

/** The licensee names searched, each a different search (no answer cached): with and without diacritics, a
 * brand and a place, a trade and a brand, a part of a word; then the same again sorted another way. */
function nameSearch(k: number): string {
  const { trades, brands, places } = NAME_PARTS;
  const at = (list: string[], i: number) => list[i % list.length] as string;
  const kinds = [
    () => `${at(brands, k)} ${at(places, Math.floor(k / brands.length))}`,
    () => `${at(trades, k)} ${at(brands, Math.floor(k / trades.length))}`,
    () => {
      const word = at(
        [...brands, ...places, ...trades].flatMap((n) => n.split(' ')),
        k,
      );
      return word.slice(k % 2, Math.max(3, word.length - (k % 3)));
    },
  ];
  const text = (kinds[k % kinds.length] as () => string)();
  return k % 2 ? foldDiacritics(text) : text;
}

const SORTS = ['number', '-validTo', 'licensee', '-number', 'validTo', '-licensee', 'service', '-service'];

const DISTRICTS = ['643', '648', '654', '655', '657'];
const KIND_NAMES = ['all, paged', 'district, paged', '5 MHz band', 'licence number', '0.1° map box', 'licensee name'];

/**
 * The search kinds of the bench, the k-th search of one kind: each a search not asked before (another page,
 * band, number, box or name), so every answer misses the cache and is computed.
 */
function distinctSearch(kind: number, k: number, licences: number): string {
  const sort = SORTS[Math.floor(k / 600) % SORTS.length] as string;
  if (kind === 0) return `page=${1 + (k % 1000)}`;
  if (kind === 1) return `district=${DISTRICTS[k % DISTRICTS.length]}&sort=-validTo&page=${1 + (k % 80)}`;
  if (kind === 2) {
    const from = 30 + (k % 9000) / 10;
    return `fromMhz=${from.toFixed(1)}&toMhz=${(from + 5).toFixed(1)}`;
  }
  if (kind === 3) return `number=SYN-${1 + ((k * 7919) % licences)}`;
  if (kind === 4) {
    const w = 107.5 + (k % 997) / 1000;
    const so = 12.2 + (k % 991) / 1000;
    return `bbox=${[w, so, w + 0.1, so + 0.1].map((v) => v.toFixed(3)).join(',')}`;
  }
  return `q=${encodeURIComponent(nameSearch(k))}&sort=${sort}`;
}

/** The HTTP figures; with `cacheOff` the app keeps no answers (PUBLIC_CACHE_SECONDS=0): every request is computed. */
async function httpFigures(databaseUrl: string, licences: number, cacheOff = false): Promise<void> {
  const port = await freePort();
  // PUBLIC_BENCH_PROF=dir: the app writes a V8 CPU profile there when it stops.
  const prof = process.env.PUBLIC_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.PUBLIC_BENCH_PROF] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
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
  serverPid = child.pid ?? 0;
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
    const districts = DISTRICTS;
    // PUBLIC_BENCH_ONLY=kinds: each search kind of the API alone, every search asked once (cache misses).
    if (process.env.PUBLIC_BENCH_ONLY === 'kinds') {
      for (const [kind, name] of KIND_NAMES.entries()) {
        let i = 0;
        await load(
          `search API, ${name}, distinct`,
          base,
          () => `/api/v1/public/licences?${distinctSearch(kind, i++, licences)}`,
        );
      }
      return;
    }
    const searches = [
      () => '/api/v1/public/licences',
      () => `/api/v1/public/licences?district=${districts[n % districts.length]}&sort=-validTo`,
      () => '/api/v1/public/licences?fromMhz=87.5&toMhz=108&page=3',
      () => `/api/v1/public/licences?number=SYN-${1 + ((n * 7919) % licences)}`,
      () => '/api/v1/public/licences?service=land_mobile&bbox=108.0,12.6,108.1,12.7',
      () => '/api/v1/public/licences?q=dak+lak',
    ];
    await load('search API (6 kinds in turn)', base, () => (searches[n++ % searches.length] as () => string)());
    let m = 0;
    const distinct = (i: number) => distinctSearch(i % 6, Math.floor(i / 6), licences);
    await load('search API, distinct searches (cache misses)', base, () => `/api/v1/public/licences?${distinct(m++)}`);
    let k = 0;
    await load('search API, licensee names, distinct (cache misses)', base, () => {
      const sort = SORTS[Math.floor(k / 600) % SORTS.length] as string;
      return `/api/v1/public/licences?q=${encodeURIComponent(nameSearch(k++))}&sort=${sort}`;
    });
    await load(
      'search page /register?district=…',
      base,
      () => `/register?district=${districts[n++ % districts.length]}`,
    );
    let p = 0;
    await load('search page, distinct searches (cache misses)', base, () => `/register?${distinct(p++)}`);
    await load(
      'licence page /register/licences/:number',
      base,
      () => `/register/licences/SYN-${1 + ((n++ * 7919) % licences)}`,
    );
    // Each licence asked once (7919 is prime to the number of licences: no repeat before all are asked).
    let l = 1;
    await load(
      'licence page, distinct (cache misses)',
      base,
      () => `/register/licences/SYN-${1 + ((l++ * 7919) % licences)}`,
    );
    await load(
      'licence API, distinct (cache misses)',
      base,
      () => `/api/v1/public/licences/SYN-${1 + ((l++ * 7919) % licences)}`,
    );
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    // The profile is written as the app stops.
    if (prof.length && child.exitCode === null) await new Promise((r) => child.once('exit', r));
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

/** The database to measure: a copy of PUBLIC_BENCH_DB, or a new synthetic register (SQLite, or PostgreSQL). */
async function benchDatabase(count: number, sizeKm: number): Promise<{ url: string; file: string | null }> {
  const reuse = process.env.PUBLIC_BENCH_DB;
  if (reuse?.startsWith('postgres')) return { url: reuse, file: null };
  if (reuse) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tanso-bench-db-')), 'bench.sqlite');
    copyFileSync(reuse, file);
    console.log(`  a copy of ${reuse}`);
    return { url: `sqlite:${file}`, file };
  }
  const db = await syntheticDatabase(count, sizeKm);
  console.log(`  database filled in ${db.loadSeconds.toFixed(0)} s`);
  const url = db.file ? `sqlite:${db.file}` : (process.env.TEST_DATABASE_URL ?? '');
  await db.booted.db.close();
  return { url, file: db.file };
}

async function licenceCount(url: string): Promise<number> {
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: url, SESSION_SECRET: 'b'.repeat(40) });
  const booted = await boot(config, createLogger('silent'), { seed: false });
  const [row] = (await booted.db.sequelize.query('SELECT COUNT(*) AS n FROM licences', { plain: false })) as [
    { n: number }[],
    unknown,
  ];
  await booted.db.close();
  return Number(row[0]?.n ?? 1);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--opendata') return openDataChild(process.argv[3] as string, process.argv[4] as string);
  // 'http', 'files' or 'certificate' for one part; 'kinds': each kind of API search alone (cache misses)
  const only = process.env.PUBLIC_BENCH_ONLY;
  const count = Number(process.argv[2] ?? 100_000);
  const sizeKm = Number(process.argv[3] ?? 160);
  console.log(`public register, ${count} stations over ${sizeKm} × ${sizeKm} km:`);
  const { url, file } = await benchDatabase(count, sizeKm);
  const licences = await licenceCount(url);
  console.log(`  ${licences} licences on ${file ? 'SQLite' : 'PostgreSQL'}`);
  try {
    if (!only || only === 'http' || only === 'kinds') {
      await httpFigures(url, licences);
      if (process.env.PUBLIC_BENCH_CACHE_OFF === '1') await httpFigures(url, licences, true);
    }
    if (!file) return console.log('  (open-data files and certificate: on SQLite only)');
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
    if (file) rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
