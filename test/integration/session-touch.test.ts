import assert from 'node:assert/strict';
import { Session } from '../../server/models/Session';
import { loginAs, makeTestApp, type TestApp } from '../helpers/app';

describe('sessions in the store', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
  });
  after(async () => {
    await t.close();
  });

  it(
    'when a signed-in user makes many requests, then the session row is written at most once in a few minutes, ' +
      'while the cookie keeps rolling',
    async () => {
      const { agent } = await loginAs(t.app, 'officer');
      await agent.get('/api/v1/licences?pageSize=5').expect(200);
      const mine = (await Session.findAll()).filter((s) => s.userId !== null);
      assert.equal(mine.length, 1);
      const before = { expires: mine[0]?.expires?.getTime(), updatedAt: mine[0]?.updatedAt.getTime() };
      for (let i = 0; i < 5; i++) {
        const res = await agent.get('/api/v1/licences?pageSize=5').expect(200);
        assert.match(String(res.headers['set-cookie'] ?? ''), /tanso\.sid=/, 'the cookie is renewed on every answer');
      }
      const after = await Session.findByPk(mine[0]?.sid ?? '');
      assert.deepEqual({ expires: after?.expires?.getTime(), updatedAt: after?.updatedAt.getTime() }, before);
    },
  );
});
