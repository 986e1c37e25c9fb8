import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { buildApp } from '../../server/app';
import { createI18n } from '../../server/lib/i18n';
import { createLogger } from '../../server/lib/logger';
import { csrfFromHtml, isPostgres, makeTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

const ROOT = path.resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function startServer(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitHealthy(port: number, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() - t0 > ms) throw new Error('no /healthz');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the server process', function () {
  this.timeout(90_000);
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const sqliteUrl = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'tanso-proc-'));
    dirs.push(d);
    return `sqlite:${path.join(d, 'p.sqlite')}`;
  };

  it(
    'when started on an empty database, ' +
      'then it migrates, seeds, prints the demo logins and stops cleanly on SIGTERM',
    async () => {
      const port = await freePort();
      const s = startServer({
        PORT: String(port),
        DATABASE_URL: sqliteUrl(),
        NODE_ENV: 'development',
        SESSION_SECRET: 's'.repeat(40),
        DEMO_PASSWORD: 'proc-password-1',
      });
      await waitHealthy(port);
      assert.match(s.output(), /Demo logins \(password "proc-password-1"\)/);
      assert.match(s.output(), /inspector2 +inspector \(districts 644, 649, 650, 651, 652\)/);
      s.child.kill('SIGTERM');
      assert.equal(await s.exited, 0);
      assert.match(s.output(), /"msg":"stopped"/);
      assert.doesNotMatch(s.output(), /proc-password-1.*"level"/, 'the password is not logged');
    },
  );

  it('when NODE_ENV=production has no SESSION_SECRET, then it refuses to start with a clear message', async () => {
    const s = startServer({ PORT: '0', DATABASE_URL: sqliteUrl(), NODE_ENV: 'production', SESSION_SECRET: '' });
    assert.equal(await s.exited, 2);
    assert.match(s.output(), /SESSION_SECRET is required when NODE_ENV=production/);
  });

  it('when started in production, then no demo users are made', async () => {
    const port = await freePort();
    const s = startServer({
      PORT: String(port),
      DATABASE_URL: sqliteUrl(),
      NODE_ENV: 'production',
      SESSION_SECRET: 'p'.repeat(40),
    });
    await waitHealthy(port);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/session`);
    assert.equal((await login.json()).user, null);
    assert.doesNotMatch(s.output(), /Demo logins/);
    assert.match(String(login.headers.get('strict-transport-security')), /max-age/);
    s.child.kill('SIGTERM');
    assert.equal(await s.exited, 0);
  });
});

describe('several app processes on one database', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
  });
  after(async () => {
    await t.close();
  });

  it(
    `when a user signs in on one app instance, ` +
      `then the session works on another instance of the same ${isPostgres() ? 'PostgreSQL' : 'SQLite'} database`,
    async () => {
      const other = buildApp({ config: t.config, db: t.db, logger: createLogger('silent'), i18n: await createI18n() });
      try {
        const page = await supertest(t.app).get('/login');
        const first = String(page.headers['set-cookie']).split(';')[0] as string;
        const signIn = await supertest(t.app)
          .post('/login')
          .set('Cookie', first)
          .type('form')
          .send({ username: 'officer', password: TEST_PASSWORD, _csrf: csrfFromHtml(page.text) });
        assert.equal(signIn.status, 303);
        const header = String(signIn.headers['set-cookie']).split(';')[0] as string;
        assert.match(header, /^tanso\.sid=/);
        const res = await supertest(other.app).get('/api/v1/session').set('Cookie', header);
        assert.equal(res.body.user?.username, 'officer');
      } finally {
        other.close();
      }
    },
  );
});
