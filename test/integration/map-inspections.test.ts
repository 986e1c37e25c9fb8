import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { SYSTEM_ACTOR, type CurrentUser } from '../../server/lib/actor';
import { Inspection } from '../../server/models/Inspection';
import { Station } from '../../server/models/Station';
import { todayIso } from '../../server/lib/dates';
import { districtCounts } from '../../server/modules/inspections/due.service';
import { createFinding } from '../../server/modules/inspections/findings.service';
import { inspectionsGeoJson } from '../../server/modules/inspections/inspections.map.service';
import {
  inspectionTransition,
  logInspection,
  planInspection,
  type InspectionCtx,
} from '../../server/modules/inspections/inspections.service';
import { transition } from '../../server/modules/licences/licences.service';
import { parseMapQuery } from '../../server/modules/map/map.schema';
import { createUserDirect } from '../../server/modules/users/users.service';
import { loginAs, makeTestApp, TEST_PASSWORD, type Agent, type TestApp } from '../helpers/app';
import { makeDraft, makeLicenceIn, userNamed, type Made } from '../helpers/factories';

const INSPECTION_PROPS = [
  'date',
  'districtCode',
  'id',
  'openFindings',
  'place',
  'reference',
  'stationId',
  'stationName',
  'status',
  'type',
  'unlicensed',
  'worstSeverity',
];
const CLUSTER_PROPS = ['cluster', 'count', 'extent', 'unlicensed'];
/** Buôn Ma Thuột (643), Ea H'leo (645), the whole province. */
const BMT = '107.95,12.60,108.12,12.75';
const EA_HLEO = '108.10,13.18,108.25,13.30';
const PROVINCE = '107.40,12.10,109.00,13.45';

interface Feature {
  id: number | string;
  geometry: { type: string; coordinates: [number, number] };
  properties: Record<string, unknown>;
}
interface Collection {
  mode: string;
  total: number;
  features: Feature[];
}

