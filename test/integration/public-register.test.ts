/**
 * The public register (SPEC §10.1, issue 13): the search page, the licence page and the public API, with
 * privacy enforced in one place: an individual's personal data and every licensee's contact details appear in
 * no public page or API answer; drafts, submitted and rejected licences are not found; ETag, CORS, no session,
 * and a per-client rate limit. On SQLite and PostgreSQL (TEST_DATABASE_URL).
 */
import assert from 'node:assert/strict';
import supertest from 'supertest';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { transition } from '../../server/modules/licences/licences.service';
import { userNamed } from '../helpers/factories';
import { loginAs, makeTestApp, type TestApp } from '../helpers/app';
import { COMPANY, licenceFor, PERSON, PERSON_POSITION, SECRETS, type Issued } from '../helpers/public-register';

const RATE_LIMIT = 400;

function assertNoSecrets(where: string, text: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${where} must not contain "${s}"`);
}

describe('public register: pages and API', function () {
  this.timeout(120_000);
  let t: TestApp;
  let company: Issued;
  let person: Issued;
  let suspended: Issued;
  let revoked: Issued;
  let draft: Issued;
  let submitted: Issued;
  let rejected: Issued;
  let amended: Issued;

  before(async () => {
    t = await makeTestApp({
      env: { PUBLIC_RATE_LIMIT: String(RATE_LIMIT), PUBLIC_URL: 'https://register.example.vn' },
    });
    const s = t.db.sequelize;
    company = await licenceFor(s, t.districts, COMPANY, {
      frequency: '160.5 MHz',
      conditions: 'Gọi lại 0262 3855 777',
    });
    person = await licenceFor(s, t.districts, PERSON, PERSON_POSITION);
    suspended = await licenceFor(
      s,
      t.districts,
      { name: 'Công ty Đình Chỉ', kind: 'enterprise' },
      { status: 'suspended' },
    );
    revoked = await licenceFor(s, t.districts, { name: 'Công ty Thu Hồi', kind: 'enterprise' }, { status: 'revoked' });
    draft = await licenceFor(s, t.districts, { name: 'Công ty Nháp', kind: 'enterprise' }, { status: 'draft' });
    submitted = await licenceFor(
      s,
      t.districts,
      { name: 'Công ty Chờ Duyệt', kind: 'enterprise' },
      { status: 'submitted' },
    );
    rejected = await licenceFor(
      s,
      t.districts,
      { name: 'Công ty Bị Từ Chối', kind: 'enterprise' },
      { status: 'rejected' },
    );
    amended = await licenceFor(s, t.districts, { name: 'Công ty Sửa Đổi', kind: 'enterprise' });
    const officer = await userNamed('officer');
    await transition({ sequelize: s, licencePrefix: 'DLK' }, amended.licenceId, 'amend', {}, officer, {
      ...SYSTEM_ACTOR,
      userId: officer.id,
    });
  });
  after(async () => t.close());

  const http = () => supertest(t.app);

  it('when anyone opens /register, then issued and suspended licences are listed without login or cookie', async () => {
    const res = await http().get('/register').set('Accept-Language', 'en');
    assert.equal(res.status, 200);
    assert.equal(res.headers['set-cookie'], undefined);
    for (const l of [company, person, suspended]) assert.ok(res.text.includes(l.number), l.number);
    assert.ok(!res.text.includes(revoked.number), 'a revoked licence is not listed');
    assert.ok(res.text.includes(COMPANY.name));
    assert.ok(res.text.includes('Individual'));
    assertNoSecrets('/register', res.text);
  });

  it('when searched by name without diacritics, then the company is found, the individual not', async () => {
    const res = await http().get('/api/v1/public/licences').query({ q: 'phat thanh dak lak' });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.data.map((l: { number: string }) => l.number),
      [company.number],
    );
    const byPerson = await http().get('/api/v1/public/licences').query({ q: 'Riengtu' });
    assert.equal(byPerson.body.total, 0, 'an individual is never found by their name');
    const byPhone = await http().get('/api/v1/public/licences').query({ q: '0262' });
    assert.equal(byPhone.body.total, 0, 'contact details are not searchable');
  });

  it('when searched by frequency, service, district or number, then it narrows and the page keeps it', async () => {
    const byFreq = await http().get('/api/v1/public/licences').query({ fromMhz: '160.49', toMhz: '160.51' });
    assert.deepEqual(
      byFreq.body.data.map((l: { number: string }) => l.number),
      [company.number],
    );
    const byService = await http().get('/api/v1/public/licences').query({ service: 'fm_broadcast' });
    assert.equal(byService.body.total, 0);
    const byDistrict = await http().get('/api/v1/public/licences').query({ district: '643', pageSize: 50 });
    assert.ok(byDistrict.body.total >= 3);
    const byRevokedNumber = await http().get('/api/v1/public/licences').query({ number: revoked.number });
    assert.equal(byRevokedNumber.body.data[0].status, 'revoked', 'a revoked licence is found by its number');
    const page = await http().get('/register').query({ q: 'phat thanh', fromMhz: '160' });
    assert.match(page.text, /name="q" type="search" value="phat thanh"/);
    assert.ok(page.text.includes(company.number));
  });

  it('when a search is paged or meets a band at its edge, then the totals agree and the edges hold', async () => {
    const api = (query: Record<string, string | number>) => http().get('/api/v1/public/licences').query(query);
    const all = await api({ district: '643', pageSize: 100, sort: '-validTo' });
    assert.ok(all.body.total >= 3);
    const seen: string[] = [];
    for (let page = 1; page <= all.body.total; page++) {
      const res = await api({ district: '643', pageSize: 1, page, sort: '-validTo' });
      assert.equal(res.body.total, all.body.total, `page ${page} has the same total`);
      seen.push(...res.body.data.map((l: { number: string }) => l.number));
    }
    assert.deepEqual(
      seen,
      all.body.data.map((l: { number: string }) => l.number),
      'the pages join up in order',
    );
    const past = await api({ district: '643', pageSize: 1, page: all.body.total + 5 });
    assert.deepEqual([past.status, past.body.data, past.body.total], [200, [], all.body.total]);
    const pastAll = await api({ page: 99, pageSize: 100 });
    assert.deepEqual([pastAll.body.data, pastAll.body.total], [[], (await api({})).body.total]);
    // The company's occupied band, as stored: a range touching only its upper or lower edge still finds it.
    const band = (await t.db.sequelize.query(
      `SELECT a."occupiedLowHz" AS lo, a."occupiedHighHz" AS hi FROM assignments a
        JOIN stations s ON s.id = a."stationId" WHERE s."licenceId" = :id`,
      { replacements: { id: company.licenceId }, plain: true },
    )) as { lo: number | string; hi: number | string };
    const [lo, hi] = [Number(band.lo) / 1e6, Number(band.hi) / 1e6];
    const numbers = async (fromMhz: number, toMhz: number) =>
      (await api({ fromMhz, toMhz })).body.data.map((l: { number: string }) => l.number);
    assert.deepEqual(await numbers(hi, hi + 1), [company.number], 'a range from its upper edge');
    assert.deepEqual(await numbers(lo - 1, lo), [company.number], 'a range up to its lower edge');
    assert.deepEqual(await numbers(hi + 0.001, hi + 1), [], 'a range just above it');
    assert.deepEqual(await numbers(lo - 1, lo - 0.001), [], 'a range just below it');
  });

  it('when a search is malformed, then 422 with a message per field and the typed values kept', async () => {
    const api = await http().get('/api/v1/public/licences').query({ fromMhz: 'abc', bbox: '1,2,3' });
    assert.equal(api.status, 422);
    assert.ok(api.body.error.fields.fromMhz);
    assert.ok(api.body.error.fields.bbox);
    const page = await http().get('/register').query({ fromMhz: 'abc', q: 'Đắk' }).set('Accept-Language', 'vi');
    assert.equal(page.status, 422);
    assert.match(page.text, /value="abc"/);
    assert.match(page.text, /value="Đắk"/);
  });

  it('when a map area is searched, then an individual is matched only at the rounded position', async () => {
    const exactBox = '108.0344,12.6678,108.0347,12.6680';
    const res = await http().get('/api/v1/public/licences').query({ bbox: exactBox });
    assert.ok(!res.body.data.some((l: { number: string }) => l.number === person.number));
    const roundedBox = '108.029,12.669,108.031,12.671';
    const res2 = await http().get('/api/v1/public/licences').query({ bbox: roundedBox });
    assert.ok(res2.body.data.some((l: { number: string }) => l.number === person.number));
  });

  it("when an individual's licence is opened, then no personal data and a rounded position", async () => {
    const page = await http().get(`/register/licences/${person.number}`).set('Accept-Language', 'en');
    assert.equal(page.status, 200);
    assertNoSecrets('licence page', page.text);
    assert.ok(page.text.includes('Individual'));
    assert.ok(page.text.includes('rounded to 0.01°'));
    const api = await http().get(`/api/v1/public/licences/${person.number}`);
    assert.equal(api.status, 200);
    assertNoSecrets('licence API', api.text);
    assert.equal(api.body.data.licensee.name, 'Cá nhân / Individual');
    assert.equal(api.body.data.stations[0].latitude, 12.67);
    assert.equal(api.body.data.stations[0].longitude, 108.03);
    assert.match(api.body.data.verificationCode, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const geo = await http().get(`/api/v1/public/licences/${person.number}.geojson`);
    assert.equal(geo.status, 200);
    assertNoSecrets('licence GeoJSON', geo.text);
    const stations = await http().get('/api/v1/public/stations.geojson').query({ footprints: '1' });
    assert.equal(stations.status, 200);
    assert.match(stations.headers['content-type'] ?? '', /geo\+json/);
    assertNoSecrets('stations GeoJSON', stations.text);
    const point = stations.body.features.find(
      (f: { geometry: { type: string }; properties: { licenceNumber: string } }) =>
        f.geometry.type === 'Point' && f.properties.licenceNumber === person.number,
    );
    assert.deepEqual(point.geometry.coordinates, [108.03, 12.67]);
  });

  it("when a company's licence is opened, then its name shows, not its contacts, and its status is said", async () => {
    const page = await http().get(`/register/licences/${company.number}`).set('Accept-Language', 'vi');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(COMPANY.name));
    assertNoSecrets('company page', page.text);
    assert.ok(page.text.includes('Giấy phép này đang có hiệu lực.'));
    const rev = await http().get(`/register/licences/${revoked.number}`).set('Accept-Language', 'en');
    assert.equal(rev.status, 200);
    assert.ok(rev.text.includes('This licence has been revoked'));
  });

  it('when a draft, submitted, rejected or amended-to-draft licence is asked for, then 404 everywhere', async () => {
    const amendedRow = await t.db.sequelize.query('SELECT number, status FROM licences WHERE id = :id', {
      replacements: { id: amended.licenceId },
      plain: true,
    });
    assert.equal((amendedRow as { status: string }).status, 'draft');
    for (const n of [
      amended.number,
      draft.number || 'DLK-2026-99999',
      submitted.number || 'x',
      rejected.number || 'y',
    ]) {
      assert.equal((await http().get(`/register/licences/${encodeURIComponent(n)}`)).status, 404, n);
      assert.equal((await http().get(`/api/v1/public/licences/${encodeURIComponent(n)}`)).status, 404, n);
      assert.equal((await http().get(`/api/v1/public/licences/${encodeURIComponent(n)}.geojson`)).status, 404, n);
    }
    const all = await http().get('/api/v1/public/licences').query({ pageSize: 100 });
    const numbers = all.body.data.map((l: { number: string }) => l.number);
    assert.ok(!numbers.includes(amended.number));
    const byNumber = await http().get('/api/v1/public/licences').query({ number: amended.number });
    assert.equal(byNumber.body.total, 0);
  });

  it('when asked again with its ETag, then 304; CORS for GET; no session is made', async () => {
    const first = await http().get('/api/v1/public/licences').set('Origin', 'https://example.org');
    assert.equal(first.status, 200);
    assert.equal(first.headers['access-control-allow-origin'], '*');
    assert.equal(first.headers['set-cookie'], undefined);
    const etag = first.headers.etag;
    assert.ok(etag);
    const again = await http().get('/api/v1/public/licences').set('If-None-Match', String(etag));
    assert.equal(again.status, 304);
    const pre = await http()
      .options('/api/v1/public/licences')
      .set('Origin', 'https://example.org')
      .set('Access-Control-Request-Method', 'GET');
    assert.equal(pre.status, 204);
    assert.match(String(pre.headers['access-control-allow-methods']), /GET/);
    const post = await http().post('/api/v1/public/licences').send({});
    assert.equal(post.status, 404, 'read-only: no write, and no CSRF check either');
    const sessions = await t.db.sequelize.query('SELECT COUNT(*) AS n FROM sessions', { plain: true });
    assert.equal(Number((sessions as { n: number }).n), 0);
  });

  it('when one client sends more requests than the limit, then 429 with the error body', async () => {
    let limited: supertest.Response | null = null;
    for (let i = 0; i <= RATE_LIMIT && !limited; i++) {
      const res = await http().get('/api/v1/public/licences/NONE');
      if (res.status === 429) limited = res;
    }
    assert.ok(limited, 'a 429 came');
    assert.equal(limited.body.error.code, 'too_many_requests');
    assert.ok(limited.body.error.message);
  });

  it('when a visitor opens a public page, then it is the page the full middleware chain gives', async () => {
    // A visitor's pages skip the session and sign-in middleware (app.ts); a session cookie that the store does
    // not know takes the full chain and is a visitor all the same: both must give the same page and headers.
    const paths = ['/register', '/register?q=phat+thanh&sort=-validTo', `/register/licences/${company.number}`];
    paths.push('/register/licences/NOPE-1', '/register/data', '/register?fromMhz=abc');
    for (const path of paths)
      for (const lang of ['en', 'vi']) {
        const visitor = await http().get(path).set('Accept-Language', lang);
        const full = await http().get(path).set('Accept-Language', lang).set('Cookie', 'tanso.sid=s%3Aunknown.x');
        const where = `${path} (${lang})`;
        assert.equal(visitor.status, full.status, where);
        assert.equal(visitor.headers['set-cookie'], undefined, where);
        for (const h of ['content-security-policy', 'content-language', 'cache-control', 'content-type'])
          assert.equal(visitor.headers[h], full.headers[h], `${where}: ${h}`);
        // Error pages show their request's id.
        const text = (r: { text: string }) => r.text.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'id');
        assert.equal(text(visitor), text(full), where);
      }
    const { agent } = await loginAs(t.app, 'officer');
    const staff = await agent.get('/register');
    assert.equal(staff.status, 200);
    assert.ok(staff.text.includes('href="/licences"'), 'a signed-in user keeps their navigation');
  });
});
