/**
 * The live check (POST /api/v1/conflicts/check → checkUnsaved) against a SQLite register of 100 000 TX
 * assignments over 1 000 × 1 000 km: the query for the candidate's neighbours, their stored footprints,
 * the candidate's footprint and contours, and the engine. 200 random candidates; figures printed.
 *   tsx test/bench/check-db.ts [count] [sizeKm]
 * On PostgreSQL (its public schema is emptied first, so give it a database of its own):
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tanso_bench \
 *     npx tsx server/cli/with-pg.ts npx tsx test/bench/check-db.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { createPointIndex } from '../../geo/districts/point-index';
import { boot, type Booted } from '../../server/boot';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/lib/logger';
import { checkUnsaved } from '../../server/modules/assignments/assignments.service';
import { liveCheckBody, syntheticRegister } from './synthetic';
import { loadSynthetic } from './synthetic-db';

/** A migrated SQLite database in a temporary directory holding a synthetic register of `count` TX assignments. */
export async function syntheticDatabase(
  count: number,
  sizeKm: number,
  options: { mix?: 'demo' | 'dense'; env?: Record<string, string> } = {},
): Promise<{ booted: Booted; file: string | null; loadSeconds: number; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tanso-bench-db-'));
  const pgUrl = process.env.TEST_DATABASE_URL?.startsWith('postgres') ? process.env.TEST_DATABASE_URL : null;
  const file = pgUrl ? null : path.join(dir, 'bench.sqlite');
  if (pgUrl) {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await client.end();
  }
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: pgUrl ?? `sqlite:${file}`,
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const booted = await boot(config, createLogger('silent'));
  const fc = await booted.districts.featureCollection();
  const index = createPointIndex(fc.features.map((f) => ({ geometry: f.geometry, value: String(f.properties?.code) })));
  const t0 = performance.now();
  await loadSynthetic(
    booted.db.sequelize,
    syntheticRegister(count, sizeKm, 2026, options.mix),
    (lat, lon) => index.lookup(lat, lon) ?? 'outside',
  );
  const loadSeconds = (performance.now() - t0) / 1000;
  return {
    booted,
    file,
    loadSeconds,
    close: async () => {
      await booted.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const sizeKm = Number(process.argv[3] ?? 1000);
  const db = await syntheticDatabase(count, sizeKm);
  try {
    const candidates = syntheticRegister(200, sizeKm, 99);
    const times: number[] = [];
    let conflicts = 0;
    for (const c of candidates) {
      const body = liveCheckBody(c);
      const t = performance.now();
      conflicts += (await checkUnsaved(body)).conflicts.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) =>
      (times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? Number.NaN).toFixed(1);
    const where = db.file ? `SQLite (file ${(statSync(db.file).size / 2 ** 20).toFixed(0)} MB)` : 'PostgreSQL';
    console.log(
      `live check (checkUnsaved) on ${where} with ${count} TX assignments over ${sizeKm} × ${sizeKm} km ` +
        `(loaded in ${db.loadSeconds.toFixed(1)} s): 200 candidates, p50 ${at(50)} ms, p95 ${at(95)} ms, ` +
        `max ${(times.at(-1) ?? 0).toFixed(1)} ms; ${conflicts} conflicts found`,
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
