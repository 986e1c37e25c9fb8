/**
 * Conflict engine benchmarks (issue 4): prints figures, asserts nothing. Each case runs in a child
 * process of its own, with a 6 GB heap limit, so that peak memory is that case's alone:
 *   tsx test/bench/conflicts.ts              all cases, one child each
 *   tsx test/bench/conflicts.ts scan 10000 300 [dense [THREADS]]   full scan of 10 000 TX assignments over 300 × 300 km
 *   tsx test/bench/conflicts.ts naive 2000 134        fast and naive scans of one register, same result checked
 *   tsx test/bench/conflicts.ts check 100000 1000 [dense [during-scan]]   incremental check of 200 random candidates
 *     (during-scan: while a full scan of the same register runs in another process, as the job runner's)
 */
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  checkCandidate,
  naiveScan,
  prepareIndex,
  scanConflicts,
  scanConflictsParallel,
  type ConflictFinding,
} from '../../geo/conflicts';
import { engineRegister, SERVICES, syntheticRegister } from './synthetic';

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function peak(): string {
  return `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`;
}

function tally(findings: ConflictFinding[]): string {
  const by = (f: (x: ConflictFinding) => string) => {
    const m = new Map<string, number>();
    for (const x of findings) m.set(f(x), (m.get(f(x)) ?? 0) + 1);
    return [...m]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  };
  return `${findings.length} conflicts (${by((x) => x.mechanism)}; ${by((x) => x.severity)})`;
}

type Mix = 'demo' | 'dense';

function built(n: number, sizeKm: number, mix: Mix = 'demo') {
  const list = syntheticRegister(n, sizeKm, 2026, mix);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const reg = engineRegister(list);
  const u = process.cpuUsage(cpu0);
  return { ...reg, footprintMs: performance.now() - t0, footprintCpuMs: (u.user + u.system) / 1000 };
}

function cpuSeconds(since: NodeJS.CpuUsage): string {
  const u = process.cpuUsage(since);
  return `${((u.user + u.system) / 1e6).toFixed(2)} s`;
}

async function scanCase(n: number, sizeKm: number, mix: Mix, threads: number): Promise<void> {
  const reg = built(n, sizeKm, mix);
  // For `check … during-scan`: the checks start once this scan is past its footprints.
  if (process.env.BENCH_SIGNAL_READY === '1') process.stderr.write('READY\n');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await scanConflictsParallel(reg.items, reg.source, { threads });
  const ms = performance.now() - t0;
  const pairs = (n * (n - 1)).toExponential(2);
  console.log(
    `full scan, ${mix} ${n} TX assignments over ${sizeKm} × ${sizeKm} km, ${threads} thread(s): ` +
      `footprints ${s(reg.footprintMs)} wall, ${s(reg.footprintCpuMs)} CPU; ` +
      `scan ${s(ms)} wall, ${cpuSeconds(cpu0)} CPU (all threads); ` +
      `${r.candidatePairs} candidate pairs of ${pairs} ordered pairs, ` +
      `${r.exactChecks} exact checks; ${tally(r.findings)}; ${peak()}`,
  );
}

