import assert from 'node:assert/strict';
import supertest from 'supertest';
import { enqueue } from '../../server/jobs/queue';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Job } from '../../server/models/Job';
import { User } from '../../server/models/User';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

describe('jobs pages and API (/jobs, /api/v1/jobs)', () => {
  let t: TestApp;
  let officer: { agent: Agent; csrf: string };
  let officer2: { agent: Agent; csrf: string };
  let manager: { agent: Agent; csrf: string };
  let mine: Job;
  let theirs: Job;
  let scheduled: Job;
  before(async () => {
    t = await makeTestApp();
    officer = await loginAs(t.app, 'officer');
    officer2 = await loginAs(t.app, 'officer2');
    manager = await loginAs(t.app, 'manager');
    const id = async (username: string) => (await User.findOne({ where: { username } }))?.id ?? null;
    const s = t.db.sequelize;
    mine = (await enqueue(s, { kind: 'conflicts.scan', createdById: await id('officer') })).job;
    theirs = (await enqueue(s, { kind: 'conflicts.scan', createdById: await id('officer2'), uniqueKey: 'x' })).job;
    scheduled = (await enqueue(s, { kind: 'licences.expire' })).job;
    await scheduled.update({
      status: 'failed',
      error: 'disk full <script>',
      attempts: 3,
      finishedAt: new Date(),
      startedAt: new Date(Date.now() - 2500),
    });
  });
  after(async () => {
    await t.close();
  });

  it('when a manager lists jobs, then every job is there, newest first, in the documented shape', async () => {
    const res = await manager.agent.get('/api/v1/jobs').expect(200);
    assert.deepEqual(
      res.body.data.map((j: { id: number }) => j.id),
      [scheduled.id, theirs.id, mine.id],
    );
    assert.equal(res.body.total, 3);
    const failed = res.body.data[0];
    for (const k of ['id', 'kind', 'status', 'progress', 'attempts', 'createdAt', 'startedAt', 'finishedAt'])
      assert.ok(k in failed, k);
    assert.ok('result' in failed && 'error' in failed);
    assert.deepEqual(
      { status: failed.status, error: failed.error, attempts: failed.attempts },
      { status: 'failed', error: 'disk full <script>', attempts: 3 },
    );
    assert.ok(failed.durationMs >= 2000);
    assert.deepEqual(failed.progress, { done: 0, total: 0, text: '', fraction: null });
  });

  it(
    'when an officer lists jobs, ' + 'then only their own; another officer’s job is 404 in the API and the page',
    async () => {
      const res = await officer.agent.get('/api/v1/jobs').expect(200);
      assert.deepEqual(
        res.body.data.map((j: { id: number }) => j.id),
        [mine.id],
      );
      await officer.agent.get(`/api/v1/jobs/${theirs.id}`).expect(404);
      await officer.agent.get(`/jobs/${theirs.id}`).expect(404);
      await officer.agent.post(`/api/v1/jobs/${theirs.id}/cancel`).set('X-CSRF-Token', officer.csrf).expect(404);
      assert.equal((await Job.findByPk(theirs.id))?.status, 'queued');
      await officer.agent.get(`/api/v1/jobs/${mine.id}`).expect(200);
      const other = await officer2.agent.get('/api/v1/jobs').expect(200);
      assert.deepEqual(
        other.body.data.map((j: { id: number }) => j.id),
        [theirs.id],
      );
    },
  );

  it('when jobs are filtered by kind and status, then only those come back', async () => {
    const byKind = await manager.agent.get('/api/v1/jobs?kind=licences.expire').expect(200);
    assert.deepEqual(
      byKind.body.data.map((j: { id: number }) => j.id),
      [scheduled.id],
    );
    const byStatus = await manager.agent.get('/api/v1/jobs?status=queued').expect(200);
    assert.deepEqual(byStatus.body.data.map((j: { id: number }) => j.id).sort(), [mine.id, theirs.id].sort());
  });

  it('when an officer cancels their queued job, then it is cancelled at once and audited', async () => {
    const res = await officer.agent
      .post(`/api/v1/jobs/${mine.id}/cancel`)
      .set('X-CSRF-Token', officer.csrf)
      .expect(200);
    assert.equal(res.body.data.status, 'cancelled');
    assert.equal((await Job.findByPk(mine.id))?.status, 'cancelled');
    const audit = await AuditEvent.findOne({ where: { entity: 'job', entityId: String(mine.id), action: 'cancel' } });
    assert.deepEqual(audit?.changes, { status: { before: 'queued', after: 'cancelled' } });
    const again = await officer.agent
      .post(`/api/v1/jobs/${mine.id}/cancel`)
      .set('X-CSRF-Token', officer.csrf)
      .expect(409);
    assert.ok(again.body.error);
  });

  it('when a manager retries a failed job from its page, then it is queued again from zero attempts', async () => {
    const page = await manager.agent.get(`/jobs/${scheduled.id}`).set('Accept-Language', 'en').expect(200);
    assert.match(page.text, /disk full &lt;script&gt;/);
    assert.match(page.text, /Retry/);
    const res = await manager.agent
      .post(`/jobs/${scheduled.id}/retry`)
      .type('form')
      .send({ _csrf: manager.csrf })
      .expect(303);
    assert.equal(res.headers.location, `/jobs/${scheduled.id}`);
    const job = await Job.findByPk(scheduled.id);
    assert.deepEqual(
      { status: job?.status, attempts: job?.attempts, error: job?.error },
      {
        status: 'queued',
        attempts: 0,
        error: null,
      },
    );
    assert.equal(
      await AuditEvent.count({ where: { entity: 'job', entityId: String(scheduled.id), action: 'retry' } }),
      1,
    );
    await manager.agent.post(`/api/v1/jobs/${scheduled.id}/retry`).set('X-CSRF-Token', manager.csrf).expect(409);
  });

  it('when the list is read in Vietnamese and English, then kinds and statuses are translated', async () => {
    const vi = await manager.agent.get('/jobs').set('Accept-Language', 'vi').expect(200);
    assert.match(vi.text, /Tác vụ nền/);
    assert.match(vi.text, /Rà soát toàn bộ xung đột/);
    const en = await manager.agent.get('/jobs').set('Accept-Language', 'en').expect(200);
    assert.match(en.text, /Background jobs/);
    assert.match(en.text, /Full conflict scan/);
  });

  it('when nobody is signed in, then the API answers 401 and the page asks to sign in', async () => {
    await supertest(t.app).get('/api/v1/jobs').expect(401);
    const res = await supertest(t.app).get('/jobs').expect(303);
    assert.match(res.headers.location ?? '', /^\/login/);
  });
});
