/**
 * The import API and pages (SPEC §10.5): who may import and see imports, refusals with a message per
 * field, files as people write them (BOM, semicolons, NFD text, DMS, dBW, kHz headers), the mapping
 * adjusted and saved by name, templates, the row limit, and the pages in both languages.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jobHandlers } from '../../server/jobs';
import { JobRunner } from '../../server/jobs/runner';
import { createLogger } from '../../server/lib/logger';
import { Licensee } from '../../server/models/Licensee';
import { Station } from '../../server/models/Station';
import { Import } from '../../server/models/import-models';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { csvOf, licenceRows, licenseeRows, writeCsv } from '../helpers/import-files';

describe('bulk import: API, pages and files as people write them', function () {
  this.timeout(300_000);
  let t: TestApp;
  let dir: string;
  let officer: { agent: Agent; csrf: string };
  let manager: { agent: Agent; csrf: string };
  let runner: JobRunner;

  const upload = (
    who: { agent: Agent; csrf: string },
    kind: string,
    file: string,
    extra: Record<string, string> = {},
  ) => {
    let req = who.agent.post('/api/v1/imports').set('X-CSRF-Token', who.csrf).field('kind', kind);
    for (const [k, v] of Object.entries(extra)) req = req.field(k, v);
    return req.attach('file', file);
  };
  const commitAll = async (id: number) => {
    const res = await officer.agent.post(`/api/v1/imports/${id}/commit`).set('X-CSRF-Token', officer.csrf);
    assert.equal(res.status, 202, res.text);
    while (await runner.runOnce());
  };

  before(async () => {
    t = await makeTestApp();
    dir = mkdtempSync(path.join(tmpdir(), 'tanso-import-api-'));
    officer = await loginAs(t.app, 'officer');
    manager = await loginAs(t.app, 'manager');
    runner = new JobRunner({
      sequelize: t.db.sequelize,
      handlers: jobHandlers(t.config),
      logger: createLogger('silent'),
    });
    const a = await upload(officer, 'licensees', writeCsv(path.join(dir, 'l.csv'), licenseeRows(3)));
    await commitAll(a.body.data.id);
    const b = await upload(officer, 'licences', writeCsv(path.join(dir, 'g.csv'), licenceRows(3)));
    await commitAll(b.body.data.id);
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the kind or the file is missing, then 422 with a message per field and no import row', async () => {
    const before = await Import.count();
    const noFile = await officer.agent
      .post('/api/v1/imports')
      .set('X-CSRF-Token', officer.csrf)
      .field('kind', 'stations');
    assert.equal(noFile.status, 422);
    assert.ok(noFile.body.error.fields.file);
    const badKind = await upload(officer, 'frequencies', writeCsv(path.join(dir, 'x.csv'), licenseeRows(1)));
    assert.equal(badKind.status, 422);
    assert.ok(badKind.body.error.fields.kind);
    assert.equal(await Import.count(), before);
  });

  it('when an inspector imports, then 403; an officer sees only their imports, a manager every one', async () => {
    const inspector = await loginAs(t.app, 'inspector');
    const res = await upload(inspector, 'licensees', writeCsv(path.join(dir, 'i.csv'), licenseeRows(1)));
    assert.equal(res.status, 403);
    assert.equal((await inspector.agent.get('/imports')).status, 403);
    const mine = await upload(manager, 'licensees', writeCsv(path.join(dir, 'm.csv'), licenseeRows(1, 'M')));
    assert.equal(mine.status, 201);
    assert.equal((await officer.agent.get(`/api/v1/imports/${mine.body.data.id}`)).status, 404);
    const all = await manager.agent.get('/api/v1/imports');
    assert.ok(all.body.data.length >= 3);
    const officers = await officer.agent.get('/api/v1/imports');
    assert.ok(officers.body.data.every((i: { id: number }) => i.id !== mine.body.data.id));
  });

  it(
    'when a station file has a BOM, semicolons, Vietnamese headers in NFD, DMS positions and power in dBW' +
      ', then it reads right',
    async () => {
      const headers = [
        'Mã',
        'Số giấy phép',
        'Tên trạm',
        'Nghiệp vụ',
        'Loại trạm',
        'Vĩ độ',
        'Kinh độ',
        'Độ cao anten',
        'Tăng ích anten',
        'Công suất (dBW)',
      ];
      const text = csvOf(
        [
          {
            Mã: 'DMS-1',
            'Số giấy phép': 'IMP-L-00001',
            'Tên trạm': 'Trạm Hòa Thắng'.normalize('NFD'),
            'Nghiệp vụ': 'land_mobile',
            'Loại trạm': 'FB',
            'Vĩ độ': `12°40'00"N`,
            'Kinh độ': `108°02'17"E`,
            'Độ cao anten': '30',
            'Tăng ích anten': '6',
            'Công suất (dBW)': '20',
          },
        ],
        { delimiter: ';', bom: true, headers },
      );
      const file = path.join(dir, 'vi.csv');
      writeFileSync(file, text.normalize('NFD'));
      const res = await upload(officer, 'stations', file);
      assert.equal(res.status, 201, res.text);
      assert.deepEqual(
        res.body.data.counts,
        { create: 1, update: 0, unchanged: 0, error: 0 },
        JSON.stringify(res.body.data.errors),
      );
      await commitAll(res.body.data.id);
      const s = await Station.findOne({ where: { externalRef: 'DMS-1' } });
      assert.ok(s);
      assert.equal(s.name, 'Trạm Hòa Thắng'.normalize('NFC'));
      assert.equal(s.latitude, 12.6666667);
      assert.equal(s.txPowerW, 100);
    },
  );

  it(
    'when the mapping is adjusted and saved by name' +
      ', then the file is checked again and the name serves the next upload',
    async () => {
      const rows = [{ 'Mã KH': 'K-1', 'Tên đơn vị': 'Hợp tác xã Ea Kao', Loại: 'other', Extra: 'x' }];
      const file = writeCsv(path.join(dir, 'k.csv'), rows);
      const first = await upload(officer, 'licensees', file);
      assert.equal(first.body.data.counts.error, 1);
      assert.equal(first.body.data.errors[0].column, 'externalRef');
      const page = await officer.agent.get(`/imports/${first.body.data.id}`);
      assert.equal(page.status, 200);
      const remap = await officer.agent.post(`/imports/${first.body.data.id}/mapping`).type('form').send({
        _csrf: officer.csrf,
        'map[externalRef]': 'Mã KH',
        'map[name]': 'Tên đơn vị',
        'map[kind]': 'Loại',
        saveAs: 'HTX',
      });
      assert.equal(remap.status, 303);
      const again = await Import.findByPk(first.body.data.id, { rejectOnEmpty: true });
      assert.deepEqual(again.counts, { create: 1, update: 0, unchanged: 0, error: 0 });
      const named = await upload(officer, 'licensees', file, { mappingName: 'HTX' });
      assert.deepEqual(named.body.data.counts, { create: 1, update: 0, unchanged: 0, error: 0 });
      const json = await upload(officer, 'licensees', file, {
        mapping: JSON.stringify({ externalRef: 'Mã KH', name: 'Tên đơn vị', kind: 'Loại' }),
      });
      assert.deepEqual(json.body.data.counts, { create: 1, update: 0, unchanged: 0, error: 0 });
      assert.equal(await Licensee.count({ where: { externalRef: 'K-1' } }), 0);
    },
  );

  it('when a file has more than 200 000 rows, then 422 with a clear message and nothing kept', async () => {
    const before = await Import.count();
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, `externalRef,name,kind\n${'a,b,other\n'.repeat(200_001)}`);
    const res = await upload(officer, 'licensees', file);
    assert.equal(res.status, 422);
    assert.match(res.body.error.fields.file, /200/);
    assert.equal(await Import.count(), before);
  });

  it(
    'when templates and outcomes are downloaded' +
      ', then they are CSV with the field names; the pages answer in both languages',
    async () => {
      const tpl = await officer.agent.get('/imports/templates/assignments.csv');
      assert.equal(tpl.status, 200);
      assert.match(
        tpl.text,
        /^\uFEFF?externalRef,stationExternalRef,direction,frequencyHz,bandwidthHz,emissionDesignator/,
      );
      const imp = await Import.findOne({
        order: [['id', 'DESC']],
        where: { createdById: (await Import.findOne())?.createdById ?? 0 },
      });
      assert.ok(imp);
      const out = await officer.agent.get(`/imports/${imp.id}/outcomes.csv`);
      assert.equal(out.status, 200);
      assert.match(out.text, /row,outcome,column,message/);
      for (const lang of ['en', 'vi']) {
        const page = await officer.agent.get('/imports').set('Accept-Language', lang);
        assert.equal(page.status, 200);
        assert.match(page.text, lang === 'vi' ? /Nhập sổ đăng ký/ : /Import a register/);
      }
    },
  );
});
