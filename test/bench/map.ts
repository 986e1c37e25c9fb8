/**
 * Map benchmarks (issue 5): 100 000 stations (one TX assignment each, footprints stored) over a
 * 160 × 160 km square on the province, i.e. all of them in or next to Đắk Lắk's districts (a
 * worst case for the province view). Prints, asserts nothing:
 * - the GeoJSON layers as the endpoints build them (map.service + JSON.stringify), median and p95 of
 *   20 runs: the whole province (zoom 8) and one district (Buôn Ma Thuột, zoom 11), stations with and
 *   without filters, footprints, and the choropleth figures;
 * - time to a drawn map in Chromium (the app started on that database; from navigation until every
 *   layer request has been answered and drawn: #map[data-ready][data-busy="0"]).
 *   tsx test/bench/map.ts [count] [sizeKm]
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bbox as turfBbox } from '@turf/turf';
import { districtFigures } from '../../server/modules/map/map.districts';
import { registerInspectionMapMetrics } from '../../server/modules/inspections/inspections.map.service';
import type { MapQuery } from '../../server/modules/map/map.schema';
import { footprintsGeoJson, stationsGeoJson } from '../../server/modules/map/map.service';
import { launchBrowser } from '../e2e/helpers';
import { syntheticDatabase } from './check-db';

const ROOT = path.resolve(__dirname, '../..');

async function timed(label: string, run: () => Promise<unknown>, n = 20): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  let features = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const out = await run();
    const body = JSON.stringify(out);
    times.push(performance.now() - t);
    bytes = body.length;
    features = (out as { features?: unknown[] }).features?.length ?? 0;
  }
  times.sort((a, b) => a - b);
  const at = (p: number) =>
    (times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? Number.NaN).toFixed(0);
  console.log(
    `  ${label}: median ${at(50)} ms, p95 ${at(95)} ms (${features} features, ${(bytes / 1024).toFixed(0)} KB)`,
  );
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

async function browserFigures(file: string): Promise<void> {
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
      NODE_ENV: 'development',
      DEMO_PASSWORD: 'tanso-demo',
      TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByLabel('Username').fill('manager');
      await page.getByLabel('Password').fill('tanso-demo');
      await Promise.all([
        page.waitForURL((u) => u.pathname !== '/login'),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      for (const [label, url] of [
        ['province (default view)', '/map'],
        ['one district (643) and FM', '/map?district=643&service=fm_broadcast'],
        ['province, second visit', '/map'],
        [
          'Buôn Ma Thuột at zoom 12 with footprints',
          '/map?lat=12.67&lon=108.04&z=12&layers=districts,stations,footprints,conflicts',
        ],
      ] as const) {
        const t = performance.now();
        await page.goto(url);
        await page.waitForSelector('#map[data-ready="true"][data-busy="0"]', { timeout: 60_000 });
        const ms = performance.now() - t;
        const counts = (await page.locator('#map-counts').textContent())?.trim().replace(/\s+/g, ' ');
        console.log(`  Chromium, time to a drawn map, ${label}: ${ms.toFixed(0)} ms (${counts})`);
      }
    } finally {
      await browser.close();
    }
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const sizeKm = Number(process.argv[3] ?? 160);
  const db = await syntheticDatabase(count, sizeKm);
  try {
    const sq = db.booted.db.sequelize;
    console.log(
      `map layers with ${count} stations over ${sizeKm} × ${sizeKm} km on the province ` +
        `(database built in ${db.loadSeconds.toFixed(0)} s):`,
    );
    const fc = await db.booted.districts.featureCollection();
    const province = turfBbox(fc) as [number, number, number, number];
    const bmt = fc.features.find((f) => f.properties?.code === '643');
    const district = (bmt ? turfBbox(bmt) : province) as [number, number, number, number];
    const codes = fc.features.map((f) => String(f.properties?.code));
    const q = (over: MapQuery): MapQuery => over;
    await timed('stations, whole province, zoom 8 (clusters)', () =>
      stationsGeoJson(sq, q({ bbox: province, zoom: 8 })),
    );
    await timed('stations, whole province, FM only, zoom 8', () =>
      stationsGeoJson(sq, q({ bbox: province, zoom: 8, services: ['fm_broadcast'] })),
    );
    await timed('stations, district view (643), zoom 11', () => stationsGeoJson(sq, q({ bbox: district, zoom: 11 })));
    await timed('stations, district view (643), FM only, zoom 11', () =>
      stationsGeoJson(sq, q({ bbox: district, zoom: 11, services: ['fm_broadcast'] })),
    );
    await timed('footprints, district view (643), zoom 11', () =>
      footprintsGeoJson(sq, q({ bbox: district, zoom: 11 })),
    );
    await timed('choropleth figures, 15 districts (stations, open conflicts)', () => districtFigures(sq, codes, {}));
    registerInspectionMapMetrics(); // as the app does at start
    await timed(
      'choropleth figures, 15 districts (and stations overdue for inspection)',
      () => districtFigures(sq, codes, {}, ['overdueInspections']),
      5,
    );
    if (db.file && process.env.BENCH_NO_BROWSER !== '1') await browserFigures(db.file);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
