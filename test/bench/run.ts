/**
 * npm run bench: prints figures, asserts nothing. Platform benchmark: district point lookups through
 * the app's own index on the approximate demo cells and, when present, the official boundaries.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { approximateCells } from '../../geo/districts/approximate';
import { createPointIndex } from '../../geo/districts/point-index';
import { validateBoundaries } from '../../geo/districts/validate';
import { DEMO_BBOX, DEMO_DISTRICTS } from '../../server/db/seeds/demo-districts';
import { hashPassword, verifyPassword } from '../../server/lib/passwords';
import { boot } from '../../server/boot';
import { loadConfig } from '../../server/config';
import { seedDemoRegister } from '../../server/db/seeds/demo-register';
import { createLogger } from '../../server/lib/logger';

function lookups(name: string, areas: Parameters<typeof createPointIndex<string>>[0]): void {
  const t0 = performance.now();
  const index = createPointIndex(areas);
  const build = performance.now() - t0;
  const n = 100_000;
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let hits = 0;
  const t1 = performance.now();
  for (let i = 0; i < n; i++) {
    const lon = DEMO_BBOX[0] + rnd() * (DEMO_BBOX[2] - DEMO_BBOX[0]);
    const lat = DEMO_BBOX[1] + rnd() * (DEMO_BBOX[3] - DEMO_BBOX[1]);
    if (index.lookup(lat, lon)) hits++;
  }
  const ms = performance.now() - t1;
  console.log(
    `${name}: ${areas.length} areas, index built in ${build.toFixed(1)} ms; ${n} lookups in ${ms.toFixed(0)} ms ` +
      `(${((ms / n) * 1000).toFixed(1)} µs each), ${hits} inside`,
  );
}

async function main(): Promise<void> {
  const cells = approximateCells(
    DEMO_DISTRICTS.map((d) => ({ code: d.code, latDeg: d.latDeg, lonDeg: d.lonDeg })),
    DEMO_BBOX,
  );
  lookups(
    'district lookup, approximate demo cells',
    [...cells].map(([code, geometry]) => ({ geometry, value: code })),
  );
  const official = path.resolve(__dirname, '../../../shared/data/daklak-districts.geojson');
  if (existsSync(official)) {
    const r = validateBoundaries(JSON.parse(readFileSync(official, 'utf8')));
    if (r.ok)
      lookups(
        'district lookup, official boundaries',
        r.features.map((f) => ({ geometry: f.geometry, value: f.code })),
      );
  }
  // A synthetic country of 700 districts (a 35 × 20 grid), to show the R-tree keeps lookups flat.
  const grid = [];
  for (let i = 0; i < 35; i++)
    for (let j = 0; j < 20; j++) {
      const x = DEMO_BBOX[0] + i * 0.05;
      const y = DEMO_BBOX[1] + j * 0.07;
      grid.push({
        value: `${i}-${j}`,
        geometry: {
          type: 'Polygon' as const,
          coordinates: [
            [
              [x, y],
              [x + 0.05, y],
              [x + 0.05, y + 0.07],
              [x, y + 0.07],
              [x, y],
            ],
          ],
        },
      });
    }
  lookups('district lookup, 700 synthetic districts', grid);
  const t0 = performance.now();
  const h = await hashPassword('benchmark-password');
  const t1 = performance.now();
  await verifyPassword(h, 'benchmark-password');
  console.log(
    `argon2id (19 MiB, t=2): hash ${(t1 - t0).toFixed(0)} ms, verify ${(performance.now() - t1).toFixed(0)} ms`,
  );
  // First start of the demo: the licensing register built through the services on a fresh SQLite file.
  const dir = mkdtempSync(path.join(tmpdir(), 'tanso-bench-'));
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: `sqlite:${path.join(dir, 'b.sqlite')}`,
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
  });
  const booted = await boot(config, createLogger('silent'));
  const t2 = performance.now();
  const counts = await seedDemoRegister(booted.db.sequelize, booted.districts, { licencePrefix: config.licencePrefix });
  console.log(
    `demo register seed on SQLite: ${((performance.now() - t2) / 1000).toFixed(1)} s for ${JSON.stringify(counts)}`,
  );
  await booted.db.close();
  rmSync(dir, { recursive: true, force: true });
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
