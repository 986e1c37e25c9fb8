/**
 * A real app on a fresh database for each suite: SQLite in a temp file, or PostgreSQL when
 * TEST_DATABASE_URL is a postgres:// URL (npm run test:pg), with its schema emptied first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import supertest from 'supertest';
import type { Express } from 'express';
import { buildApp } from '../../server/app';
import { boot } from '../../server/boot';
import { loadConfig, type Config } from '../../server/config';
import type { Database } from '../../server/db';
import { createI18n } from '../../server/lib/i18n';
import { createLogger } from '../../server/lib/logger';
import type { DistrictService } from '../../server/modules/districts/districts.service';

export const TEST_PASSWORD = 'test-password-42';

export interface TestApp {
  app: Express;
  db: Database;
  config: Config;
  districts: DistrictService;
  close(): Promise<void>;
}

export function isPostgres(): boolean {
  return /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '');
}

async function emptyPostgres(url: string): Promise<void> {
  const s = new Sequelize(url, { dialect: 'postgres', logging: false });
  try {
    await s.query('DROP SCHEMA IF EXISTS public CASCADE');
    await s.query('CREATE SCHEMA public');
  } finally {
    await s.close();
  }
}

export async function makeTestApp(
  options: { env?: Record<string, string>; loginPerIp?: number; seed?: boolean } = {},
): Promise<TestApp> {
  let databaseUrl: string;
  let dir: string | null = null;
  if (isPostgres()) {
    databaseUrl = process.env.TEST_DATABASE_URL as string;
    await emptyPostgres(databaseUrl);
  } else {
    dir = mkdtempSync(path.join(tmpdir(), 'tanso-test-'));
    databaseUrl = `sqlite:${path.join(dir, 'test.sqlite')}`;
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-42',
    LOG_LEVEL: 'silent',
    DEMO_PASSWORD: TEST_PASSWORD,
    ...options.env,
  });
  const logger = createLogger('silent');
  const booted = await boot(config, logger, { seed: options.seed ?? true });
  const i18n = await createI18n();
  const built = buildApp({
    config,
    db: booted.db,
    logger,
    i18n,
    districts: booted.districts,
    loginLimits: { perIp: options.loginPerIp ?? 10_000 },
  });
  return {
    app: built.app,
    db: booted.db,
    config,
    districts: booted.districts,
    async close() {
      built.close();
      await booted.db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Agent = ReturnType<typeof supertest.agent>;

/** The _csrf value of the first form on an HTML page. */
export function csrfFromHtml(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field on the page');
  return m[1] as string;
}

/** Signs in through the login form, as a browser does; returns the agent and its CSRF token for the API. */
export async function loginAs(
  app: Express,
  username: string,
  password = TEST_PASSWORD,
): Promise<{ agent: Agent; csrf: string }> {
  const agent = supertest.agent(app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ username, password, _csrf: csrfFromHtml(page.text) });
  if (res.status !== 303) throw new Error(`login as ${username} failed: ${res.status}`);
  const session = await agent.get('/api/v1/session');
  return { agent, csrf: session.body.csrfToken as string };
}
