import assert from 'node:assert/strict';
import { clock } from '../../server/lib/dates';
import { SYSTEM_ACTOR, type CurrentUser } from '../../server/lib/actor';
import { updateAssignment } from '../../server/modules/assignments/assignments.service';
import { transition } from '../../server/modules/licences/licences.service';
import { updateStation } from '../../server/modules/stations/stations.service';
import { Assignment } from '../../server/models/Assignment';
import { Licence } from '../../server/models/Licence';
import { Station } from '../../server/models/Station';
import { makeDraft, userNamed, type Made } from '../helpers/factories';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

/** 10:00 in Asia/Ho_Chi_Minh (UTC+7) on an ISO day, or any other UTC instant given in full. */
const ict = (iso: string, hhmm = '10:00') => new Date(`${iso}T${hhmm}:00+07:00`);

describe('the register as of a date (issue 16 item 3)', () => {
  let t: TestApp;
  let manager: { agent: Agent; csrf: string };
  let a: Made;
  let b: Made;
  let numberA = '';
  const realNow = clock.now;
  const at = (d: Date) => {
    clock.now = () => d;
  };

  before(async () => {
    t = await makeTestApp();
    manager = await loginAs(t.app, 'manager');
    const officer = await userNamed('officer');
    const boss = await userNamed('manager');
    const as = (u: CurrentUser) => ({ ...SYSTEM_ACTOR, userId: u.id });
    const ctx = { sequelize: t.db.sequelize, licencePrefix: 'ASOF' };
    try {
      // 1 March: licence A drafted (station at 12.6667, 108.038; 160.5 MHz).
      at(ict('2026-03-01'));
      a = await makeDraft(t.db.sequelize, t.districts, { frequency: 160_500_000 });
      // 2 March: submitted and issued.
      at(ict('2026-03-02'));
      await transition(ctx, a.licenceId, 'submit', {}, officer, as(officer));
      await transition(ctx, a.licenceId, 'issue', { note: 'ok' }, boss, as(boss));
      numberA = (await Licence.findByPk(a.licenceId))?.number ?? '';
      // 3 March: amended (station moved, frequency changed) and issued again; licence B drafted and issued.
      at(ict('2026-03-03'));
      await transition(ctx, a.licenceId, 'amend', {}, officer, as(officer));
      const s = await Station.findByPk(a.stationId);
      await updateStation(
        t.db.sequelize,
        t.districts,
        a.stationId,
        { latitude: 12.7, longitude: 108.05, version: s?.version },
        officer,
        as(officer),
      );
      const asg = await Assignment.findByPk(a.assignmentId);
      await updateAssignment(
        t.db.sequelize,
        a.assignmentId,
        { frequencyHz: 161_000_000, version: asg?.version },
        officer,
        as(officer),
      );
      await transition(ctx, a.licenceId, 'submit', {}, officer, as(officer));
      await transition(ctx, a.licenceId, 'issue', { note: 'ok' }, boss, as(boss));
      b = await makeDraft(t.db.sequelize, t.districts, { frequency: 162_000_000 });
      await transition(ctx, b.licenceId, 'submit', {}, officer, as(officer));
      await transition(ctx, b.licenceId, 'issue', { note: 'ok' }, boss, as(boss));
      // 4 March at 23:59 local: A suspended (still the 4th there, though 16:59 UTC).
      at(ict('2026-03-04', '23:59'));
      await transition(ctx, a.licenceId, 'suspend', { reason: 'vi phạm' }, boss, as(boss));
      // 5 March at 00:00:30 local (4 March 17:00:30 UTC): A revoked — on the 5th, not the 4th.
      at(new Date('2026-03-04T17:00:30Z'));
      await transition(ctx, a.licenceId, 'revoke', { reason: 'vi phạm' }, boss, as(boss));
    } finally {
      clock.now = realNow;
    }
  });
  after(async () => {
    clock.now = realNow;
    await t.close();
  });

  const licences = async (asOf: string) => {
    const res = await manager.agent.get(`/api/v1/licences?asOf=${asOf}&pageSize=100`).expect(200);
    return new Map<number, { status: string; revision: number }>(
      res.body.data.map((l: { id: number; status: string; revision: number }) => [l.id, l]),
    );
  };
  const station = async (asOf: string) => {
    const res = await manager.agent.get(`/api/v1/stations?asOf=${asOf}&licenceId=${a.licenceId}`).expect(200);
    return res.body.data as { id: number; latitude: number; longitude: number }[];
  };
  const assignment = async (asOf: string) => {
    const res = await manager.agent.get(`/api/v1/assignments?asOf=${asOf}&stationId=${a.stationId}`).expect(200);
    return res.body.data as { id: number; frequencyHz: number }[];
  };
  const publicList = async (asOf: string) => {
    const res = await manager.agent.get(`/api/v1/public/licences?asOf=${asOf}&q=${numberA}`).expect(200);
    return res.body.data as { number: string; status: string; stations?: unknown[] }[];
  };

  it('when a day before the licence existed is asked, then it is absent from every list', async () => {
    assert.equal((await licences('2026-02-28')).has(a.licenceId), false);
    assert.deepEqual(await station('2026-02-28'), []);
    assert.deepEqual(await assignment('2026-02-28'), []);
    assert.deepEqual(await publicList('2026-02-28'), []);
  });

  it('when the day it was drafted is asked, then staff see the draft and the public register does not', async () => {
    const l = await licences('2026-03-01');
    assert.equal(l.get(a.licenceId)?.status, 'draft');
    assert.equal(l.has(b.licenceId), false, 'B was drafted later');
    assert.equal((await station('2026-03-01'))[0]?.latitude, 12.6667);
    assert.equal((await assignment('2026-03-01'))[0]?.frequencyHz, 160_500_000);
    assert.deepEqual(await publicList('2026-03-01'), []);
  });

  it('when the day of issue is asked, then A is issued at revision 1 with its first position and channel', async () => {
    const l = await licences('2026-03-02');
    assert.equal(l.get(a.licenceId)?.status, 'issued');
    assert.equal(l.get(a.licenceId)?.revision, 1);
    assert.equal(l.has(b.licenceId), false);
    const [s] = await station('2026-03-02');
    assert.deepEqual([s?.latitude, s?.longitude], [12.6667, 108.038]);
    assert.equal((await assignment('2026-03-02'))[0]?.frequencyHz, 160_500_000);
    const pub = await manager.agent.get(`/api/v1/public/licences/${numberA}?asOf=2026-03-02`).expect(200);
    assert.equal(pub.body.data.status, 'issued');
    assert.equal(pub.body.data.revision, 1);
    assert.equal(pub.body.data.stations[0].assignments[0].frequencyHz, 160_500_000);
    assert.equal((await publicList('2026-03-02'))[0]?.status, 'issued');
  });

  it('when the day of the amendment is asked, then the new position and frequency show, and B is there', async () => {
    const l = await licences('2026-03-03');
    assert.equal(l.get(a.licenceId)?.status, 'issued');
    assert.equal(l.get(a.licenceId)?.revision, 2);
    assert.equal(l.get(b.licenceId)?.status, 'issued');
    const [s] = await station('2026-03-03');
    assert.deepEqual([s?.latitude, s?.longitude], [12.7, 108.05]);
    assert.equal((await assignment('2026-03-03'))[0]?.frequencyHz, 161_000_000);
    const pub = await manager.agent.get(`/api/v1/public/licences/${numberA}?asOf=2026-03-03`).expect(200);
    assert.equal(pub.body.data.stations[0].assignments[0].frequencyHz, 161_000_000);
  });

  it('when the day of a suspension at 23:59 local time is asked, then A is suspended (public too)', async () => {
    assert.equal((await licences('2026-03-04')).get(a.licenceId)?.status, 'suspended');
    assert.equal((await publicList('2026-03-04'))[0]?.status, 'suspended');
  });

  it('when the day of a revocation at 00:00:30 local is asked, then A is revoked, unlisted, found', async () => {
    assert.equal((await licences('2026-03-05')).get(a.licenceId)?.status, 'revoked');
    assert.deepEqual(await publicList('2026-03-05'), []);
    const pub = await manager.agent.get(`/api/v1/public/licences/${numberA}?asOf=2026-03-05`).expect(200);
    assert.equal(pub.body.data.status, 'revoked');
    // Today (no asOf) it is revoked too, and B is still issued.
    const live = await licences('');
    assert.equal(live.get(a.licenceId)?.status, 'revoked');
    assert.equal(live.get(b.licenceId)?.status, 'issued');
  });

  it('when the map is read as of a day, then its stations and footprints are those of that day', async () => {
    const bbox = '107,11,110,14';
    const points = async (asOf: string) => {
      const res = await manager.agent.get(`/api/v1/stations.geojson?asOf=${asOf}&bbox=${bbox}&zoom=14`).expect(200);
      const body = JSON.parse(res.text) as {
        features: { geometry: { coordinates: number[] }; properties: { id: number } }[];
      };
      return body.features.filter((f) => f.properties.id === a.stationId).map((f) => f.geometry.coordinates);
    };
    assert.deepEqual(await points('2026-02-28'), []);
    assert.deepEqual(await points('2026-03-02'), [[108.038, 12.6667]]);
    assert.deepEqual(await points('2026-03-03'), [[108.05, 12.7]]);
    const footprints = async (asOf: string) => {
      const res = await manager.agent.get(`/api/v1/footprints.geojson?asOf=${asOf}&bbox=${bbox}&zoom=12`).expect(200);
      const body = JSON.parse(res.text) as { features: { properties: { assignmentId: number } }[] };
      return body.features.filter((f) => f.properties.assignmentId === a.assignmentId).length;
    };
    assert.equal(await footprints('2026-02-28'), 0);
    assert.equal(await footprints('2026-03-02'), 1);
    const pub = await manager.agent.get(`/api/v1/public/stations.geojson?asOf=2026-03-02&bbox=${bbox}`).expect(200);
    const feats = JSON.parse(pub.text).features as { geometry: { type: string; coordinates: number[] } }[];
    const pts = feats.filter((f) => f.geometry.type === 'Point').map((f) => f.geometry.coordinates.join(','));
    assert.ok(pts.includes('108.038,12.6667'), pts.join(' '));
    assert.ok(!pts.includes('108.05,12.7'));
  });

  it('when asOf is not a date or is in the future, then 422 on the field; today is the live register', async () => {
    for (const bad of ['2026-02-30', 'yesterday', '2026-3-1']) {
      const res = await manager.agent.get(`/api/v1/licences?asOf=${bad}`).expect(422);
      assert.ok(res.body.error.fields.asOf, JSON.stringify(res.body));
    }
    const future = await manager.agent.get('/api/v1/stations?asOf=2999-01-01').expect(422);
    assert.ok(future.body.error.fields.asOf);
    await manager.agent.get('/api/v1/public/licences?asOf=2999-01-01').expect(422);
    await manager.agent.get('/api/v1/stations.geojson?asOf=nope').expect(422);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    assert.equal((await licences(today)).get(a.licenceId)?.status, 'revoked');
  });

  it('when a list page is asked for a past day, then a banner says so (en, vi) with a link back to today', async () => {
    const en = await manager.agent.get('/licences?asOf=2026-03-02&status=issued').set('Cookie', 'lang=en').expect(200);
    assert.match(en.text, /class="as-of-banner"/);
    assert.match(en.text, /2026-03-02|2 Mar/);
    assert.match(en.text, /href="\/licences\?status=issued"/);
    assert.match(en.text, /name="status" value="issued"/);
    const vi = await manager.agent.get('/stations?asOf=2026-03-02').set('Cookie', 'lang=vi').expect(200);
    assert.match(vi.text, /class="as-of-banner"/);
    const live = await manager.agent.get('/licences').expect(200);
    assert.doesNotMatch(live.text, /class="as-of-banner"/);
    const reg = await manager.agent.get('/register?asOf=2026-03-02').expect(200);
    assert.match(reg.text, /class="as-of-banner"/);
    await manager.agent.get('/register?asOf=2026-13-01').expect(422);
  });

  it('when a draft is deleted, then none of its versions stays open; a past read writes nothing', async () => {
    const count = async (where: string) => {
      const [rows] = (await t.db.sequelize.query(`SELECT COUNT(*) AS n FROM record_versions WHERE ${where}`)) as [
        { n: number | string }[],
        unknown,
      ];
      return Number(rows[0]?.n);
    };
    const d = await makeDraft(t.db.sequelize, t.districts);
    const l = await Licence.findByPk(d.licenceId);
    const officer = await loginAs(t.app, 'officer');
    await officer.agent
      .delete(`/api/v1/licences/${d.licenceId}`)
      .set('X-CSRF-Token', officer.csrf)
      .send({ version: l?.version })
      .expect((res) => assert.ok(res.status === 204 || res.status === 200, String(res.status)));
    const open = (e: string, id: number) => count(`entity = '${e}' AND "entityId" = ${id} AND "validTo" IS NULL`);
    assert.equal(await open('licence', d.licenceId), 0);
    assert.equal(await open('station', d.stationId), 0);
    assert.equal(await open('assignment', d.assignmentId), 0);
    assert.equal(await open('footprint', d.assignmentId), 0);
    // Every live licence, station and assignment has exactly one open version.
    for (const [e, table] of [
      ['licence', 'licences'],
      ['station', 'stations'],
      ['assignment', 'assignments'],
    ])
      assert.equal(
        await count(`entity = '${e}' AND "validTo" IS NULL`),
        Number(
          ((await t.db.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`)) as [{ n: number }[], unknown])[0][0]?.n,
        ),
      );
    const before = await count('1 = 1');
    await manager.agent.get('/api/v1/licences?asOf=2026-03-03').expect(200);
    await manager.agent.get('/map?asOf=2026-03-03').expect(200);
    assert.equal(await count('1 = 1'), before);
    // The live tables are untouched by the temporary ones of a past read.
    assert.equal(
      (await manager.agent.get('/api/v1/licences?pageSize=100').expect(200)).body.total,
      await Licence.count(),
    );
  });

  it('when the map page is opened for a past day, then the banner shows and the filters keep the day', async () => {
    const res = await manager.agent.get('/map?asOf=2026-03-03&service=land_mobile').expect(200);
    assert.match(res.text, /class="as-of-banner"/);
    assert.match(res.text, /name="asOf" value="2026-03-03"/);
    assert.match(res.text, /href="\/map\?service=land_mobile"/);
  });
});
