/**
 * The map as of a past day (issue 16 item 3): the district shading counts the stations of that day; conflicts,
 * which keep no versions, are not shown (an empty layer marked `asOfHidden`, the layer and the conflict metric
 * disabled on the page, the banner saying why, in en and vi). The public licence page as of a day.
 */
import assert from 'node:assert/strict';
import supertest from 'supertest';
import { clock } from '../../server/lib/dates';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { Conflict } from '../../server/models/Conflict';
import { Licence } from '../../server/models/Licence';
import { Station } from '../../server/models/Station';
import { fullScan } from '../../server/modules/conflicts/conflicts.service';
import { transition } from '../../server/modules/licences/licences.service';
import { makeDraft, userNamed } from '../helpers/factories';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

/** 10:00 in Asia/Ho_Chi_Minh (UTC+7) on an ISO day. */
const ict = (iso: string) => new Date(`${iso}T10:00:00+07:00`);

describe('the map as of a date: district shading and conflicts', () => {
  let t: TestApp;
  let manager: { agent: Agent; csrf: string };
  let district = '';
  const realNow = clock.now;

  before(async () => {
    t = await makeTestApp();
    manager = await loginAs(t.app, 'manager');
    try {
      // 1 March: one station; 5 March: a second one beside it, on the same frequency (a co-channel conflict).
      clock.now = () => ict('2026-03-01');
      const first = await makeDraft(t.db.sequelize, t.districts, { frequency: 160_500_000 });
      clock.now = () => ict('2026-03-05');
      await makeDraft(t.db.sequelize, t.districts, { frequency: 160_500_000, longitude: 108.04 });
      district = (await Station.findByPk(first.stationId))?.districtCode ?? '';
    } finally {
      clock.now = realNow;
    }
    await fullScan(t.db.sequelize, SYSTEM_ACTOR);
  });
  after(async () => {
    clock.now = realNow;
    await t.close();
  });

  const stationsIn = (body: { data: { code: string; stations: number }[] }) =>
    body.data.find((d) => d.code === district)?.stations;

  it('when the district figures are read as of a day, then they count the stations of that day only', async () => {
    assert.ok(district, 'the stations lie in a district');
    const today = await manager.agent.get('/api/v1/map/districts').expect(200);
    assert.equal(stationsIn(today.body), 2);
    assert.ok(today.body.metrics.includes('openConflicts'));
    for (const [day, count] of [
      ['2026-02-28', 0],
      ['2026-03-01', 1],
      ['2026-03-04', 1],
      ['2026-03-05', 2],
    ] as const) {
      const res = await manager.agent.get(`/api/v1/map/districts?asOf=${day}`).expect(200);
      assert.equal(stationsIn(res.body), count, day);
      // Conflicts have no history: no conflict (or inspection) figure on a past day.
      assert.deepEqual(res.body.metrics, ['stations'], day);
    }
    const costly = await manager.agent.get('/api/v1/map/districts?asOf=2026-03-04&metric=overdueInspections');
    assert.deepEqual(costly.body.metrics, ['stations']);
    await manager.agent.get('/api/v1/map/districts?asOf=2026-02-30').expect(422);
  });

  it('when the conflicts layer is read as of a day, then it is empty and marked hidden, not today', async () => {
    assert.ok((await Conflict.count({ where: { status: 'open' } })) > 0, 'today has open conflicts');
    const bbox = '107.9,12.5,108.2,12.8';
    const today = await manager.agent.get(`/api/v1/conflicts.geojson?bbox=${bbox}&zoom=12`).expect(200);
    assert.ok(today.body.features.length > 0);
    assert.equal(today.body.asOfHidden, undefined);
    const past = await manager.agent.get(`/api/v1/conflicts.geojson?bbox=${bbox}&zoom=12&asOf=2026-03-05`).expect(200);
    assert.deepEqual(past.body, { type: 'FeatureCollection', features: [], asOfHidden: true });
    await manager.agent.get(`/api/v1/conflicts.geojson?bbox=${bbox}&asOf=tomorrow`).expect(422);
  });

  it('when the map shows a past day, then the banner says conflicts are off, their controls disabled', async () => {
    for (const [lang, note] of [
      ['en', /Conflicts have no history: the conflicts layer/],
      ['vi', /Can nhiễu không có lịch sử: lớp can nhiễu/],
    ] as const) {
      const res = await manager.agent.get('/map?asOf=2026-03-04').set('Cookie', `lang=${lang}`).expect(200);
      const banner = /<div class="as-of-banner"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '';
      assert.match(banner, note, lang);
      assert.match(res.text, /<input type="checkbox" name="layers" value="conflicts" disabled>/);
      assert.match(res.text, /<input type="checkbox" name="layers" value="stations">/);
      assert.match(res.text, /<input type="radio" name="metric" value="openConflicts" disabled>/);
      assert.match(res.text, /<input type="radio" name="metric" value="stations">/);
    }
    const today = await manager.agent.get('/map').expect(200);
    assert.doesNotMatch(today.text, /class="as-of-banner"/);
    assert.match(today.text, /<input type="checkbox" name="layers" value="conflicts">/);
  });
});

describe('the public licence page as of a date', () => {
  let t: TestApp;
  let number = '';
  const realNow = clock.now;

  before(async () => {
    t = await makeTestApp();
    const officer = await userNamed('officer');
    const boss = await userNamed('manager');
    const ctx = { sequelize: t.db.sequelize, licencePrefix: 'ASOFP' };
    try {
      // Issued on 2 March, suspended on 6 March.
      clock.now = () => ict('2026-03-02');
      const made = await makeDraft(t.db.sequelize, t.districts, { frequency: 161_000_000 });
      await transition(ctx, made.licenceId, 'submit', {}, officer, { ...SYSTEM_ACTOR, userId: officer.id });
      await transition(ctx, made.licenceId, 'issue', { note: 'ok' }, boss, { ...SYSTEM_ACTOR, userId: boss.id });
      number = (await Licence.findByPk(made.licenceId))?.number ?? '';
      clock.now = () => ict('2026-03-06');
      await transition(ctx, made.licenceId, 'suspend', { reason: 'vi phạm' }, boss, {
        ...SYSTEM_ACTOR,
        userId: boss.id,
      });
    } finally {
      clock.now = realNow;
    }
  });
  after(async () => {
    clock.now = realNow;
    await t.close();
  });

  it('when the public licence page shows a past day, then the licence is as it stood, with a banner', async () => {
    const page = (asOf: string) =>
      supertest(t.app)
        .get(`/register/licences/${encodeURIComponent(number)}${asOf ? `?asOf=${asOf}` : ''}`)
        .set('Accept-Language', 'en');
    const today = await page('').expect(200);
    assert.match(today.text, /status-said status-suspended/);
    assert.doesNotMatch(today.text, /class="as-of-banner"/);
    // Before its issue it was not on the register.
    await page('2026-03-01').expect(404);
    const issued = await page('2026-03-03').expect(200);
    assert.match(issued.text, /status-said status-issued/);
    assert.match(issued.text, /class="as-of-banner"/);
    assert.ok(issued.text.includes(`.geojson?asOf=2026-03-03`), 'the map reads the same day');
    assert.match((await page('2026-03-06').expect(200)).text, /status-said status-suspended/);
    await page('2026-13-01').expect(422);
  });
});
