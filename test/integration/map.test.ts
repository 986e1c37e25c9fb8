import assert from 'node:assert/strict';
import supertest from 'supertest';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { AssignmentFootprint } from '../../server/models/AssignmentFootprint';
import { Conflict } from '../../server/models/Conflict';
import { Station } from '../../server/models/Station';
import { createAssignment } from '../../server/modules/assignments/assignments.service';
import { createLicensee } from '../../server/modules/licensees/licensees.service';
import { createLicence, transition } from '../../server/modules/licences/licences.service';
import { stationsGeoJson } from '../../server/modules/map/map.service';
import { createStation } from '../../server/modules/stations/stations.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft, userNamed, type Made } from '../helpers/factories';

const STATION_PROPS = [
  'antennaHeightM',
  'callsign',
  'districtCode',
  'erpW',
  'frequenciesHz',
  'id',
  'licenceId',
  'licenceNumber',
  'licenceStatus',
  'licenseeId',
  'licenseeName',
  'name',
  'service',
  'stationClass',
];
const CLUSTER_PROPS = ['cluster', 'count', 'countByService', 'extent', 'service'];
const FOOTPRINT_PROPS = ['assignmentId', 'frequencyHz', 'maxRadiusKm', 'service', 'stationId', 'stationName'];
const CONFLICT_PROPS = [
  'conflictId',
  'conflictIds',
  'districtCodes',
  'featureType',
  'frequencyOffsetHz',
  'kind',
  'mechanism',
  'overlapFraction',
  'overlapKm2',
  'severity',
  'stationAFrequencyHz',
  'stationAId',
  'stationAName',
  'stationBFrequencyHz',
  'stationBId',
  'stationBName',
  'status',
];

/** Boxes around the stations below: Buôn Ma Thuột (643), Ea H'leo (645), Krông Bông (653), the whole province. */
const BMT = '107.95,12.60,108.12,12.75';
const EA_HLEO = '108.10,13.18,108.25,13.30';
const KRONG_BONG = '108.40,12.40,108.60,12.55';
const PROVINCE = '107.40,12.10,109.00,13.45';

