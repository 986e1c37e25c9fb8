import assert from 'node:assert/strict';
import { makeLicenceIn } from '../helpers/factories';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

describe('issued revisions (issue 19: defect 14)', () => {
  let t: TestApp;
  let manager: { agent: Agent; csrf: string };
  let officer: { agent: Agent; csrf: string };
  before(async () => {
    t = await makeTestApp();
    manager = await loginAs(t.app, 'manager');
    officer = await loginAs(t.app, 'officer');
  });
  after(async () => {
    await t.close();
  });

  it('when a licence is issued at revision 1, then revision 1 is listed and viewable (API and page)', async () => {
    const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    const revs = await manager.agent.get(`/api/v1/licences/${made.licenceId}/revisions`).expect(200);
    assert.equal(revs.body.data.length, 1);
    assert.equal(revs.body.data[0].revision, 1);
    assert.equal(revs.body.data[0].current, true);
    assert.equal(revs.body.data[0].snapshot.stations[0].txPowerW, 25);
    assert.match(revs.body.data[0].snapshot.licence.number, /^TST/);
    const page = await manager.agent.get(`/licences/${made.licenceId}/revisions/1`).set('Accept', 'text/html');
    assert.equal(page.status, 200);
    assert.match(page.text, /In force: issued on/);
    const vi = await manager.agent.get(`/licences/${made.licenceId}/revisions/1`).set('Cookie', 'lang=vi');
    assert.match(vi.text, /Đang có hiệu lực: cấp ngày/);
    const show = await manager.agent.get(`/licences/${made.licenceId}`).expect(200);
    assert.match(show.text, new RegExp(`href="/licences/${made.licenceId}/revisions/1"`));
    await manager.agent.get(`/licences/${made.licenceId}/revisions/2`).expect(404);
  });

  it('when a licence is suspended, then its issued revision stays viewable; a draft has none', async () => {
    const suspended = await makeLicenceIn(t.db.sequelize, t.districts, 'suspended');
    await manager.agent.get(`/licences/${suspended.licenceId}/revisions/1`).expect(200);
    const draft = await makeLicenceIn(t.db.sequelize, t.districts, 'draft');
    const none = await manager.agent.get(`/api/v1/licences/${draft.licenceId}/revisions`).expect(200);
    assert.deepEqual(none.body.data, []);
    await manager.agent.get(`/licences/${draft.licenceId}/revisions/1`).expect(404);
  });

  it('when an amended licence is issued again, then both issued revisions are listed, newest first', async () => {
    const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    const post = (who: { agent: Agent; csrf: string }, path: string, body: object = {}) =>
      who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
    assert.equal((await post(officer, `/api/v1/licences/${made.licenceId}/amend`)).status, 200);
    assert.equal((await post(officer, `/api/v1/licences/${made.licenceId}/submit`)).status, 200);
    assert.equal((await post(manager, `/api/v1/licences/${made.licenceId}/issue`, { note: 'ok' })).status, 200);
    const revs = await manager.agent.get(`/api/v1/licences/${made.licenceId}/revisions`).expect(200);
    assert.deepEqual(
      revs.body.data.map((r: { revision: number; current: boolean }) => [r.revision, r.current]),
      [
        [2, true],
        [1, false],
      ],
    );
    await manager.agent.get(`/licences/${made.licenceId}/revisions/2`).expect(200);
    await manager.agent.get(`/licences/${made.licenceId}/revisions/1`).expect(200);
  });
});
