/**
 * Intermodulation search (geo/conflicts/intermod.ts, issue 16): the indexed search on the dense synthetic
 * registers (10 000 over 300 km, 100 000 over 1 000 km; transmitters only, as the full scan sees them there),
 * on a crowded mast (T transmitters and as many receivers within 300 m), and the naive reference on the mast
 * for comparison. Figures printed, nothing asserted.
 *   tsx test/bench/intermod.ts
 */
import { performance } from 'node:perf_hooks';
import { indexedIntermod, naiveIntermod, type IntermodSite } from '../../geo/conflicts/intermod';
import { mulberry32 } from '../../server/lib/prng';
import { syntheticRegister } from './synthetic';

function time<T>(run: () => T): [T, number] {
  const t0 = performance.now();
  const out = run();
  return [out, performance.now() - t0];
}

function fromSynthetic(count: number, sizeKm: number): IntermodSite[] {
  return syntheticRegister(count, sizeKm, 2026, 'dense').map((a) => ({
    id: a.id,
    direction: 'tx',
    latDeg: a.latitude,
    lonDeg: a.longitude,
    frequencyHz: a.frequencyHz,
    occupiedLowHz: a.frequencyHz - a.bandwidthHz / 2,
    occupiedHighHz: a.frequencyHz + a.bandwidthHz / 2,
    distanceKm: 1,
    licenseeId: a.licenseeId,
  }));
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
      licenseeId: 1 + (i % 5),
    };
  });
}

for (const [count, km] of [
  [10_000, 300],
  [100_000, 1000],
] as const) {
  const sites = fromSynthetic(count, km);
  const [found, ms] = time(() => indexedIntermod(sites));
  console.log(`dense ${count} over ${km} km: indexed ${ms.toFixed(0)} ms, ${found.length} findings`);
}
for (const n of [25, 50, 100]) {
  const sites = mast(n);
  const [found, ms] = time(() => indexedIntermod(sites));
  const [, one] = time(() => indexedIntermod(sites, { focusId: 1 }));
  const line =
    `mast of ${n} TX + ${n} RX: indexed ${ms.toFixed(0)} ms (${found.length} findings), ` +
    `one site ${one.toFixed(0)} ms`;
  if (n <= 50) {
    const [naive, nms] = time(() => naiveIntermod(sites));
    console.log(`${line}, naive ${nms.toFixed(0)} ms (${naive.length === found.length ? 'same count' : 'DIFFERENT'})`);
  } else console.log(line);
}