describe('map: the inspections layer and the overdue-inspections choropleth', () => {
  let t: TestApp;
  let uploads: string;
  const as: Record<string, { agent: Agent; csrf: string }> = {};
  let bmt: Made;
  let hleo: Made;
  /** At the BMT station, its own GPS position, in progress, one open major finding. */
  let atStation: number;
  /** At a place in BMT (no station), an unlicensed emitter found (critical, open). */
  let atPlace: number;
  /** Planned by the manager at the BMT station: no position of its own (drawn at the station). */
  let planned: number;
  /** At the Ea H'leo station (645), by an inspector of that district only; its finding resolved. */
  let inHleo: number;
  /** Cancelled: left out unless status=cancelled. */
  let cancelled: number;

  before(async () => {
    uploads = mkdtempSync(path.join(tmpdir(), 'tanso-map-insp-'));
    t = await makeTestApp({ env: { UPLOAD_DIR: uploads } });
    const seq = t.db.sequelize;
    // An issued land-mobile station in Buôn Ma Thuột whose licence
    // has been in force since 2019 (36-month interval: overdue).
    bmt = await makeLicenceIn(seq, t.districts, 'issued', 'MAPI');
    await seq.query('UPDATE licences SET "validFrom" = \'2019-01-01\' WHERE id = :id', {
      replacements: { id: bmt.licenceId },
    });
    // An issued station in Ea H'leo (645).
    hleo = await makeDraft(seq, t.districts, { latitude: 13.241, longitude: 108.176 });
    const officer = await userNamed('officer');
    const manager = await userNamed('manager');
    await transition({ sequelize: seq, licencePrefix: 'MAPI' }, hleo.licenceId, 'submit', {}, officer, {
      ...SYSTEM_ACTOR,
      userId: officer.id,
    });
    await transition({ sequelize: seq, licencePrefix: 'MAPI' }, hleo.licenceId, 'issue', { note: 'ok' }, manager, {
      ...SYSTEM_ACTOR,
      userId: manager.id,
    });
    await createUserDirect(
      seq,
      {
        username: 'inspector645',
        fullName: 'Kiểm soát viên Ea Hleo',
        role: 'inspector',
        password: TEST_PASSWORD,
        districtCodes: ['645'],
      },
      SYSTEM_ACTOR,
    );

    const ctx: InspectionCtx = { sequelize: seq, districts: t.districts, uploadDir: uploads };
    const inspector = await userNamed('inspector');
    const i645 = await userNamed('inspector645');
    const actor = (u: CurrentUser) => ({ ...SYSTEM_ACTOR, userId: u.id, role: u.role });
    const log = async (u: CurrentUser, body: Record<string, unknown>) =>
      (await logInspection(ctx, body, [], u, actor(u))).inspection.id;

    atStation = await log(inspector, {
      type: 'routine',
      stationId: bmt.stationId,
      latitude: 12.6672,
      longitude: 108.0391,
      positionSource: 'gps',
      positionAccuracyM: 5,
    });
    await createFinding(
      seq,
      atStation,
      { category: 'excess_power', severity: 'major', description: 'ERP cao hơn giấy phép.' },
      inspector,
      actor(inspector),
    );
    atPlace = await log(inspector, {
      type: 'unlicensed_search',
      place: 'Chợ trung tâm',
      latitude: 12.7,
      longitude: 108.06,
      positionSource: 'manual',
    });
    await createFinding(
      seq,
      atPlace,
      { category: 'unlicensed_operation', severity: 'critical', description: 'Máy phát FM không phép.' },
      inspector,
      actor(inspector),
    );
    await createFinding(
      seq,
      atPlace,
      { category: 'other', severity: 'minor', description: 'Ghi chú thêm.' },
      inspector,
      actor(inspector),
    );
    planned = (
      await planInspection(
        ctx,
        { type: 'routine', stationId: bmt.stationId, scheduledFor: '2099-01-15', inspectorIds: [inspector.id] },
        manager,
        actor(manager),
      )
    ).id;
    inHleo = await log(i645, { type: 'complaint', stationId: hleo.stationId });
    const resolvedLater = await createFinding(
      seq,
      inHleo,
      { category: 'other', severity: 'critical', description: 'Đã khắc phục.' },
      i645,
      actor(i645),
    );
    await seq.query("UPDATE findings SET status = 'resolved' WHERE id = :id", {
      replacements: { id: resolvedLater.id },
    });
    cancelled = (
      await planInspection(
        ctx,
        { type: 'follow_up', stationId: bmt.stationId, scheduledFor: '2099-02-01', inspectorIds: [inspector.id] },
        manager,
        actor(manager),
      )
    ).id;
    await inspectionTransition(
      ctx,
      cancelled,
      'cancel',
      { reason: 'trùng lịch', version: (await Inspection.findByPk(cancelled))?.version },
      manager,
      actor(manager),
    );

    for (const u of ['manager', 'officer', 'inspector', 'inspector2', 'inspector645']) as[u] = await loginAs(t.app, u);
  });
  after(async () => {
    await t.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  const get = (who: string, url: string) =>
    (as[who] as { agent: Agent }).agent.get(url).set('Accept', 'application/json');
  const layer = async (who: string, query: string): Promise<Collection> => {
    const res = await get(who, `/api/v1/inspections.geojson?${query}`);
    assert.equal(res.status, 200, `${who} ${query}: ${res.status} ${res.text}`);
    return res.body as Collection;
  };
  const ids = (fc: Collection) => fc.features.map((f) => Number(f.properties.id)).sort((x, y) => x - y);
  const sorted = (...xs: number[]) => [...xs].sort((x, y) => x - y);

  it('the records sit where the tests expect them', async () => {
    assert.equal((await Station.findByPk(bmt.stationId))?.districtCode, '643');
    assert.equal((await Station.findByPk(hleo.stationId))?.districtCode, '645');
    assert.deepEqual(
      (
        await Inspection.findAll({
          where: { id: [atStation, atPlace, planned, inHleo, cancelled] },
          order: [['id', 'ASC']],
        })
      ).map((i) => [i.districtCode, i.status]),
      [
        ['643', 'in_progress'],
        ['643', 'in_progress'],
        ['643', 'planned'],
        ['645', 'in_progress'],
        ['643', 'cancelled'],
      ],
    );
  });

  it(
    'when nobody is signed in, ' + 'then the layer answers 401; a malformed bbox, status or type answers 422 naming it',
    async () => {
      const anon = await supertest(t.app)
        .get(`/api/v1/inspections.geojson?bbox=${BMT}`)
        .set('Accept', 'application/json');
      assert.equal(anon.status, 401);
      for (const [query, field] of [
        ['bbox=1,2,3', 'bbox'],
        ['bbox=108.2,12,108.1,13', 'bbox'],
        ['bbox=a,b,c,d', 'bbox'],
        ['status=open', 'status'],
        ['type=audit', 'type'],
        ['zoom=99', 'zoom'],
      ]) {
        const res = await get('manager', `/api/v1/inspections.geojson?${query}`);
        assert.equal(res.status, 422, query);
        assert.ok(res.body.error.fields[field as string], `${query}: ${JSON.stringify(res.body.error)}`);
      }
    },
  );

  it(
    'when a manager asks for a district view, ' +
      "then each inspection is one Point with the documented properties, at its own position or else its station's",
    async () => {
      const res = await get('manager', `/api/v1/inspections.geojson?bbox=${BMT}&zoom=12`);
      assert.match(String(res.headers['content-type']), /application\/geo\+json/);
      const fc = res.body as Collection;
      assert.equal(fc.mode, 'points');
      assert.equal(fc.total, 3);
      assert.deepEqual(ids(fc), sorted(atStation, atPlace, planned));
      for (const f of fc.features) {
        assert.equal(f.geometry.type, 'Point');
        assert.deepEqual(Object.keys(f.properties).sort(), INSPECTION_PROPS);
      }
      const byId = (id: number) => fc.features.find((f) => f.properties.id === id) as Feature;
      const s = (await Station.findByPk(bmt.stationId)) as Station;
      const one = byId(atStation);
      assert.deepEqual(one.geometry.coordinates, [108.0391, 12.6672]);
      assert.equal(one.properties.stationId, bmt.stationId);
      assert.equal(one.properties.stationName, s.name);
      assert.equal(one.properties.unlicensed, false);
      assert.equal(one.properties.openFindings, 1);
      assert.equal(one.properties.worstSeverity, 'major');
      assert.equal(one.properties.districtCode, '643');
      assert.equal(one.properties.date, todayIso());
      assert.match(String(one.properties.reference), /^INS-\d{4}-\d{5}$/);
      const place = byId(atPlace);
      assert.deepEqual(place.geometry.coordinates, [108.06, 12.7]);
      assert.equal(place.properties.stationId, null);
      assert.equal(place.properties.stationName, null);
      assert.equal(place.properties.place, 'Chợ trung tâm');
      assert.equal(place.properties.unlicensed, true);
      assert.equal(place.properties.type, 'unlicensed_search');
      assert.equal(place.properties.openFindings, 2);
      assert.equal(place.properties.worstSeverity, 'critical');
      const plan = byId(planned);
      assert.deepEqual(plan.geometry.coordinates, [s.longitude, s.latitude]);
      assert.equal(plan.properties.status, 'planned');
      assert.equal(plan.properties.date, '2099-01-15');
      assert.equal(plan.properties.openFindings, 0);
      assert.equal(plan.properties.worstSeverity, null);
      // A resolved finding is not open, and does not make a station inspection unlicensed.
      const hleoFc = await layer('manager', `bbox=${EA_HLEO}&zoom=12`);
      assert.deepEqual(ids(hleoFc), [inHleo]);
      assert.deepEqual(
        [
          hleoFc.features[0]?.properties.openFindings,
          hleoFc.features[0]?.properties.worstSeverity,
          hleoFc.features[0]?.properties.unlicensed,
        ],
        [0, null, false],
      );
    },
  );

  it(
    'when the layer is filtered by district, status or type, ' +
      'then only the matching inspections come back; cancelled ones only when asked for',
    async () => {
      assert.deepEqual(
        ids(await layer('manager', `bbox=${PROVINCE}&zoom=9`)),
        sorted(atStation, atPlace, planned, inHleo),
      );
      assert.deepEqual(ids(await layer('manager', 'district=645')), [inHleo]);
      assert.deepEqual(ids(await layer('manager', 'district=643,645&type=unlicensed_search')), [atPlace]);
      assert.deepEqual(ids(await layer('manager', 'status=planned')), [planned]);
      assert.deepEqual(ids(await layer('manager', 'status=cancelled')), [cancelled]);
      assert.deepEqual(
        ids(await layer('manager', 'type=routine,complaint&status=in_progress')),
        sorted(atStation, inHleo),
      );
      assert.deepEqual(ids(await layer('manager', 'district=650')), []);
      // A licence-status or service filter of the stations layer does not apply here (only documented parameters do).
      assert.deepEqual(
        ids(await layer('manager', `bbox=${BMT}&service=fm_broadcast`)),
        sorted(atStation, atPlace, planned),
      );
    },
  );

  it(
    'when inspectors open the layer, ' +
      'then they see only the inspections of their own districts; managers and licensing officers see all',
    async () => {
      assert.deepEqual(ids(await layer('inspector', `bbox=${PROVINCE}&zoom=9`)), sorted(atStation, atPlace, planned));
      assert.deepEqual(ids(await layer('inspector645', `bbox=${PROVINCE}&zoom=9`)), [inHleo]);
      assert.deepEqual(ids(await layer('inspector645', 'district=643')), []);
      assert.deepEqual(ids(await layer('inspector2', `bbox=${PROVINCE}&zoom=9`)), []);
      assert.equal((await layer('inspector2', `bbox=${PROVINCE}&zoom=5`)).total, 0);
      assert.deepEqual(
        ids(await layer('officer', `bbox=${PROVINCE}&zoom=9`)),
        sorted(atStation, atPlace, planned, inHleo),
      );
    },
  );

  it('when zoomed out or when there are too many, then inspections come as grid clusters counted in SQL', async () => {
    const fc = await layer('manager', `bbox=${PROVINCE}&zoom=5`);
    assert.equal(fc.mode, 'clusters');
    assert.equal(fc.total, 4);
    assert.equal(
      fc.features.reduce((n, f) => n + Number(f.properties.count), 0),
      4,
    );
    assert.equal(
      fc.features.reduce((n, f) => n + Number(f.properties.unlicensed), 0),
      1,
    );
    for (const f of fc.features) assert.deepEqual(Object.keys(f.properties).sort(), CLUSTER_PROPS);
    const mine = await layer('inspector', `bbox=${PROVINCE}&zoom=5`);
    assert.equal(
      mine.features.reduce((n, f) => n + Number(f.properties.count), 0),
      3,
    );
    // Above the point limit at street zoom: clusters too, with each cell's extent around its members.
    const dense = await inspectionsGeoJson(
      t.db.sequelize,
      parseMapQuery({ bbox: BMT, zoom: '14' }, 'inspection'),
      null,
      { pointLimit: 2 },
    );
    assert.equal(dense.mode, 'clusters');
    assert.equal(dense.total, 3);
    assert.equal(
      dense.features.reduce((n, f) => n + Number(f.properties?.count), 0),
      3,
    );
    for (const f of dense.features) {
      const [w, s, e, n] = f.properties?.extent as [number, number, number, number];
      assert.ok(w >= 107.95 && e <= 108.12 && s >= 12.6 && n <= 12.75, JSON.stringify(f.properties));
    }
  });

  it(
    'when the choropleth asks for overdueInspections, ' + "then each district has the due list's overdue count",
    async () => {
      const cheap = await get('manager', '/api/v1/map/districts');
      assert.equal(cheap.status, 200);
      assert.ok(
        !cheap.body.metrics.includes('overdueInspections'),
        'a costly metric is computed only when the map is shaded by it',
      );
      const res = await get('manager', '/api/v1/map/districts?metric=overdueInspections');
      assert.equal(res.status, 200);
      assert.ok(res.body.metrics.includes('overdueInspections'));
      const counts = new Map((await districtCounts(todayIso())).map((c) => [c.districtCode, c.overdue]));
      for (const row of res.body.data as { code: string; overdueInspections: number }[])
        assert.equal(row.overdueInspections, counts.get(row.code) ?? 0, row.code);
      const row643 = (res.body.data as { code: string; overdueInspections: number }[]).find((d) => d.code === '643');
      assert.ok(row643 && row643.overdueInspections >= 1, 'the BMT station in force since 2019 is overdue');
      // The managers' due list for the district counts the same overdue stations.
      const due = await get('manager', '/api/v1/inspections/due?district=643&pageSize=100');
      assert.equal(
        (due.body.data as { state: string }[]).filter((d) => d.state === 'overdue').length,
        row643?.overdueInspections,
      );
      // Under the map's station filters: the overdue stations that match them.
      const fm = await get('manager', '/api/v1/map/districts?service=fm_broadcast&metric=overdueInspections');
      assert.equal(fm.body.data.find((d: { code: string }) => d.code === '643').overdueInspections, 0);
      const lm = await get('manager', '/api/v1/map/districts?service=land_mobile&metric=overdueInspections');
      assert.equal(
        lm.body.data.find((d: { code: string }) => d.code === '643').overdueInspections,
        row643?.overdueInspections,
      );
      const mine = await get('manager', `/api/v1/map/districts?licensee=${bmt.licenseeId}&metric=overdueInspections`);
      assert.equal(mine.body.data.find((d: { code: string }) => d.code === '643').overdueInspections, 1);
    },
  );

  it('when a manager opens /map, then the inspections layer and the overdue metric are offered', async () => {
    const page = await (as.manager as { agent: Agent }).agent.get('/map');
    assert.equal(page.status, 200);
    assert.match(page.text, /<input type="checkbox" name="layers" value="inspections">/);
    assert.match(page.text, /<input type="radio" name="metric" value="overdueInspections">/);
    assert.match(page.text, /id="map-inspection-list"/);
    assert.match(page.text, /Stations overdue for inspection/);
    const vi = await (as.manager as { agent: Agent }).agent.get('/map').set('Accept-Language', 'vi');
    assert.match(vi.text, /Đài quá hạn kiểm tra/);
    assert.match(vi.text, /> Kiểm tra<\/label>/);
  });
});
