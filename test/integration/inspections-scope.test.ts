import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Finding } from '../../server/models/Finding';
import { Station } from '../../server/models/Station';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft, makeLicenceIn } from '../helpers/factories';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** Buôn Hồ (644): covered by the second demo inspector, not by the first. */
const BUON_HO = { latitude: 12.849, longitude: 108.279 };

type Who = { agent: Agent; csrf: string };
interface Listed {
  id: number;
  reference: string;
  districtCode: string;
}

/**
 * Inspectors see the inspections (and findings) of their own districts only, in lists as on the map
 * (inspections.policy.ts canSee/visibleDistricts). Reading another district's record is 404 (its
 * existence is not revealed); acting on it stays 403 as the policy says for actions.
 */
describe('inspections: what an inspector sees is limited to their districts', () => {
  let t: TestApp;
  let uploads: string;
  const as: Record<string, Who> = {};
  /** Logged by `inspector` at a station in 643 (theirs), with a finding. */
  let mine: Listed;
  let mineFinding: number;
  /** Logged by `inspector2` at a station in 644 (not the first inspector's), with a finding and a photo. */
  let theirs: Listed;
  let theirFinding: number;
  let theirPhoto: number;
  let theirStation: number;

  before(async () => {
    uploads = mkdtempSync(path.join(tmpdir(), 'tanso-scope-'));
    t = await makeTestApp({ env: { UPLOAD_DIR: uploads } });
    const a = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    const b = await makeDraft(t.db.sequelize, t.districts, BUON_HO);
    theirStation = b.stationId;
    assert.equal((await Station.findByPk(a.stationId))?.districtCode, '643');
    assert.equal((await Station.findByPk(b.stationId))?.districtCode, '644');
    for (const u of ['inspector', 'inspector2', 'manager', 'officer', 'admin']) as[u] = await loginAs(t.app, u);
    const log = async (u: string, stationId: number) => {
      const res = await post(u, '/api/v1/inspections', { type: 'routine', stationId, notes: `by ${u}` });
      assert.equal(res.status, 201, res.text);
      return res.body.data as Listed;
    };
    const finding = async (u: string, id: number) => {
      const res = await post(u, `/api/v1/inspections/${id}/findings`, { category: 'other', severity: 'minor' });
      assert.equal(res.status, 201, res.text);
      return res.body.data.id as number;
    };
    mine = await log('inspector', a.stationId);
    mineFinding = await finding('inspector', mine.id);
    theirs = await log('inspector2', b.stationId);
    theirFinding = await finding('inspector2', theirs.id);
    const photo = await who('inspector2')
      .agent.post(`/api/v1/inspections/${theirs.id}/photos`)
      .set('X-CSRF-Token', who('inspector2').csrf)
      .attach('photos', PNG, { filename: 'a.png', contentType: 'image/png' });
    assert.equal(photo.status, 201, photo.text);
    theirPhoto = photo.body.data[0].id;
  });
  after(async () => {
    await t.close();
    rmSync(uploads, { recursive: true, force: true });
  });
  const who = (u: string) => as[u] as Who;
  const get = (u: string, url: string) => who(u).agent.get(url).set('Accept-Language', 'en');
  const post = (u: string, url: string, body: object = {}) =>
    who(u).agent.post(url).set('X-CSRF-Token', who(u).csrf).send(body);
  const listed = async (u: string, query = '') => {
    const res = await get(u, `/api/v1/inspections?pageSize=100${query}`);
    assert.equal(res.status, 200, res.text);
    return { ids: (res.body.data as Listed[]).map((x) => x.id).sort((x, y) => x - y), total: res.body.total as number };
  };

  it(
    'when an inspector lists inspections through the API, ' +
      'then only those of their districts come back, and the total counts only those',
    async () => {
      assert.deepEqual(await listed('inspector'), { ids: [mine.id], total: 1 });
      assert.deepEqual(await listed('inspector2'), { ids: [theirs.id], total: 1 });
      assert.deepEqual(await listed('inspector', '&district=644'), { ids: [], total: 0 }, 'a filter cannot widen it');
      assert.deepEqual(await listed('inspector', `&q=${theirs.reference}`), { ids: [], total: 0 });
    },
  );

  it('when a manager, an officer or an admin lists inspections, then every district is there as before', async () => {
    for (const u of ['manager', 'officer', 'admin'])
      assert.deepEqual(await listed(u), { ids: [mine.id, theirs.id].sort((x, y) => x - y), total: 2 }, u);
  });

  it(
    'when an inspector opens the inspections page, ' +
      "then their district's inspection is listed and the other is not, nor its district in the filter",
    async () => {
      const page = await get('inspector', '/inspections');
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(`href="/inspections/${mine.id}"`), 'own inspection listed');
      assert.ok(!page.text.includes(`href="/inspections/${theirs.id}"`), 'other district not listed');
      assert.ok(!page.text.includes(theirs.reference));
      assert.match(page.text, /<option value="643"/);
      assert.doesNotMatch(page.text, /<option value="644"/);
      const manager = await get('manager', '/inspections');
      assert.ok(manager.text.includes(`href="/inspections/${theirs.id}"`) && manager.text.includes(theirs.reference));
    },
  );

  it(
    "when an inspector asks for another district's inspection by id " +
      '(page, API, edit form, history, proposals, photo), then 404',
    async () => {
      for (const url of [
        `/inspections/${theirs.id}`,
        `/inspections/${theirs.id}/edit`,
        `/inspections/${theirs.id}/photos/${theirPhoto}`,
        `/api/v1/inspections/${theirs.id}`,
        `/api/v1/inspections/${theirs.id}/history`,
        `/api/v1/inspections/${theirs.id}/proposals`,
      ]) {
        const res = await get('inspector', url);
        assert.equal(res.status, 404, url);
        assert.ok(!res.text.includes(theirs.reference), `${url} does not reveal the reference`);
      }
      assert.equal((await get('inspector', `/api/v1/inspections/${mine.id}`)).status, 200);
      for (const u of ['inspector2', 'manager', 'officer']) {
        assert.equal((await get(u, `/api/v1/inspections/${theirs.id}`)).status, 200, u);
        assert.equal((await get(u, `/inspections/${theirs.id}`)).status, 200, u);
        const photo = await get(u, `/inspections/${theirs.id}/photos/${theirPhoto}`);
        assert.equal(photo.status, 200, u);
        assert.equal(photo.headers['cache-control'], 'no-store', `${u}: a photo is not kept in a cache (issue 19: 9)`);
      }
    },
  );

  it(
    "when an inspector acts on another district's inspection, " + 'then 403 as the policy says for actions, and no row',
    async () => {
      const before = await Finding.count();
      const res = await post('inspector', `/api/v1/inspections/${theirs.id}/findings`, {
        category: 'other',
        severity: 'minor',
      });
      assert.equal(res.status, 403);
      assert.equal(await Finding.count(), before);
    },
  );

  it(
    'when an inspector lists or opens findings, ' + "then another district's are neither listed nor readable (404)",
    async () => {
      const list = await get('inspector', '/api/v1/findings?pageSize=100');
      assert.deepEqual(
        (list.body.data as { id: number }[]).map((f) => f.id),
        [mineFinding],
      );
      assert.equal(list.body.total, 1);
      const page = await get('inspector', '/findings');
      assert.ok(page.text.includes(`/findings/${mineFinding}"`));
      assert.ok(!page.text.includes(`/findings/${theirFinding}"`));
      assert.equal((await get('inspector', `/api/v1/findings/${theirFinding}`)).status, 404);
      assert.equal((await get('inspector', `/findings/${theirFinding}`)).status, 404);
      assert.equal((await get('inspector', `/api/v1/findings/${theirFinding}/history`)).status, 404);
      const all = await get('manager', '/api/v1/findings?pageSize=100');
      assert.equal(all.body.total, 2);
      assert.equal((await get('manager', `/findings/${theirFinding}`)).status, 200);
    },
  );

  it(
    'when an inspector reaches for another district through filters, photo ids or the map feed (issue 19: defect 7), ' +
      'then nothing of it comes back',
    async () => {
      const none = { ids: [], total: 0 };
      assert.deepEqual(await listed('inspector', `&stationId=${theirStation}`), none);
      assert.deepEqual(await listed('inspector', '&status=draft&district=644'), none);
      assert.equal((await get('inspector', `/inspections/${mine.id}/photos/${theirPhoto}`)).status, 404);
      for (const query of [
        `inspectionId=${theirs.id}`,
        'district=644',
        `q=${theirs.reference}`,
        `stationId=${theirStation}`,
      ]) {
        const res = await get('inspector', `/api/v1/findings?pageSize=100&${query}`);
        assert.equal(res.status, 200, query);
        assert.ok(
          !(res.body.data as { id: number }[]).some((f) => f.id === theirFinding),
          `findings?${query} hides the other district`,
        );
      }
      const page = await get('inspector', `/findings?district=644&inspectionId=${theirs.id}`);
      assert.ok(!page.text.includes(`/findings/${theirFinding}"`));
      const feed = await get('inspector', '/api/v1/inspections.geojson');
      assert.equal(feed.status, 200);
      assert.ok(!feed.text.includes(theirs.reference), 'the map feed hides it');
      for (const u of ['inspector', 'inspector2'])
        assert.ok(
          (await get(u, `/api/v1/inspections/${u === 'inspector' ? theirs.id : mine.id}/history`)).status === 404,
          `${u}: no history of another district`,
        );
    },
  );

  it(
    "when an inspector opens another district's station, " + 'then its inspections and findings are not listed on it',
    async () => {
      const page = await get('inspector', `/stations/${theirStation}`);
      assert.equal(page.status, 200);
      assert.ok(!page.text.includes(theirs.reference));
      assert.ok(!page.text.includes(`/findings/${theirFinding}"`));
      const manager = await get('manager', `/stations/${theirStation}`);
      assert.ok(manager.text.includes(theirs.reference));
    },
  );
});
