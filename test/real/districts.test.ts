/**
 * The official Đắk Lắk district boundaries (../shared/data/daklak-districts.geojson, read in place and
 * never copied into this repository) through validation, the real import command and the app's lookup.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { validateBoundaries } from '../../geo/districts/validate';
import { openDatabase, type Database } from '../../server/db';
import { DistrictService } from '../../server/modules/districts/districts.service';

const REPO_ROOT = path.resolve(__dirname, '../..');
const OFFICIAL_FILE = path.resolve(__dirname, '../../../shared/data/daklak-districts.geojson');
const EXPECTED_CODES = Array.from({ length: 657 - 643 + 1 }, (_, i) => String(643 + i));
/** Summed area stated for the file in shared/data/README.md. */
const EXPECTED_TOTAL_KM2 = 13_028;

function readOfficial(): FeatureCollection<Polygon | MultiPolygon> {
  return JSON.parse(readFileSync(OFFICIAL_FILE, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
}

describe('real data: Đắk Lắk district boundaries', function () {
  this.timeout(120_000);

  let tmp: string;
  let storage: string;
  let firstImport: SpawnSyncReturns<string>;
  let db: Database | undefined;
  let service: DistrictService;

  function runImport(file: string): SpawnSyncReturns<string> {
    return spawnSync('npx', ['tsx', 'server/cli/districts-import.ts', file], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 110_000,
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${storage}`,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        // Given so the command does not write a generated secret into the repository's data/ directory.
        SESSION_SECRET: 'real-districts-test-session-secret-0123456789',
      },
    });
  }

  function describeRun(r: SpawnSyncReturns<string>): string {
    return `exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  }

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tanso-real-districts-'));
    storage = path.join(tmp, 'real.sqlite');
    firstImport = runImport(OFFICIAL_FILE);
    if (firstImport.status === 0) {
      db = await openDatabase({ dialect: 'sqlite', storage, url: `sqlite:${storage}` });
      service = new DistrictService(db.sequelize);
    }
  });

  after(async () => {
    await db?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('when the official file is validated, then it is accepted with 15 features coded 643..657', () => {
    const result = validateBoundaries(readOfficial());
    assert.ok(result.ok, `refused: ${JSON.stringify(result)}`);
    assert.equal(result.features.length, 15);
    assert.deepEqual(result.features.map((f) => f.code).sort(), EXPECTED_CODES);
  });

  it('when the import command is run on the official file, then it exits 0 and reports 15 new districts', () => {
    assert.equal(firstImport.status, 0, describeRun(firstImport));
    assert.match(firstImport.stdout, /Imported 15 districts .*: 15 new, 0 changed, 0 unchanged, 0 retired\./);
  });

  it(
    "when the imported database is opened with the app's code, " +
      'then it holds the 15 official districts, finds Buôn Ma Thuột at 12.6667 N 108.0380 E and sums to ≈ 13 028 km²',
    async () => {
      assert.ok(db, `the first import failed: ${describeRun(firstImport)}`);
      const current = await service.current();
      assert.equal(current.length, 15);
      assert.deepEqual(current.map((d) => d.code).sort(), EXPECTED_CODES);

      const hit = await service.lookup(12.6667, 108.038);
      assert.equal(hit?.code, '643');
      assert.equal(hit?.name, 'Buôn Ma Thuột');
      assert.equal(hit?.type, 'city');

      const total = current.reduce((sum, d) => sum + d.areaKm2, 0);
      assert.ok(
        Math.abs(total - EXPECTED_TOTAL_KM2) / EXPECTED_TOTAL_KM2 <= 0.01,
        `summed area ${total.toFixed(1)} km²`,
      );
      assert.deepEqual(
        current.filter((d) => d.approximate).map((d) => d.code),
        [],
      );
    },
  );

  it(
    'when the same file is imported a second time, ' +
      'then everything is reported unchanged and 15 current rows remain',
    async () => {
      assert.ok(db, `the first import failed: ${describeRun(firstImport)}`);
      const second = runImport(OFFICIAL_FILE);
      assert.equal(second.status, 0, describeRun(second));
      assert.match(second.stdout, /0 new, 0 changed, 15 unchanged, 0 retired/);
      assert.equal((await service.current()).length, 15);
    },
  );

  it(
    "when a copy with one ring's last position removed is imported, " +
      'then it is refused with exit 1 naming the feature and "not closed", and the 15 districts stay',
    async () => {
      assert.ok(db, `the first import failed: ${describeRun(firstImport)}`);
      const broken = readOfficial();
      const target = broken.features[3];
      assert.ok(target, 'the official file has fewer than 4 features');
      const geometry = target.geometry;
      const ring: Position[] | undefined =
        geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
      assert.ok(ring && ring.length > 4, 'the chosen feature has no usable outer ring');
      ring.pop();
      const code = String(target.properties?.code);
      const brokenFile = path.join(tmp, 'daklak-unclosed.geojson');
      writeFileSync(brokenFile, JSON.stringify(broken));

      const refused = runImport(brokenFile);
      assert.equal(refused.status, 1, describeRun(refused));
      assert.match(refused.stderr, /nothing was imported/);
      const line = refused.stderr.split('\n').find((l) => l.includes('not closed'));
      assert.ok(line, `no "not closed" line in stderr: ${refused.stderr}`);
      assert.ok(
        line.includes('feature 3') && line.includes(`code ${code}`),
        `the line does not name the feature: ${line}`,
      );

      const current = await service.current();
      assert.equal(current.length, 15);
      assert.deepEqual(current.map((d) => d.code).sort(), EXPECTED_CODES);
    },
  );
});
