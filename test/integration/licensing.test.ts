import assert from 'node:assert/strict';
import supertest from 'supertest';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Assignment } from '../../server/models/Assignment';
import { Licence, type LicenceStatus } from '../../server/models/Licence';
import { LicenceRevision } from '../../server/models/LicenceRevision';
import { Licensee } from '../../server/models/Licensee';
import { Station } from '../../server/models/Station';
import { LICENCE_RULES } from '../../server/modules/licences/licences.policy';
import { expireDueLicences } from '../../server/modules/licences/licences.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft, makeLicenceIn } from '../helpers/factories';

const USERS = { licensing_officer: 'officer', manager: 'manager', inspector: 'inspector', admin: 'admin' } as const;
const STATES: LicenceStatus[] = ['draft', 'submitted', 'issued', 'rejected', 'suspended', 'revoked', 'expired'];
const ACTIONS = ['submit', 'return', 'reject', 'issue', 'suspend', 'reinstate', 'revoke', 'renew', 'amend'] as const;
const BODY: Record<string, object> = {
  return: { reason: 'Thiếu sơ đồ' },
  reject: { reason: 'Không đủ điều kiện' },
  suspend: { reason: 'Vi phạm' },
  revoke: { reason: 'Vi phạm nghiêm trọng' },
  renew: { validTo: '2035-12-31' },
  issue: { note: 'Đồng ý' },
};