function naiveCase(n: number, sizeKm: number, mix: Mix): void {
  const reg = built(n, sizeKm, mix);
  const t0 = performance.now();
  const fast = scanConflicts(reg.items, reg.source);
  const fastMs = performance.now() - t0;
  const t1 = performance.now();
  const naive = naiveScan(reg.items, reg.source, { areas: 'library' });
  const naiveMs = performance.now() - t1;
  const key = (f: ConflictFinding) => `${f.victimId}>${f.interfererId}:${f.kind}:${f.mechanism}`;
  const same =
    fast.findings.length === naive.length &&
    fast.findings.every((f, i) => {
      const g = naive[i] as ConflictFinding;
      return key(f) === key(g) && Math.abs(f.overlapKm2 - g.overlapKm2) <= 1e-9 * g.overlapKm2;
    });
  console.log(
    `naive (every pair, general clipper) vs indexed (prepared rings), ${mix} ${n} over ${sizeKm} × ${sizeKm} km: ` +
      `naive ${s(naiveMs)}, ` +
      `indexed ${s(fastMs)} (${(naiveMs / fastMs).toFixed(1)}× faster); ${fast.findings.length} conflicts, ` +
      `same set, areas within 1e-9: ${same ? 'yes' : 'NO'}; ${peak()}`,
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * A full scan of the same register in another process (as the job runner's), for the checks to run beside:
 * resolves once that scan is past its footprints and scanning pairs.
 */
function scanBeside(n: number, sizeKm: number, mix: Mix): Promise<{ stop(): boolean }> {
  const args = [
    '--max-old-space-size=6144',
    '--import',
    'tsx',
    __filename,
    'scan',
    String(n),
    String(sizeKm),
    mix,
    '1',
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, BENCH_SIGNAL_READY: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  return new Promise((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      if (String(d).includes('READY'))
        resolve({
          stop() {
            const wasRunning = !exited;
            child.kill();
            return wasRunning;
          },
        });
    });
  });
}

async function checkCase(n: number, sizeKm: number, mix: Mix, duringScan: boolean): Promise<void> {
  const reg = built(n, sizeKm, mix);
  const tMin = Math.min(
    ...[...SERVICES.values()].map((x) => x.protectedFieldDbuv - Math.max(x.coChannelPrDb, x.adjacentPrDb)),
  );
  const t0 = performance.now();
  const index = prepareIndex(reg.items, reg.source, { minThresholdDbuvM: tMin });
  const prepMs = performance.now() - t0;
  // 200 new candidates from another seed, placed in the same area, ids above the register's.
  const candidates = engineRegister(syntheticRegister(200, sizeKm, 99, mix).map((a) => ({ ...a, id: n + a.id })));
  const source = {
    contourAt: (b: Parameters<typeof reg.source.contourAt>[0], t: number) =>
      (b.id > n ? candidates.source : reg.source).contourAt(b, t),
  };
  const beside = duringScan ? await scanBeside(n, sizeKm, mix) : null;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let found = 0;
  for (const c of candidates.items) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    found += checkCandidate(c, index, source, { geometry: true }).length;
    times.push(performance.now() - t);
    const u = process.cpuUsage(cpu);
    cpuTimes.push((u.user + u.system) / 1000);
  }
  const scanRan = beside?.stop();
  times.sort((a, b) => a - b);
  // CPU time too: on a loaded machine the wall time of one check is mostly waiting for a core.
  cpuTimes.sort((a, b) => a - b);
  console.log(
    `incremental check against ${mix} ${n} (prepared index ${s(prepMs)}, footprints ${s(reg.footprintMs)})` +
      (beside
        ? `, beside a full scan of it in another process (${scanRan ? 'running throughout' : 'ENDED early'})`
        : '') +
      ': ' +
      `200 candidates, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ` +
      `max ${(times.at(-1) ?? 0).toFixed(1)} ms (CPU p50 ${percentile(cpuTimes, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(cpuTimes, 95).toFixed(1)} ms); ${found} conflicts found; ${peak()}`,
  );
}

function child(args: string[]): void {
  const r = spawnSync(process.execPath, ['--max-old-space-size=6144', '--import', 'tsx', __filename, ...args], {
    stdio: 'inherit',
  });
  if (r.status !== 0) console.log(`(${args.join(' ')} failed with status ${r.status ?? r.signal})`);
}

const [mode, nArg, sizeArg, mixArg, threadsArg] = process.argv.slice(2);
const n = Number(nArg);
const size = Number(sizeArg);
const mix: Mix = mixArg === 'dense' ? 'dense' : 'demo';
if (mode === 'scan') void scanCase(n, size, mix, Number(threadsArg ?? 1) || 1);
else if (mode === 'naive') naiveCase(n, size, mix);
else if (mode === 'check') void checkCase(n, size, mix, threadsArg === 'during-scan');
else {
  console.log(
    'conflict engine (synthetic registers at the same density: ' +
      '10 000 per 300 × 300 km; each case in its own process, heap limit 6 GB)',
  );
  child(['naive', '2000', String(Math.round(300 * Math.sqrt(0.2)))]);
  child(['naive', '5000', String(Math.round(300 * Math.sqrt(0.5)))]);
  child(['naive', '1000', '95', 'dense']);
  child(['scan', '10000', '300']);
  child(['scan', '100000', '1000']);
  child(['scan', '10000', '300', 'dense', '1']);
  child(['scan', '100000', '1000', 'dense', '1']);
  child(['scan', '100000', '1000', 'dense', '4']);
  child(['check', '100000', '1000']);
  child(['check', '100000', '1000', 'dense']);
  child(['check', '100000', '1000', 'dense', 'during-scan']);
}
