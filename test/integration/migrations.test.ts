import assert from 'node:assert/strict';
import { isPostgres, makeTestApp, type TestApp } from '../helpers/app';
import { migrations } from '../../server/db/migrations';

describe(`migrations on ${isPostgres() ? 'PostgreSQL' : 'SQLite'}`, () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp({ seed: false });
  });
  after(async () => {
    await t.close();
  });

  async function tables(): Promise<string[]> {
    const qi = t.db.sequelize.getQueryInterface();
    const raw = (await qi.showAllTables()) as (string | { tableName: string })[];
    return raw
      .map((x) => (typeof x === 'string' ? x : x.tableName))
      .filter((n) => n !== 'schema_migrations' && !n.startsWith('sqlite_'))
      .sort();
  }

  it(
    'when every migration is rolled back and applied again, ' +
      'then the schema comes back the same and each down removes what its up made',
    async () => {
      const full = await tables();
      assert.ok(full.includes('licences') && full.includes('users') && full.includes('sessions'));
      const done = await t.db.migrator.down({ to: 0 });
      assert.deepEqual(
        done.map((m) => m.name),
        migrations.map((m) => m.name).reverse(),
      );
      assert.deepEqual(await tables(), []);
      await t.db.migrator.up();
      assert.deepEqual(await tables(), full);
      assert.deepEqual((await t.db.migrator.pending()).length, 0);
    },
  );
});
