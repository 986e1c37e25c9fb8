/**
 * Staff exports (issue 14 part 2, SPEC §10.3): `?format=csv` on every staff list, `geojson|kml` on stations,
 * assignments and conflicts, each exactly the list's filtered and sorted result over all its pages, on the demo
 * register (licences in every state, stations, assignments, conflicts, inspections, findings, audit events).
 */
import assert from 'node:assert/strict';
import type { FeatureCollection, Geometry } from 'geojson';
import { kml as kmlToGeoJson } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { parse } from 'csv-parse/sync';
import supertest from 'supertest';
import { z } from 'zod';
import { seedDemoInspections } from '../../server/db/seeds/demo-inspections';
import { seedDemoRegister } from '../../server/db/seeds/demo-register';
import { todayIso } from '../../server/lib/dates';
import { Inspection } from '../../server/models/Inspection';
import { Licence } from '../../server/models/Licence';
import { Licensee } from '../../server/models/Licensee';
import { Station } from '../../server/models/Station';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

/** The demo inspector's districts (server/db/seeds). */
const INSPECTOR_DISTRICTS = ['643', '648', '655', '657'];

const PageBody = z.object({
  data: z.array(z.object({ id: z.number() }).passthrough()),
  total: z.number(),
});

/** Every id of a JSON list, page after page, in the list's order. */
async function listIds(agent: Agent, url: string): Promise<{ ids: number[]; total: number }> {
  const ids: number[] = [];
  let total = 0;
  for (let page = 1; page < 1000; page++) {
    const res = await agent.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=40&page=${page}`);
    assert.equal(res.status, 200, `${url}: ${res.status}`);
    const body = PageBody.parse(res.body);
    total = body.total;
    ids.push(...body.data.map((r) => r.id));
    if (ids.length >= total || body.data.length === 0) break;
  }
  return { ids, total };
}

/** The text of a download (supertest buffers unknown types as bytes). */
async function download(agent: Agent, url: string) {
  const res = await agent
    .get(url)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
  return { res, text: z.string().parse(res.body) };
}

const CsvRows = z.array(z.record(z.string(), z.string()));

async function csvOf(agent: Agent, url: string) {
  const { res, text } = await download(agent, url);
  assert.equal(res.status, 200, `${url}: ${res.status} ${text.slice(0, 200)}`);
  assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
  const rows = CsvRows.parse(parse(text, { bom: true, columns: true }));
  return { res, text, rows, header: (text.replace(/^\uFEFF/, '').split('\n')[0] ?? '').split(',') };
}

async function sameRows(agent: Agent, list: string, exported: string): Promise<number> {
  const { ids, total } = await listIds(agent, list);
  const { res, rows } = await csvOf(agent, exported);
  assert.deepEqual(
    rows.map((r) => Number(r.id)),
    ids,
    `${exported} has the ids of ${list}, in its order`,
  );
  assert.equal(rows.length, total);
  assert.equal(res.headers['x-total-count'], String(total));
  return total;
}

describe('staff exports', function () {
  this.timeout(180_000);
  let t: TestApp;
  let officer: Agent;
  let manager: Agent;
  let inspector: Agent;
  let admin: Agent;

  before(async () => {
    t = await makeTestApp();
    await seedDemoRegister(t.db.sequelize, t.districts, { licencePrefix: 'DLK' });
    await seedDemoInspections(t.db.sequelize, t.districts, t.config.uploadDir);
    // Text a spreadsheet would run as a formula, a negative number, and a cell holding a line break.
    const first = await Licensee.findOne({ order: [['id', 'ASC']] });
    await first?.update({ name: '=HYPERLINK("http://x")', searchText: 'formula' });
    await Station.update({ antennaGainDbi: -2.5 }, { where: { id: 1 } });
    await Licence.update({ conditions: 'Dòng một\nDòng hai, "trích dẫn"' }, { where: { id: 1 } });
    // One inspection (and its findings) in a district the demo inspector does not cover.
    const other = (await t.districts.current()).find((d) => !INSPECTOR_DISTRICTS.includes(d.code));
    await Inspection.update({ districtCode: other?.code ?? 'none' }, { where: { id: 1 } });
    officer = (await loginAs(t.app, 'officer')).agent;
    manager = (await loginAs(t.app, 'manager')).agent;
    inspector = (await loginAs(t.app, 'inspector')).agent;
    admin = (await loginAs(t.app, 'admin')).agent;
  });
  after(async () => t.close());

  describe('CSV equals the filtered and sorted list, all pages', () => {
    it('when licensees are exported sorted by name descending, then the ids and count of the list', async () => {
      assert.ok((await sameRows(officer, '/api/v1/licensees?sort=-name', '/licensees?sort=-name&format=csv')) > 40);
      await sameRows(officer, '/api/v1/licensees?kind=enterprise', '/api/v1/licensees?kind=enterprise&format=csv');
    });

    it('when licences are exported by status and expiry, then the ids and count of the list', async () => {
      assert.ok(
        (await sameRows(officer, '/api/v1/licences?sort=validTo', '/api/v1/licences?sort=validTo&format=csv')) > 0,
      );
      const n = await sameRows(
        officer,
        '/api/v1/licences?status=issued&sort=-number',
        '/licences?status=issued&sort=-number&format=csv',
      );
      assert.ok(n > 0);
    });

    it('when stations are exported by service and ERP, then the ids and count of the list', async () => {
      assert.ok((await sameRows(officer, '/api/v1/stations?sort=-erpW', '/stations?sort=-erpW&format=csv')) > 40);
      assert.ok(
        (await sameRows(
          officer,
          '/api/v1/stations?service=land_mobile&sort=districtCode',
          '/api/v1/stations?service=land_mobile&sort=districtCode&format=csv',
        )) > 0,
      );
    });

    it('when assignments (stations, licences as of a day) are exported, then the list’s ids and count', async () => {
      assert.ok((await sameRows(officer, '/api/v1/assignments', '/api/v1/assignments?format=csv')) > 40);
      assert.ok(
        (await sameRows(officer, '/api/v1/assignments?direction=tx', '/api/v1/assignments?direction=tx&format=csv')) >
          0,
      );
      // As of a day (history): the same builder in the same read.
      const day = todayIso();
      await sameRows(officer, `/api/v1/assignments?asOf=${day}`, `/api/v1/assignments?asOf=${day}&format=csv`);
      await sameRows(officer, `/api/v1/stations?asOf=${day}&sort=-erpW`, `/stations?asOf=${day}&sort=-erpW&format=csv`);
      await sameRows(officer, `/api/v1/licences?asOf=${day}`, `/api/v1/licences?asOf=${day}&format=csv`);
    });

    it('when conflicts are exported, then the ids and count of the list (what needs a decision first)', async () => {
      assert.ok((await sameRows(manager, '/api/v1/conflicts', '/conflicts?format=csv')) > 0);
      await sameRows(
        manager,
        '/api/v1/conflicts?status=open&severity=high',
        '/api/v1/conflicts?status=open&severity=high&format=csv',
      );
    });

    it('when an inspector exports inspections and findings, then only their districts, as their list', async () => {
      const n = await sameRows(
        inspector,
        '/api/v1/inspections?sort=scheduledFor',
        '/inspections?sort=scheduledFor&format=csv',
      );
      const { rows } = await csvOf(inspector, '/api/v1/inspections?format=csv');
      const mine = ['643', '648', '655', '657'];
      assert.ok(
        rows.every((r) => mine.includes(r.districtCode ?? '')),
        'only the inspector’s districts',
      );
      const all = await sameRows(manager, '/api/v1/inspections', '/api/v1/inspections?format=csv');
      assert.ok(all > n && n > 0, `${n} of ${all}`);
      await sameRows(inspector, '/api/v1/findings?sort=-severity', '/findings?sort=-severity&format=csv');
      assert.ok((await sameRows(manager, '/api/v1/findings', '/api/v1/findings?format=csv')) > 0);
    });

    it('when an administrator exports the audit log, then the ids and count of the log; others get 403', async () => {
      assert.ok(
        (await sameRows(admin, '/api/v1/audit-events?entity=licence', '/admin/audit?entity=licence&format=csv')) > 40,
      );
      assert.equal((await officer.get('/api/v1/audit-events?format=csv')).status, 403);
      assert.equal((await officer.get('/admin/audit?format=csv')).status, 403);
    });

    it('when nobody is signed in, then 401 and no file', async () => {
      const res = await supertest(t.app).get('/api/v1/stations?format=csv');
      assert.equal(res.status, 401);
      assert.doesNotMatch(String(res.headers['content-type']), /csv/);
    });
  });

  describe('the CSV file', () => {
    it('when stations are exported, then a BOM, \\n records, the §2 field names, a dated file name', async () => {
      const { res, text, header, rows } = await csvOf(officer, '/api/v1/stations?format=csv&sort=name');
      assert.ok(text.startsWith('\uFEFF'), 'BOM');
      assert.ok(!text.includes('\r\n'), 'the default record delimiter');
      assert.match(
        String(res.headers['content-disposition']),
        new RegExp(`^attachment; filename="?stations-${todayIso()}\\.csv"?$`),
      );
      for (const c of ['id', 'externalRef', 'licenceNumber', 'licenceExternalRef', 'name', 'latitude', 'longitude'])
        assert.ok(header.includes(c), c);
      const one = await Station.findByPk(1);
      const row = rows.find((r) => r.id === '1');
      assert.equal(row?.name, one?.name, 'Vietnamese text as stored');
      assert.equal(row?.antennaGainDbi, '-2.5', 'a negative number stays a number');
      assert.equal(row?.externalRef, '');
    });

    it('when text starts like a formula, then it is escaped; a line break is quoted and read back', async () => {
      const { rows } = await csvOf(officer, '/api/v1/licensees?format=csv');
      assert.ok(rows.some((r) => r.name === `'=HYPERLINK("http://x")`));
      const licences = await csvOf(officer, '/api/v1/licences?format=csv');
      assert.equal(licences.rows.find((r) => r.id === '1')?.conditions, 'Dòng một\nDòng hai, "trích dẫn"');
      assert.ok(licences.header.includes('licenseeExternalRef'));
    });

    it('when assignments are exported, then the keys an import reads (frequencyHz, stationExternalRef)', async () => {
      const { header, rows } = await csvOf(officer, '/api/v1/assignments?format=csv');
      for (const c of [
        'id',
        'externalRef',
        'stationId',
        'stationExternalRef',
        'frequencyHz',
        'bandwidthHz',
        'emissionDesignator',
      ])
        assert.ok(header.includes(c), c);
      assert.ok(
        rows.every((r) => /^\d+$/.test(r.frequencyHz ?? '')),
        'integer Hz',
      );
    });
  });

  describe('GeoJSON and KML', () => {
    const FC = z.object({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.object({
          type: z.literal('Feature'),
          id: z.number(),
          geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).nullable(),
          properties: z.record(z.string(), z.unknown()),
        }),
      ),
    });

    it('when stations are exported as GeoJSON, then one point per listed station, in its order', async () => {
      const { ids } = await listIds(officer, '/api/v1/stations?service=land_mobile&sort=-erpW');
      const { res, text } = await download(officer, '/stations?service=land_mobile&sort=-erpW&format=geojson');
      assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
      assert.match(
        String(res.headers['content-disposition']),
        new RegExp(`^attachment; filename="?stations-${todayIso()}\\.geojson"?$`),
      );
      const fc = FC.parse(JSON.parse(text));
      assert.deepEqual(
        fc.features.map((f) => f.id),
        ids,
      );
      assert.ok(fc.features.every((f) => f.geometry?.type === 'Point' && f.geometry.coordinates.length === 2));
    });

    it('when assignments are exported as GeoJSON, then each transmitter with its footprint polygon', async () => {
      const { ids } = await listIds(officer, '/api/v1/assignments?direction=tx');
      const { text } = await download(officer, '/api/v1/assignments?direction=tx&format=geojson');
      const fc = FC.parse(JSON.parse(text));
      assert.deepEqual(
        fc.features.map((f) => f.id),
        ids,
      );
      assert.ok(fc.features.filter((f) => f.geometry?.type === 'Polygon').length > fc.features.length / 2);
    });

    it('when conflicts are exported as GeoJSON, then their overlap areas', async () => {
      const { ids } = await listIds(manager, '/api/v1/conflicts');
      const fc = FC.parse(JSON.parse((await download(manager, '/api/v1/conflicts?format=geojson')).text));
      assert.deepEqual(
        fc.features.map((f) => f.id),
        ids,
      );
    });

    for (const [list, agentOf] of [
      ['/api/v1/stations?service=land_mobile', () => officer],
      ['/api/v1/assignments?direction=tx', () => officer],
      ['/api/v1/conflicts', () => manager],
    ] as const) {
      it(`when ${list} is exported as KML, then it parses back (togeojson) with one placemark a row`, async () => {
        const agent = agentOf();
        const { total } = await listIds(agent, list);
        const { res, text } = await download(agent, `${list}&format=kml`.replace('conflicts&', 'conflicts?'));
        assert.match(String(res.headers['content-type']), /^application\/vnd\.google-earth\.kml\+xml/);
        const doc = new DOMParser().parseFromString(text, 'text/xml');
        const fc: FeatureCollection<Geometry | null> = kmlToGeoJson(doc as unknown as Document);
        assert.equal(fc.features.length, total);
        assert.ok(text.includes('<styleUrl>#'), 'styled placemarks');
        assert.ok(fc.features.every((f) => typeof f.properties?.name === 'string'));
      });
    }

    it('when a list without a map asks for KML, then the list itself (CSV only there)', async () => {
      const res = await officer.get('/api/v1/licensees?format=kml');
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /json/);
    });
  });

  describe('the Export control', () => {
    it('when a filtered list page is shown, then Export links keep its filters and sort, not its page', async () => {
      const en = await officer.get('/stations?service=land_mobile&sort=-erpW&page=2');
      assert.match(en.text, /href="\/stations\?service=land_mobile&amp;sort=-erpW&amp;format=csv"/);
      assert.match(en.text, /format=geojson/);
      assert.match(en.text, /format=kml/);
      assert.match(en.text, /Export/);
      const vi = await officer.get('/licensees?kind=enterprise').set('Cookie', 'lang=vi');
      assert.match(vi.text, /href="\/licensees\?kind=enterprise&amp;format=csv"/);
      assert.match(vi.text, /Xuất/);
      for (const [agent, page] of [
        [officer, '/licences'],
        [manager, '/conflicts'],
        [inspector, '/inspections'],
        [inspector, '/findings'],
        [admin, '/admin/audit'],
      ] as const)
        assert.match((await agent.get(page)).text, /class="export-link"[^>]*>CSV</, page);
    });
  });
});
