/**
 * languageMiddleware (server/lib/i18n/middleware.ts): one i18next clone per detected code, made once and shared,
 * never switched by a request; codes that are not ours get no shared clone.
 */
import assert from 'node:assert/strict';
import type { NextFunction, Request, Response } from 'express';
import type { i18n as I18n } from 'i18next';
import { createI18n } from '../../../server/lib/i18n';
import { handle } from 'i18next-http-middleware';
import { languageMiddleware } from '../../../server/lib/i18n/middleware';

interface Answer {
  req: Request & { lng?: string; resolvedLanguage?: string };
  res: Response;
  headers: Record<string, string>;
  nextCalled: boolean;
}

/** Just what the middleware and the detector read: path, headers and cookies; locals and headers. */
function run(mw: ReturnType<typeof languageMiddleware>, opts: { path?: string; cookie?: string; al?: string }): Answer {
  const headers: Record<string, string> = {};
  const req = {
    path: opts.path ?? '/register',
    headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.al ? { 'accept-language': opts.al } : {}) },
  } as unknown as Answer['req'];
  const res = {
    locals: {},
    headersSent: false,
    getHeader: (n: string) => headers[n.toLowerCase()],
    setHeader: (n: string, v: string) => {
      headers[n.toLowerCase()] = v;
    },
  } as unknown as Response;
  const answer: Answer = { req, res, headers, nextCalled: false };
  mw(req, res, (() => {
    answer.nextCalled = true;
  }) as NextFunction);
  return answer;
}

describe('languageMiddleware', () => {
  let i18n: I18n;
  before(async () => {
    i18n = await createI18n();
  });

  it('when two requests share a language, then they share one clone, which no request can switch', () => {
    const mw = languageMiddleware(i18n);
    const a = run(mw, { cookie: 'lang=vi' });
    const b = run(mw, { al: 'vi' });
    const c = run(mw, { al: 'en' });
    assert.ok(a.nextCalled && b.nextCalled && c.nextCalled);
    assert.equal(a.req.i18n, b.req.i18n, 'one clone for vi');
    assert.notEqual(a.req.i18n, c.req.i18n);
    assert.notEqual(a.req.i18n, i18n, 'never the app instance itself');
    assert.equal(a.req.t('register.title'), 'Sổ đăng ký công khai giấy phép vô tuyến điện');
    assert.equal(c.req.t('register.title'), 'Public register of radio licences');
    assert.equal(a.res.locals.t, a.req.t);
    assert.equal(a.res.locals.language, 'vi');
    assert.equal(a.res.locals.languageDir, 'ltr');
    assert.deepEqual(a.req.languages, ['vi', 'en']);
    assert.equal(a.headers['content-language'], 'vi');
    assert.throws(() => a.req.i18n.changeLanguage('en'), /cannot change language/);
    assert.equal(b.req.t('register.title'), 'Sổ đăng ký công khai giấy phép vô tuyến điện', 'still Vietnamese');
    // The other language is still at hand without switching.
    assert.equal(a.req.i18n.getFixedT('en')('register.title'), 'Public register of radio licences');
    assert.equal(i18n.language, 'en', 'the app instance is untouched');
  });

  it('when a regional variant comes, then it is named as such and shared up to a bound', () => {
    const mw = languageMiddleware(i18n);
    const a = run(mw, { al: 'vi-VN,vi;q=0.9' });
    const b = run(mw, { al: 'vi-VN' });
    assert.equal(a.req.language, 'vi-VN');
    assert.equal(a.req.resolvedLanguage, 'vi');
    assert.equal(a.headers['content-language'], 'vi-VN');
    assert.equal(a.req.i18n, b.req.i18n);
    // Past the bound (16 variants), each request gets its own clone, in the right language still.
    for (let i = 0; i < 20; i++) run(mw, { al: `en-X${String.fromCharCode(65 + i)}` });
    const c = run(mw, { al: 'en-ZZ' });
    const d = run(mw, { al: 'en-ZZ' });
    assert.notEqual(c.req.i18n, d.req.i18n);
    assert.equal(c.req.language, 'en-ZZ');
    assert.equal(d.req.t('register.title'), 'Public register of radio licences');
    d.req.i18n.changeLanguage('vi'); // a clone of its own may switch, as with `handle`
    assert.equal(run(mw, { al: 'vi' }).req.t('register.title'), 'Sổ đăng ký công khai giấy phép vô tuyến điện');
  });

  it('when the path contains an ignored route, then the request gets no language', () => {
    const mw = languageMiddleware(i18n, { ignoreRoutes: ['/css'] });
    const a = run(mw, { path: '/css/app.css', cookie: 'lang=vi' });
    assert.ok(a.nextCalled);
    assert.equal(a.req.language, undefined);
    assert.equal(a.headers['content-language'], undefined);
  });
});

describe('languageMiddleware answers as i18next-http-middleware handle (the library, kept as the reference)', () => {
  it('when any cookie, Accept-Language and path come, then every field and header is the same', async () => {
    const i18n = await createI18n();
    const ours = languageMiddleware(i18n, { ignoreRoutes: ['/css', '/healthz'] });
    const theirs = handle(i18n, { ignoreRoutes: ['/css', '/healthz'] });
    const cases: { path?: string; cookie?: string; al?: string }[] = [];
    for (const cookie of [undefined, 'lang=vi', 'lang=en', 'lang=fr', 'lang=vi-VN', 'other=1; lang=en'])
      for (const al of [undefined, 'vi-VN,vi;q=0.9,en;q=0.8', 'en-GB', 'fr-FR,fr', '*', 'vi'])
        for (const path of ['/register', '/api/v1/public/licences', '/css/app.css'])
          cases.push({ path, ...(cookie ? { cookie } : {}), ...(al ? { al } : {}) });
    for (const c of cases) {
      const a = run(ours, c);
      const b = run(theirs as ReturnType<typeof languageMiddleware>, c);
      const label = JSON.stringify(c);
      assert.equal(a.nextCalled, b.nextCalled, label);
      assert.deepEqual(a.headers, b.headers, label);
      for (const k of ['language', 'locale', 'lng', 'languages', 'resolvedLanguage'] as const)
        assert.deepEqual(
          (a.req as unknown as Record<string, unknown>)[k],
          (b.req as unknown as Record<string, unknown>)[k],
          `${label} req.${k}`,
        );
      for (const k of ['language', 'resolvedLanguage', 'languageDir'] as const)
        assert.deepEqual(a.res.locals[k], b.res.locals[k], `${label} res.locals.${k}`);
      if (b.req.t) {
        for (const key of ['register.title', 'errors.conflict', 'v.invalid'])
          assert.equal(a.req.t(key), b.req.t(key), `${label} t(${key})`);
        assert.equal(a.res.locals.t('register.title'), b.res.locals.t('register.title'), label);
        assert.equal(a.req.i18n.language, b.req.i18n.language, `${label} i18n.language`);
      } else assert.equal(a.req.t, undefined, label);
    }
    assert.ok(cases.length >= 100);
  });
});
