/**
 * npm run test:pg: makes sure the PostgreSQL test database exists, then runs the given command with
 * TEST_DATABASE_URL pointing at it. PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test) is
 * used only to create the database `tanso_test` when it is missing.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';

async function main(): Promise<number> {
  const admin = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const target = process.env.TEST_DATABASE_URL ?? admin.replace(/\/[^/]*$/, '/tanso_test');
  const dbName = new URL(target).pathname.slice(1);
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (e) {
    console.error(`Cannot reach PostgreSQL at ${admin}: ${(e as Error).message}`);
    return 1;
  }
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${dbName.replace(/"/g, '')}"`);
  await client.end();
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) return 0;
  console.log(`Running on PostgreSQL: ${target.replace(/:[^:@/]*@/, ':***@')}`);
  const r = spawnSync(cmd === 'mocha' ? 'npx' : cmd, cmd === 'mocha' ? ['mocha', ...args] : args, {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: target },
  });
  return r.status ?? 1;
}
main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
