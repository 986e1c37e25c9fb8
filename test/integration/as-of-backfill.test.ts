import assert from 'node:assert/strict';
import { clock } from '../../server/lib/dates';
import { makeLicenceIn, type Made } from '../helpers/factories';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

describe('the register as of a date: history back-filled by migration 014', () => {
  let t: TestApp;
  let manager: { agent: Agent; csrf: string };
  let made: Made;
  const realNow = clock.now;

  before(async () => {
    t = await makeTestApp();
    manager = await loginAs(t.app, 'manager');
    clock.now = () => new Date('2026-03-01T10:00:00+07:00');
    try {
      made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    } finally {
      clock.now = realNow;
    }
    // Back to a register without history (as before the migration), then the migration again.
    await t.db.migrator.down({ to: '014-history' });
    // Rows carry the real time of their creation; as if they had been made on 1 March:
    for (const table of ['licences', 'stations', 'assignments', 'assignment_footprints'])
      await t.db.sequelize.query(`UPDATE ${table} SET "createdAt" = :at`, {
        replacements: { at: new Date('2026-03-01T03:00:00Z') },
      });
    await t.db.migrator.up();
  });
  after(async () => {
    clock.now = realNow;
    await t.close();
  });

  it('when the history is back-filled, then each record is as it stands now from its creation on', async () => {
    const day = await manager.agent.get('/api/v1/licences?asOf=2026-03-01').expect(200);
    const row = day.body.data.find((l: { id: number }) => l.id === made.licenceId);
    assert.equal(row?.status, 'issued');
    const before = await manager.agent.get('/api/v1/licences?asOf=2026-02-28').expect(200);
    assert.equal(before.body.data.length, 0);
    const st = await manager.agent.get(`/api/v1/stations?asOf=2026-03-01&licenceId=${made.licenceId}`).expect(200);
    assert.deepEqual(
      st.body.data.map((s: { id: number }) => s.id),
      [made.stationId],
    );
    const [rows] = (await t.db.sequelize.query(
      `SELECT COUNT(*) AS n FROM record_versions WHERE entity = 'licence' AND "validTo" IS NULL`,
    )) as [{ n: number | string }[], unknown];
    const [live] = (await t.db.sequelize.query('SELECT COUNT(*) AS n FROM licences')) as [
      { n: number | string }[],
      unknown,
    ];
    assert.equal(Number(rows[0]?.n), Number(live[0]?.n));
  });
});
