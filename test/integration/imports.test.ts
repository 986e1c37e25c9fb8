/**
 * Bulk import (SPEC §10.5, issue 14 item 3): a 2 000-row file with 1 % bad rows of every kind is reported
 * row by row and writes nothing; the corrected file commits everything in one job; the same file again is
 * all `unchanged`; a failure in the middle of a commit leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { jobHandlers } from '../../server/jobs';
import { JobRunner } from '../../server/jobs/runner';
import { createLogger } from '../../server/lib/logger';
import { AssignmentFootprint } from '../../server/models/AssignmentFootprint';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Job } from '../../server/models/Job';
import { Station } from '../../server/models/Station';
import { Import } from '../../server/models/import-models';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { assignmentRows, licenceRows, licenseeRows, stationRows, writeCsv, type Row } from '../helpers/import-files';

const listenersMostly = (rows: Row[]) =>
  rows.map((r, i) => Object.assign(r, { direction: i % 20 === 0 ? 'tx' : 'rx' }));

/** The columns reported for each row. */
function columnsByRow(errors: { row: number; column: string }[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const e of errors) out.set(e.row, [...(out.get(e.row) ?? []), e.column]);
  return out;
}

const TABLES = ['licensees', 'licences', 'stations', 'assignments', 'assignment_footprints', 'conflicts', 'jobs'];