interface Feature {
  id: number | string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

describe('map layers (GeoJSON endpoints and pages)', () => {
  let t: TestApp;
  let m: { agent: Agent; csrf: string };
  let a: Made;
  let b: Made;
  let fm: { stationId: number; licenceId: number; licenseeId: number; assignmentId: number };
  let uhf: Made;

  /** An FM station at Ea H'leo under an issued licence of a broadcaster. */
  async function makeFmIssued() {
    const officer = await userNamed('officer');
    const manager = await userNamed('manager');
    const actor = { ...SYSTEM_ACTOR, userId: officer.id };
    const seq = t.db.sequelize;
    const licensee = await createLicensee(
      seq,
      { name: 'Đài Phát thanh Bản đồ', kind: 'broadcaster', taxCode: '6000099991', address: "Ea H'leo" },
      actor,
    );
    const licence = await createLicence(
      seq,
      {
        licenseeId: licensee.id,
        type: 'frequency_equipment',
        service: 'fm_broadcast',
        validFrom: '2026-01-01',
        validTo: '2030-12-31',
      },
      officer,
      actor,
    );
    const station = await createStation(
      seq,
      t.districts,
      {
        licenceId: licence.id,
        name: 'Đài FM Ea Hleo',
        service: 'fm_broadcast',
        stationClass: 'BC',
        latitude: 13.241,
        longitude: 108.176,
        antennaHeightM: 40,
        antennaGainDbi: 3,
        txPowerW: 500,
        feederLossDb: 1,
      },
      officer,
      actor,
    );
    const asg = await createAssignment(
      seq,
      station.id,
      { direction: 'tx', frequencyHz: '98.5 MHz', bandwidthHz: '200 kHz', emissionDesignator: '180KF8EHF' },
      officer,
      actor,
    );
    const ctx = { sequelize: seq, licencePrefix: 'MAP' };
    await transition(ctx, licence.id, 'submit', {}, officer, actor);
    await transition(ctx, licence.id, 'issue', { note: 'ok', acknowledgeWarnings: true }, manager, {
      ...SYSTEM_ACTOR,
      userId: manager.id,
    });
    return { stationId: station.id, licenceId: licence.id, licenseeId: licensee.id, assignmentId: asg.id };
  }

  before(async () => {
    t = await makeTestApp();
    m = await loginAs(t.app, 'manager');
    // A and B: co-channel land-mobile neighbours in Buôn Ma Thuột (an open high conflict each way).
    a = await makeDraft(t.db.sequelize, t.districts, { frequency: 150_012_500 });
    b = await makeDraft(t.db.sequelize, t.districts, { frequency: 150_012_500, latitude: 12.7, longitude: 108.06 });
    fm = await makeFmIssued();
    uhf = await makeDraft(t.db.sequelize, t.districts, { frequency: 450_012_500, latitude: 12.469, longitude: 108.5 });
  });
  after(async () => {
    await t.close();
  });

  const get = (path: string) => m.agent.get(path).set('Accept', 'application/json');
  const ids = (body: { features: Feature[] }) =>
    body.features.map((f) => Number(f.properties.id)).sort((x, y) => x - y);

  it(
    'the seeded records sit where the tests expect them (districts derived from positions, ' + 'one conflicting pair)',
    async () => {
      const rows = await Station.findAll({
        where: { id: [a.stationId, b.stationId, fm.stationId, uhf.stationId] },
        order: [['id', 'ASC']],
      });
      assert.deepEqual(
        rows.map((s) => s.districtCode),
        ['643', '643', '645', '653'],
      );
      assert.equal(
        await Conflict.count({ where: { status: 'open', victimAssignmentId: [a.assignmentId, b.assignmentId] } }),
        2,
      );
    },
  );

  it('when nobody is signed in, then every map endpoint answers 401 and /map sends to the login page', async () => {
    const anon = supertest(t.app);
    for (const path of [
      `/api/v1/stations.geojson?bbox=${BMT}`,
      `/api/v1/footprints.geojson?bbox=${BMT}&zoom=12`,
      `/api/v1/conflicts.geojson?bbox=${BMT}`,
      '/api/v1/map/districts',
    ]) {
      const res = await anon.get(path);
      assert.equal(res.status, 401, path);
      assert.equal(res.body.error.code, 'unauthorized', path);
    }
    const page = await anon.get('/map');
    assert.equal(page.status, 303);
    assert.match(String(page.headers.location), /^\/login\?next=%2Fmap/);
  });

  it('when the bbox or a filter is malformed, then 422 naming the parameter', async () => {
    for (const bad of [
      'a,b,c,d',
      '108,12,109',
      '109,12,108,13',
      '108,12.5,109,12.4',
      '108,-91,109,13',
      '-181,12,109,13',
      '108,12,,13',
    ]) {
      for (const layer of ['stations', 'footprints', 'conflicts']) {
        const res = await get(`/api/v1/${layer}.geojson?bbox=${encodeURIComponent(bad)}&zoom=12`);
        assert.equal(res.status, 422, `${layer} ${bad}`);
        assert.equal(res.body.error.code, 'validation_failed');
        assert.deepEqual(Object.keys(res.body.error.fields), ['bbox']);
        assert.match(res.body.error.fields.bbox, /minLon,minLat,maxLon,maxLat/);
      }
    }
    for (const [param, value] of [
      ['service', 'fm'],
      ['status', 'alive'],
      ['band', 'xyz'],
      ['band', '108-87.5'],
      ['zoom', 'near'],
      ['severity', 'huge'],
      ['district', 'a b'],
    ]) {
      const res = await get(`/api/v1/stations.geojson?${param}=${encodeURIComponent(value as string)}`);
      assert.equal(res.status, 422, `${param}=${value}`);
      assert.deepEqual(Object.keys(res.body.error.fields), [param]);
    }
    const severity = await get(`/api/v1/conflicts.geojson?severity=huge`);
    assert.equal(severity.status, 422);
    assert.deepEqual(Object.keys(severity.body.error.fields), ['severity']);
  });

  it(
    'when the box holds Buôn Ma Thuột, ' + 'then only its stations come back, as points with the documented properties',
    async () => {
      const res = await get(`/api/v1/stations.geojson?bbox=${BMT}&zoom=12`);
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /application\/geo\+json/);
      assert.equal(res.body.type, 'FeatureCollection');
      assert.equal(res.body.mode, 'points');
      assert.equal(res.body.total, 2);
      assert.deepEqual(
        ids(res.body),
        [a.stationId, b.stationId].sort((x, y) => x - y),
      );
      const f = (res.body.features as Feature[]).find((x) => x.properties.id === b.stationId) as Feature;
      assert.deepEqual(Object.keys(f.properties).sort(), STATION_PROPS);
      assert.deepEqual(f.geometry, { type: 'Point', coordinates: [108.06, 12.7] });
      assert.equal(f.properties.service, 'land_mobile');
      assert.equal(f.properties.districtCode, '643');
      assert.equal(f.properties.licenceStatus, 'draft');
      assert.deepEqual(f.properties.frequenciesHz, [150_012_500]);
    },
  );

  it('when each filter is applied over the whole province, then exactly the matching stations come back', async () => {
    const all = [a.stationId, b.stationId, fm.stationId, uhf.stationId].sort((x, y) => x - y);
    const cases: [string, number[]][] = [
      ['', all],
      ['district=645', [fm.stationId]],
      ['district=643,653', [a.stationId, b.stationId, uhf.stationId]],
      ['service=fm_broadcast', [fm.stationId]],
      ['service=land_mobile', [a.stationId, b.stationId, uhf.stationId]],
      ['status=issued', [fm.stationId]],
      ['status=draft', [a.stationId, b.stationId, uhf.stationId]],
      ['band=uhf', [uhf.stationId]],
      ['band=vhf', [a.stationId, b.stationId, fm.stationId]],
      ['band=87.5-108', [fm.stationId]],
      [`licensee=${fm.licenseeId}`, [fm.stationId]],
      ['licensee=dai%20phat%20thanh%20ban', [fm.stationId]],
      ['licensee=nobody-like-this', []],
      ['district=645&service=land_mobile', []],
    ];
    for (const [query, want] of cases) {
      const res = await get(`/api/v1/stations.geojson?bbox=${PROVINCE}&zoom=9&${query}`);
      assert.equal(res.status, 200, query);
      assert.deepEqual(
        ids(res.body),
        want.sort((x, y) => x - y),
        query,
      );
      assert.equal(res.body.total, want.length, query);
    }
  });

  it('when zoomed out, then clusters per grid cell whose counts add up to the stations in view', async () => {
    const res = await get(`/api/v1/stations.geojson?bbox=${PROVINCE}&zoom=5`);
    assert.equal(res.status, 200);
    assert.equal(res.body.mode, 'clusters');
    assert.equal(res.body.total, 4);
    assert.ok(res.body.cellDeg > 0);
    const features = res.body.features as Feature[];
    assert.ok(features.length >= 1 && features.length <= 4);
    for (const f of features) {
      assert.deepEqual(Object.keys(f.properties).sort(), CLUSTER_PROPS);
      assert.equal(f.properties.cluster, true);
      assert.equal(f.geometry.type, 'Point');
    }
    assert.equal(
      features.reduce((s, f) => s + Number(f.properties.count), 0),
      4,
    );
    const byService: Record<string, number> = {};
    for (const f of features)
      for (const [k, v] of Object.entries(f.properties.countByService as Record<string, number>))
        byService[k] = (byService[k] ?? 0) + v;
    assert.deepEqual(byService, { fm_broadcast: 1, land_mobile: 3 });
    // The same filter applies in cluster mode.
    const fmOnly = await get(`/api/v1/stations.geojson?bbox=${PROVINCE}&zoom=5&service=fm_broadcast`);
    assert.deepEqual(
      (fmOnly.body.features as Feature[]).map((f) => f.properties.count),
      [1],
    );
  });

  it(
    'when the box holds more stations than the point limit, ' +
      'then the service answers with clusters (the benchmark path)',
    async () => {
      const q = { bbox: [107.4, 12.1, 109, 13.45] as [number, number, number, number], zoom: 12 };
      const points = await stationsGeoJson(t.db.sequelize, q);
      assert.equal(points.mode, 'points');
      const clustered = await stationsGeoJson(t.db.sequelize, q, { pointLimit: 3 });
      assert.equal(clustered.mode, 'clusters');
      assert.equal(clustered.total, 4);
      // At zoom 12 a cell is ~0.022°: A and B (≈0.05° apart) and the others fall in separate cells.
      assert.equal(clustered.features.length, 4);
      assert.ok(
        clustered.features.every(
          (f) =>
            f.properties !== null &&
            'cluster' in f.properties &&
            f.properties.cluster === true &&
            f.properties.count === 1,
        ),
      );
    },
  );

  it(
    'when footprints are asked for, ' +
      'then only at district zoom, only those whose box meets the view, with the documented properties',
    async () => {
      const far = await get(`/api/v1/footprints.geojson?bbox=${BMT}&zoom=8`);
      assert.equal(far.status, 200);
      assert.equal(far.body.mode, 'zoom_in');
      assert.deepEqual(far.body.features, []);
      const near = await get(`/api/v1/footprints.geojson?bbox=${BMT}&zoom=12`);
      assert.equal(near.body.mode, 'features');
      const got = (near.body.features as Feature[]).map((f) => Number(f.properties.assignmentId)).sort((x, y) => x - y);
      const fps = await AssignmentFootprint.findAll({
        where: { assignmentId: [a.assignmentId, b.assignmentId, fm.assignmentId, uhf.assignmentId] },
      });
      const bbox = BMT.split(',').map(Number) as [number, number, number, number];
      const want = fps
        .filter((f) => f.minLon <= bbox[2] && f.maxLon >= bbox[0] && f.minLat <= bbox[3] && f.maxLat >= bbox[1])
        .map((f) => f.assignmentId)
        .sort((x, y) => x - y);
      assert.ok(want.includes(a.assignmentId) && want.includes(b.assignmentId) && !want.includes(uhf.assignmentId));
      assert.deepEqual(got, want);
      const f = (near.body.features as Feature[])[0] as Feature;
      assert.deepEqual(Object.keys(f.properties).sort(), FOOTPRINT_PROPS);
      assert.equal(f.geometry.type, 'Polygon');
      const one = await get(`/api/v1/footprints.geojson?assignment=${fm.assignmentId}`);
      assert.deepEqual(
        (one.body.features as Feature[]).map((x) => x.properties.assignmentId),
        [fm.assignmentId],
      );
      assert.equal((one.body.features as Feature[])[0]?.properties.frequencyHz, 98_500_000);
      const filtered = await get(`/api/v1/footprints.geojson?bbox=${BMT}&zoom=12&service=fm_broadcast`);
      assert.ok((filtered.body.features as Feature[]).every((x) => x.properties.service === 'fm_broadcast'));
      const trimmed = await get(`/api/v1/footprints.geojson?bbox=${KRONG_BONG}&zoom=12`);
      assert.ok((trimmed.body.features as Feature[]).some((x) => x.properties.assignmentId === uhf.assignmentId));
    },
  );

  it(
    'when conflicts are asked for, ' +
      'then each pair in view is one overlap and one line, filtered by severity, status and district',
    async () => {
      const res = await get(`/api/v1/conflicts.geojson?bbox=${BMT}&zoom=12`);
      assert.equal(res.status, 200);
      assert.equal(res.body.mode, 'features');
      assert.equal(res.body.total, 2, 'both directions of the pair are counted');
      const features = res.body.features as Feature[];
      assert.deepEqual(features.map((f) => f.properties.featureType).sort(), ['conflict_link', 'conflict_overlap']);
      const rows = await Conflict.findAll({
        where: { victimAssignmentId: [a.assignmentId, b.assignmentId] },
        order: [['id', 'ASC']],
      });
      for (const f of features) {
        assert.deepEqual(Object.keys(f.properties).sort(), CONFLICT_PROPS);
        assert.deepEqual(
          f.properties.conflictIds,
          rows.map((r) => r.id),
        );
        assert.equal(f.properties.severity, 'high');
        assert.equal(f.properties.status, 'open');
        assert.deepEqual(f.properties.districtCodes, ['643']);
        assert.deepEqual([f.properties.stationAId, f.properties.stationBId], [a.stationId, b.stationId]);
      }
      const link = features.find((f) => f.properties.featureType === 'conflict_link') as Feature;
      assert.deepEqual(link.geometry, {
        type: 'LineString',
        coordinates: [
          [108.038, 12.6667],
          [108.06, 12.7],
        ],
      });
      const overlap = features.find((f) => f.properties.featureType === 'conflict_overlap') as Feature;
      assert.match(overlap.geometry.type, /Polygon/);

      const count = async (query: string) =>
        ((await get(`/api/v1/conflicts.geojson?${query}`)).body.features as Feature[]).filter(
          (f) => f.properties.featureType === 'conflict_link',
        ).length;
      assert.equal(await count(`bbox=${BMT}&severity=high`), 1);
      assert.equal(await count(`bbox=${BMT}&severity=low,medium`), 0);
      assert.equal(await count(`bbox=${BMT}&status=resolved`), 0);
      assert.equal(await count(`bbox=${EA_HLEO}`), 0);
      assert.equal(await count('district=643'), 1);
      assert.equal(await count('district=645'), 0);
      assert.equal(await count('service=fm_broadcast'), 0);
      assert.equal(await count(`station=${b.stationId}`), 1);
      assert.equal(await count(`conflict=${rows[0]?.id}&status=open,acknowledged,resolved`), 1);
      const clustered = await get(`/api/v1/conflicts.geojson?bbox=${PROVINCE}&zoom=5`);
      assert.equal(clustered.body.mode, 'clusters');
      assert.deepEqual(
        (clustered.body.features as Feature[]).map((f) => [f.properties.count, f.properties.severity]),
        [[2, 'high']],
      );
    },
  );

  it(
    'when the choropleth figures are asked for, ' +
      'then each district has its station and open-conflict counts, as the lists count them',
    async () => {
      const res = await get('/api/v1/map/districts?metric=overdueInspections');
      assert.equal(res.status, 200);
      // overdueInspections is registered by the inspections module (test/integration/map-inspections.test.ts
      // checks its figures); being costly, it is computed only when named.
      assert.deepEqual(res.body.metrics, ['stations', 'openConflicts', 'overdueInspections']);
      assert.deepEqual((await get('/api/v1/map/districts')).body.metrics, ['stations', 'openConflicts']);
      assert.equal(res.body.data.length, 15);
      const row = (code: string) => res.body.data.find((d: { code: string }) => d.code === code);
      assert.deepEqual(row('643'), { code: '643', stations: 2, openConflicts: 2, overdueInspections: 0 });
      assert.deepEqual(
        { ...row('645'), overdueInspections: undefined },
        { code: '645', stations: 1, openConflicts: 0, overdueInspections: undefined },
      );
      assert.deepEqual(row('650'), { code: '650', stations: 0, openConflicts: 0, overdueInspections: 0 });
      const list = await get('/api/v1/conflicts?district=643&status=open');
      assert.equal(list.body.total, row('643').openConflicts);
      const fmOnly = await get('/api/v1/map/districts?service=fm_broadcast');
      assert.equal(fmOnly.body.data.find((d: { code: string }) => d.code === '643').stations, 0);
      assert.equal(fmOnly.body.data.find((d: { code: string }) => d.code === '645').stations, 1);
    },
  );

  it(
    'when a manager opens /map, a district page and a station page, ' +
      'then the filters, figures and small map are there',
    async () => {
      const map = await m.agent.get('/map');
      assert.equal(map.status, 200);
      for (const id of ['mf-district', 'mf-service', 'mf-status', 'mf-band', 'mf-licensee', 'mf-severity'])
        assert.match(map.text, new RegExp(`id="${id}"`));
      assert.match(map.text, /src="\/js\/map\.js"/);
      assert.match(map.text, /data-i18n="\{&#34;map&#34;:/);
      const district = await m.agent.get('/districts/643');
      assert.equal(district.status, 200);
      assert.match(district.text, /href="\/stations\?district=643">2<\/a>/);
      assert.match(district.text, /href="\/conflicts\?district=643&amp;status=open">2<\/a>/);
      assert.match(
        district.text,
        new RegExp(
          `href="/conflicts/${(await Conflict.findOne({ where: { victimAssignmentId: a.assignmentId } }))?.id}"`,
        ),
      );
      const station = await m.agent.get(`/stations/${b.stationId}`);
      assert.match(station.text, /data-record-map/);
      assert.match(station.text, new RegExp(`data-footprints="/api/v1/footprints.geojson\\?station=${b.stationId}"`));
      const js = await m.agent.get('/vendor/leaflet.markercluster/leaflet.markercluster-src.js');
      assert.equal(js.status, 200);
    },
  );
});
