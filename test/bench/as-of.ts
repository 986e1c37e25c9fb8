/**
 * The register as of a date (issue 16): what a past-day read costs against the live one, on a synthetic
 * register (test/bench/check-db.ts; every row versioned by migration 014's back-fill). Prints, asserts nothing.
 *   tsx test/bench/as-of.ts [count]
 */
import { performance } from 'node:perf_hooks';
import { readAsOf } from '../../server/modules/history/history.service';
import { listLicences } from '../../server/modules/licences/licences.service';
import { footprintsGeoJson, stationsGeoJson } from '../../server/modules/map/map.service';
import { parseMapQuery } from '../../server/modules/map/map.schema';
import { parsePublicQuery, searchPublicLicences } from '../../server/modules/public/public.service';
import { syntheticDatabase } from './check-db';

async function timed(label: string, runs: number, f: () => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? NaN).toFixed(0);
  console.log(`${label.padEnd(44)} p50 ${p(0.5).padStart(6)} ms  p95 ${p(0.95).padStart(6)} ms  (${runs} runs)`);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20_000);
  const db = await syntheticDatabase(count, 5);
  const { sequelize, migrator } = db.booted.db;
  try {
    const t0 = performance.now();
    await migrator.down({ to: '014-history' });
    await migrator.up();
    console.log(
      `${count} assignments (${sequelize.getDialect()}), back-fill of the history: ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    // An instant after the load: every record is there (as when reading yesterday on a register made before).
    const past = new Date();
    const page = { page: 1, pageSize: 25, offset: 0 };
    const sort = { field: 'number' as const, dir: 'ASC' as const };
    const map = parseMapQuery({ bbox: '108.0,12.6,108.1,12.7', zoom: '14' });
    const pub = parsePublicQuery({ fromMhz: '160', toMhz: '170' });
    const check = await readAsOf(sequelize, past, (s) => searchPublicLicences(s.sequelize, pub));
    const live = await searchPublicLicences(sequelize, pub);
    console.log(`public search 160-170 MHz: ${check.total} licences as of now, ${live.total} live`);
    for (const [label, at] of [
      ['live', null],
      ['asOf', past],
    ] as const) {
      await timed(`licence list, first page (${label})`, 10, () => listLicences({ sort, asOf: at }, page));
      await timed(`map stations, one district's view (${label})`, 10, () =>
        readAsOf(sequelize, at, (s) => stationsGeoJson(s.sequelize, map)),
      );
      await timed(`public search 160-170 MHz (${label})`, 10, () =>
        readAsOf(sequelize, at, (s) => searchPublicLicences(s.sequelize, pub)),
      );
      await timed(`map footprints, one district's view (${label})`, 5, () =>
        readAsOf(sequelize, at, (s) => footprintsGeoJson(s.sequelize, map)),
      );
    }
  } finally {
    await db.close();
  }
}

void main();
