import assert from 'node:assert/strict';
import supertest from 'supertest';
import { AuditEvent } from '../../server/models/AuditEvent';
import { User } from '../../server/models/User';
import { csrfFromHtml, makeTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

async function signIn(t: TestApp, username: string, password: string) {
  const agent = supertest.agent(t.app);
  const csrf = csrfFromHtml((await agent.get('/login')).text);
  return agent.post('/login').type('form').send({ username, password, _csrf: csrf });
}

describe('sign-in under load (issue 19: defects 1 and 2)', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('when twelve people sign in as the same user at once, then all twelve succeed and each is audited', async () => {
    const before = await AuditEvent.count({ where: { entity: 'user', action: 'login' } });
    const pages = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const agent = supertest.agent(t.app);
        return { agent, csrf: csrfFromHtml((await agent.get('/login')).text) };
      }),
    );
    const answers = await Promise.all(
      pages.map(({ agent, csrf }) =>
        agent.post('/login').type('form').send({ username: 'officer', password: TEST_PASSWORD, _csrf: csrf }),
      ),
    );
    assert.deepEqual(
      answers.map((r) => r.status),
      Array(12).fill(303),
    );
    assert.equal(await AuditEvent.count({ where: { entity: 'user', action: 'login' } }), before + 12);
    const u = await User.findOne({ where: { username: 'officer' } });
    assert.ok(u?.lastLoginAt);
    assert.equal(u?.failedLoginCount, 0);
  });

  it('when wrong passwords for one user arrive at once, then each is counted and the fifth locks', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => signIn(t, 'officer2', 'wrong')));
    assert.deepEqual(
      answers.map((r) => r.status),
      [401, 401, 401, 401],
    );
    assert.equal((await User.findOne({ where: { username: 'officer2' } }))?.failedLoginCount, 4);
    const fifth = await signIn(t, 'officer2', 'wrong');
    assert.equal(fifth.status, 429);
    const u = await User.findOne({ where: { username: 'officer2' } });
    assert.ok(u?.lockedUntil && u.lockedUntil.getTime() > Date.now() + 14 * 60_000);
    assert.equal(await AuditEvent.count({ where: { entity: 'user', entityId: String(u?.id), action: 'locked' } }), 1);
  });
});

describe('the per-address sign-in limit counts failures only (issue 19: defect 2)', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp({ loginPerIp: 3 });
  });
  after(async () => {
    await t.close();
  });

  it('when one address signs in correctly more often than the limit, then every sign-in succeeds', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(t, i % 2 ? 'officer' : 'manager', TEST_PASSWORD)).status);
    assert.deepEqual(statuses, Array(8).fill(303));
  });

  it('when failures pass the limit, then 429 says in both languages when to try again', async () => {
    const agent = supertest.agent(t.app);
    const csrf = csrfFromHtml((await agent.get('/login')).text);
    const codes: number[] = [];
    for (const u of ['b1', 'b2', 'b3', 'b4'])
      codes.push((await agent.post('/login').type('form').send({ username: u, password: 'x', _csrf: csrf })).status);
    assert.deepEqual(codes, [401, 401, 401, 429]);
    const json = await agent
      .post('/api/v1/session')
      .set('Accept', 'application/json')
      .set('X-CSRF-Token', csrf)
      .send({ username: 'officer', password: TEST_PASSWORD });
    assert.equal(json.status, 429);
    assert.match(json.body.error.message, /Wait 15 minutes, then try again/);
    assert.ok(Number(json.headers['retry-after']) > 14 * 60, 'Retry-After in seconds');
    const vi = await agent
      .post('/login')
      .set('Accept-Language', 'vi')
      .set('Cookie', 'lang=vi')
      .type('form')
      .send({ username: 'officer', password: TEST_PASSWORD, _csrf: csrf });
    assert.equal(vi.status, 429);
    assert.match(vi.text, /Hãy chờ 15 phút rồi thử lại/);
  });
});