describe('bulk import: dry run, commit, re-import, failure', function () {
  this.timeout(600_000);
  let t: TestApp;
  let dir: string;
  let officer: { agent: Agent; csrf: string };
  let runner: JobRunner;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await t.db.sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`, {
        type: QueryTypes.SELECT,
      });
      out[table] = Number(row?.n);
    }
    out.recordAudits = await AuditEvent.count({ where: { entity: ['licensee', 'licence', 'station', 'assignment'] } });
    return out;
  };

  const upload = (kind: string, file: string, extra: Record<string, string> = {}) => {
    let req = officer.agent.post('/api/v1/imports').set('X-CSRF-Token', officer.csrf).field('kind', kind);
    for (const [k, v] of Object.entries(extra)) req = req.field(k, v);
    return req.attach('file', file);
  };

  const commit = async (id: number) => {
    const res = await officer.agent.post(`/api/v1/imports/${id}/commit`).set('X-CSRF-Token', officer.csrf);
    assert.equal(res.status, 202, res.text);
    assert.ok(res.body.data.id);
    while (await runner.runOnce());
    return Import.findByPk(id, { rejectOnEmpty: true });
  };

  const importAll = async (kind: string, rows: Row[]) => {
    const res = await upload(kind, writeCsv(path.join(dir, `${kind}.csv`), rows));
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.data.counts.error, 0, JSON.stringify(res.body.data.errors.slice(0, 5)));
    const imp = await commit(res.body.data.id);
    assert.equal(imp.status, 'committed', JSON.stringify(imp.result));
    return imp;
  };

  before(async () => {
    t = await makeTestApp();
    dir = mkdtempSync(path.join(tmpdir(), 'tanso-import-'));
    officer = await loginAs(t.app, 'officer');
    runner = new JobRunner({
      sequelize: t.db.sequelize,
      handlers: jobHandlers(t.config),
      logger: createLogger('silent'),
    });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'when licensees and issued licences are imported and committed' + ', then they exist with their externalRef',
    async () => {
      await importAll('licensees', licenseeRows(20));
      const imp = await importAll('licences', licenceRows(20));
      assert.deepEqual(imp.counts, { create: 20, update: 0, unchanged: 0, error: 0 });
      const c = await counts();
      assert.ok(Number(c.licences) >= 20);
    },
  );

  it(
    'when a 2 000-station file has 1 % bad rows of every kind' +
      ', then exactly those rows are reported and nothing is written',
    async () => {
      const rows = stationRows(2000, 20);
      const bad = new Map<number, string>();
      const spoil = (i: number, column: string, change: (r: Row) => void) => {
        change(rows[i] as Row);
        bad.set(i + 1, column);
      };
      for (let k = 0; k < 4; k += 1) {
        spoil(10 + k * 400, 'name', (r) => (r.name = ''));
        spoil(20 + k * 400, 'latitude', (r) => Object.assign(r, { latitude: '21.0285', longitude: '105.8542' }));
        spoil(30 + k * 400, 'licenceNumber', (r) => (r.licenceNumber = 'NO-SUCH-LICENCE'));
        spoil(40 + k * 400, 'externalRef', (r) => (r.externalRef = `L-ST-${k * 400 + 1}`));
        spoil(50 + k * 400, 'txPowerW', (r) => (r.txPowerW = 'năm oát'));
      }
      const before = await counts();
      const res = await upload('stations', writeCsv(path.join(dir, 'bad-stations.csv'), rows));
      assert.equal(res.status, 201, res.text);
      const data = res.body.data;
      assert.equal(data.status, 'checked');
      assert.equal(data.rowCount, 2000);
      assert.deepEqual(data.counts, { create: 1980, update: 0, unchanged: 0, error: 20 });
      const reported = columnsByRow(data.errors);
      assert.deepEqual(
        [...reported.keys()].sort((a, b) => a - b),
        [...bad.keys()].sort((a, b) => a - b),
      );
      for (const [row, column] of bad)
        assert.ok(reported.get(row)?.includes(column), `row ${row}: ${reported.get(row)}`);
      assert.ok(data.errors.every((e: { message: string }) => e.message && !e.message.startsWith('v.')));
      assert.deepEqual(await counts(), before);
      const refused = await officer.agent.post(`/api/v1/imports/${data.id}/commit`).set('X-CSRF-Token', officer.csrf);
      assert.equal(refused.status, 409);
      assert.deepEqual(await counts(), before);
    },
  );

  it(
    'when the corrected file is committed' +
      ', then every station is created, audited with the import id, and the same file again is all unchanged',
    async () => {
      const rows = stationRows(2000, 20);
      const imp = await importAll('stations', rows);
      assert.deepEqual(imp.counts, { create: 2000, update: 0, unchanged: 0, error: 0 });
      assert.equal(await Station.count({ where: { externalRef: rows.map((r) => String(r.externalRef)) } }), 2000);
      const audits = await AuditEvent.findAll({ where: { entity: 'station', action: 'create' } });
      assert.equal(audits.filter((a) => a.changes.importId?.after === imp.id).length, 2000);
      const again = await upload('stations', writeCsv(path.join(dir, 'stations-again.csv'), rows));
      assert.deepEqual(again.body.data.counts, { create: 0, update: 0, unchanged: 2000, error: 0 });
    },
  );

  it(
    'when 2 000 assignments with 1 % bad rows are checked' +
      ', then exactly those are reported; corrected, they commit with footprints',
    async () => {
      // One in twenty transmits (their footprints and conflicts are computed), the others receive.
      const rows = listenersMostly(assignmentRows(2000));
      const bad = new Map<number, string>();
      const spoil = (i: number, column: string, change: (r: Row) => void) => {
        change(rows[i] as Row);
        bad.set(i + 1, column);
      };
      for (let k = 0; k < 4; k += 1) {
        spoil(11 + k * 400, 'emissionDesignator', (r) => (r.emissionDesignator = '0K00F3E'));
        spoil(21 + k * 400, 'frequencyMhz', (r) => (r.frequencyMhz = ''));
        spoil(31 + k * 400, 'stationExternalRef', (r) => (r.stationExternalRef = 'NO-SUCH-STATION'));
        spoil(41 + k * 400, 'externalRef', (r) => (r.externalRef = `L-AS-${k * 400 + 1}`));
        spoil(51 + k * 400, 'bandwidthHz', (r) => (r.bandwidthHz = 'rộng'));
      }
      const before = await counts();
      const res = await upload('assignments', writeCsv(path.join(dir, 'bad-assignments.csv'), rows));
      assert.equal(res.status, 201, res.text);
      assert.deepEqual(res.body.data.counts, { create: 1980, update: 0, unchanged: 0, error: 20 });
      const reported = columnsByRow(res.body.data.errors);
      assert.deepEqual(
        [...reported.keys()].sort((a, b) => a - b),
        [...bad.keys()].sort((a, b) => a - b),
      );
      for (const [row, column] of bad)
        assert.ok(reported.get(row)?.includes(column), `row ${row}: ${reported.get(row)}`);
      assert.deepEqual(await counts(), before);

      const good = listenersMostly(assignmentRows(2000));
      const imp = await importAll('assignments', good);
      assert.deepEqual(imp.counts, { create: 2000, update: 0, unchanged: 0, error: 0 });
      assert.equal(imp.result?.conflictsRecomputed, 2000);
      assert.equal(await AssignmentFootprint.count(), 100);
      const again = await upload('assignments', writeCsv(path.join(dir, 'assignments-again.csv'), good));
      assert.deepEqual(again.body.data.counts, { create: 0, update: 0, unchanged: 2000, error: 0 });
    },
  );

  it(
    'when the database refuses a row in the middle of a commit' +
      ', then nothing of the file is left and the import has failed',
    async () => {
      const rows = stationRows(300, 20, 'X').map((r, i) =>
        Object.assign(r, { licenceNumber: `IMP-L-${String((i % 20) + 1).padStart(5, '0')}` }),
      );
      const res = await upload('stations', writeCsv(path.join(dir, 'fails.csv'), rows));
      assert.deepEqual(res.body.data.counts, { create: 300, update: 0, unchanged: 0, error: 0 });
      const before = await counts();
      let created = 0;
      // The 150th insert breaks a NOT NULL constraint of the database itself.
      Station.addHook('beforeCreate', 'import-test-failure', (s: Station) => {
        created += 1;
        if (created === 150) Reflect.set(s.dataValues, 'name', null);
      });
      try {
        const imp = await commit(res.body.data.id);
        assert.equal(imp.status, 'failed');
        assert.ok(String(imp.result?.error ?? '').length > 0);
      } finally {
        Station.removeHook('beforeCreate', 'import-test-failure');
      }
      const after = await counts();
      assert.deepEqual({ ...after, jobs: before.jobs }, before);
      assert.equal(await Station.count({ where: { externalRef: rows.map((r) => String(r.externalRef)) } }), 0);
      const job = await Job.findOne({ where: { kind: 'imports.commit' }, order: [['id', 'DESC']] });
      assert.equal(job?.status, 'failed');
    },
  );
});
