import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Inspection } from '../../server/models/Inspection';
import { InspectionInspector } from '../../server/models/InspectionInspector';
import { Station } from '../../server/models/Station';
import { User } from '../../server/models/User';
import { createUserDirect } from '../../server/modules/users/users.service';
import { csrfFromHtml, loginAs, makeTestApp, TEST_PASSWORD, type Agent, type TestApp } from '../helpers/app';
import { makeLicenceIn } from '../helpers/factories';

type Who = { agent: Agent; csrf: string };
type Changes = Record<string, { before: unknown; after: unknown }>;

/** A manager changes the plan of an inspection not yet started: date, type, station or place, inspectors. */
describe('field inspections: rescheduling and reassigning a planned inspection', () => {
  let t: TestApp;
  const as: Record<string, Who> = {};
  const ids: Record<string, number> = {};
  let stationId: number;
  let otherStationId: number;
  let district: string;

  before(async () => {
    t = await makeTestApp();
    stationId = (await makeLicenceIn(t.db.sequelize, t.districts, 'issued')).stationId;
    otherStationId = (await makeLicenceIn(t.db.sequelize, t.districts, 'issued')).stationId;
    district = (await Station.findByPk(stationId))?.districtCode as string;
    assert.equal((await Station.findByPk(otherStationId))?.districtCode, district);
    await createUserDirect(
      t.db.sequelize,
      {
        username: 'inspector3',
        fullName: 'Kiểm soát viên Ba',
        role: 'inspector',
        password: TEST_PASSWORD,
        districtCodes: [district],
      },
      SYSTEM_ACTOR,
    );
    for (const u of ['inspector', 'inspector2', 'inspector3', 'manager', 'officer']) {
      as[u] = await loginAs(t.app, u);
      ids[u] = (await User.findOne({ where: { username: u } }))?.id as number;
    }
  });
  after(async () => t.close());

  const who = (u: string) => as[u] as Who;
  const id = (u: string) => ids[u] as number;
  const post = (u: string, url: string, body: object = {}) =>
    who(u).agent.post(url).set('X-CSRF-Token', who(u).csrf).send(body);
  const patch = (u: string, url: string, body: object) =>
    who(u).agent.patch(url).set('X-CSRF-Token', who(u).csrf).send(body);
  const plan = async (body: object = {}) => {
    const res = await post('manager', '/api/v1/inspections', {
      type: 'routine',
      stationId,
      scheduledFor: '2030-01-10',
      inspectorIds: [id('inspector')],
      ...body,
    });
    assert.equal(res.status, 201, res.text);
    return res.body.data as { id: number; version: number; reference: string };
  };
  const inspectorsOf = async (inspectionId: number) =>
    (await InspectionInspector.findAll({ where: { inspectionId } })).map((r) => r.userId).sort((a, b) => a - b);
  const replans = (inspectionId: number) =>
    AuditEvent.findAll({ where: { entity: 'inspection', entityId: String(inspectionId), action: 'replan' } });
  const formOf = async (u: string, inspectionId: number) => {
    const page = await who(u).agent.get(`/inspections/${inspectionId}/plan`);
    assert.equal(page.status, 200, page.text.slice(0, 300));
    return page;
  };

  it(
    'when a manager reschedules and reassigns through the API, ' +
      'then the date, type and inspectors change in one audited step and the version moves',
    async () => {
      const i = await plan();
      const res = await patch('manager', `/api/v1/inspections/${i.id}`, {
        version: i.version,
        scheduledFor: '2030-02-15',
        type: 'complaint',
        inspectorIds: [id('inspector3')],
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.data.scheduledFor, '2030-02-15');
      assert.deepEqual(res.body.data.inspectorIds, [id('inspector3')]);
      assert.equal(res.body.data.version, i.version + 1);
      const row = await Inspection.findByPk(i.id);
      assert.deepEqual(
        [row?.scheduledFor, row?.type, row?.status, row?.stationId, row?.districtCode],
        ['2030-02-15', 'complaint', 'planned', stationId, district],
      );
      assert.deepEqual(await inspectorsOf(i.id), [id('inspector3')]);
      const audit = await replans(i.id);
      assert.equal(audit.length, 1);
      const changes = audit[0]?.changes as Changes;
      assert.deepEqual(Object.keys(changes).sort(), ['inspectorIds', 'scheduledFor', 'type']);
      assert.deepEqual(changes.scheduledFor, { before: '2030-01-10', after: '2030-02-15' });
      assert.deepEqual(changes.inspectorIds, { before: [id('inspector')], after: [id('inspector3')] });
      assert.equal(audit[0]?.actorId, id('manager'));
    },
  );

  it(
    'when only the inspectors change, ' +
      'then the version still moves (a concurrent edit is refused) and the audit names only the inspectors',
    async () => {
      const i = await plan();
      const res = await patch('manager', `/api/v1/inspections/${i.id}`, {
        version: i.version,
        inspectorIds: [id('inspector'), id('inspector3')],
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.data.version, i.version + 1);
      assert.deepEqual(
        await inspectorsOf(i.id),
        [id('inspector'), id('inspector3')].sort((a, b) => a - b),
      );
      assert.deepEqual(Object.keys((await replans(i.id))[0]?.changes as Changes), ['inspectorIds']);
      const stale = await patch('manager', `/api/v1/inspections/${i.id}`, {
        version: i.version,
        inspectorIds: [id('inspector')],
      });
      assert.equal(stale.status, 409);
    },
  );

  it(
    'when an inspector is taken off a planned inspection, ' +
      'then it is no longer theirs: not in their list, and they cannot record it; the new one can',
    async () => {
      const i = await plan();
      const mine = async (u: string) =>
        (
          (await who(u).agent.get(`/api/v1/inspections?inspector=${id(u)}&pageSize=100`)).body.data as { id: number }[]
        ).some((x) => x.id === i.id);
      assert.equal(await mine('inspector'), true);
      assert.equal(
        (
          await patch('manager', `/api/v1/inspections/${i.id}`, {
            version: i.version,
            inspectorIds: [id('inspector3')],
          })
        ).status,
        200,
      );
      assert.equal(await mine('inspector'), false);
      assert.equal(await mine('inspector3'), true);
      const refused = await post('inspector', `/api/v1/inspections/${i.id}/measurements`, { erpW: '5' });
      assert.equal(refused.status, 403);
      assert.equal((await post('inspector3', `/api/v1/inspections/${i.id}/measurements`, { erpW: '5' })).status, 201);
    },
  );

  it('when the plan moves to another station, then the due list\'s "already planned" marker follows it', async () => {
    await t.db.sequelize.query(
      `UPDATE licences SET "issuedAt" = '2020-01-01 00:00:00', "validFrom" = '2020-01-01'
       WHERE id IN (SELECT "licenceId" FROM stations WHERE id IN (${stationId}, ${otherStationId}))`,
    );
    await t.db.sequelize.query(
      `UPDATE inspections SET status = 'cancelled'
       WHERE "stationId" IN (${stationId}, ${otherStationId}) AND status IN ('planned', 'in_progress')`,
    );
    const i = await plan();
    const marker = async (s: number) =>
      (
        (await who('inspector').agent.get('/api/v1/inspections/due?pageSize=500')).body.data as {
          stationId: number;
          plannedInspectionId: number | null;
        }[]
      ).find((x) => x.stationId === s)?.plannedInspectionId;
    assert.equal(await marker(stationId), i.id);
    assert.equal(await marker(otherStationId), null);
    assert.equal(
      (await patch('manager', `/api/v1/inspections/${i.id}`, { version: i.version, stationId: otherStationId })).status,
      200,
    );
    assert.equal(await marker(stationId), null);
    assert.equal(await marker(otherStationId), i.id);
  });

  it(
    'when a plan made for a district names an unknown district, ' +
      'then 422 on that field; moved to a station, its licence follows',
    async () => {
      const i = await plan({ stationId: null, districtCode: district, place: 'Chợ trung tâm' });
      const bad = await patch('manager', `/api/v1/inspections/${i.id}`, { version: i.version, districtCode: '99999' });
      assert.equal(bad.status, 422);
      assert.ok(bad.body.error.fields.districtCode);
      const ok = await patch('manager', `/api/v1/inspections/${i.id}`, {
        version: i.version,
        stationId: otherStationId,
        place: '',
      });
      assert.equal(ok.status, 200, ok.text);
      const row = await Inspection.findByPk(i.id);
      assert.deepEqual([row?.stationId, row?.place, row?.licenceId !== null], [otherStationId, '', true]);
    },
  );

  it('when an inspector or a licensing officer tries to change the plan, then 403 and nothing changes', async () => {
    const i = await plan();
    for (const u of ['inspector', 'officer']) {
      const res = await patch(u, `/api/v1/inspections/${i.id}`, {
        version: i.version,
        scheduledFor: '2031-01-01',
        inspectorIds: [id('inspector3')],
      });
      assert.equal(res.status, 403, `${u}: ${res.text}`);
      assert.equal((await who(u).agent.get(`/inspections/${i.id}/plan`)).status, 403);
      assert.equal(
        (
          await who(u)
            .agent.post(`/inspections/${i.id}/plan`)
            .type('form')
            .send({
              _csrf: who(u).csrf,
              version: String(i.version),
              type: 'routine',
              stationId: String(stationId),
              scheduledFor: '2031-01-01',
              inspectorIds: String(id('inspector3')),
            })
        ).status,
        403,
      );
    }
    const row = await Inspection.findByPk(i.id);
    assert.deepEqual([row?.scheduledFor, row?.status, row?.version], ['2030-01-10', 'planned', i.version]);
    assert.deepEqual(await inspectorsOf(i.id), [id('inspector')]);
    assert.equal((await replans(i.id)).length, 0);
    // A manager's PATCH carrying an inspector's results is refused rather than silently dropped.
    assert.equal(
      (await patch('manager', `/api/v1/inspections/${i.id}`, { version: i.version, notes: 'ghi chú' })).status,
      403,
    );
  });

  it(
    'when an inspector who does not cover the district is named, ' +
      'then 422 on inspectorIds and nothing is half-saved',
    async () => {
      const i = await plan();
      const res = await patch('manager', `/api/v1/inspections/${i.id}`, {
        version: i.version,
        scheduledFor: '2031-03-03',
        inspectorIds: [id('inspector'), id('inspector2')],
      });
      assert.equal(res.status, 422, res.text);
      assert.deepEqual(Object.keys(res.body.error.fields), ['inspectorIds']);
      assert.match(res.body.error.fields.inspectorIds, /cover|phụ trách/);
      const row = await Inspection.findByPk(i.id);
      assert.deepEqual([row?.scheduledFor, row?.version], ['2030-01-10', i.version]);
      assert.deepEqual(await inspectorsOf(i.id), [id('inspector')]);
      assert.equal((await replans(i.id)).length, 0);
    },
  );

  it('when the inspection has started or been cancelled, then 409 with a clear message and no change', async () => {
    const started = await plan();
    assert.equal(
      (await post('inspector', `/api/v1/inspections/${started.id}/measurements`, { erpW: '5' })).status,
      201,
    );
    const cancelled = await plan();
    assert.equal(
      (await post('manager', `/api/v1/inspections/${cancelled.id}/cancel`, { reason: 'mưa bão' })).status,
      200,
    );
    for (const [i, status] of [
      [started, 'In progress'],
      [cancelled, 'Cancelled'],
    ] as const) {
      const row = await Inspection.findByPk(i.id);
      const res = await patch('manager', `/api/v1/inspections/${i.id}`, {
        version: row?.version,
        scheduledFor: '2031-05-05',
      }).set('Accept-Language', 'en');
      assert.equal(res.status, 409, res.text);
      assert.equal(
        res.body.error.message,
        `Only a planned inspection can be rescheduled or reassigned: this one is already ${status}.`,
      );
      assert.notEqual((await Inspection.findByPk(i.id))?.scheduledFor, '2031-05-05');
      assert.equal((await who('manager').agent.get(`/inspections/${i.id}/plan`)).status, 409);
      const page = await who('manager').agent.get(`/inspections/${i.id}`);
      assert.doesNotMatch(page.text, new RegExp(`href="/inspections/${i.id}/plan"`));
    }
  });

  it(
    'when the version is stale, ' +
      "then 409; the form comes back with the other person's values beside what was typed",
    async () => {
      const i = await plan();
      const page = await formOf('manager', i.id);
      assert.equal(
        (
          await patch('manager', `/api/v1/inspections/${i.id}`, {
            version: i.version,
            scheduledFor: '2030-03-03',
            inspectorIds: [id('inspector3')],
          })
        ).status,
        200,
      );
      const staleApi = await patch('manager', `/api/v1/inspections/${i.id}`, {
        version: i.version,
        scheduledFor: '2030-04-04',
      });
      assert.equal(staleApi.status, 409);
      const res = await who('manager')
        .agent.post(`/inspections/${i.id}/plan`)
        .set('Accept-Language', 'en')
        .type('form')
        .send({
          _csrf: csrfFromHtml(page.text),
          version: String(i.version),
          type: 'routine',
          stationId: String(stationId),
          districtCode: district,
          place: 'Cổng sau',
          latitude: '',
          longitude: '',
          scheduledFor: '2030-05-05',
          inspectorIds: ['', String(id('inspector'))],
        });
      assert.equal(res.status, 409);
      assert.match(res.text, /value="2030-05-05"/, 'what was typed is kept');
      assert.match(res.text, /value="Cổng sau"/);
      assert.match(res.text, /Saved meanwhile by someone else: 2030-03-03/);
      assert.match(
        res.text,
        /Saved meanwhile by someone else: Kiểm soát viên Ba/,
        "the other person's inspectors, by name",
      );
      assert.match(
        res.text,
        new RegExp(`name="version" value="${i.version + 1}"`),
        'saving again saves over the version now shown',
      );
      const row = await Inspection.findByPk(i.id);
      assert.deepEqual([row?.scheduledFor, row?.place], ['2030-03-03', '']);
      assert.deepEqual(await inspectorsOf(i.id), [id('inspector3')]);
    },
  );

  it(
    'when the form has a bad date and no inspector, ' +
      'then 422 beside each field with everything typed kept; a good form saves and says so',
    async () => {
      const i = await plan();
      const page = await formOf('manager', i.id);
      assert.match(page.text, /value="2030-01-10"/);
      const base = {
        _csrf: csrfFromHtml(page.text),
        version: String(i.version),
        type: 'interference',
        stationId: String(stationId),
        districtCode: district,
        place: 'Đồi thông',
        latitude: '',
        longitude: '',
      };
      const bad = await who('manager')
        .agent.post(`/inspections/${i.id}/plan`)
        .type('form')
        .send({ ...base, scheduledFor: '2030-02-31', inspectorIds: '' });
      assert.equal(bad.status, 422);
      assert.match(bad.text, /id="e-scheduledFor"/);
      assert.match(bad.text, /id="e-inspectorIds"/);
      assert.match(bad.text, /value="2030-02-31"/);
      assert.match(bad.text, /value="Đồi thông"/);
      assert.match(bad.text, /<option value="interference" selected>/);
      assert.equal((await Inspection.findByPk(i.id))?.version, i.version);
      const good = await who('manager')
        .agent.post(`/inspections/${i.id}/plan`)
        .type('form')
        .send({
          ...base,
          scheduledFor: '2030-02-20',
          inspectorIds: ['', String(id('inspector')), String(id('inspector3'))],
        });
      assert.equal(good.status, 303, good.text.slice(0, 300));
      assert.equal(good.headers.location, `/inspections/${i.id}`);
      const row = await Inspection.findByPk(i.id);
      assert.deepEqual([row?.scheduledFor, row?.type, row?.place], ['2030-02-20', 'interference', 'Đồi thông']);
      assert.equal((await replans(i.id)).length, 1);
      const shown = await who('manager').agent.get(`/inspections/${i.id}`).set('Accept-Language', 'en');
      assert.match(shown.text, new RegExp(`Plan of ${i.reference} saved\\.`));
    },
  );

  it('the inspection page offers "Edit plan" to managers on planned inspections only, in both languages', async () => {
    const i = await plan();
    const link = new RegExp(`<a href="/inspections/${i.id}/plan" role="button" class="secondary">Edit plan</a>`);
    assert.match((await who('manager').agent.get(`/inspections/${i.id}`).set('Accept-Language', 'en')).text, link);
    assert.match(
      (await who('manager').agent.get(`/inspections/${i.id}`).set('Cookie', 'lang=vi')).text,
      /Sửa kế hoạch/,
    );
    assert.doesNotMatch(
      (await who('inspector').agent.get(`/inspections/${i.id}`).set('Accept-Language', 'en')).text,
      /Edit plan/,
    );
    const vi = await who('manager').agent.get(`/inspections/${i.id}/plan`).set('Cookie', 'lang=vi');
    assert.match(vi.text, /Lưu kế hoạch/);
    assert.doesNotMatch(vi.text, /<script(?![^>]*\bsrc=)[^>]*>|style="/, 'no inline script or style (CSP)');
  });
});
