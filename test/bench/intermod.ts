/**
 * Intermodulation search (geo/conflicts/intermod.ts, issue 16). Each case runs in a child process of its own
 * (so its peak RSS is its own) and prints wall time, CPU time, peak RSS and the findings; nothing asserted.
 * - cluster300: the clustered demo register (300 transmitters within 60 km, syntheticRegister(300, 60, 7)),
 *   without a window and with the default ±10 % (every finding, and those on fixed links);
 * - dense10k / dense100k: the dense national mix (10 000 over 300 km, 100 000 over 1 000 km), transmitters only;
 * - crowded: the import bench's register, 20 000 land-mobile transmitters within 13 × 13 km (10 000 stations
 *   on a 130 m grid, two transmitters each, test/helpers/import-files), ±10 % window, streamed victim by victim
 *   (counted, not kept), as the full scan's intermodulation phase runs it;
 * - crowdedMix: 20 000 transmitters uniform within 13 × 13 km on the 12.5 kHz rasters of the land-mobile
 *   VHF (148–174 MHz) and UHF (403–470 MHz) bands, ±10 % window, streamed;
 * - mast: T transmitters and as many receivers within 300 m (T = 25, 50, 100), the naive reference beside.
 *   tsx test/bench/intermod.ts [case …]
 * INTERMOD_MODULE=path runs the cases against another copy of the module (a "before" figure; without
 * intermodByVictim it builds the whole array). INTERMOD_BENCH_WINDOW (%) and INTERMOD_BENCH_KM change the
 * crowded cases' window (10) and distance (1 km), to see what thins them.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IntermodFinding, IntermodSite } from '../../geo/conflicts/intermod';
import * as current from '../../geo/conflicts/intermod';
import { mulberry32 } from '../../server/lib/prng';
import { assignmentRows, stationRows } from '../helpers/import-files';
import { syntheticRegister } from './synthetic';

type Module = Partial<typeof current> & Pick<typeof current, 'indexedIntermod' | 'naiveIntermod'>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const geo: Module = process.env.INTERMOD_MODULE ? require(path.resolve(process.env.INTERMOD_MODULE)) : current;

const CASES = ['cluster300', 'dense10k', 'dense100k', 'crowded', 'crowdedMix', 'mast'] as const;
type Case = (typeof CASES)[number];

function measure<T>(label: string, run: () => T, describe: (out: T) => string): T {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const out = run();
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s wall ${((used.user + used.system) / 1e6)
      .toFixed(2)
      .padStart(7)} s CPU  peak RSS ${rssMb} MB  ${describe(out)}`,
  );
  return out;
}

/** Every finding counted victim by victim (streamed when the module can), with those a filter picks. */
function count(sites: IntermodSite[], pick: (f: IntermodFinding) => boolean = () => false) {
  let findings = 0;
  let picked = 0;
  let victims = 0;
  const see = (f: IntermodFinding) => {
    findings++;
    if (pick(f)) picked++;
  };
  if (geo.intermodByVictim && geo.intermodIndex) {
    for (const [, found] of geo.intermodByVictim(geo.intermodIndex(sites))) {
      victims++;
      found.forEach(see);
    }
  } else {
    const all = geo.indexedIntermod(sites);
    all.forEach(see);
    victims = new Set(all.map((f) => f.victimId)).size;
  }
  return { findings, picked, victims };
}

function fromSynthetic(
  list: ReturnType<typeof syntheticRegister>,
  windowPercent: number,
): (IntermodSite & { service: string })[] {
  return list.map((a) => ({
    id: a.id,
    direction: 'tx',
    latDeg: a.latitude,
    lonDeg: a.longitude,
    frequencyHz: a.frequencyHz,
    occupiedLowHz: a.frequencyHz - a.bandwidthHz / 2,
    occupiedHighHz: a.frequencyHz + a.bandwidthHz / 2,
    distanceKm: 1,
    windowPercent,
    licenseeId: a.licenseeId,
    service: a.service,
  }));
}

/** The import bench's register (test/bench/import.ts): 10 000 stations, a VHF–UHF and an L-band transmitter each. */
function importRegister(windowPercent: number): IntermodSite[] {
  const stations = stationRows(10_000, 500);
  const rows = [...assignmentRows(10_000, 'L', 140, 0.1), ...assignmentRows(10_000, 'L', 1500, 0.05)];
  return rows.map((r, i) => {
    const st = stations[i % stations.length] as Record<string, unknown>;
    const f = Math.round(Number(r.frequencyMhz) * 1e6);
    return {
      id: i + 1,
      direction: 'tx' as const,
      latDeg: Number(st.latitude),
      lonDeg: Number(st.longitude),
      frequencyHz: f,
      occupiedLowHz: f - 6_250,
      occupiedHighHz: f + 6_250,
      distanceKm: 1,
      windowPercent,
      licenseeId: 1 + (i % 500),
    };
  });
}

