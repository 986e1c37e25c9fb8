import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Finding } from '../../server/models/Finding';
import { Inspection } from '../../server/models/Inspection';
import { InspectionInspector } from '../../server/models/InspectionInspector';
import { InspectionPhoto } from '../../server/models/InspectionPhoto';
import { Licence } from '../../server/models/Licence';
import { Measurement } from '../../server/models/Measurement';
import { Station } from '../../server/models/Station';
import { User } from '../../server/models/User';
import { createUserDirect } from '../../server/modules/users/users.service';
import { csrfFromHtml, loginAs, makeTestApp, TEST_PASSWORD, type Agent, type TestApp } from '../helpers/app';
import { makeLicenceIn } from '../helpers/factories';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 7)]);

type Who = { agent: Agent; csrf: string };

describe('field inspections and findings', () => {
  let t: TestApp;
  let uploads: string;
  const as: Record<string, Who> = {};
  let stationId: number;
  let licenceId: number;
  let district: string;
  let key = 0;
  const clientKey = () => `test-key-${Date.now()}-${++key}`;

  before(async () => {
    uploads = mkdtempSync(path.join(tmpdir(), 'tanso-uploads-'));
    t = await makeTestApp({ env: { UPLOAD_DIR: uploads } });
    const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    stationId = made.stationId;
    licenceId = made.licenceId;
    district = (await Station.findByPk(stationId))?.districtCode as string;
    await createUserDirect(
      t.db.sequelize,
      {
        username: 'inspector3',
        fullName: 'Kiểm soát viên Ba',
        role: 'inspector',
        password: TEST_PASSWORD,
        districtCodes: [district],
      },
      SYSTEM_ACTOR,
    );
    for (const u of ['inspector', 'inspector2', 'inspector3', 'manager', 'officer']) as[u] = await loginAs(t.app, u);
  });
  after(async () => {
    await t.close();
    rmSync(uploads, { recursive: true, force: true });
  });
  const who = (u: string) => as[u] as Who;
  const post = (u: string, url: string, body: object = {}) =>
    who(u).agent.post(url).set('X-CSRF-Token', who(u).csrf).send(body);
  const patch = (u: string, url: string, body: object) =>
    who(u).agent.patch(url).set('X-CSRF-Token', who(u).csrf).send(body);
  const log = (u: string, body: object = {}) =>
    post(u, '/api/v1/inspections', { type: 'routine', stationId, clientKey: clientKey(), ...body });
  const audits = (entity: string, id: number, action?: string) =>
    AuditEvent.count({ where: { entity, entityId: String(id), ...(action ? { action } : {}) } });

  it('the station of these tests lies in a district the first inspector covers and the second does not', () => {
    assert.ok(['643', '648', '655', '657'].includes(district), district);
  });

  it(
    'when an inspector logs an inspection at a station of their district, ' +
      'then it gets a yearly reference, its measurement, its inspector and an audit row',
    async () => {
      const res = await log('inspector', {
        frequencyHz: '160.0125 MHz',
        erpW: '40',
        notes: 'Trạm hoạt động bình thường',
        latitude: '12.6667',
        longitude: '108.038',
        positionSource: 'gps',
        positionAccuracyM: '8',
      });
      assert.equal(res.status, 201, res.text);
      const d = res.body.data;
      assert.match(d.reference, new RegExp(`^INS-${new Date().getFullYear()}-\\d{5}$`));
      assert.equal(d.status, 'in_progress');
      assert.equal(d.districtCode, district);
      const row = await Inspection.findByPk(d.id);
      assert.equal(row?.notes, 'Trạm hoạt động bình thường');
      assert.equal(row?.positionSource, 'gps');
      assert.deepEqual([row?.latitude, row?.longitude, row?.positionAccuracyM], [12.6667, 108.038, 8]);
      assert.deepEqual(
        (await InspectionInspector.findAll({ where: { inspectionId: d.id } })).map((r) => r.userId),
        [d.inspectorIds[0]],
      );
      const m = await Measurement.findOne({ where: { inspectionId: d.id } });
      assert.equal(Number(m?.frequencyHz), 160_012_500);
      assert.equal(await audits('inspection', d.id, 'create'), 1);
      assert.equal(await audits('inspection', d.id, 'measurement.add'), 1);
    },
  );

  it(
    'when the same clientKey arrives twice (an offline queue retrying), ' +
      'then there is one inspection and the second answer is 200 with it',
    async () => {
      const k = clientKey();
      const body = { type: 'routine', stationId, clientKey: k, notes: 'hàng đợi' };
      const [a, b] = await Promise.all([
        post('inspector', '/api/v1/inspections', body),
        post('inspector', '/api/v1/inspections', body),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [200, 201]);
      assert.equal(a.body.data.id, b.body.data.id);
      const c = await post('inspector', '/api/v1/inspections', body);
      assert.equal(c.status, 200);
      assert.equal(await Inspection.count({ where: { clientKey: k } }), 1);
    },
  );

  it(
    'when an inspector of another district logs, edits or adds a finding there, ' + 'then 403 and nothing changes',
    async () => {
      const before = await Inspection.count();
      const res = await log('inspector2');
      assert.equal(res.status, 403);
      assert.match(res.body.error.message, /district/);
      assert.equal(await Inspection.count(), before);
      const mine = (await log('inspector')).body.data;
      assert.equal(
        (await patch('inspector2', `/api/v1/inspections/${mine.id}`, { notes: 'x', version: mine.version })).status,
        403,
      );
      assert.equal(
        (await post('inspector2', `/api/v1/inspections/${mine.id}/findings`, { category: 'other', severity: 'minor' }))
          .status,
        403,
      );
      assert.equal(await Finding.count({ where: { inspectionId: mine.id } }), 0);
      assert.equal((await Inspection.findByPk(mine.id))?.notes, '');
    },
  );

  it(
    'when an inspector of the district who is not one of its inspectors edits it, ' + 'then 403; its own inspector may',
    async () => {
      const i = (await log('inspector')).body.data;
      assert.equal(
        (await patch('inspector3', `/api/v1/inspections/${i.id}`, { notes: 'không phải của tôi', version: i.version }))
          .status,
        403,
      );
      assert.equal((await post('manager', `/api/v1/inspections/${i.id}/measurements`, { erpW: '5' })).status, 403);
      const ok = await patch('inspector', `/api/v1/inspections/${i.id}`, { notes: 'Đã sửa', version: i.version });
      assert.equal(ok.status, 200, ok.text);
      assert.equal((await Inspection.findByPk(i.id))?.notes, 'Đã sửa');
      assert.equal(await audits('inspection', i.id, 'update'), 1);
    },
  );

  it('when an edit carries a stale version, then 409 and the newer values stay', async () => {
    const i = (await log('inspector')).body.data;
    assert.equal(
      (await patch('inspector', `/api/v1/inspections/${i.id}`, { notes: 'một', version: i.version })).status,
      200,
    );
    const stale = await patch('inspector', `/api/v1/inspections/${i.id}`, { notes: 'hai', version: i.version });
    assert.equal(stale.status, 409);
    assert.equal((await Inspection.findByPk(i.id))?.notes, 'một');
    const page = await who('inspector').agent.get(`/inspections/${i.id}/edit`);
    const form = await who('inspector')
      .agent.post(`/inspections/${i.id}`)
      .type('form')
      .send({ _csrf: csrfFromHtml(page.text), version: String(i.version), type: 'routine', notes: 'ba' });
    assert.equal(form.status, 409);
    assert.match(form.text, /ba<\/textarea>/);
    assert.match(form.text, /một/, "the other person's value is shown");
  });

  it(
    'when the log form has a bad position, ' +
      'then 422 with a message beside the field and everything typed kept, and no row',
    async () => {
      const before = await Inspection.count();
      const page = await who('inspector').agent.get('/inspections/new');
      assert.equal(page.status, 200);
      const res = await who('inspector')
        .agent.post('/inspections')
        .type('form')
        .send({
          _csrf: csrfFromHtml(page.text),
          clientKey: clientKey(),
          type: 'unlicensed_search',
          stationId: '',
          place: 'Chợ Buôn Ma Thuột',
          latitude: 'abc',
          longitude: '108.04',
          notes: 'Nghe thấy <b>tạp âm</b>',
        });
      assert.equal(res.status, 422);
      assert.match(res.text, /value="Chợ Buôn Ma Thuột"/);
      assert.match(res.text, /Nghe thấy &lt;b&gt;tạp âm&lt;\/b&gt;/);
      assert.match(res.text, /id="e-latitude"/);
      assert.equal(await Inspection.count(), before);
    },
  );

  it(
    'when an inspector logs a place with no licence, ' +
      'then its district comes from the position and no licence is proposed as unlicensed operation',
    async () => {
      const s = await Station.findByPk(stationId);
      const res = await post('inspector', '/api/v1/inspections', {
        type: 'unlicensed_search',
        clientKey: clientKey(),
        place: 'Đồi',
        latitude: String(s?.latitude),
        longitude: String(s?.longitude),
        erpW: '10',
      });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.data.stationId, null);
      assert.equal(res.body.data.districtCode, district);
      const proposals = await who('inspector').agent.get(`/api/v1/inspections/${res.body.data.id}/proposals`);
      assert.deepEqual(
        proposals.body.data.map((p: { category: string }) => p.category),
        ['unlicensed_operation'],
      );
    },
  );

  it(
    'when measurements break the licence, ' + 'then the proposals list each rule; a compliant reading proposes none',
    async () => {
      const ok = (
        await log('inspector', { frequencyHz: String((await firstTxHz()) / 1e6), latitude: '', longitude: '' })
      ).body.data;
      assert.deepEqual((await who('inspector').agent.get(`/api/v1/inspections/${ok.id}/proposals`)).body.data, []);
      const s = await Station.findByPk(stationId);
      const bad = (
        await log('inspector', {
          frequencyErrorHz: '2500',
          erpW: String((s?.erpW ?? 1) * 2),
          latitude: String((s?.latitude ?? 0) + 0.01),
          longitude: String(s?.longitude),
        })
      ).body.data;
      const res = await who('inspector').agent.get(`/api/v1/inspections/${bad.id}/proposals`);
      assert.deepEqual(res.body.data.map((p: { category: string }) => p.category).sort(), [
        'excess_power',
        'frequency_deviation',
        'location_mismatch',
      ]);
      const page = await who('inspector').agent.get(`/inspections/${bad.id}`);
      assert.match(page.text, /Confirm this finding/);
    },
  );

  async function firstTxHz(): Promise<number> {
    const [rows] = (await t.db.sequelize.query(
      `SELECT "frequencyHz" FROM assignments WHERE "stationId" = ${stationId} AND direction = 'tx'`,
    )) as [{ frequencyHz: number | string }[], unknown];
    return Number(rows[0]?.frequencyHz);
  }

  describe('photos', () => {
    let inspectionId: number;
    before(async () => {
      inspectionId = (await log('inspector')).body.data.id;
    });
    const upload = (u: string, files: { buf: Buffer; name: string; type: string }[]) => {
      let req = who(u).agent.post(`/api/v1/inspections/${inspectionId}/photos`).set('X-CSRF-Token', who(u).csrf);
      for (const f of files) req = req.attach('photos', f.buf, { filename: f.name, contentType: f.type });
      return req;
    };

    it(
      'when an inspector uploads a PNG, ' +
        'then it is stored outside the web root under a generated name and served only to signed-in staff',
      async () => {
        const res = await upload('inspector', [{ buf: PNG, name: 'ảnh trạm.png', type: 'image/png' }]);
        assert.equal(res.status, 201, res.text);
        const p = await InspectionPhoto.findOne({ where: { inspectionId }, order: [['id', 'DESC']] });
        assert.ok(p);
        assert.match(p.fileName, /^[0-9a-f-]{36}\.png$/);
        assert.equal(p.originalName, 'ảnh trạm.png');
        assert.ok(existsSync(path.join(uploads, 'inspections', p.fileName)));
        const get = await who('officer').agent.get(`/inspections/${inspectionId}/photos/${p.id}`);
        assert.equal(get.status, 200);
        assert.equal(get.headers['content-type'], 'image/png');
        assert.deepEqual(Buffer.from(get.body as Buffer), PNG);
        const anonymous = await supertest(t.app).get(`/inspections/${inspectionId}/photos/${p.id}`);
        assert.equal(anonymous.status, 303);
        assert.match(String(anonymous.headers.location), /^\/login/);
        assert.equal(await audits('inspection', inspectionId, 'photo.add'), 1);
      },
    );

    it('when a renamed .exe is uploaded as a .jpg, then 422 with a clear message and no row or file', async () => {
      const rows = await InspectionPhoto.count();
      const files = readdirSync(path.join(uploads, 'inspections')).length;
      const res = await upload('inspector', [{ buf: EXE, name: 'photo.jpg', type: 'image/jpeg' }]);
      assert.equal(res.status, 422);
      assert.match(res.body.error.fields.photos, /photo\.jpg.*not a JPG, PNG or WebP/);
      assert.equal(await InspectionPhoto.count(), rows);
      assert.equal(readdirSync(path.join(uploads, 'inspections')).length, files);
    });

    it('when a photo is over 5 MB, then 413 with a clear message', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
      const res = await upload('inspector', [{ buf: big, name: 'big.png', type: 'image/png' }]);
      assert.equal(res.status, 413);
      assert.match(res.body.error.message, /larger than 5 MB/);
    });

    it('when an inspection would get more than 20 photos, then 413 and none of them is added', async () => {
      const rows = await InspectionPhoto.count({ where: { inspectionId } });
      const twenty = Array.from({ length: 20 }, (_, k) => ({ buf: PNG, name: `p${k}.png`, type: 'image/png' }));
      const res = await upload('inspector', twenty);
      assert.equal(res.status, 413);
      assert.match(res.body.error.message, /at most 20 photos/);
      assert.equal(await InspectionPhoto.count({ where: { inspectionId } }), rows);
      const tooMany = await upload('inspector', [...twenty, { buf: PNG, name: 'x.png', type: 'image/png' }]);
      assert.equal(tooMany.status, 413);
    });

    it('when an inspector of another district uploads, then 403', async () => {
      assert.equal((await upload('inspector2', [{ buf: PNG, name: 'a.png', type: 'image/png' }])).status, 403);
    });

    it(
      'when the phone form posts multipart with its photo, ' + 'then the inspection and its photo are made in one go',
      async () => {
        const page = await who('inspector').agent.get(`/inspections/new?stationId=${stationId}`);
        assert.match(page.text, /Licensed: /);
        const k = clientKey();
        const res = await who('inspector')
          .agent.post('/inspections')
          .field('_csrf', csrfFromHtml(page.text))
          .field('clientKey', k)
          .field('type', 'routine')
          .field('stationId', String(stationId))
          .field('notes', 'qua biểu mẫu')
          .attach('photos', PNG, { filename: 'a.png', contentType: 'image/png' });
        assert.equal(res.status, 303, res.text.slice(0, 300));
        const i = await Inspection.findOne({ where: { clientKey: k } });
        assert.equal(await InspectionPhoto.count({ where: { inspectionId: i?.id } }), 1);
      },
    );
  });

  it(
    'when an inspection is completed, ' +
      'then it is read-only (409) and corrections are new audited entries by its inspectors',
    async () => {
      const i = (await log('inspector')).body.data;
      const done = await post('inspector', `/api/v1/inspections/${i.id}/complete`, { outcome: 'compliant' });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.data.status, 'completed');
      const edit = await patch('inspector', `/api/v1/inspections/${i.id}`, {
        notes: 'sửa sau',
        version: done.body.data.version,
      });
      assert.equal(edit.status, 409);
      assert.match(edit.body.error.message, /read-only/);
      assert.equal((await post('inspector', `/api/v1/inspections/${i.id}/measurements`, { erpW: '1' })).status, 409);
      assert.equal((await post('inspector3', `/api/v1/inspections/${i.id}/corrections`, { text: 'x' })).status, 403);
      const c = await post('inspector', `/api/v1/inspections/${i.id}/corrections`, {
        text: 'Công suất ghi nhầm: 40 W',
      });
      assert.equal(c.status, 201);
      assert.equal(await audits('inspection', i.id, 'correct'), 1);
      assert.equal(await audits('inspection', i.id, 'complete'), 1);
    },
  );

  it(
    'a finding goes open → action_required → (suspension requested, ' +
      'shown to managers on the licence, who suspend) → resolved, every step audited',
    async () => {
      const i = (await log('inspector', { erpW: '500' })).body.data;
      const created = await post('inspector', `/api/v1/inspections/${i.id}/findings`, {
        category: 'excess_power',
        severity: 'major',
        legalBasis: 'Nghị định 15/2020/NĐ-CP, Điều 59',
        description: 'Vượt công suất',
      });
      assert.equal(created.status, 201, created.text);
      const f = created.body.data;
      assert.equal(f.status, 'open');
      assert.equal(
        (
          await post('inspector2', `/api/v1/findings/${f.id}/require_action`, {
            requiredAction: 'x',
            dueDate: '2030-01-01',
          })
        ).status,
        403,
      );
      const bad = await post('inspector', `/api/v1/findings/${f.id}/require_action`, {
        requiredAction: '',
        dueDate: 'mai',
      });
      assert.equal(bad.status, 422);
      assert.ok(bad.body.error.fields.requiredAction && bad.body.error.fields.dueDate);
      const ar = await post('inspector', `/api/v1/findings/${f.id}/require_action`, {
        requiredAction: 'Giảm công suất về mức cấp phép',
        dueDate: '2020-01-01',
      });
      assert.equal(ar.body.data.status, 'action_required');
      assert.equal(ar.body.data.overdue, true);
      const overdue = await who('manager').agent.get('/api/v1/findings?overdue=1');
      assert.ok(overdue.body.data.some((x: { id: number }) => x.id === f.id));
      assert.equal((await post('inspector', `/api/v1/findings/${f.id}/sanction`, { sanction: 'fine' })).status, 422);
      const s = await post('inspector', `/api/v1/findings/${f.id}/sanction`, {
        sanction: 'suspension_requested',
        sanctionNote: 'Tái phạm',
      });
      assert.equal(s.status, 200, s.text);
      const licencePage = await who('manager').agent.get(`/licences/${licenceId}`);
      assert.match(licencePage.text, /Suspension requested by an inspection/);
      assert.match(licencePage.text, /Tái phạm/);
      assert.doesNotMatch(
        (await who('officer').agent.get(`/licences/${licenceId}`)).text,
        /Suspension requested by an inspection/,
      );
      const suspend = await post('manager', `/api/v1/licences/${licenceId}/suspend`, {
        reason: `Theo vi phạm #${f.id}`,
      });
      assert.equal(suspend.status, 200, suspend.text);
      assert.equal((await Licence.findByPk(licenceId))?.status, 'suspended');
      const resolved = await post('inspector', `/api/v1/findings/${f.id}/resolve`, {
        resolution: 'Đã giảm công suất, kiểm tra lại đạt',
      });
      assert.equal(resolved.body.data.status, 'resolved');
      assert.equal((await post('inspector', `/api/v1/findings/${f.id}/escalate`, { note: 'x' })).status, 409);
      for (const action of ['create', 'require_action', 'sanction', 'resolve'])
        assert.equal(await audits('finding', f.id, action), 1, action);
      assert.equal((await Finding.findByPk(f.id))?.sanction, 'suspension_requested');
      await post('manager', `/api/v1/licences/${licenceId}/reinstate`, {});
    },
  );

  it(
    'a manager plans an inspection only with inspectors who cover its district; ' +
      'the due list shows an overdue station',
    async () => {
      const inspector = await User.findOne({ where: { username: 'inspector' } });
      const inspector2 = await User.findOne({ where: { username: 'inspector2' } });
      const wrong = await post('manager', '/api/v1/inspections', {
        type: 'routine',
        stationId,
        scheduledFor: '2030-01-10',
        inspectorIds: [inspector2?.id],
      });
      assert.equal(wrong.status, 422);
      const ok = await post('manager', '/api/v1/inspections', {
        type: 'routine',
        stationId,
        scheduledFor: '2030-01-10',
        inspectorIds: [inspector?.id],
      });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.body.data.status, 'planned');
      assert.equal(await audits('inspection', ok.body.data.id, 'plan'), 1);
      await t.db.sequelize.query(`UPDATE licences SET "issuedAt" = '2020-01-01 00:00:00' WHERE id = ${licenceId}`);
      await t.db.sequelize.query(
        `UPDATE inspections SET status = 'cancelled' WHERE "stationId" = ${stationId} AND status <> 'planned'`,
      );
      const due = await who('inspector').agent.get('/api/v1/inspections/due');
      const item = due.body.data.find((x: { stationId: number }) => x.stationId === stationId);
      assert.ok(item, 'the station is due');
      assert.equal(item.state, 'overdue');
      assert.ok(item.overdueDays > 300);
      assert.equal(
        (await who('inspector2').agent.get('/api/v1/inspections/due')).body.data.some(
          (x: { stationId: number }) => x.stationId === stationId,
        ),
        false,
      );
      // The inspector's home page leads with the same count.
      const overdue = (due.body.data as { state: string }[]).filter((x) => x.state === 'overdue').length;
      assert.ok(overdue >= 1);
      const home = await who('inspector').agent.get('/').set('Accept-Language', 'en');
      assert.match(
        home.text,
        new RegExp(
          `<a href="/inspections/due\\?state=overdue">${overdue} stations? ` +
            'overdue for inspection in your districts</a>',
        ),
      );
    },
  );

  it('the pages render for inspectors and managers, with filters, in both languages', async () => {
    for (const url of [
      '/inspections',
      '/inspections?status=in_progress&overdue=1',
      '/findings?severity=major&overdue=1',
      '/inspections/new',
      `/inspections/new?stationId=${stationId}`,
      `/stations/${stationId}`,
      `/licences/${licenceId}`,
    ]) {
      const res = await who('inspector').agent.get(url);
      assert.equal(res.status, 200, `${url}: ${res.text.slice(0, 200)}`);
    }
    assert.equal((await who('manager').agent.get('/inspections/plan')).status, 200);
    const f = await Finding.findOne({ order: [['id', 'DESC']] });
    const i = await Inspection.findOne({ where: { status: 'in_progress' }, order: [['id', 'DESC']] });
    for (const url of [
      `/findings/${f?.id}`,
      `/inspections/${f?.inspectionId}`,
      `/inspections/${i?.id}`,
      `/inspections/${i?.id}/edit`,
    ]) {
      const res = await who('inspector').agent.get(url);
      assert.equal(res.status, 200, `${url}: ${res.text.slice(0, 200)}`);
    }
    const open = (
      await post('inspector', `/api/v1/inspections/${i?.id}/findings`, { category: 'other', severity: 'minor' })
    ).body.data;
    const page = await who('inspector').agent.get(`/findings/${open.id}`);
    const bad = await who('inspector')
      .agent.post(`/findings/${open.id}/resolve`)
      .type('form')
      .send({
        _csrf: csrfFromHtml(page.text),
        version: String(open.version),
        resolution: '',
        followUpInspectionId: 'abc',
      });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /id="e-resolve-resolution"/);
    assert.match(bad.text, /value="abc"/);
    assert.equal((await Finding.findByPk(open.id))?.status, 'open');
    const vi = await who('manager').agent.get('/inspections').set('Cookie', 'lang=vi');
    assert.match(vi.text, /Kiểm tra/);
    const list = await who('manager').agent.get(`/api/v1/inspections?stationId=${stationId}&pageSize=5`);
    assert.equal(list.body.pageSize, 5);
    assert.ok(list.body.total > 5);
  });
});
