import assert from 'node:assert/strict';
import supertest from 'supertest';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Licensee } from '../../server/models/Licensee';
import { Session } from '../../server/models/Session';
import { isPostgres, loginAs, makeTestApp, type TestApp } from '../helpers/app';

describe('bad bytes, caching and health (issue 19: defects 3, 6, 9, 15)', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('when a NUL byte comes in a query, a path parameter or a body, then 400 with an error body, not 500', async () => {
    const { agent, csrf } = await loginAs(t.app, 'officer');
    const licensees = await Licensee.count();
    const gets = [
      '/api/v1/licensees?q=%00',
      '/api/v1/licences?q=a%00b',
      '/api/v1/stations?q=%00',
      '/api/v1/conflicts?district=%00',
      '/api/v1/districts/%00',
      '/api/v1/services/%00',
      '/api/v1/licensees/1%00',
      '/districts/%00',
      '/licensees?q=%00',
      '/api/v1/licensees?q[%00]=1',
    ];
    for (const url of gets) {
      const res = await agent.get(url).set('Accept', 'application/json');
      assert.equal(res.status, 400, url);
      assert.equal(res.body.error.code, 'bad_request', url);
      assert.match(res.body.error.message, /NUL byte/, url);
    }
    const html = await agent.get('/licensees?q=%00').set('Accept', 'text/html');
    assert.equal(html.status, 400);
    assert.match(html.text, /cannot be read/);
    const body = await agent
      .post('/api/v1/licensees')
      .set('X-CSRF-Token', csrf)
      .send({ name: 'Nul\u0000Co', kind: 'enterprise', taxCode: '6000000001' });
    assert.equal(body.status, 400);
    assert.match(body.body.error.message, /in name/);
    const form = await agent
      .post('/licensees')
      .type('form')
      .send({ name: 'Nul\u0000Co', kind: 'enterprise', taxCode: '6000000001', _csrf: csrf });
    assert.equal(form.status, 400);
    assert.equal(await Licensee.count(), licensees, 'nothing stored');
  });

  it('when a multipart photo upload is cut off, then 400 with a message, never 500', async () => {
    const { agent, csrf } = await loginAs(t.app, 'inspector');
    const truncated =
      '--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n' +
      csrf +
      '\r\n--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n' +
      'Content-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0 half a photo';
    for (const url of ['/api/v1/inspections', '/api/v1/inspections/1/photos']) {
      const res = await agent
        .post(url)
        .set('X-CSRF-Token', csrf)
        .set('Content-Type', 'multipart/form-data; boundary=XYZ')
        .send(truncated);
      assert.equal(res.status, 400, url);
      assert.equal(res.body.error.code, 'bad_request');
      assert.match(res.body.error.message, /upload was cut off/);
    }
  });

  it('when a signed-in user gets any page or API answer, then it says Cache-Control: no-store', async () => {
    const { agent } = await loginAs(t.app, 'officer');
    for (const url of ['/account', '/api/v1/session', '/api/v1/licences', '/licences', '/licensees', '/', '/nowhere']) {
      const res = await agent.get(url);
      assert.equal(res.headers['cache-control'], 'no-store', url);
    }
    const anonymous = await supertest(t.app).get('/api/v1/session');
    assert.equal(anonymous.headers['cache-control'], 'no-store', 'the CSRF token is not cached either');
  });

  it('when staff read a history, then they see who and when; only the admin audit log shows IP and UA', async () => {
    const officer = await loginAs(t.app, 'officer');
    const created = await officer.agent
      .post('/api/v1/licensees')
      .set('X-CSRF-Token', officer.csrf)
      .set('User-Agent', 'SecretBrowser/1.0')
      .send({ name: 'History Co', kind: 'enterprise', taxCode: '6000000002' });
    assert.equal(created.status, 201);
    const id = created.body.data.id as number;
    const event = await AuditEvent.findOne({ where: { entity: 'licensee', entityId: String(id) } });
    assert.equal(event?.userAgent, 'SecretBrowser/1.0');
    const ip = String(event?.ip);
    for (const role of ['officer', 'inspector', 'manager']) {
      const { agent } = await loginAs(t.app, role);
      const api = await agent.get(`/api/v1/licensees/${id}/history`).expect(200);
      assert.equal(api.body.data.length, 1);
      assert.equal(typeof api.body.data[0].at, 'string');
      assert.equal(api.body.data[0].actorId, event?.actorId);
      assert.ok(!('ip' in api.body.data[0]) && !('userAgent' in api.body.data[0]), `${role}: no IP in the API`);
      const page = await agent.get(`/licensees/${id}`).expect(200);
      assert.doesNotMatch(page.text, /SecretBrowser/);
      assert.ok(!page.text.includes(`<small>${ip}</small>`), `${role}: no IP on the page`);
    }
    const admin = await loginAs(t.app, 'admin');
    const log = await admin.agent.get(`/api/v1/audit-events?entity=licensee&entityId=${id}`).expect(200);
    assert.equal(log.body.data[0].userAgent, 'SecretBrowser/1.0');
    assert.equal(log.body.data[0].ip, ip);
  });

  it('when a signed-in user only reads pages and the API, then the session row is never written', async () => {
    const { agent } = await loginAs(t.app, 'manager');
    await agent.get('/').expect(200); // shows (and so removes) the welcome message: a write that is needed
    const sid = decodeURIComponent(
      /tanso\.sid=s%3A([^.;]+)/.exec(String((await agent.get('/account')).headers['set-cookie']))?.[1] ?? '',
    );
    const row = await Session.findByPk(sid);
    assert.ok(row, 'the session is stored');
    const before = { data: row.data, updatedAt: row.updatedAt.getTime() };
    for (const url of ['/', '/licences', '/licensees', '/account', '/api/v1/session', '/api/v1/licences', '/stations'])
      await agent.get(url).expect(200);
    const after = await Session.findByPk(sid);
    assert.deepEqual({ data: after?.data, updatedAt: after?.updatedAt.getTime() }, before);
  });

  it('when the database is busy, then /healthz still answers within a second and /readyz says 503', async () => {
    // Occupy every connection the app may use with a slow query.
    const slow = isPostgres()
      ? Array.from({ length: 10 }, () => t.db.sequelize.query('SELECT pg_sleep(2.5)'))
      : [
          t.db.sequelize.query(
            'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 12000000) SELECT count(*) FROM c',
          ),
        ];
    await new Promise((r) => setTimeout(r, 100));
    let t0 = Date.now();
    const health = await supertest(t.app).get('/healthz');
    const healthMs = Date.now() - t0;
    t0 = Date.now();
    const ready = await supertest(t.app).get('/readyz');
    const readyMs = Date.now() - t0;
    const done = Date.now();
    await Promise.all(slow);
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.ok(healthMs < 1000, `/healthz took ${healthMs} ms`);
    assert.ok(Date.now() - done > 200, 'the database was still busy while /readyz answered');
    assert.equal(ready.status, 503);
    assert.ok(readyMs < 1500, `/readyz took ${readyMs} ms`);
    const again = await supertest(t.app).get('/readyz');
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'ok');
  });
});