/** 20 000 transmitters uniform within 13 × 13 km: 55 % VHF 148–174 MHz, 45 % UHF 403–470 MHz, 12.5 kHz raster. */
function landMobileMix(windowPercent: number): IntermodSite[] {
  const rnd = mulberry32(20_000);
  const kmLat = (6371.0088 * Math.PI) / 180;
  return Array.from({ length: 20_000 }, (_, i) => {
    const f =
      rnd() < 0.55 ? 148_000_000 + Math.floor(rnd() * 2080) * 12_500 : 403_000_000 + Math.floor(rnd() * 5360) * 12_500;
    return {
      id: i + 1,
      direction: 'tx' as const,
      latDeg: 12.62 + ((rnd() - 0.5) * 13) / kmLat,
      lonDeg: 108.04 + ((rnd() - 0.5) * 13) / (kmLat * Math.cos((12.62 * Math.PI) / 180)),
      frequencyHz: f,
      occupiedLowHz: f - 6_250,
      occupiedHighHz: f + 6_250,
      distanceKm: 1,
      windowPercent,
      licenseeId: 1 + (i % 500),
    };
  });
}

/** `n` transmitters and `n` receivers on 12.5 kHz channels of 150–156 MHz, within 300 m of one point. */
function mast(n: number): IntermodSite[] {
  const rnd = mulberry32(n);
  return Array.from({ length: 2 * n }, (_, i) => {
    const f = 150_000_000 + Math.floor(rnd() * 480) * 12_500;
    return {
      id: i + 1,
      direction: i < n ? ('tx' as const) : ('rx' as const),
      latDeg: 12.67 + (rnd() - 0.5) * 0.005,
      lonDeg: 108.04 + (rnd() - 0.5) * 0.005,
      frequencyHz: f,
      occupiedLowHz: f - 6_250,
      occupiedHighHz: f + 6_250,
      distanceKm: 1,
      windowPercent: 10,
      licenseeId: 1 + (i % 5),
    };
  });
}

const counted = (c: ReturnType<typeof count>) => `${c.findings} findings on ${c.victims} victims`;

function run(name: Case): void {
  if (name === 'cluster300') {
    for (const w of [0, 10]) {
      const sites = fromSynthetic(syntheticRegister(300, 60, 7), w);
      const fixed = new Set(sites.filter((s) => s.service === 'fixed_link').map((s) => s.id));
      const onFixed = (f: IntermodFinding) => fixed.has(f.victimId);
      measure(
        `cluster 300 in 60 km, window ${w} %`,
        () => count(sites, onFixed),
        (c) => `${counted(c)}, ${c.picked} on fixed links`,
      );
    }
  } else if (name === 'dense10k' || name === 'dense100k') {
    const [n, km] = name === 'dense10k' ? [10_000, 300] : [100_000, 1000];
    const sites = fromSynthetic(syntheticRegister(n, km, 2026, 'dense'), 10);
    measure(`dense ${n} over ${km} km, window 10 %`, () => count(sites), counted);
  } else if (name === 'crowded' || name === 'crowdedMix') {
    const w = Number(process.env.INTERMOD_BENCH_WINDOW ?? 10);
    const km = Number(process.env.INTERMOD_BENCH_KM ?? 1);
    const sites = (name === 'crowded' ? importRegister(w) : landMobileMix(w)).map((s) => ({ ...s, distanceKm: km }));
    const label = name === 'crowded' ? 'import register' : 'VHF/UHF mix';
    const c = measure(`20 000 TX in 13 × 13 km (${label}), window ${w} %, ${km} km`, () => count(sites), counted);
    console.log(`  ${(c.findings / sites.length).toFixed(1)} findings per transmitter`);
  } else {
    for (const n of [25, 50, 100]) {
      const sites = mast(n);
      const all = measure(
        `mast of ${n} TX + ${n} RX, indexed`,
        () => geo.indexedIntermod(sites),
        (f) => `${f.length}`,
      );
      measure(
        `mast of ${n} TX + ${n} RX, one site`,
        () => geo.indexedIntermod(sites, { focusId: 1 }),
        (f) => `${f.length}`,
      );
      if (n <= 50)
        measure(
          `mast of ${n} TX + ${n} RX, naive`,
          () => geo.naiveIntermod(sites),
          (f) => (f.length === all.length ? 'same count' : 'DIFFERENT'),
        );
    }
  }
}

const asked = process.argv.slice(2);
if (asked.length === 1 && process.env.INTERMOD_BENCH_CHILD === '1') run(asked[0] as Case);
else {
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  for (const name of asked.length > 0 ? asked : CASES) {
    if (!CASES.includes(name as Case)) throw new Error(`unknown case ${name} (known: ${CASES.join(', ')})`);
    spawnSync(process.execPath, [...process.execArgv, process.argv[1] as string, name], {
      stdio: 'inherit',
      env: { ...process.env, INTERMOD_BENCH_CHILD: '1' },
    });
  }
}
