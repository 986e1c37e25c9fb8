/**
 * Issue 19, defect 10: the live check answers as soon as frequency and channel width are known (the
 * emission designator refines the occupied width when it comes) and says what is still missing.
 */
import assert from 'node:assert/strict';
import { Conflict } from '../../server/models/Conflict';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft } from '../helpers/factories';

describe('the live check while an officer types', () => {
  let t: TestApp;
  let o: { agent: Agent; csrf: string };
  before(async () => {
    t = await makeTestApp();
    o = await loginAs(t.app, 'officer');
  });
  after(async () => {
    await t.close();
  });
  const station = {
    service: 'land_mobile',
    stationClass: 'FB',
    latitude: "12°41'N",
    longitude: '108.05',
    antennaHeightM: 30,
    antennaGainDbi: 6,
    txPowerW: 25,
    feederLossDb: 1,
  };
  const check = (assignment: object) =>
    o.agent
      .post('/api/v1/conflicts/check?preview=1')
      .set('X-CSRF-Token', o.csrf)
      .send({ station, assignment: { direction: 'tx', ...assignment } });
  interface Found {
    victimId: number;
    interfererId: number;
  }

  it(
    'when frequency and width are typed but no designator yet, then the neighbour is found in both ' +
      'directions and the designator is named as missing; nothing is saved',
    async () => {
      const a = await makeDraft(t.db.sequelize, t.districts, { frequency: 157_012_500 });
      const before = await Conflict.count();
      const early = await check({ frequencyHz: '157.0125 MHz', bandwidthHz: '12.5 kHz', emissionDesignator: '' });
      assert.equal(early.status, 200);
      const mine = (early.body.conflicts as Found[]).filter(
        (c) => c.victimId === a.assignmentId || c.interfererId === a.assignmentId,
      );
      assert.equal(mine.length, 2, `both directions before the designator: ${JSON.stringify(early.body)}`);
      assert.deepEqual(early.body.missing, ['emissionDesignator']);

      // A designator being typed ("11K") is not valid yet: still checked on the width, still named.
      const typing = await check({ frequencyHz: '157.0125 MHz', bandwidthHz: '12.5 kHz', emissionDesignator: '11K' });
      assert.equal((typing.body.conflicts as Found[]).length >= 2, true);
      assert.deepEqual(typing.body.missing, ['emissionDesignator']);

      const full = await check({
        frequencyHz: '157.0125 MHz',
        bandwidthHz: '12.5 kHz',
        emissionDesignator: '11K0F3E',
      });
      assert.deepEqual(full.body.missing, []);
      assert.ok((full.body.conflicts as Found[]).length >= 2);
      assert.equal(await Conflict.count(), before, 'nothing saved');
    },
  );

  it('when the width is not typed yet, then nothing is checked and the width is named as missing', async () => {
    const res = await check({ frequencyHz: '157.0125 MHz', bandwidthHz: '', emissionDesignator: '' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.conflicts, []);
    assert.deepEqual(res.body.missing, ['bandwidthHz']);
  });
});
