import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../../server/config';

describe('configuration from the environment', () => {
  const dataDir = () => mkdtempSync(path.join(tmpdir(), 'tanso-cfg-'));

  it('when nothing is set, then the defaults apply and a session secret is generated and kept under data/', () => {
    const dir = dataDir();
    const c = loadConfig({}, dir);
    assert.equal(c.port, 3000);
    assert.equal(c.database.dialect, 'sqlite');
    assert.match(c.database.dialect === 'sqlite' ? c.database.storage : '', /data\/tanso\.sqlite$/);
    assert.equal(c.sessionSecretSource, 'generated');
    assert.equal(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim(), c.sessionSecret);
    const again = loadConfig({}, dir);
    assert.equal(again.sessionSecret, c.sessionSecret);
    assert.equal(again.sessionSecretSource, 'file');
  });

  it('when NODE_ENV=production has no SESSION_SECRET, then start is refused with a clear message', () => {
    const dir = dataDir();
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }, dir),
      (e: unknown) => e instanceof ConfigError && /SESSION_SECRET is required/.test(e.message),
    );
    assert.equal(existsSync(path.join(dir, 'session-secret')), false);
  });

  it('when variables are malformed, then every problem is listed', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', TILE_URL: 'ftp://x', SESSION_SECRET: 'short' }, dataDir()),
      (e: unknown) =>
        e instanceof ConfigError &&
        ['PORT', 'LOG_LEVEL', 'TILE_URL', 'SESSION_SECRET'].every((k) => e.message.includes(k)),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }, dataDir()), /must start with sqlite: or postgres/);
    assert.throws(() => loadConfig({ DISTRICTS_GEOJSON: '/no/such/file.geojson' }, dataDir()), /file not found/);
  });

  it('when SMTP_URL and MAIL_FROM are set, then the outbox reads them; malformed ones are refused', () => {
    const unset = loadConfig({}, dataDir());
    assert.equal(unset.smtpUrl, null);
    assert.equal(unset.mailFrom, 'tanso@localhost');
    const set = loadConfig({ SMTP_URL: 'smtp://u:p@mail.example:587', MAIL_FROM: 'tanso@so-tttt.example' }, dataDir());
    assert.equal(set.smtpUrl, 'smtp://u:p@mail.example:587');
    assert.equal(set.mailFrom, 'tanso@so-tttt.example');
    assert.throws(
      () => loadConfig({ SMTP_URL: 'http://mail.example', MAIL_FROM: 'not an address' }, dataDir()),
      (e: unknown) => e instanceof ConfigError && ['SMTP_URL', 'MAIL_FROM'].every((k) => e.message.includes(k)),
    );
  });

  it('when DATABASE_URL names SQLite or PostgreSQL, then it is read as such', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:/abs/x.sqlite', '/root'), {
      dialect: 'sqlite',
      storage: '/abs/x.sqlite',
      url: 'sqlite:/abs/x.sqlite',
    });
    assert.equal(
      (parseDatabaseUrl('sqlite:data/t.sqlite', '/proj') as { storage: string }).storage,
      '/proj/data/t.sqlite',
    );
    assert.equal(parseDatabaseUrl('postgres://u@127.0.0.1:5432/db').dialect, 'postgres');
    assert.throws(() => parseDatabaseUrl('postgres://host-only'), /database name/);
  });
});
