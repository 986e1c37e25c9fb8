import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clock } from '../../server/lib/dates';
import { AuditEvent } from '../../server/models/AuditEvent';
import { District } from '../../server/models/District';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

const ROOT = path.resolve(__dirname, '../..');

function square(code: string, name: string, lon: number, lat: number, size = 0.1, close = true) {
  const ring = [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
  ];
  if (close) ring.push([lon, lat]);
  return { type: 'Feature', properties: { code, name }, geometry: { type: 'Polygon', coordinates: [ring] } };
}

describe('districts', () => {
  let t: TestApp;
  let officer: { agent: Agent; csrf: string };
  before(async () => {
    t = await makeTestApp();
    officer = await loginAs(t.app, 'officer');
  });
  after(async () => {
    await t.close();
  });

  it(
    'when no official file is configured, ' +
      'then 15 approximate demo cells exist and are marked approximate everywhere',
    async () => {
      const list = await officer.agent.get('/api/v1/districts');
      assert.equal(list.status, 200);
      assert.equal(list.body.total, 15);
      assert.ok((list.body.data as { approximate: boolean }[]).every((d) => d.approximate));
      const geo = await officer.agent.get('/api/v1/districts.geojson');
      assert.equal(geo.body.type, 'FeatureCollection');
      assert.equal(geo.body.features.length, 15);
      assert.equal(geo.body.features[0].properties.approximate, true);
      const page = await officer.agent.get('/districts');
      assert.match(page.text, /approximate demo cells/);
      assert.match(page.text, /Buôn Ma Thuột/);
    },
  );

  it('when a point is looked up, then its district comes back; outside the province 404; bad input 422', async () => {
    const inside = await officer.agent.get('/api/v1/districts/lookup?lat=12.6667&lon=108.038');
    assert.equal(inside.status, 200);
    assert.equal(inside.body.code, '643');
    assert.equal(inside.body.name, 'Buôn Ma Thuột');
    const dms = await officer.agent.get(
      `/api/v1/districts/lookup?lat=${encodeURIComponent('12°40\'00"N')}&lon=${encodeURIComponent('108°02\'17"E')}`,
    );
    assert.equal(dms.body.code, '643');
    const hanoi = await officer.agent.get('/api/v1/districts/lookup?lat=21.03&lon=105.85');
    assert.equal(hanoi.status, 404);
    const bad = await officer.agent.get('/api/v1/districts/lookup?lat=95&lon=abc');
    assert.equal(bad.status, 422);
    assert.ok(bad.body.error.fields.lat && bad.body.error.fields.lon);
  });

  it('when districts are searched without diacritics, then the Vietnamese names are found', async () => {
    const res = await officer.agent.get('/api/v1/districts?q=krong%20pac');
    assert.deepEqual(
      (res.body.data as { code: string }[]).map((d) => d.code),
      ['654'],
    );
    const page = await officer.agent.get('/districts?q=buon');
    assert.match(page.text, /Buôn Ma Thuột/);
    assert.match(page.text, /Buôn Hồ/);
    assert.doesNotMatch(page.text, /Krông Pắc/);
  });

  it('when a district page is opened, then it shows its facts; an unknown code is 404', async () => {
    const res = await officer.agent.get('/districts/654');
    assert.equal(res.status, 200);
    assert.match(res.text, /Krông Pắc/);
    assert.match(res.text, /data-focus="654"/);
    assert.equal((await officer.agent.get('/districts/999').set('Accept', 'text/html')).status, 404);
  });

  it(
    'when a boundary file has a broken ring, ' + 'then the import command refuses the whole file and changes nothing',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tanso-geo-'));
      const file = path.join(dir, 'broken.geojson');
      writeFileSync(
        file,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [square('901', 'Good', 108, 12.5), square('902', 'Broken', 108.2, 12.5, 0.1, false)],
        }),
      );
      const env = {
        ...process.env,
        DATABASE_URL: t.config.database.url,
        SESSION_SECRET: 'x'.repeat(40),
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      };
      const r = spawnSync('npx', ['tsx', 'server/cli/districts-import.ts', file], { cwd: ROOT, env, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /feature 1 \(code 902\).*not closed/);
      assert.match(r.stderr, /nothing was imported/);
      return District.count({ where: { code: ['901', '902'] } }).then((n) => assert.equal(n, 0));
    },
  );

  it(
    'when a valid file is imported with --replace, ' +
      'then geography is dated, old rows kept as history, and each change audited',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tanso-geo-'));
      const file = path.join(dir, 'new.geojson');
      writeFileSync(
        file,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [square('643', 'Buôn Ma Thuột', 107.9, 12.55, 0.25), square('660', 'Xã Mới', 108.3, 12.6, 0.1)],
        }),
      );
      const env = {
        ...process.env,
        DATABASE_URL: t.config.database.url,
        SESSION_SECRET: 'x'.repeat(40),
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      };
      const r = spawnSync(
        'npx',
        ['tsx', 'server/cli/districts-import.ts', file, '--replace', '--valid-from', '2099-01-01'],
        { cwd: ROOT, env, encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /1 new, 1 changed, 0 unchanged, 14 retired/);
      const current = await District.findAll({ where: { validTo: null }, order: [['code', 'ASC']] });
      assert.deepEqual(
        current.map((d) => d.code),
        ['643', '660'],
      );
      assert.equal(current[0]?.approximate, false);
      const old643 = await District.findOne({ where: { code: '643', validTo: '2099-01-01' } });
      assert.ok(old643?.approximate, 'the approximate cell is kept as history');
      assert.equal(await AuditEvent.count({ where: { entity: 'district', action: 'retire' } }), 14);
      // This process sees the new geography for lookups (the index notices the change).
      const realNow = clock.now;
      clock.now = () => new Date(realNow().getTime() + 5100);
      const lookup = officer.agent.get('/api/v1/districts/lookup?lat=12.65&lon=108.35');
      const res = await Promise.resolve(lookup).finally(() => {
        clock.now = realNow;
      });
      assert.equal(res.body.code, '660');
      const hist = await officer.agent.get('/districts/643');
      assert.match(hist.text, /Earlier geography/);
    },
  );
});
