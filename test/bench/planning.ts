/**
 * The channel finder (POST /api/v1/planning/channels → findChannels) against a SQLite register of 100 000 TX
 * assignments, the dense national mix (synthetic.ts), over 1 000 × 1 000 km, loaded as check-db.ts loads it:
 * a 10 MHz VHF land-mobile range on its 12.5 kHz raster (800 channels) for 30 candidate sites in the
 * jurisdiction; p50/p95/max, the CPU per search and the longest event-loop stall while the searches run are
 * printed, with the load average at the end. On PostgreSQL: TEST_DATABASE_URL=postgres://… (check-db.ts).
 * Target (issue 16): p95 < 1 s.
 *   tsx test/bench/planning.ts [count] [sizeKm] [candidates]
 */
import { statSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { mulberry32 } from '../../server/lib/prng';
import { findChannels } from '../../server/modules/planning/planning.service';
import { syntheticDatabase } from './check-db';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const sizeKm = Number(process.argv[3] ?? 1000);
  const n = Number(process.argv[4] ?? 30);
  const db = await syntheticDatabase(count, sizeKm, { mix: 'dense' });
  try {
    const districts = db.booted.districts;
    const r = mulberry32(16);
    const times: number[] = [];
    const cpus: number[] = [];
    const loads: number[] = [];
    const loadCpus: number[] = [];
    const stats = { channels: 0, free: 0, conflicts: 0, notAllowed: 0, neighbours: 0, margins: 0 };
    // The event loop is watched from the third search on (the first ones also pay for compiling the code).
    const loop = monitorEventLoopDelay({ resolution: 10 });
    while (times.length < n) {
      if (times.length === 2) loop.enable();
      // A site in the jurisdiction (Đắk Lắk's box, kept when a district contains it).
      const latitude = 12.2 + r() * 1.2;
      const longitude = 107.5 + r() * 1.45;
      if (!(await districts.lookup(latitude, longitude))) continue;
      const body = {
        station: {
          service: 'land_mobile',
          latitude,
          longitude,
          antennaHeightM: 20 + Math.round(r() * 30),
          antennaGainDbi: 6,
          txPowerW: 25,
          feederLossDb: 1.5,
        },
        range: { fromHz: 150_000_000, toHz: 159_987_500 },
        bandwidthHz: 12_500,
        emissionDesignator: '11K0F3E',
      };
      const t = performance.now();
      const cpu = process.cpuUsage();
      const res = await findChannels(body, districts);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1000);
      loads.push(res.loadMs);
      loadCpus.push(res.loadCpuMs);
      stats.margins += res.channels.filter((c) => c.worstMarginDb !== null).length;
      stats.channels += res.channels.length;
      stats.free += res.counts.free;
      stats.conflicts += res.counts.conflicts;
      stats.notAllowed += res.counts.notAllowed;
      stats.neighbours += res.neighbours;
    }
    loop.disable();
    times.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    loads.sort((a, b) => a - b);
    loadCpus.sort((a, b) => a - b);
    const pick = (list: number[], p: number) =>
      (list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] ?? Number.NaN).toFixed(0);
    const at = (p: number) => pick(times, p);
    const loadAverage = os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const where = db.file ? `SQLite (file ${(statSync(db.file).size / 2 ** 20).toFixed(0)} MB)` : 'PostgreSQL';
    console.log(
      `channel finder (findChannels) on ${where} with ${count} TX assignments (dense mix) over ${sizeKm} × ` +
        `${sizeKm} km (loaded in ${db.loadSeconds.toFixed(1)} s): ${n} sites × 150–160 MHz land mobile on ` +
        `12.5 kHz (${(stats.channels / n).toFixed(0)} channels each): p50 ${at(50)} ms, p95 ${at(95)} ms, ` +
        `max ${(times.at(-1) ?? 0).toFixed(0)} ms; per search ${(stats.neighbours / n).toFixed(0)} neighbours ` +
        `loaded, ${(stats.free / n).toFixed(0)} free, ${(stats.conflicts / n).toFixed(0)} with conflicts, ` +
        `${(stats.notAllowed / n).toFixed(0)} not allowed; longest event-loop stall (warm) ` +
        `${(loop.max / 1e6).toFixed(0)} ms; CPU of this process per search (user + system, the database's own ` +
        `threads included on SQLite, not PostgreSQL's server) p50 ${pick(cpus, 50)} ms, p95 ${pick(cpus, 95)} ms; ` +
        `of the wall time, loading the register around the range (its queries) p50 ${pick(loads, 50)} ms, p95 ` +
        `${pick(loads, 95)} ms (CPU p50 ${pick(loadCpus, 50)} ms); ` +
        `${(stats.margins / n).toFixed(0)} channels with a worst margin; load ${loadAverage}`,
    );
  } finally {
    await db.close();
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
