/**
 * A service's propagation model (SPEC §4.2, issue 20): migration 008, the admin form with its audit, and
 * the footprints of the register (save upkeep, live check, footprint API) drawn with the model chosen.
 */
import assert from 'node:assert/strict';
import { AuditEvent } from '../../server/models/AuditEvent';
import { AssignmentFootprint } from '../../server/models/AssignmentFootprint';
import { Service } from '../../server/models/Service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft } from '../helpers/factories';

describe('the propagation model of a service', () => {
  let t: TestApp;
  let admin: { agent: Agent; csrf: string };
  let officer: { agent: Agent; csrf: string };
  before(async () => {
    t = await makeTestApp();
    admin = await loginAs(t.app, 'admin');
    officer = await loginAs(t.app, 'officer');
  });
  after(async () => {
    await t.close();
  });

  async function models(): Promise<Record<string, string>> {
    const rows = await Service.findAll({ order: [['code', 'ASC']] });
    return Object.fromEntries(rows.map((s) => [s.code, s.propagationModel]));
  }

  const EXPECTED_DEFAULTS = {
    aeronautical: 'hata',
    amateur: 'hata',
    fixed_link: 'hata',
    fm_broadcast: 'p1546',
    land_mobile: 'hata',
    loudspeaker: 'hata',
    maritime: 'hata',
    other: 'hata',
    tv_broadcast: 'p1546',
  };

  it('when the app is seeded, then FM and TV use P.1546 and the others Hata, in the API too', async () => {
    assert.deepEqual(await models(), EXPECTED_DEFAULTS);
    const res = await admin.agent.get('/api/v1/services');
    const fm = (res.body.data as { code: string; propagationModel: string }[]).find((s) => s.code === 'fm_broadcast');
    assert.equal(fm?.propagationModel, 'p1546');
    const page = await admin.agent.get('/services').set('Accept-Language', 'en');
    assert.match(page.text, /ITU-R P\.1546-6 \(broadcasting/);
  });

  it('when migration 008 is undone and redone on a seeded register, then it sets the same defaults', async () => {
    await t.db.migrator.down({ to: '008-propagation-model' });
    const columns = await t.db.sequelize.getQueryInterface().describeTable('services');
    assert.equal('propagationModel' in columns, false);
    await t.db.migrator.up();
    assert.deepEqual(await models(), EXPECTED_DEFAULTS);
  });

  const FORM = {
    nameVi: 'Di động mặt đất',
    nameEn: 'Land mobile',
    protectedFieldDbuv: '20',
    receiverHeightM: '1.5',
    environment: 'suburban',
    coChannelPrDb: '8',
    adjacentPrDb: '-60',
    adjacentGuardHz: '12.5 kHz',
    inspectionIntervalMonths: '36',
    source: 'HCM',
  };

  it('when an admin picks a model that does not exist, then 422 on that field with the input kept', async () => {
    const s = await Service.findOne({ where: { code: 'land_mobile' } });
    const res = await admin.agent
      .post('/admin/services/land_mobile')
      .type('form')
      .send({ _csrf: admin.csrf, version: s?.version, ...FORM, propagationModel: 'okumura' });
    assert.equal(res.status, 422);
    assert.match(res.text, /href="#f-propagationModel"/);
    assert.match(res.text, /value="20"/);
    assert.equal((await Service.findOne({ where: { code: 'land_mobile' } }))?.propagationModel, 'hata');
  });

  it('when an admin switches land mobile to P.1546, then it is saved and audited; a stale form gets 409', async () => {
    const s = await Service.findOne({ where: { code: 'land_mobile' } });
    const ok = await admin.agent
      .post('/admin/services/land_mobile')
      .type('form')
      .send({ _csrf: admin.csrf, version: s?.version, ...FORM, propagationModel: 'p1546' });
    assert.equal(ok.status, 303);
    const after = await Service.findOne({ where: { code: 'land_mobile' } });
    assert.equal(after?.propagationModel, 'p1546');
    const ev = await AuditEvent.findOne({
      where: { entity: 'service', entityId: 'land_mobile', action: 'update' },
      order: [['id', 'DESC']],
    });
    assert.deepEqual(ev?.changes.propagationModel, { before: 'hata', after: 'p1546' });
    const stale = await admin.agent
      .post('/admin/services/land_mobile')
      .type('form')
      .send({ _csrf: admin.csrf, version: s?.version, ...FORM, propagationModel: 'hata' });
    assert.equal(stale.status, 409);
    assert.equal((await Service.findOne({ where: { code: 'land_mobile' } }))?.propagationModel, 'p1546');
  });

  it('when a station of that service is saved and checked, then its footprints come from P.1546', async () => {
    const a = await makeDraft(t.db.sequelize, t.districts, { frequency: 156_012_500 });
    const stored = await AssignmentFootprint.findByPk(a.assignmentId);
    assert.equal(stored?.details.model, 'itu_r_p1546_6');
    assert.equal(stored?.details.explanation, 'ITU-R P.1546-6, 50 % time, 50 % locations, land path, h1 = 30 m');
    assert.ok(!stored?.details.warnings.some((w) => w.includes('Hata')));
    assert.ok(stored?.details.limitedBy.every((l) => l !== 'horizon'));
    const api = await officer.agent.get(`/api/v1/assignments/${a.assignmentId}/footprint.geojson`);
    assert.equal(api.status, 200);
    assert.equal(JSON.parse(api.text).properties.model, 'itu_r_p1546_6');
    const check = await officer.agent
      .post('/api/v1/conflicts/check')
      .set('X-CSRF-Token', officer.csrf)
      .send({
        station: {
          service: 'land_mobile',
          stationClass: 'FB',
          latitude: 12.7,
          longitude: 108.1,
          antennaHeightM: 30,
          antennaGainDbi: 6,
          txPowerW: 25,
          feederLossDb: 1,
        },
        assignment: {
          direction: 'tx',
          frequencyHz: '157.0125 MHz',
          bandwidthHz: '12.5 kHz',
          emissionDesignator: '11K0F3E',
        },
      });
    assert.equal(check.status, 200);
    assert.equal(check.body.footprint.properties.model, 'itu_r_p1546_6');
    assert.match(check.body.footprint.properties.explanation, /^ITU-R P\.1546-6, 50 % time/);
    const page = await officer.agent.get(`/assignments/${a.assignmentId}`).set('Accept-Language', 'en');
    assert.match(page.text, /ITU-R P\.1546-6, 50 % time, 50 % locations, land path, h1 = 30 m/);
  });
});
