import assert from 'node:assert/strict';
import { AuditEvent } from '../../server/models/AuditEvent';
import { makeDraft } from '../helpers/factories';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

describe('authorisation before validation (issue 19: defect 8)', () => {
  let t: TestApp;
  let ids: { licenceId: number; stationId: number; assignmentId: number; licenseeId: number };
  let inspectionId: number;
  let findingId: number;
  const agents: Record<string, { agent: Agent; csrf: string }> = {};
  before(async () => {
    t = await makeTestApp();
    ids = await makeDraft(t.db.sequelize, t.districts);
    for (const u of ['officer', 'manager', 'inspector', 'admin']) agents[u] = await loginAs(t.app, u);
    const inspector = agents.inspector as { agent: Agent; csrf: string };
    const logged = await inspector.agent
      .post('/api/v1/inspections')
      .set('X-CSRF-Token', inspector.csrf)
      .send({ type: 'routine', stationId: ids.stationId });
    assert.equal(logged.status, 201, logged.text);
    inspectionId = logged.body.data.id;
    const finding = await inspector.agent
      .post(`/api/v1/inspections/${inspectionId}/findings`)
      .set('X-CSRF-Token', inspector.csrf)
      .send({ category: 'other', severity: 'minor' });
    assert.equal(finding.status, 201, finding.text);
    findingId = finding.body.data.id;
  });
  after(async () => {
    await t.close();
  });

  /** [method, url] a role may not use; sent with an empty (invalid) body. */
  const writes = (): [string, string, string[]][] => [
    ['post', '/api/v1/licences', ['manager', 'inspector', 'admin']],
    ['patch', `/api/v1/licences/${ids.licenceId}`, ['manager', 'inspector', 'admin']],
    ['delete', `/api/v1/licences/${ids.licenceId}`, ['manager', 'inspector', 'admin']],
    ['post', `/api/v1/licences/${ids.licenceId}/submit`, ['manager', 'inspector', 'admin']],
    ['post', `/api/v1/licences/${ids.licenceId}/issue`, ['officer', 'inspector', 'admin']],
    ['post', `/api/v1/licences/${ids.licenceId}/renew`, ['manager', 'inspector', 'admin']],
    ['post', '/api/v1/stations', ['manager', 'inspector', 'admin']],
    ['patch', `/api/v1/stations/${ids.stationId}`, ['manager', 'inspector', 'admin']],
    ['delete', `/api/v1/stations/${ids.stationId}`, ['manager', 'inspector', 'admin']],
    ['post', `/api/v1/stations/${ids.stationId}/assignments`, ['manager', 'inspector', 'admin']],
    ['patch', `/api/v1/assignments/${ids.assignmentId}`, ['manager', 'inspector', 'admin']],
    ['delete', `/api/v1/assignments/${ids.assignmentId}`, ['manager', 'inspector', 'admin']],
    ['post', '/api/v1/licensees', ['manager', 'inspector', 'admin']],
    ['patch', `/api/v1/licensees/${ids.licenseeId}`, ['manager', 'inspector', 'admin']],
    ['post', '/api/v1/inspections', ['officer', 'admin']],
    ['patch', `/api/v1/inspections/${inspectionId}`, ['officer', 'admin']],
    ['post', `/api/v1/inspections/${inspectionId}/measurements`, ['officer', 'manager', 'admin']],
    ['post', `/api/v1/inspections/${inspectionId}/findings`, ['officer', 'manager', 'admin']],
    ['post', `/api/v1/inspections/${inspectionId}/corrections`, ['officer', 'manager', 'admin']],
    ['post', `/api/v1/inspections/${inspectionId}/complete`, ['officer', 'manager', 'admin']],
    ['post', `/api/v1/inspections/${inspectionId}/cancel`, ['officer', 'inspector', 'admin']],
    ['patch', `/api/v1/findings/${findingId}`, ['officer', 'admin']],
    ['post', `/api/v1/findings/${findingId}/resolve`, ['officer', 'admin']],
    ['post', `/inspections/${inspectionId}/measurements`, ['officer', 'manager', 'admin']],
    ['post', `/inspections/${inspectionId}/findings`, ['officer', 'manager', 'admin']],
    ['post', `/inspections/${inspectionId}`, ['officer', 'manager', 'admin']],
    ['post', `/findings/${findingId}`, ['officer', 'admin']],
    ['post', '/api/v1/band-plan', ['officer', 'manager', 'inspector']],
    ['post', '/api/v1/users', ['officer', 'manager', 'inspector']],
    ['post', `/licences`, ['manager', 'inspector', 'admin']],
    ['post', `/licences/${ids.licenceId}`, ['manager', 'inspector', 'admin']],
    ['post', `/licences/${ids.licenceId}/stations`, ['manager', 'inspector', 'admin']],
    ['post', `/stations/${ids.stationId}`, ['manager', 'inspector', 'admin']],
    ['post', `/stations/${ids.stationId}/assignments`, ['manager', 'inspector', 'admin']],
    ['post', `/assignments/${ids.assignmentId}`, ['manager', 'inspector', 'admin']],
    ['post', `/licensees`, ['manager', 'inspector', 'admin']],
    ['post', `/inspections`, ['officer', 'manager', 'admin']],
    ['post', `/inspections/plan`, ['officer', 'inspector', 'admin']],
  ];
  const forms = (): [string, string[]][] => [
    ['/licences/new', ['manager', 'inspector', 'admin']],
    [`/licences/${ids.licenceId}/edit`, ['manager', 'inspector', 'admin']],
    [`/licences/${ids.licenceId}/stations/new`, ['manager', 'inspector', 'admin']],
    [`/stations/${ids.stationId}/edit`, ['manager', 'inspector', 'admin']],
    [`/stations/${ids.stationId}/assignments/new`, ['manager', 'inspector', 'admin']],
    [`/assignments/${ids.assignmentId}/edit`, ['manager', 'inspector', 'admin']],
    ['/licensees/new', ['manager', 'inspector', 'admin']],
    [`/licensees/${ids.licenseeId}/edit`, ['manager', 'inspector', 'admin']],
    ['/inspections/new', ['officer', 'manager', 'admin']],
    ['/inspections/plan', ['officer', 'inspector', 'admin']],
    [`/inspections/${inspectionId}/edit`, ['officer', 'manager', 'admin']],
    [`/inspections/${inspectionId}/plan`, ['officer', 'inspector', 'admin']],
    ['/admin/band-plan/new', ['officer', 'manager', 'inspector']],
    ['/admin/users/new', ['officer', 'manager', 'inspector']],
  ];

  it('when a role that may not write sends an invalid body, then 403 (not 422) and nothing changes', async () => {
    const events = await AuditEvent.count();
    const wrong: string[] = [];
    for (const [method, url, roles] of writes())
      for (const role of roles) {
        const { agent, csrf } = agents[role] as { agent: Agent; csrf: string };
        const req = (agent as unknown as Record<string, (u: string) => ReturnType<Agent['get']>>)[method]?.(url);
        const res = await req?.set('X-CSRF-Token', csrf).set('Accept', 'application/json').send({ _csrf: csrf });
        if (res?.status !== 403) wrong.push(`${role} ${method.toUpperCase()} ${url} → ${res?.status}`);
      }
    assert.deepEqual(wrong, []);
    assert.equal(await AuditEvent.count(), events, 'nothing was written');
  });

  it('when a role that may not submit a form opens it, then 403', async () => {
    const wrong: string[] = [];
    for (const [url, roles] of forms())
      for (const role of roles) {
        const res = await (agents[role] as { agent: Agent }).agent.get(url).set('Accept', 'text/html');
        if (res.status !== 403) wrong.push(`${role} GET ${url} → ${res.status}`);
      }
    assert.deepEqual(wrong, []);
    // and the roles that may, still can
    const officer = (agents.officer as { agent: Agent }).agent;
    await officer.get('/licences/new').expect(200);
    await officer.get(`/stations/${ids.stationId}/edit`).expect(200);
    await (agents.inspector as { agent: Agent }).agent.get('/inspections/new').expect(200);
    await (agents.inspector as { agent: Agent }).agent.get(`/inspections/${inspectionId}/edit`).expect(200);
    await (agents.manager as { agent: Agent }).agent.get('/inspections/plan').expect(200);
  });
});