describe('licensing register', () => {
  let t: TestApp;
  const as: Record<string, { agent: Agent; csrf: string }> = {};
  before(async () => {
    t = await makeTestApp();
    for (const [role, username] of Object.entries(USERS)) as[role] = await loginAs(t.app, username);
  });
  after(async () => {
    await t.close();
  });
  const post = (role: keyof typeof USERS, path: string, body: object = {}) =>
    (as[role] as { agent: Agent; csrf: string }).agent
      .post(path)
      .set('X-CSRF-Token', (as[role] as { csrf: string }).csrf)
      .send(body);

  describe('the transition matrix (each action × each state × each role)', () => {
    for (const state of STATES) {
      for (const action of ACTIONS) {
        const rule = LICENCE_RULES[action];
        it(
          `${action} on a ${state} licence: ` +
            (rule.from.includes(state)
              ? `only ${rule.roles.join('/')} may (→ ${rule.to})`
              : 'refused with 409 for the role that could act elsewhere, 403 for others'),
          async () => {
            const made = await makeLicenceIn(t.db.sequelize, t.districts, state);
            const before = await Licence.findByPk(made.licenceId);
            const roles = (Object.keys(USERS) as (keyof typeof USERS)[]).sort(
              (a, b) => Number(rule.roles.includes(a)) - Number(rule.roles.includes(b)),
            );
            for (const role of roles) {
              const res = await post(role, `/api/v1/licences/${made.licenceId}/${action}`, BODY[action] ?? {});
              const allowedRole = rule.roles.includes(role);
              const expected = !allowedRole ? 403 : rule.from.includes(state) ? 200 : 409;
              assert.equal(res.status, expected, `${role} ${action} on ${state}: ${res.text.slice(0, 200)}`);
              if (res.status !== 200) {
                assert.ok(res.body.error.message.length > 10, 'a clear message');
                const now = await Licence.findByPk(made.licenceId);
                assert.equal(
                  now?.version,
                  state === 'expired' ? now?.version : before?.version,
                  'refused: nothing changed',
                );
              } else {
                assert.equal(res.body.data.status, rule.to);
                assert.equal((await Licence.findByPk(made.licenceId))?.status, rule.to);
                assert.equal(
                  await AuditEvent.count({ where: { entity: 'licence', entityId: String(made.licenceId), action } }),
                  1,
                );
              }
            }
          },
        );
      }
    }
  });

  it(
    'when the officer who drafted a revision later becomes a manager, ' +
      'then they cannot issue it (four-eyes) but another manager can',
    async () => {
      const made = await makeDraft(t.db.sequelize, t.districts, { officer: 'officer2' });
      const o2 = await loginAs(t.app, 'officer2');
      assert.equal(
        (await o2.agent.post(`/api/v1/licences/${made.licenceId}/submit`).set('X-CSRF-Token', o2.csrf).send({})).status,
        200,
      );
      const officer2 = (await as.admin?.agent.get('/api/v1/users?q=officer2'))?.body.data[0];
      const promote = await post('admin', `/api/v1/users/${officer2.id}`, {}).then(() =>
        (as.admin as { agent: Agent }).agent
          .patch(`/api/v1/users/${officer2.id}`)
          .set('X-CSRF-Token', (as.admin as { csrf: string }).csrf)
          .send({ role: 'manager', version: officer2.version }),
      );
      assert.equal(promote.status, 200);
      const m2 = await loginAs(t.app, 'officer2');
      const own = await m2.agent
        .post(`/api/v1/licences/${made.licenceId}/issue`)
        .set('X-CSRF-Token', m2.csrf)
        .send({ note: 'x' });
      assert.equal(own.status, 409);
      assert.match(own.body.error.message, /four-eyes/);
      assert.equal((await Licence.findByPk(made.licenceId))?.status, 'submitted');
      const other = await post('manager', `/api/v1/licences/${made.licenceId}/issue`, { note: 'x' });
      assert.equal(other.status, 200);
    },
  );

  it(
    'when managers issue many licences at the same moment, ' + 'then the numbers are unique and gap-free for the year',
    async () => {
      const ids: number[] = [];
      for (let i = 0; i < 8; i++) ids.push((await makeLicenceIn(t.db.sequelize, t.districts, 'submitted')).licenceId);
      const m2 = await loginAs(t.app, 'manager2');
      const results = await Promise.all(
        ids.map((id, i) =>
          i % 2
            ? m2.agent.post(`/api/v1/licences/${id}/issue`).set('X-CSRF-Token', m2.csrf).send({ note: 'song song' })
            : post('manager', `/api/v1/licences/${id}/issue`, { note: 'song song' }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        ids.map(() => 200),
      );
      const year = new Date().getFullYear();
      const all = (await Licence.findAll({ where: { status: ['issued', 'suspended', 'revoked', 'expired'] } }))
        .map((l) => l.number as string)
        .filter((n) => n.startsWith(`DLK-${year}-`));
      const seqs = all.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
      assert.equal(new Set(all).size, all.length, 'unique');
      assert.deepEqual(
        seqs,
        seqs.map((_, i) => i + 1),
        'gap-free from 1',
      );
    },
  );

  it('when a licence has a band-plan warning, then issuing needs a manager acknowledgement with a note', async () => {
    const made = await makeDraft(t.db.sequelize, t.districts, { frequency: '160.006 MHz' });
    const a = await Assignment.findByPk(made.assignmentId);
    assert.equal(a?.bandPlanCheck?.status, 'warning');
    assert.deepEqual(a?.bandPlanCheck?.reasons, ['off_raster']);
    await post('licensing_officer', `/api/v1/licences/${made.licenceId}/submit`);
    const plain = await post('manager', `/api/v1/licences/${made.licenceId}/issue`, { note: 'ok' });
    assert.equal(plain.status, 409);
    assert.match(plain.body.error.message, /1 band-plan warning/);
    const noNote = await post('manager', `/api/v1/licences/${made.licenceId}/issue`, { acknowledgeWarnings: true });
    assert.equal(noNote.status, 422);
    assert.ok(noNote.body.error.fields.note);
    const ok = await post('manager', `/api/v1/licences/${made.licenceId}/issue`, {
      acknowledgeWarnings: true,
      note: 'Lệch bước kênh 6,25 kHz, đã phối hợp',
    });
    assert.equal(ok.status, 200);
    const l = await Licence.findByPk(made.licenceId);
    assert.equal(l?.warningsNote, 'Lệch bước kênh 6,25 kHz, đã phối hợp');
    assert.ok(l?.warningsAcknowledgedById);
    const page = await (as.manager as { agent: Agent }).agent.get(`/licences/${made.licenceId}`);
    assert.match(page.text, /Band-plan warnings acknowledged by a manager/);
  });

  it(
    'when an issued licence is amended, ' + 'then a new draft revision opens and the old revision stays readable',
    async () => {
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const number = (await Licence.findByPk(made.licenceId))?.number;
      const res = await post('licensing_officer', `/api/v1/licences/${made.licenceId}/amend`);
      assert.equal(res.body.data.revision, 2);
      assert.equal(res.body.data.status, 'draft');
      const edit = await (as.licensing_officer as { agent: Agent }).agent
        .patch(`/api/v1/stations/${made.stationId}`)
        .set('X-CSRF-Token', (as.licensing_officer as { csrf: string }).csrf)
        .send({ txPowerW: 50, version: (await Station.findByPk(made.stationId))?.version });
      assert.equal(edit.status, 200);
      const revs = await (as.manager as { agent: Agent }).agent.get(`/api/v1/licences/${made.licenceId}/revisions`);
      assert.equal(revs.body.data[0].revision, 1);
      assert.equal(revs.body.data[0].snapshot.stations[0].txPowerW, 25, 'the old revision keeps the old power');
      assert.equal(revs.body.data[0].snapshot.licence.number, number);
      const page = await (as.manager as { agent: Agent }).agent.get(`/licences/${made.licenceId}/revisions/1`);
      assert.equal(page.status, 200);
      await post('licensing_officer', `/api/v1/licences/${made.licenceId}/submit`);
      const reissued = await post('manager', `/api/v1/licences/${made.licenceId}/issue`, { note: 'sửa đổi' });
      assert.equal(reissued.body.data.number, number, 'the number is kept across revisions');
      assert.equal(await LicenceRevision.count({ where: { licenceId: made.licenceId } }), 1);
    },
  );

  it(
    'when a renewal asks for more than the term limit, ' + 'then 422; within it the new term starts after the old one',
    async () => {
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const long = await post('licensing_officer', `/api/v1/licences/${made.licenceId}/renew`, {
        validTo: '2045-01-01',
      });
      assert.equal(long.status, 422);
      assert.match(long.body.error.fields.validTo, /at most 10 years/);
      const ok = await post('licensing_officer', `/api/v1/licences/${made.licenceId}/renew`, { validTo: '2040-12-31' });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.data.validFrom, '2031-01-01');
      assert.equal(ok.body.data.validTo, '2040-12-31');
      assert.equal(ok.body.data.revision, 2);
    },
  );

  it('when an issued licence passes its validTo, then it is expired automatically', async () => {
    const made = await makeLicenceIn(t.db.sequelize, t.districts, 'expired');
    assert.ok((await expireDueLicences(t.db.sequelize)) >= 1);
    assert.equal((await Licence.findByPk(made.licenceId))?.status, 'expired');
    assert.equal(
      await AuditEvent.count({ where: { entity: 'licence', entityId: String(made.licenceId), action: 'expire' } }),
      1,
    );
  });

  it(
    'when a draft is deleted, ' + 'then its stations and assignments go too; an issued licence cannot be deleted',
    async () => {
      const draft = await makeDraft(t.db.sequelize, t.districts);
      const del = await (as.licensing_officer as { agent: Agent }).agent
        .delete(`/api/v1/licences/${draft.licenceId}`)
        .set('X-CSRF-Token', (as.licensing_officer as { csrf: string }).csrf);
      assert.equal(del.status, 204);
      assert.equal(await Station.count({ where: { licenceId: draft.licenceId } }), 0);
      assert.equal(await Assignment.count({ where: { id: draft.assignmentId } }), 0);
      const issued = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const refused = await (as.licensing_officer as { agent: Agent }).agent
        .delete(`/api/v1/licences/${issued.licenceId}`)
        .set('X-CSRF-Token', (as.licensing_officer as { csrf: string }).csrf);
      assert.equal(refused.status, 409);
      assert.ok(await Licence.findByPk(issued.licenceId));
    },
  );

  it('when a station of an issued licence is edited, then 409: amend first', async () => {
    const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    const res = await (as.licensing_officer as { agent: Agent }).agent
      .patch(`/api/v1/stations/${made.stationId}`)
      .set('X-CSRF-Token', (as.licensing_officer as { csrf: string }).csrf)
      .send({ txPowerW: 99 });
    assert.equal(res.status, 409);
    assert.match(res.body.error.message, /amend it first/);
    assert.equal((await Station.findByPk(made.stationId))?.txPowerW, 25);
  });

  it('when an inspector or a manager tries to register a licensee, then 403 and no row', async () => {
    const n = await Licensee.count();
    for (const role of ['inspector', 'manager'] as const)
      assert.equal((await post(role, '/api/v1/licensees', { name: 'X', kind: 'other' })).status, 403);
    assert.equal(await Licensee.count(), n);
  });

  it('when text is searched without diacritics, then Vietnamese names are found ("krong pac")', async () => {
    await post('licensing_officer', '/api/v1/licensees', {
      name: 'Công ty TNHH Cà phê Krông Pắc',
      kind: 'enterprise',
      address: 'Thị trấn Phước An, huyện Krông Pắc',
    });
    for (const q of ['krong pac', 'Krông Pắc', 'KRONG PAC', 'ca phe']) {
      const res = await (as.inspector as { agent: Agent }).agent.get(`/api/v1/licensees?q=${encodeURIComponent(q)}`);
      assert.ok(
        (res.body.data as { name: string }[]).some((l) => l.name === 'Công ty TNHH Cà phê Krông Pắc'),
        q,
      );
    }
    const none = await (as.inspector as { agent: Agent }).agent.get('/api/v1/licensees?q=%25');
    assert.equal(none.body.total, 0, 'LIKE wildcards are escaped');
  });
});

describe('licensing input rules', () => {
  let t: TestApp;
  let o: { agent: Agent; csrf: string };
  before(async () => {
    t = await makeTestApp();
    o = await loginAs(t.app, 'officer');
  });
  after(async () => {
    await t.close();
  });
  const post = (path: string, body: object) => o.agent.post(path).set('X-CSRF-Token', o.csrf).send(body);

  it('when a licensee has HTML, overlong text or bad codes, then 422 per field; HTML is shown as text', async () => {
    const n = await Licensee.count();
    const bad = await post('/api/v1/licensees', {
      name: 'x'.repeat(201),
      kind: 'pirate',
      taxCode: '12ab',
      email: 'not-mail',
      phone: 'call me',
      idNumber: '1',
    });
    assert.equal(bad.status, 422);
    for (const f of ['name', 'kind', 'taxCode', 'email', 'phone', 'idNumber']) assert.ok(bad.body.error.fields[f], f);
    const indiv = await post('/api/v1/licensees', { name: 'Nguyễn Văn A', kind: 'individual' });
    assert.match(indiv.body.error.fields.idNumber, /needs a citizen ID/);
    assert.equal(await Licensee.count(), n);
    const xss = await post('/api/v1/licensees', { name: '<img src=x onerror=alert(1)>', kind: 'other' });
    assert.equal(xss.status, 201);
    const page = await o.agent.get(`/licensees/${xss.body.data.id}`);
    assert.doesNotMatch(page.text, /<img src=x/);
    assert.match(page.text, /&lt;img src=x onerror=alert\(1\)&gt;/);
    const form = await o.agent
      .post('/licensees')
      .type('form')
      .send({ _csrf: o.csrf, name: '', kind: 'enterprise', address: 'Số 1 Lê Duẩn' });
    assert.equal(form.status, 422);
    assert.match(form.text, /value="Số 1 Lê Duẩn"/);
  });

  it(
    'when a station has out-of-range, huge, NaN or negative numbers, or sits outside the province, ' +
      'then 422 per field and no row',
    async () => {
      const made = await makeDraft(t.db.sequelize, t.districts);
      const n = await Station.count();
      const bad = await post('/api/v1/stations', {
        licenceId: made.licenceId,
        name: 'Trạm lỗi',
        service: 'land_mobile',
        stationClass: 'FB',
        latitude: 95,
        longitude: 'abc',
        antennaHeightM: 1e9,
        antennaGainDbi: 'NaN',
        txPowerW: -5,
        feederLossDb: 'Infinity',
        azimuthDeg: 400,
      });
      assert.equal(bad.status, 422);
      for (const f of [
        'latitude',
        'longitude',
        'antennaHeightM',
        'antennaGainDbi',
        'txPowerW',
        'feederLossDb',
        'azimuthDeg',
      ])
        assert.ok(bad.body.error.fields[f], f);
      const hanoi = await post('/api/v1/stations', {
        licenceId: made.licenceId,
        name: 'Hà Nội',
        service: 'land_mobile',
        stationClass: 'FB',
        latitude: 21.03,
        longitude: 105.85,
        antennaHeightM: 10,
        antennaGainDbi: 0,
        txPowerW: 5,
      });
      assert.equal(hanoi.status, 422);
      assert.match(hanoi.body.error.fields.latitude, /outside every district/);
      const huge = await post('/api/v1/stations', {
        licenceId: made.licenceId,
        name: 'Quá lớn',
        service: 'fm_broadcast',
        stationClass: 'BC',
        latitude: 12.6667,
        longitude: 108.038,
        antennaHeightM: 10,
        antennaGainDbi: 0,
        txPowerW: 3_000_000,
      });
      assert.match(huge.body.error.fields.txPowerW, /at most 2000000/);
      assert.equal(await Station.count(), n);
    },
  );

  it(
    'when a station is typed in DMS with a Vietnamese decimal comma, ' +
      'then it is stored in decimal degrees with its district and ERP',
    async () => {
      const made = await makeDraft(t.db.sequelize, t.districts);
      const res = await o.agent.post(`/licences/${made.licenceId}/stations`).type('form').send({
        _csrf: o.csrf,
        name: 'Trạm Cư Kuin',
        service: 'land_mobile',
        stationClass: 'FB',
        latitude: '12°35\'17"N',
        longitude: '108°10\'41"E',
        antennaHeightM: '25,5',
        antennaGainDbi: '3',
        txPowerW: '10',
        feederLossDb: '1,5',
      });
      assert.equal(res.status, 303);
      const s = await Station.findOne({ where: { name: 'Trạm Cư Kuin' } });
      assert.ok(s && Math.abs(s.latitude - 12.588056) < 1e-5 && Math.abs(s.longitude - 108.178056) < 1e-5);
      assert.equal(s?.districtCode, '657');
      assert.equal(s?.antennaHeightM, 25.5);
      assert.ok(s && Math.abs(s.erpW - 10 ** ((10 * Math.log10(10) + 3 - 2.15 - 1.5) / 10)) < 0.001);
    },
  );

  it(
    'when assignments have bad designators, frequencies without a unit or out of range, ' + 'then 422 per field',
    async () => {
      const made = await makeDraft(t.db.sequelize, t.districts);
      const cases: [object, string, RegExp][] = [
        [
          { direction: 'tx', frequencyHz: '160.025 MHz', bandwidthHz: '12.5 kHz', emissionDesignator: 'K160F3E' },
          'emissionDesignator',
          /start with a digit other than 0/,
        ],
        [
          { direction: 'tx', frequencyHz: '160.025 MHz', bandwidthHz: '12.5 kHz', emissionDesignator: '16K0Z3E' },
          'emissionDesignator',
          /not a modulation symbol/,
        ],
        [
          { direction: 'tx', frequencyHz: '160.025', bandwidthHz: '12.5 kHz', emissionDesignator: '11K0F3E' },
          'frequencyHz',
          /with its unit/,
        ],
        [
          { direction: 'tx', frequencyHz: '5000 GHz', bandwidthHz: '12.5 kHz', emissionDesignator: '11K0F3E' },
          'frequencyHz',
          /between 9 kHz and 3000 GHz/,
        ],
        [
          { direction: 'tx', frequencyHz: 160025000.5, bandwidthHz: 12500, emissionDesignator: '11K0F3E' },
          'frequencyHz',
          /between 9 kHz/,
        ],
        [
          { direction: 'up', frequencyHz: '160.025 MHz', bandwidthHz: '-1 kHz', emissionDesignator: '11K0F3E' },
          'direction',
          /listed values/,
        ],
      ];
      const n = await Assignment.count();
      for (const [body, field, msg] of cases) {
        const res = await post(`/api/v1/stations/${made.stationId}/assignments`, body);
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.match(String(res.body.error.fields[field]), msg, JSON.stringify(res.body.error.fields));
      }
      assert.equal(await Assignment.count(), n);
      const good = await post(`/api/v1/stations/${made.stationId}/assignments`, {
        direction: 'tx',
        frequencyHz: '160,025 MHz',
        bandwidthHz: '12,5 kHz',
        emissionDesignator: '11k0f3e',
      });
      assert.equal(good.status, 201);
      assert.equal(good.body.data.frequencyHz, 160_025_000);
      assert.equal(good.body.data.necessaryBandwidthHz, 11_000);
      assert.equal(good.body.data.emissionDesignator, '11K0F3E');
      assert.deepEqual([good.body.data.occupiedLowHz, good.body.data.occupiedHighHz], [160_018_750, 160_031_250]);
      assert.equal(good.body.data.bandPlanCheck.status, 'ok');
    },
  );

  it('when a licence term is too long or inverted, then 422 on validTo', async () => {
    const lic = await Licensee.create({
      name: 'Đài PT-TH Đắk Lắk',
      kind: 'broadcaster',
      taxCode: null,
      idNumber: null,
      address: '',
      contactPerson: null,
      phone: null,
      email: null,
    });
    const long = await post('/api/v1/licences', {
      licenseeId: lic.id,
      type: 'frequency_equipment',
      service: 'fm_broadcast',
      validFrom: '2026-01-01',
      validTo: '2036-01-02',
    });
    assert.match(long.body.error.fields.validTo, /at most 10 years/);
    const band = await post('/api/v1/licences', {
      licenseeId: lic.id,
      type: 'frequency_band',
      service: 'fm_broadcast',
      validFrom: '2026-01-01',
      validTo: '2040-12-31',
    });
    assert.equal(band.status, 201, 'a band licence may run 15 years');
    const inverted = await post('/api/v1/licences', {
      licenseeId: lic.id,
      type: 'frequency_equipment',
      service: 'fm_broadcast',
      validFrom: '2026-01-01',
      validTo: '2025-01-01',
    });
    assert.match(inverted.body.error.fields.validTo, /after the start date/);
    const fake = await post('/api/v1/licences', {
      licenseeId: lic.id,
      type: 'frequency_equipment',
      service: 'fm_broadcast',
      validFrom: '2026-02-30',
      validTo: '2027-01-01',
    });
    assert.match(fake.body.error.fields.validFrom, /YYYY-MM-DD/);
  });

  it(
    'when two officers edit the same licensee, ' +
      'then the stale edit gets 409, the page shows the other change and keeps my input',
    async () => {
      const l = await post('/api/v1/licensees', {
        name: 'Bệnh viện Đa khoa vùng Tây Nguyên',
        kind: 'state_agency',
        phone: '0262 3852 665',
      });
      const o2 = await loginAs(t.app, 'officer2');
      const first = await o2.agent
        .patch(`/api/v1/licensees/${l.body.data.id}`)
        .set('X-CSRF-Token', o2.csrf)
        .send({ phone: '0262 3919 009', version: l.body.data.version });
      assert.equal(first.status, 200);
      const page = await o.agent.post(`/licensees/${l.body.data.id}`).type('form').send({
        _csrf: o.csrf,
        version: l.body.data.version,
        name: 'Bệnh viện ĐK vùng Tây Nguyên',
        kind: 'state_agency',
        phone: '0262 1111 111',
      });
      assert.equal(page.status, 409);
      assert.match(page.text, /value="0262 1111 111"/);
      assert.match(page.text, /Saved meanwhile by someone else: 0262 3919 009/);
      assert.equal((await Licensee.findByPk(l.body.data.id))?.phone, '0262 3919 009');
    },
  );

  it(
    'when records are created and changed, ' +
      'then each change leaves an audit row with the actor, readable as history',
    async () => {
      const made = await makeDraft(t.db.sequelize, t.districts);
      for (const [entity, id] of [
        ['licensee', made.licenseeId],
        ['licence', made.licenceId],
        ['station', made.stationId],
        ['assignment', made.assignmentId],
      ] as const) {
        const ev = await AuditEvent.findAll({ where: { entity, entityId: String(id) } });
        assert.equal(ev.length, 1, entity);
        assert.equal(ev[0]?.action, 'create');
        assert.ok(ev[0]?.actorId, 'the officer is recorded');
        const h = await o.agent.get(`/api/v1/${entity === 'licence' ? 'licences' : `${entity}s`}/${id}/history`);
        assert.equal(h.body.data.length, 1, `${entity} history`);
      }
      const v = (await Station.findByPk(made.stationId))?.version;
      await o.agent
        .patch(`/api/v1/stations/${made.stationId}`)
        .set('X-CSRF-Token', o.csrf)
        .send({ txPowerW: 40, version: v });
      const ev = await AuditEvent.findOne({
        where: { entity: 'station', entityId: String(made.stationId), action: 'update' },
      });
      assert.deepEqual(ev?.changes.txPowerW, { before: 25, after: 40 });
      assert.ok(ev?.changes.erpW, 'the derived ERP change is recorded too');
    },
  );

  it('when lists are filtered, then paging, sorting and filters apply on the server', async () => {
    const res = await o.agent.get('/api/v1/licences?status=draft&pageSize=2&page=1&sort=-createdAt');
    assert.equal(res.body.pageSize, 2);
    assert.ok(res.body.total >= 3);
    assert.ok((res.body.data as { status: string }[]).every((l) => l.status === 'draft'));
    const byFreq = await o.agent.get('/api/v1/licences?freqFrom=160.02&freqTo=160.03');
    assert.ok(byFreq.body.total >= 1);
    const none = await o.agent.get('/api/v1/licences?freqFrom=900&freqTo=901');
    assert.equal(none.body.total, 0);
    const byDistrict = await o.agent.get('/api/v1/stations?district=657');
    assert.ok((byDistrict.body.data as { districtCode: string }[]).every((s) => s.districtCode === '657'));
    const html = await o.agent.get('/licences?status=draft&sort=validTo');
    assert.equal(html.status, 200);
    assert.match(html.text, /aria-sort="ascending"/);
  });
});

describe('licensing on an anonymous request', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp({ seed: true });
  });
  after(async () => {
    await t.close();
  });
  it('when nobody is signed in, then the register API answers 401', async () => {
    for (const p of ['/api/v1/licences', '/api/v1/licensees', '/api/v1/stations', '/api/v1/assignments'])
      assert.equal((await supertest(t.app).get(p)).status, 401, p);
  });
});
