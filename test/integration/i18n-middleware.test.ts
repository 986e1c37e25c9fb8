/**
 * The language middleware (server/lib/i18n/middleware.ts) shares one i18next clone per language between
 * requests: requests in different languages at the same time must each still get their own language, on the
 * public register's pages and in the public API's error messages, with Content-Language set.
 */
import assert from 'node:assert/strict';
import supertest from 'supertest';
import { makeTestApp, type TestApp } from '../helpers/app';

type Ask = { cookie?: string; acceptLanguage?: string };

function ask(t: TestApp, path: string, { cookie, acceptLanguage }: Ask): supertest.Test {
  const req = supertest(t.app).get(path);
  if (cookie) req.set('Cookie', cookie);
  if (acceptLanguage) req.set('Accept-Language', acceptLanguage);
  return req;
}

describe('language middleware: concurrent requests in different languages', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
  });
  after(async () => {
    await t.close();
  });

  // Vietnamese by cookie (even when the browser prefers English), English by Accept-Language, interleaved.
  const vi: Ask = { cookie: 'lang=vi', acceptLanguage: 'en' };
  const en: Ask = { acceptLanguage: 'en' };
  const mixed = (n: number): Ask[] => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? vi : en));

  it('when public pages are asked at once in Vietnamese and English, then each is in its own language', async () => {
    const asks = mixed(12);
    const answers = await Promise.all(asks.map((a) => ask(t, '/register', a)));
    answers.forEach((res, i) => {
      assert.equal(res.status, 200);
      if (asks[i] === vi) {
        assert.equal(res.headers['content-language'], 'vi');
        assert.match(res.text, /<html lang="vi"/);
        assert.match(res.text, /Sổ đăng ký công khai giấy phép vô tuyến điện/);
      } else {
        assert.equal(res.headers['content-language'], 'en');
        assert.match(res.text, /<html lang="en"/);
        assert.match(res.text, /Public register of radio licences/);
        assert.doesNotMatch(res.text, /Sổ đăng ký công khai giấy phép/);
      }
    });
  });

  it('when public API errors are asked at once in both languages, then each message is in its language', async () => {
    const asks = mixed(12);
    const answers = await Promise.all(asks.map((a) => ask(t, '/api/v1/public/licences/NO-SUCH-LICENCE', a)));
    answers.forEach((res, i) => {
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'not_found');
      if (asks[i] === vi) {
        assert.equal(res.headers['content-language'], 'vi');
        assert.equal(res.body.error.message, 'Không có giấy phép nào mang số này trong sổ đăng ký công khai.');
      } else {
        assert.equal(res.headers['content-language'], 'en');
        assert.equal(res.body.error.message, 'No licence with this number is in the public register.');
      }
    });
  });

  it('when the browser sends a regional variant, then Content-Language names it and the page follows', async () => {
    const [viVn, enGb, fr] = await Promise.all([
      ask(t, '/register', { acceptLanguage: 'vi-VN,vi;q=0.9,en;q=0.5' }),
      ask(t, '/register', { acceptLanguage: 'en-GB,en;q=0.9' }),
      ask(t, '/api/v1/public/licences/NO-SUCH-LICENCE', { acceptLanguage: 'fr-FR,fr;q=0.9' }),
    ]);
    assert.equal(viVn.headers['content-language'], 'vi-VN');
    assert.match(viVn.text, /<html lang="vi"/);
    assert.match(viVn.text, /Sổ đăng ký công khai giấy phép vô tuyến điện/);
    assert.equal(enGb.headers['content-language'], 'en-GB');
    assert.match(enGb.text, /<html lang="en"/);
    // A language we do not have: the fallback, English.
    assert.equal(fr.headers['content-language'], 'en');
    assert.equal(fr.body.error.message, 'No licence with this number is in the public register.');
  });

  it('when a staff page and a static file are asked, then the page has a language and the file none', async () => {
    const [login, css] = await Promise.all([
      ask(t, '/login', { cookie: 'lang=vi' }),
      ask(t, '/css/app.css', { cookie: 'lang=vi' }),
    ]);
    assert.equal(login.headers['content-language'], 'vi');
    assert.match(login.text, /Tên đăng nhập/);
    assert.equal(css.headers['content-language'], undefined, 'ignoreRoutes: no language for /css');
  });
});