describe('free text under the one text rule (issue 19: defect 5)', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('when a licensee name is invisible, or holds control, bidi or broken characters, then 422 per field', async () => {
    const { agent, csrf } = await loginAs(t.app, 'officer');
    const before = await Licensee.count();
    const cases: [string, RegExp][] = [
      ['\u200B\u200B\u200B', /at least one visible character/],
      ['Evil\u202Egnp.exe', /control or text-direction characters/],
      ['Bell\u0007Co', /control or text-direction characters/],
      ['Broken \uD800 Co', /broken text/],
    ];
    for (const [name, message] of cases) {
      const res = await agent
        .post('/api/v1/licensees')
        .set('X-CSRF-Token', csrf)
        .send({ name, kind: 'enterprise', taxCode: '6000000003', contactPerson: 'A\u2066B' });
      assert.equal(res.status, 422, JSON.stringify(name));
      assert.match(res.body.error.fields.name, message);
      assert.match(res.body.error.fields.contactPerson, /text-direction/);
    }
    assert.equal(await Licensee.count(), before, 'nothing stored');
    const form = await agent
      .post('/licensees')
      .type('form')
      .send({ name: '\u200B', kind: 'enterprise', taxCode: '6000000003', address: 'Số 1 Lê Duẩn', _csrf: csrf });
    assert.equal(form.status, 422);
    assert.match(form.text, /Enter at least one visible character/);
    assert.match(form.text, /Số 1 Lê Duẩn/, 'the input is kept');
    const vi = await agent
      .post('/api/v1/licensees')
      .set('X-CSRF-Token', csrf)
      .set('Cookie', 'lang=vi')
      .send({ name: '\u200B', kind: 'enterprise', taxCode: '6000000003' });
    assert.match(vi.body.error.fields.name, /ít nhất một ký tự nhìn thấy được/);
    const ok = await agent
      .post('/api/v1/licensees')
      .set('X-CSRF-Token', csrf)
      .send({ name: '  Cu\u0303 Chi  ', kind: 'enterprise', taxCode: '6000000003', address: 'dòng 1\ndòng 2' });
    assert.equal(ok.status, 201);
    const stored = await Licensee.findByPk(ok.body.data.id);
    assert.equal(stored?.name, 'Cũ Chi'.normalize('NFC'));
    assert.equal(stored?.address, 'dòng 1\ndòng 2');
  });

  it('when a user name or a token name is invisible, then 422 too (every free-text field)', async () => {
    const admin = await loginAs(t.app, 'admin');
    const user = await admin.agent
      .post('/api/v1/users')
      .set('X-CSRF-Token', admin.csrf)
      .send({ username: 'ghost', password: 'a-long-password-1', fullName: '\u200B\u200D', role: 'manager' });
    assert.equal(user.status, 422);
    assert.match(user.body.error.fields.fullName, /visible/);
    const token = await admin.agent.post('/api/v1/tokens').set('X-CSRF-Token', admin.csrf).send({ name: 'x\u202Ey' });
    assert.equal(token.status, 422);
    assert.match(token.body.error.fields.name, /text-direction/);
  });
});
