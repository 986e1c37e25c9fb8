/**
 * ITU-R P.1546-6 footprint benchmark (issue 20): prints the time per 72-radial footprint, asserts nothing.
 *   tsx test/bench/p1546.ts [count]
 * Each case draws `count` footprints (default 2000) with slightly different sites (height, e.r.p.), after a
 * warm-up, and prints the mean and the 50th/95th percentiles; the Okumura–Hata footprint of the same site is
 * printed beside it for scale. Target (issue 20): < 2 ms per P.1546 footprint.
 */
import { performance } from 'node:perf_hooks';
import { coverageFootprint, type ReceptionParams, type TxSite } from '../../geo/coverage';
import { p1546FieldStrength } from '../../geo/propagation/p1546';

const COUNT = Number(process.argv[2] ?? 2000);
const BMT = { latDeg: 12.6667, lonDeg: 108.038 };

interface Case {
  name: string;
  site: TxSite;
  rx: ReceptionParams;
}

const FM: TxSite = {
  ...BMT,
  antennaHeightM: 100,
  erpW: 1000,
  azimuthDeg: null,
  beamwidthDeg: null,
  frequencyHz: 101.5e6,
};
const FM_RX: ReceptionParams = {
  thresholdDbuvM: 54,
  receiverHeightM: 10,
  environment: 'suburban',
  propagationModel: 'p1546',
};
const CASES: Case[] = [
  { name: 'FM omni, 1 kW, 100 m, 54 dBµV/m', site: FM, rx: FM_RX },
  { name: 'FM directional (60° beam), 54 dBµV/m', site: { ...FM, azimuthDeg: 90, beamwidthDeg: 60 }, rx: FM_RX },
  { name: 'FM omni, interfering contour at 9 dBµV/m', site: FM, rx: { ...FM_RX, thresholdDbuvM: 9 } },
  {
    name: 'TV UHF directional (90°), 10 kW, 150 m, 56 dBµV/m',
    site: { ...BMT, antennaHeightM: 150, erpW: 10_000, azimuthDeg: 200, beamwidthDeg: 90, frequencyHz: 602e6 },
    rx: { thresholdDbuvM: 56, receiverHeightM: 10, environment: 'urban', propagationModel: 'p1546' },
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function time(c: Case, model: 'p1546' | 'hata'): { mean: number; p50: number; p95: number; radiusKm: number } {
  const draw = (i: number) =>
    coverageFootprint(
      { ...c.site, antennaHeightM: c.site.antennaHeightM + (i % 100) / 100, erpW: c.site.erpW * (1 + (i % 7) / 100) },
      { ...c.rx, propagationModel: model },
    );
  for (let i = 0; i < 200; i++) draw(i);
  const times: number[] = [];
  let radiusKm = 0;
  for (let i = 0; i < COUNT; i++) {
    const t0 = performance.now();
    const fp = draw(i);
    times.push(performance.now() - t0);
    radiusKm = fp.maxRadiusKm;
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  times.sort((a, b) => a - b);
  return { mean, p50: percentile(times, 50), p95: percentile(times, 95), radiusKm };
}

function main(): void {
  console.log(`P.1546-6 footprints (72 radials), ${COUNT} each, Node ${process.version}`);
  for (const c of CASES) {
    const p = time(c, 'p1546');
    const h = time(c, 'hata');
    console.log(
      `  ${c.name}: P.1546 mean ${p.mean.toFixed(3)} ms, p50 ${p.p50.toFixed(3)} ms, p95 ${p.p95.toFixed(3)} ms ` +
        `(max radius ${p.radiusKm.toFixed(2)} km); Hata mean ${h.mean.toFixed(3)} ms (${h.radiusKm.toFixed(2)} km)`,
    );
  }
  const n = 200_000;
  let sum = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    sum += p1546FieldStrength({
      freqMhz: 101.5,
      timePercent: 50,
      heffM: 100,
      haM: 100,
      path: [{ zone: 'land', lengthKm: 1 + (i % 999) }],
      h2M: 10,
      r2M: 10,
      rxArea: 'suburban',
      terrainInfo: false,
    }).fieldDbuvM;
  const us = ((performance.now() - t0) * 1000) / n;
  console.log(`  one P.1546 field strength (land, 101.5 MHz, 50 %): ${us.toFixed(2)} µs (checksum ${sum.toFixed(0)})`);
}

main();
