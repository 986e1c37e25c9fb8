import assert from 'node:assert/strict';
import { AuditEvent } from '../../server/models/AuditEvent';
import { BandPlanEntry } from '../../server/models/BandPlanEntry';
import { Service } from '../../server/models/Service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

describe('services and band plan', () => {
  let t: TestApp;
  let admin: { agent: Agent; csrf: string };
  before(async () => {
    t = await makeTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  after(async () => {
    await t.close();
  });

  it('when the app starts on an empty database, then services and band plan are seeded with sources', async () => {
    const res = await admin.agent.get('/api/v1/services');
    assert.equal(res.body.total, 9);
    const fm = (res.body.data as { code: string; protectedFieldDbuv: number; source: string }[]).find(
      (s) => s.code === 'fm_broadcast',
    );
    assert.equal(fm?.protectedFieldDbuv, 54);
    assert.match(String(fm?.source), /BS\.412/);
    const plan = await admin.agent.get('/api/v1/band-plan?service=fm_broadcast');
    assert.deepEqual(
      (plan.body.data as { lowHz: number; highHz: number; channelRasterHz: number }[]).map((e) => [
        e.lowHz,
        e.highHz,
        e.channelRasterHz,
      ]),
      [[87_500_000, 108_000_000, 100_000]],
    );
    assert.ok(
      (await BandPlanEntry.findAll()).every((e) => e.source.length > 0),
      'every entry has a source',
    );
  });

  it(
    'when an admin adds an entry typed with units, ' + 'then it is stored in integer Hz and audited in the same change',
    async () => {
      const res = await admin.agent.post('/admin/band-plan').type('form').send({
        _csrf: admin.csrf,
        lowHz: '27,5 MHz',
        highHz: '28 MHz',
        services: 'other',
        channelRasterHz: '12.5 kHz',
        note: 'Băng thử nghiệm',
        source: 'Test',
      });
      assert.equal(res.status, 303);
      const e = await BandPlanEntry.findOne({ where: { lowHz: 27_500_000 } });
      assert.equal(e?.highHz, 28_000_000);
      assert.equal(e?.channelRasterHz, 12_500);
      assert.deepEqual(e?.services, ['other']);
      assert.equal(e?.note, 'Băng thử nghiệm');
      const ev = await AuditEvent.findOne({
        where: { entity: 'band_plan_entry', entityId: String(e?.id), action: 'create' },
      });
      assert.deepEqual(ev?.changes.lowHz, { before: null, after: 27_500_000 });
    },
  );

  it(
    'when an entry is inverted, overlaps another of the same service, or has a bad frequency, ' +
      'then 422 per field and no row',
    async () => {
      const before = await BandPlanEntry.count();
      const audits = await AuditEvent.count();
      const inverted = await admin.agent
        .post('/api/v1/band-plan')
        .set('X-CSRF-Token', admin.csrf)
        .send({ lowHz: '108 MHz', highHz: '88 MHz', services: ['fm_broadcast'] });
      assert.equal(inverted.status, 422);
      assert.match(inverted.body.error.fields.highHz, /upper edge must be above/);
      const overlap = await admin.agent
        .post('/api/v1/band-plan')
        .set('X-CSRF-Token', admin.csrf)
        .send({ lowHz: '100 MHz', highHz: '110 MHz', services: ['fm_broadcast'] });
      assert.equal(overlap.status, 422);
      assert.match(overlap.body.error.fields.lowHz, /Overlaps 87\.5 MHz – 108 MHz/);
      const units = await admin.agent
        .post('/api/v1/band-plan')
        .set('X-CSRF-Token', admin.csrf)
        .send({ lowHz: '100', highHz: '5000 GHz', services: [] });
      assert.equal(units.status, 422);
      assert.match(units.body.error.fields.lowHz, /with its unit/);
      assert.match(units.body.error.fields.highHz, /between 9 kHz and 3000 GHz/);
      assert.match(units.body.error.fields.services, /Choose at least 1/);
      assert.equal(await BandPlanEntry.count(), before);
      assert.equal(await AuditEvent.count(), audits, 'a refused write leaves no audit row');
    },
  );

  it(
    'when an entry overlaps only entries of other services, or touches one of the same, ' + 'then it is accepted',
    async () => {
      const other = await admin.agent
        .post('/api/v1/band-plan')
        .set('X-CSRF-Token', admin.csrf)
        .send({ lowHz: '100 MHz', highHz: '101 MHz', services: ['amateur'] });
      assert.equal(other.status, 201);
      const touching = await admin.agent
        .post('/api/v1/band-plan')
        .set('X-CSRF-Token', admin.csrf)
        .send({ lowHz: '108 MHz', highHz: '108.5 MHz', services: ['fm_broadcast'] });
      assert.equal(touching.status, 201, 'ranges are half-open: touching is not overlapping');
    },
  );

  it('when the band-plan form is refused, then it comes back with the typed values', async () => {
    const res = await admin.agent
      .post('/admin/band-plan')
      .type('form')
      .send({
        _csrf: admin.csrf,
        lowHz: 'abc',
        highHz: '88 MHz',
        services: ['fm_broadcast', 'amateur'],
        note: 'ghi chú <b>đậm</b>',
      });
    assert.equal(res.status, 422);
    assert.match(res.text, /value="abc"/);
    assert.match(res.text, /value="fm_broadcast" checked/);
    assert.match(res.text, /value="amateur" checked/);
    assert.match(res.text, /ghi chú &lt;b&gt;đậm&lt;\/b&gt;/);
  });

  it(
    'when a band-plan entry is edited with a stale version, ' +
      'then 409; with the current one it saves; delete is audited',
    async () => {
      const e = await BandPlanEntry.findOne({ where: { lowHz: 27_500_000 } });
      const ok = await admin.agent
        .patch(`/api/v1/band-plan/${e?.id}`)
        .set('X-CSRF-Token', admin.csrf)
        .send({ note: 'Đã sửa', version: e?.version });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.data.note, 'Đã sửa');
      assert.equal(ok.body.data.lowHz, 27_500_000, 'fields left out keep their value');
      const stale = await admin.agent
        .patch(`/api/v1/band-plan/${e?.id}`)
        .set('X-CSRF-Token', admin.csrf)
        .send({ note: 'Lost?', version: e?.version });
      assert.equal(stale.status, 409);
      assert.equal((await BandPlanEntry.findByPk(e?.id))?.note, 'Đã sửa');
      const del = await admin.agent
        .delete(`/api/v1/band-plan/${e?.id}`)
        .set('X-CSRF-Token', admin.csrf)
        .send({ version: ok.body.data.version });
      assert.equal(del.status, 204);
      assert.equal(await BandPlanEntry.findByPk(e?.id), null);
      const ev = await AuditEvent.findOne({
        where: { entity: 'band_plan_entry', entityId: String(e?.id), action: 'delete' },
      });
      assert.equal(ev?.changes.note?.before, 'Đã sửa');
    },
  );

  it('when an admin edits a service, then values are validated, saved with a new version and audited', async () => {
    const s = await Service.findOne({ where: { code: 'land_mobile' } });
    const bad = await admin.agent.post('/admin/services/land_mobile').type('form').send({
      _csrf: admin.csrf,
      version: s?.version,
      nameVi: 'Di động mặt đất',
      nameEn: 'Land mobile',
      protectedFieldDbuv: 'NaN',
      receiverHeightM: '-3',
      environment: 'jungle',
      coChannelPrDb: '8',
      adjacentPrDb: '-60',
      adjacentGuardHz: '12.5 kHz',
      inspectionIntervalMonths: '1e9',
      source: '',
    });
    assert.equal(bad.status, 422);
    for (const f of ['protectedFieldDbuv', 'receiverHeightM', 'environment', 'inspectionIntervalMonths'])
      assert.match(bad.text, new RegExp(`href="#f-${f}"`));
    assert.match(bad.text, /value="NaN"/);
    const good = await admin.agent.post('/admin/services/land_mobile').type('form').send({
      _csrf: admin.csrf,
      version: s?.version,
      nameVi: 'Di động mặt đất',
      nameEn: 'Land mobile',
      protectedFieldDbuv: '22,5',
      receiverHeightM: '1.5',
      environment: 'urban',
      coChannelPrDb: '8',
      adjacentPrDb: '-60',
      adjacentGuardHz: '12.5 kHz',
      inspectionIntervalMonths: '24',
      source: 'Sửa đổi',
    });
    assert.equal(good.status, 303);
    const after = await Service.findOne({ where: { code: 'land_mobile' } });
    assert.equal(after?.protectedFieldDbuv, 22.5);
    assert.equal(after?.environment, 'urban');
    assert.equal(after?.version, (s?.version as number) + 1);
    const ev = await AuditEvent.findOne({ where: { entity: 'service', entityId: 'land_mobile', action: 'update' } });
    assert.deepEqual(ev?.changes.protectedFieldDbuv, { before: 20, after: 22.5 });
    assert.deepEqual(ev?.changes.inspectionIntervalMonths, { before: 36, after: 24 });
  });
});
