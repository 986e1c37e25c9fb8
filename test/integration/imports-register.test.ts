/**
 * Stations with their assignments in one file (issue 14, the `register` record type): one row per assignment
 * carrying its station's columns. A bad station marks every row of its station and nothing is written; the
 * corrected file commits stations and assignments together (audited with the import id, history versions kept);
 * the same file again is all `unchanged`; a failure in the middle of the commit leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { jobHandlers } from '../../server/jobs';
import { JobRunner } from '../../server/jobs/runner';
import { createLogger } from '../../server/lib/logger';
import { Assignment } from '../../server/models/Assignment';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Station } from '../../server/models/Station';
import { Import } from '../../server/models/import-models';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { licenceRows, licenseeRows, writeCsv, type Row } from '../helpers/import-files';

const TABLES = ['stations', 'assignments', 'assignment_footprints', 'record_versions'];
const STATIONS = 30;

/**
 * A row per assignment: each station transmits on one channel and receives on another; odd stations repeat
 * their columns on the second row, even ones leave them empty there; the last station has no assignment.
 */
function registerRows(tag: string): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < STATIONS; i += 1) {
    const station: Row = {
      stationExternalRef: `${tag}-ST-${i + 1}`,
      licenceNumber: `IMP-${tag}-${String((i % 5) + 1).padStart(5, '0')}`,
      name: `Trạm Đắk ${tag} ${i + 1}`,
      service: 'land_mobile',
      stationClass: 'FB',
      latitude: (12.62 + (i % 6) * 0.02).toFixed(5),
      longitude: (107.99 + Math.floor(i / 6) * 0.02).toFixed(5),
      antennaHeightM: 25,
      antennaGainDbi: 3,
      txPowerW: 10,
      feederLossDb: 1,
    };
    const blank = Object.fromEntries(
      Object.keys(station).map((k) => [k, k === 'stationExternalRef' ? station[k] : '']),
    );
    if (i === STATIONS - 1) {
      rows.push({
        ...station,
        externalRef: '',
        direction: '',
        frequencyMhz: '',
        bandwidthHz: '',
        emissionDesignator: '',
      });
      continue;
    }
    const freq = (150 + i * 0.125 + ((i * 7919) % 13) * 0.0125).toFixed(4);
    rows.push({ ...station, externalRef: `${tag}-AS-${i + 1}-tx`, direction: 'tx', frequencyMhz: freq });
    rows.push({
      ...(i % 2 ? station : blank),
      externalRef: `${tag}-AS-${i + 1}-rx`,
      direction: 'rx',
      frequencyMhz: (Number(freq) + 4.6).toFixed(4),
    });
  }
  return rows.map((r) => ({
    ...r,
    bandwidthHz: r.direction ? 12_500 : '',
    emissionDesignator: r.direction ? '11K0F3E' : '',
  }));
}

