import assert from 'node:assert/strict';
import supertest from 'supertest';
import { User } from '../../server/models/User';
import { loginAs, makeTestApp, type TestApp } from '../helpers/app';

describe('pages, languages and operations', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('when /healthz is asked, then it checks the database and answers 200', async () => {
    const res = await supertest(t.app).get('/healthz');
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'ok');
  });

  it('when a page does not exist, then a 404 page for browsers and the JSON error format for the API', async () => {
    const { agent } = await loginAs(t.app, 'officer');
    const html = await agent.get('/nowhere').set('Accept', 'text/html');
    assert.equal(html.status, 404);
    assert.match(html.text, /<h1>Page not found<\/h1>/);
    const json = await agent.get('/api/v1/nowhere');
    assert.equal(json.status, 404);
    assert.deepEqual(Object.keys(json.body.error).sort(), ['code', 'message']);
    const negotiated = await agent.get('/nowhere').set('Accept', 'application/json');
    assert.equal(negotiated.body.error.code, 'not_found');
  });

  it('when the request body is malformed JSON, then 400 in the error format', async () => {
    const { agent, csrf } = await loginAs(t.app, 'officer');
    const res = await agent
      .post('/api/v1/tokens')
      .set('X-CSRF-Token', csrf)
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'bad_request');
  });

  it(
    'when the browser prefers Vietnamese, ' + 'then pages are in Vietnamese with lang="vi"; English otherwise',
    async () => {
      const vi = await supertest(t.app).get('/login').set('Accept-Language', 'vi-VN,vi;q=0.9,en;q=0.5');
      assert.match(vi.text, /<html lang="vi"/);
      assert.match(vi.text, /Tên đăng nhập/);
      const en = await supertest(t.app).get('/login').set('Accept-Language', 'en-GB');
      assert.match(en.text, /<html lang="en"/);
      assert.match(en.text, /Username/);
    },
  );

  it('when a user switches language, then it is remembered in a cookie and on their account', async () => {
    const { agent, csrf } = await loginAs(t.app, 'manager');
    const res = await agent.post('/language').type('form').send({ _csrf: csrf, lang: 'vi', next: '/districts' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/districts');
    assert.match(String(res.headers['set-cookie']), /lang=vi/);
    const page = await agent.get('/districts').set('Accept-Language', 'en');
    assert.match(page.text, /<html lang="vi"/);
    assert.match(page.text, /Huyện, thị xã, thành phố/);
    assert.equal((await User.findOne({ where: { username: 'manager' } }))?.locale, 'vi');
    // On another browser, the saved preference comes back at sign-in.
    const other = await loginAs(t.app, 'manager');
    const home = await other.agent.get('/').set('Accept-Language', 'en');
    assert.match(home.text, /<html lang="vi"/);
  });

  it(
    'when numbers and dates are shown, ' + 'then they follow the language (1.234,5 and dd/mm/yyyy in Vietnamese)',
    async () => {
      const { agent, csrf } = await loginAs(t.app, 'officer');
      await agent.post('/language').type('form').send({ _csrf: csrf, lang: 'vi', next: '/' });
      const page = await agent.get('/band-plan');
      assert.match(page.text, /87,5 MHz – 108 MHz/);
      const en = await loginAs(t.app, 'officer2');
      const pageEn = await en.agent.get('/band-plan').set('Accept-Language', 'en');
      assert.match(pageEn.text, /87\.5 MHz – 108 MHz/);
    },
  );
});
