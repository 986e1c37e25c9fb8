import assert from 'node:assert/strict';
import supertest from 'supertest';
import { AuditEvent } from '../../server/models/AuditEvent';
import { ApiToken } from '../../server/models/ApiToken';
import { Session } from '../../server/models/Session';
import { User } from '../../server/models/User';
import { csrfFromHtml, loginAs, makeTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

describe('accounts and sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('when an anonymous visitor opens a page, then they are redirected to /login with next', async () => {
    const res = await supertest(t.app).get('/admin/users?x=1').set('Accept', 'text/html');
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/login?next=${encodeURIComponent('/admin/users?x=1')}`);
  });

  it('when an anonymous client calls the API, then 401 with the error format', async () => {
    const res = await supertest(t.app).get('/api/v1/districts');
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'unauthorized');
    assert.equal(typeof res.body.error.message, 'string');
  });

  it(
    'when an officer signs in, ' + 'then the session id is renewed and the session reports role and districts',
    async () => {
      const agent = supertest.agent(t.app);
      const page = await agent.get('/login');
      const before = /tanso\.sid=([^;]+)/.exec(String(page.headers['set-cookie']))?.[1];
      assert.ok(before, 'the login page starts a session for its CSRF token');
      const res = await agent
        .post('/login')
        .type('form')
        .send({ username: 'officer', password: TEST_PASSWORD, _csrf: csrfFromHtml(page.text), next: '/districts' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, '/districts');
      const after = /tanso\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1];
      assert.ok(after && after !== before, 'a new session id after login');
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      const s = await agent.get('/api/v1/session');
      assert.equal(s.body.user.username, 'officer');
      assert.equal(s.body.user.role, 'licensing_officer');
      assert.deepEqual(s.body.user.districtCodes, []);
      assert.equal(typeof s.body.csrfToken, 'string');
      const inspector = await loginAs(t.app, 'inspector');
      const si = await inspector.agent.get('/api/v1/session');
      assert.deepEqual(si.body.user.districtCodes, ['643', '648', '655', '657']);
      const login = await AuditEvent.findOne({ where: { entity: 'user', action: 'login' }, order: [['id', 'DESC']] });
      assert.ok(login);
    },
  );

  it('when a login form is posted with a next pointing to another site, then it goes home instead', async () => {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'officer', password: TEST_PASSWORD, _csrf: csrfFromHtml(page.text), next: '//evil.example/x' });
    assert.equal(res.headers.location, '/');
  });

  it('when a form is posted without the CSRF token, then 403 and nothing changes', async () => {
    const { agent } = await loginAs(t.app, 'officer');
    const res = await agent.post('/logout').set('Accept', 'application/json');
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'csrf_failed');
    assert.equal((await agent.get('/api/v1/session')).body.user.username, 'officer');
    const withHeader = await agent.post('/api/v1/tokens').send({ name: 'x' }).set('X-CSRF-Token', 'wrong');
    assert.equal(withHeader.status, 403);
    assert.equal(await ApiToken.count(), 0);
  });

  it('when the login form is posted without its CSRF token, then 403', async () => {
    const res = await supertest(t.app)
      .post('/login')
      .type('form')
      .send({ username: 'officer', password: TEST_PASSWORD });
    assert.equal(res.status, 403);
  });

  it('when a user signs out with the token, then the session ends', async () => {
    const { agent, csrf } = await loginAs(t.app, 'officer');
    const res = await agent.post('/logout').type('form').send({ _csrf: csrf });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/login?loggedOut=1');
    assert.equal((await agent.get('/api/v1/session')).body.user, null);
  });

  it('when a wrong password is typed, then 401, the username is kept and the counter rises', async () => {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'manager2', password: 'wrong-password', _csrf: csrfFromHtml(page.text) });
    assert.equal(res.status, 401);
    assert.match(res.text, /The username or password is wrong\./);
    assert.match(res.text, /value="manager2"/);
    assert.equal((await User.findOne({ where: { username: 'manager2' } }))?.failedLoginCount, 1);
  });

  it(
    'when five wrong passwords are typed in a row, ' +
      'then the account is locked for 15 minutes (429) even for the right password',
    async () => {
      const agent = supertest.agent(t.app);
      const csrf = csrfFromHtml((await agent.get('/login')).text);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (
            await agent
              .post('/login')
              .type('form')
              .send({ username: 'officer2', password: `wrong-${i}`, _csrf: csrf })
          ).status,
        );
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
      const right = await agent
        .post('/login')
        .type('form')
        .send({ username: 'officer2', password: TEST_PASSWORD, _csrf: csrf });
      assert.equal(right.status, 429);
      assert.match(right.text, /locked for 15 minutes/);
      const u = await User.findOne({ where: { username: 'officer2' } });
      assert.ok(u?.lockedUntil && u.lockedUntil.getTime() - Date.now() > 14 * 60_000);
      assert.equal(await AuditEvent.count({ where: { entity: 'user', entityId: String(u?.id), action: 'locked' } }), 1);
      // An admin unlocks; the right password then works.
      const admin = await loginAs(t.app, 'admin');
      const unlock = await admin.agent.post(`/api/v1/users/${u?.id}/unlock`).set('X-CSRF-Token', admin.csrf);
      assert.equal(unlock.status, 200);
      const again = await agent
        .post('/login')
        .type('form')
        .send({ username: 'officer2', password: TEST_PASSWORD, _csrf: csrf });
      assert.equal(again.status, 303);
    },
  );

  it('when a deactivated user still has a session, then it no longer works and they cannot sign in', async () => {
    const victim = await loginAs(t.app, 'manager');
    const admin = await loginAs(t.app, 'admin');
    const u = await User.findOne({ where: { username: 'manager' } });
    const res = await admin.agent.post(`/api/v1/users/${u?.id}/deactivate`).set('X-CSRF-Token', admin.csrf);
    assert.equal(res.status, 200);
    assert.equal(res.body.data.active, false);
    assert.equal(await Session.count({ where: { userId: u?.id } }), 0);
    assert.equal((await victim.agent.get('/api/v1/session')).body.user, null);
    const agent = supertest.agent(t.app);
    const csrf = csrfFromHtml((await agent.get('/login')).text);
    const login = await agent
      .post('/login')
      .type('form')
      .send({ username: 'manager', password: TEST_PASSWORD, _csrf: csrf });
    assert.equal(login.status, 401);
    assert.match(login.text, /deactivated/);
    await admin.agent.post(`/api/v1/users/${u?.id}/reactivate`).set('X-CSRF-Token', admin.csrf);
  });

  it(
    'when a user makes an API token, ' +
      'then it is shown once, stored hashed, works as Bearer without CSRF, and stops after revocation',
    async () => {
      const { agent, csrf } = await loginAs(t.app, 'officer');
      const made = await agent.post('/api/v1/tokens').set('X-CSRF-Token', csrf).send({ name: 'GIS export' });
      assert.equal(made.status, 201);
      const token = made.body.data.token as string;
      assert.match(token, /^tanso_[\w-]{40,}$/);
      const row = await ApiToken.findByPk(made.body.data.id);
      assert.ok(row && row.tokenHash !== token && !row.tokenHash.includes(token.slice(6)));
      const list = await agent.get('/api/v1/tokens');
      assert.equal(JSON.stringify(list.body).includes(token), false, 'the token is never shown again');
      const bearer = await supertest(t.app).get('/api/v1/session').set('Authorization', `Bearer ${token}`);
      assert.equal(bearer.body.user.username, 'officer');
      const write = await supertest(t.app)
        .post('/api/v1/tokens')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'made by script' });
      assert.equal(write.status, 201, 'bearer requests need no CSRF token');
      const revoke = await agent.delete(`/api/v1/tokens/${made.body.data.id}`).set('X-CSRF-Token', csrf);
      assert.equal(revoke.status, 204);
      const after = await supertest(t.app).get('/api/v1/districts').set('Authorization', `Bearer ${token}`);
      assert.equal(after.status, 401);
      assert.equal(await AuditEvent.count({ where: { entity: 'api_token', action: 'revoke' } }), 1);
    },
  );

  it('when a token is made on the account page, then the page shows it once in a flash message', async () => {
    const { agent, csrf } = await loginAs(t.app, 'inspector');
    const res = await agent
      .post('/account/tokens')
      .type('form')
      .send({ _csrf: csrf, name: 'Điện thoại hiện trường', expiresAt: '' });
    assert.equal(res.status, 303);
    const page = await agent.get('/account');
    const shown = /<code class="secret" data-copy>(tanso_[^<]+)<\/code>/.exec(page.text);
    assert.ok(shown, 'token shown');
    assert.match(page.text, /Điện thoại hiện trường/);
    const again = await agent.get('/account');
    assert.equal(again.text.includes(shown[1] as string), false);
    const bad = await agent
      .post('/account/tokens')
      .type('form')
      .send({ _csrf: csrf, name: '', expiresAt: '2001-01-01' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /href="#f-name"/);
    assert.match(bad.text, /href="#f-expiresAt"/);
  });

  it(
    'when a user changes their password with the wrong current one, ' + 'then 422 and the old password still works',
    async () => {
      const { agent, csrf } = await loginAs(t.app, 'inspector2');
      const bad = await agent.post('/account/password').type('form').send({
        _csrf: csrf,
        currentPassword: 'nope',
        newPassword: 'brand-new-password',
        confirmPassword: 'brand-new-password',
      });
      assert.equal(bad.status, 422);
      assert.match(bad.text, /The current password is wrong/);
      const mismatch = await agent.post('/account/password').type('form').send({
        _csrf: csrf,
        currentPassword: TEST_PASSWORD,
        newPassword: 'brand-new-password',
        confirmPassword: 'other-password-1',
      });
      assert.equal(mismatch.status, 422);
      assert.match(mismatch.text, /The two passwords differ/);
      const ok = await agent.post('/account/password').type('form').send({
        _csrf: csrf,
        currentPassword: TEST_PASSWORD,
        newPassword: 'brand-new-password',
        confirmPassword: 'brand-new-password',
      });
      assert.equal(ok.status, 303);
      await loginAs(t.app, 'inspector2', 'brand-new-password');
    },
  );

  it('when pages are served, then the CSP allows no inline script and cookies/headers are hardened', async () => {
    const res = await supertest(t.app).get('/login');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['x-request-id']);
    assert.doesNotMatch(
      res.text,
      /<script>(?!<\/script>)|<script(?![^>]*src=)[^>]*>/,
      'no inline <script> in the page',
    );
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp({ loginPerIp: 3 });
  });
  after(async () => {
    await t.close();
  });

  it('when one address posts more sign-ins than the limit, then 429 with a plain message', async () => {
    const agent = supertest.agent(t.app);
    const csrf = csrfFromHtml((await agent.get('/login')).text);
    const codes: number[] = [];
    for (const u of ['a1', 'a2', 'a3', 'a4'])
      codes.push((await agent.post('/login').type('form').send({ username: u, password: 'x', _csrf: csrf })).status);
    assert.deepEqual(codes, [401, 401, 401, 429]);
    const json = await agent
      .post('/login')
      .set('Accept', 'application/json')
      .type('form')
      .send({ username: 'officer', password: TEST_PASSWORD, _csrf: csrf });
    assert.equal(json.status, 429);
    assert.match(json.body.error.message, /Too many sign-in attempts/);
  });
});