describe('bulk import: stations with their assignments in one file', function () {
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
    out.audits = await AuditEvent.count({ where: { entity: ['station', 'assignment'] } });
    return out;
  };
  const upload = (kind: string, file: string) =>
    officer.agent.post('/api/v1/imports').set('X-CSRF-Token', officer.csrf).field('kind', kind).attach('file', file);
  const commit = async (id: number) => {
    const res = await officer.agent.post(`/api/v1/imports/${id}/commit`).set('X-CSRF-Token', officer.csrf);
    assert.equal(res.status, 202, res.text);
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
    dir = mkdtempSync(path.join(tmpdir(), 'tanso-import-register-'));
    officer = await loginAs(t.app, 'officer');
    runner = new JobRunner({
      sequelize: t.db.sequelize,
      handlers: jobHandlers(t.config),
      logger: createLogger('silent'),
    });
    await importAll('licensees', licenseeRows(5, 'R'));
    await importAll('licences', licenceRows(5, 'R'));
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the template is downloaded, then it has the station columns then the assignment columns', async () => {
    const res = await officer.agent.get('/imports/templates/register.csv');
    assert.equal(res.status, 200);
    const headers = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(',');
    assert.equal(headers[0], 'stationExternalRef');
    for (const h of ['licenceNumber', 'name', 'latitude', 'externalRef', 'direction', 'frequencyHz', 'bandwidthHz'])
      assert.ok(headers.includes(h), h);
    assert.ok(headers.indexOf('latitude') < headers.indexOf('frequencyHz'));
  });

  it(
    'when the file has Vietnamese headers in NFD, semicolons, a BOM, DMS positions and units in the headers' +
      ', then the mapping is guessed and every row reads right',
    async () => {
      const headers = ['Mã trạm', 'Số giấy phép', 'Tên trạm', 'Nghiệp vụ', 'Loại trạm', 'Vĩ độ', 'Kinh độ'];
      headers.push(
        'Độ cao anten',
        'Độ lợi anten',
        'Công suất (dBW)',
        'Mã',
        'Hướng',
        'Tần số (MHz)',
        'Độ rộng kênh (kHz)',
      );
      headers.push('Ký hiệu phát xạ');
      const station = ['VI-ST-1', 'IMP-R-00001', 'Trạm Ea Tu', 'land_mobile', 'FB', `12°40'00"N`, `108°03'00"E`];
      const rows = [
        [...station, '30', '3', '10', 'VI-AS-1', 'TX', '162.5', '12.5', '11K0F3E'],
        ['VI-ST-1', '', '', '', '', '', '', '', '', '', 'VI-AS-2', 'RX', '167.1', '12.5', '11K0F3E'],
        ['VI-ST-2', 'IMP-R-00002', 'Trạm Hòa Thắng', 'land_mobile', 'FB', '12.70', '108.10', '20', '3', '7'].concat([
          'VI-AS-3',
          'tx',
          '162.6',
          '12.5',
          '11K0F3E',
        ]),
      ];
      const cell = (c: string) => (c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c);
      const lines = [headers, ...rows].map((r) => r.map(cell).join(';'));
      const text = `\uFEFF${lines.join('\r\n')}\r\n`.normalize('NFD');
      const file = path.join(dir, 'register-vi.csv');
      (await import('node:fs')).writeFileSync(file, text);
      const before = await counts();
      const res = await upload('register', file);
      assert.equal(res.status, 201, res.text);
      const data = res.body.data;
      assert.deepEqual(data.counts, { create: 3, update: 0, unchanged: 0, error: 0 }, JSON.stringify(data.errors));
      assert.equal(data.mapping.stationExternalRef, 'Mã trạm');
      assert.equal(data.mapping.externalRef, 'Mã');
      assert.equal(data.mapping.latitude, 'Vĩ độ');
      assert.equal(data.mapping.frequencyHz, 'Tần số (MHz)');
      assert.equal(data.mapping.bandwidthHz, 'Độ rộng kênh (kHz)');
      assert.equal(data.mapping.txPowerW, 'Công suất (dBW)');
      assert.deepEqual(await counts(), before);
    },
  );

  it(
    'when a station of the file is bad' + ', then every row of that station is an error and nothing is written',
    async () => {
      const rows = registerRows('R');
      // Station 3 (rows 5 and 6) lies outside the jurisdiction: both its rows are refused.
      Object.assign(rows[4] as Row, { latitude: '21.0285', longitude: '105.8542' });
      // Row 8 (station 4's second row) changes a station column written on row 7.
      Object.assign(rows[7] as Row, { antennaHeightM: 40 });
      // Row 10: a bad designator on a good station.
      Object.assign(rows[9] as Row, { emissionDesignator: '0K00F3E' });
      // Rows 11 and 12: station 6 names a licence that does not exist.
      Object.assign(rows[10] as Row, { licenceNumber: 'NO-SUCH-LICENCE' });
      const before = await counts();
      const res = await upload('register', writeCsv(path.join(dir, 'bad-register.csv'), rows));
      assert.equal(res.status, 201, res.text);
      const data = res.body.data;
      assert.equal(data.kind, 'register');
      assert.equal(data.rowCount, rows.length);
      assert.equal(data.mapping.frequencyHz, 'frequencyMhz');
      assert.equal(data.mapping.stationExternalRef, 'stationExternalRef');
      const byRow = new Map<number, string[]>();
      for (const e of data.errors as { row: number; column: string; message: string }[]) {
        byRow.set(e.row, [...(byRow.get(e.row) ?? []), e.column]);
        assert.ok(e.message && !e.message.startsWith('imports.') && !e.message.startsWith('v.'), e.message);
      }
      assert.deepEqual(
        [...byRow.keys()].sort((a, b) => a - b),
        [5, 6, 8, 10, 11, 12],
      );
      assert.ok(byRow.get(5)?.includes('latitude'));
      assert.deepEqual(byRow.get(6), ['stationExternalRef']);
      assert.deepEqual(byRow.get(8), ['antennaHeightM']);
      assert.ok(byRow.get(10)?.includes('emissionDesignator'));
      assert.ok(byRow.get(11)?.includes('licenceNumber'));
      assert.deepEqual(data.counts, { create: rows.length - 6, update: 0, unchanged: 0, error: 6 });
      assert.deepEqual(await counts(), before);
    },
  );

  it(
    'when the corrected file is committed' +
      ', then stations and assignments exist together, audited with the import id, and again all unchanged',
    async () => {
      const rows = registerRows('R');
      const before = await counts();
      const imp = await importAll('register', rows);
      assert.deepEqual(imp.counts, { create: rows.length, update: 0, unchanged: 0, error: 0 });
      const stations = await Station.findAll({ where: { externalRef: rows.map((r) => String(r.stationExternalRef)) } });
      assert.equal(stations.length, STATIONS);
      const assignments = await Assignment.findAll({
        where: { externalRef: rows.filter((r) => r.externalRef).map((r) => String(r.externalRef)) },
      });
      assert.equal(assignments.length, (STATIONS - 1) * 2);
      const stationByRef = new Map(stations.map((s) => [s.externalRef, s]));
      for (const r of rows.filter((x) => x.externalRef)) {
        const a = assignments.find((x) => x.externalRef === r.externalRef);
        assert.equal(a?.stationId, stationByRef.get(String(r.stationExternalRef))?.id, String(r.externalRef));
        assert.equal(a?.direction, r.direction);
      }
      // The second rows that left the station columns empty took them from the first row.
      assert.equal(stationByRef.get('R-ST-1')?.antennaHeightM, 25);
      const audits = await AuditEvent.findAll({ where: { entity: ['station', 'assignment'], action: 'create' } });
      const mine = audits.filter((a) => a.changes.importId?.after === imp.id);
      assert.equal(mine.filter((a) => a.entity === 'station').length, STATIONS);
      assert.equal(mine.filter((a) => a.entity === 'assignment').length, (STATIONS - 1) * 2);
      const after = await counts();
      const added = (table: string) => (after[table] ?? 0) - (before[table] ?? 0);
      assert.equal(added('stations'), STATIONS);
      assert.equal(added('assignments'), (STATIONS - 1) * 2);
      // A version of each record for the register's history (the footprints add theirs).
      assert.ok(added('record_versions') >= STATIONS + (STATIONS - 1) * 2);
      // The transmitters' footprints were computed by the conflict upkeep.
      assert.equal(added('assignment_footprints'), STATIONS - 1);

      const again = await upload('register', writeCsv(path.join(dir, 'register-again.csv'), rows));
      assert.deepEqual(again.body.data.counts, { create: 0, update: 0, unchanged: rows.length, error: 0 });

      // One station moved and one assignment retuned: those rows update, the rest stay unchanged.
      const changed = registerRows('R');
      for (const r of changed.filter((x) => x.stationExternalRef === 'R-ST-2' && x.name)) r.antennaHeightM = 30;
      Object.assign(changed[0] as Row, { frequencyMhz: '151.0000' });
      const third = await upload('register', writeCsv(path.join(dir, 'register-changed.csv'), changed));
      assert.deepEqual(third.body.data.counts, { create: 0, update: 2, unchanged: rows.length - 2, error: 0 });
      const updated = await commit(third.body.data.id);
      assert.equal(updated.status, 'committed');
      assert.equal((await Station.findOne({ where: { externalRef: 'R-ST-2' } }))?.antennaHeightM, 30);
      assert.equal(Number((await Assignment.findOne({ where: { externalRef: 'R-AS-1-tx' } }))?.frequencyHz), 151e6);

      // A station already in the register named by its key alone: a new assignment is added to it, as it stands.
      const blank = Object.fromEntries(Object.keys(rows[0] as Row).map((k) => [k, '']));
      const more = [{ ...blank, stationExternalRef: 'R-ST-3', externalRef: 'R-AS-3-extra', direction: 'rx' }];
      Object.assign(more[0] as Row, { frequencyMhz: '170.0000', bandwidthHz: 12_500, emissionDesignator: '11K0F3E' });
      const fourth = await upload('register', writeCsv(path.join(dir, 'register-more.csv'), more));
      assert.deepEqual(fourth.body.data.counts, { create: 1, update: 0, unchanged: 0, error: 0 });
      assert.equal((await commit(fourth.body.data.id)).status, 'committed');
      const st3 = await Station.findOne({ where: { externalRef: 'R-ST-3' } });
      assert.equal((await Assignment.findOne({ where: { externalRef: 'R-AS-3-extra' } }))?.stationId, st3?.id);
      assert.equal(st3?.antennaHeightM, 25);
    },
  );

  it(
    'when the database refuses an assignment in the middle of a commit' +
      ', then neither the file’s stations nor its assignments are left',
    async () => {
      const rows = registerRows('R').map((r) =>
        Object.assign(r, {
          stationExternalRef: `X${r.stationExternalRef}`,
          externalRef: r.externalRef ? `X${r.externalRef}` : '',
        }),
      );
      const res = await upload('register', writeCsv(path.join(dir, 'register-fails.csv'), rows));
      assert.equal(res.body.data.counts.error, 0, JSON.stringify(res.body.data.errors.slice(0, 3)));
      const before = await counts();
      let created = 0;
      Assignment.addHook('beforeCreate', 'import-register-failure', (a: Assignment) => {
        created += 1;
        if (created === 30) Reflect.set(a.dataValues, 'direction', null);
      });
      try {
        const imp = await commit(res.body.data.id);
        assert.equal(imp.status, 'failed');
      } finally {
        Assignment.removeHook('beforeCreate', 'import-register-failure');
      }
      assert.deepEqual(await counts(), before);
      assert.equal(await Station.count({ where: { externalRef: rows.map((r) => String(r.stationExternalRef)) } }), 0);
    },
  );
});
