/**
 * Issue 19, defect 11: each interfering pair is two conflicts (A→B, B→A). Deciding one offers to decide
 * its twin with the same note (checked by default); the issue refusal links each blocking conflict, and a
 * manager acknowledges them all from the licence with one note, each audited on its own.
 */
import assert from 'node:assert/strict';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Conflict } from '../../server/models/Conflict';
import { Licence } from '../../server/models/Licence';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft } from '../helpers/factories';

describe('conflict twins and the conflicts that block issuing', () => {
  let t: TestApp;
  let o: { agent: Agent; csrf: string };
  let m: { agent: Agent; csrf: string };
  before(async () => {
    t = await makeTestApp();
    o = await loginAs(t.app, 'officer');
    m = await loginAs(t.app, 'manager');
  });
  after(async () => {
    await t.close();
  });

  /** Two drafts on one channel 1 km apart: a pair of open high conflicts, A→B and B→A. */
  async function pair(frequency: number) {
    const a = await makeDraft(t.db.sequelize, t.districts, { frequency });
    const b = await makeDraft(t.db.sequelize, t.districts, { frequency, latitude: 12.7, longitude: 108.06 });
    // The pair's own conflicts: the file's co-sited drafts also mix into intermodulation products on each other.
    const rows = await Conflict.findAll({
      where: { victimAssignmentId: [a.assignmentId, b.assignmentId], kind: 'co_channel' },
      order: [['id', 'ASC']],
    });
    assert.equal(rows.length, 2);
    return { a, b, rows };
  }
  const auditsOf = (ids: number[], action: string) =>
    AuditEvent.findAll({ where: { entity: 'conflict', action, entityId: ids.map(String) } });

  it(
    'when a manager acknowledges a conflict with its twin offered and checked, ' +
      'then both directions are acknowledged with the same note, each audited',
    async () => {
      const { rows } = await pair(155_012_500);
      const [first, twin] = rows as [Conflict, Conflict];
      const page = await m.agent.get(`/conflicts/${first.id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /<input type="checkbox" name="twin" value="true" checked>/);
      assert.ok(page.text.includes(`(#${twin.id})`), 'the twin is named');

      const note = 'Hai đài cùng chủ, đã phối hợp kênh';
      const res = await m.agent
        .post(`/conflicts/${first.id}/acknowledge`)
        .type('form')
        .send({ _csrf: m.csrf, version: String(first.version), note, twinOffered: '1', twin: 'true' });
      assert.equal(res.status, 303);
      const after = await Conflict.findAll({ where: { id: [first.id, twin.id] } });
      assert.deepEqual(
        after.map((c) => [c.status, c.note]),
        [
          ['acknowledged', note],
          ['acknowledged', note],
        ],
      );
      const audits = await auditsOf([first.id, twin.id], 'acknowledge');
      assert.deepEqual(audits.map((e) => e.entityId).sort(), [String(first.id), String(twin.id)].sort());
    },
  );

  it('when the twin is unchecked (or the API is not asked for it), then only that conflict is decided', async () => {
    const { rows } = await pair(155_512_500);
    const [first, twin] = rows as [Conflict, Conflict];
    const res = await m.agent
      .post(`/conflicts/${first.id}/resolve`)
      .type('form')
      .send({ _csrf: m.csrf, version: String(first.version), note: 'Đã đổi kênh', twinOffered: '1' });
    assert.equal(res.status, 303);
    assert.equal((await Conflict.findByPk(first.id))?.status, 'resolved');
    assert.equal((await Conflict.findByPk(twin.id))?.status, 'open');
    const api = await m.agent
      .post(`/api/v1/conflicts/${twin.id}/acknowledge`)
      .set('X-CSRF-Token', m.csrf)
      .send({ note: 'x', twin: true });
    assert.equal(api.status, 200);
    assert.equal((await Conflict.findByPk(first.id))?.status, 'resolved', 'a resolved twin stays resolved');
  });

  it(
    'when issuing is refused for blocking conflicts, then the page links each of them, and a manager ' +
      'acknowledges them all from the licence with one note, each audited on its own; then the licence issues',
    async () => {
      const { b, rows } = await pair(156_012_500);
      const submitted = await o.agent
        .post(`/api/v1/licences/${b.licenceId}/submit`)
        .set('X-CSRF-Token', o.csrf)
        .send({});
      assert.equal(submitted.status, 200);

      const refused = await m.agent
        .post(`/licences/${b.licenceId}/issue`)
        .type('form')
        .send({ _csrf: m.csrf, version: String((await Licence.findByPk(b.licenceId))?.version), note: '' });
      assert.equal(refused.status, 409);
      const box = /<div class="error-summary"[^]*?<\/div>/.exec(refused.text)?.[0] ?? '';
      for (const c of rows) assert.ok(box.includes(`href="/conflicts/${c.id}"`), `the refusal links #${c.id}`);
      assert.doesNotMatch(box, /\(#\d+, #\d+\)/, 'no bare numbers in the error box');
      assert.ok(refused.text.includes(`action="/licences/${b.licenceId}/conflicts/acknowledge"`));

      const path = `/licences/${b.licenceId}/conflicts/acknowledge`;
      const byOfficer = await o.agent.post(path).type('form').send({ _csrf: o.csrf, note: 'x' });
      assert.equal(byOfficer.status, 403);
      const empty = await m.agent.post(path).type('form').send({ _csrf: m.csrf, note: '  ' });
      assert.equal(empty.status, 422);
      assert.match(empty.text, /id="e-acknowledge-blocking-note"/);
      assert.equal(await Conflict.count({ where: { id: rows.map((c) => c.id), status: 'open' } }), 2);

      const note = 'Phối hợp tại hiện trường, chấp nhận tạm thời';
      const done = await m.agent.post(path).type('form').send({ _csrf: m.csrf, note });
      assert.equal(done.status, 303);
      const after = await Conflict.findAll({ where: { id: rows.map((c) => c.id) } });
      assert.ok(after.every((c) => c.status === 'acknowledged' && c.note === note));
      const audits = await auditsOf(
        rows.map((c) => c.id),
        'acknowledge',
      );
      assert.equal(audits.length, 2, 'one audit row per conflict');
      assert.ok(audits.every((e) => JSON.stringify(e.changes).includes(note)));

      const issued = await m.agent
        .post(`/api/v1/licences/${b.licenceId}/issue`)
        .set('X-CSRF-Token', m.csrf)
        .send({ note: 'x' });
      assert.equal(issued.status, 200);
      assert.equal((await Licence.findByPk(b.licenceId))?.status, 'issued');
    },
  );
});
