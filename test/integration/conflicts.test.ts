import assert from 'node:assert/strict';
import { AuditEvent } from '../../server/models/AuditEvent';
import { AssignmentFootprint } from '../../server/models/AssignmentFootprint';
import { Conflict } from '../../server/models/Conflict';
import { Licence } from '../../server/models/Licence';
import { Station } from '../../server/models/Station';
import { Assignment } from '../../server/models/Assignment';
import { jobHandlers } from '../../server/jobs';
import { JobRunner } from '../../server/jobs/runner';
import { createLogger } from '../../server/lib/logger';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft } from '../helpers/factories';

/** Co- and adjacent-channel conflicts (not the intermodulation products of the co-sited test stations). */
const PAIR_KINDS = ['co_channel', 'adjacent_channel'];

describe('conflicts in the register', () => {
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
  const send = (
    who: { agent: Agent; csrf: string },
    method: 'post' | 'patch' | 'delete',
    path: string,
    body: object = {},
  ) => who.agent[method](path).set('X-CSRF-Token', who.csrf).send(body);

  it(
    'when a second co-channel station is saved close to the first, ' +
      'then conflicts open in both directions in the same save, with footprints stored and audited',
    async () => {
      const a = await makeDraft(t.db.sequelize, t.districts, { frequency: 150_012_500 });
      assert.ok(await AssignmentFootprint.findByPk(a.assignmentId), 'the footprint is stored on save');
      assert.equal(await Conflict.count({ where: { victimAssignmentId: a.assignmentId } }), 0);
      const b = await makeDraft(t.db.sequelize, t.districts, {
        frequency: 150_012_500,
        latitude: 12.7,
        longitude: 108.06,
      });
      const rows = await Conflict.findAll({ where: { status: 'open' }, order: [['id', 'ASC']] });
      assert.deepEqual(
        rows.map((c) => [c.victimAssignmentId, c.interfererAssignmentId]).sort(),
        [
          [a.assignmentId, b.assignmentId],
          [b.assignmentId, a.assignmentId],
        ].sort(),
      );
      assert.equal(rows.length, 2);
      assert.ok(
        rows.every((c) => c.kind === 'co_channel' && c.mechanism === 'coverage_overlap' && c.severity === 'high'),
      );
      assert.deepEqual(
        new Set(rows.flatMap((c) => [c.victimAssignmentId, c.interfererAssignmentId])),
        new Set([a.assignmentId, b.assignmentId]),
      );
      assert.ok(rows.every((c) => c.overlapKm2 > 0 && c.overlapFraction > 0 && c.overlapFraction <= 1 && c.geometry));
      assert.equal(await AuditEvent.count({ where: { entity: 'conflict', action: 'open' } }), 2);
      const api = await o.agent.get(`/api/v1/conflicts?assignmentId=${b.assignmentId}&status=open`);
      assert.equal(api.body.total, 2);
      const byLicence = await o.agent.get(`/api/v1/conflicts?licenceId=${a.licenceId}`);
      assert.equal(byLicence.body.total, 2);
    },
  );

  it(
    'when an assignment moves off the channel, ' + 'then its conflicts resolve; when it comes back, they reopen',
    async () => {
      const a = await makeDraft(t.db.sequelize, t.districts, { frequency: 151_012_500 });
      const b = await makeDraft(t.db.sequelize, t.districts, {
        frequency: 151_012_500,
        latitude: 12.7,
        longitude: 108.06,
      });
      const ids = [a.assignmentId, b.assignmentId];
      const open = () => Conflict.count({ where: { status: 'open', victimAssignmentId: ids } });
      assert.equal(await open(), 2);
      let v = (await Assignment.findByPk(b.assignmentId))?.version;
      const away = await send(o, 'patch', `/api/v1/assignments/${b.assignmentId}`, {
        frequencyHz: '151.5125 MHz',
        version: v,
      });
      assert.equal(away.status, 200);
      assert.equal(await open(), 0);
      assert.equal(await Conflict.count({ where: { status: 'resolved', victimAssignmentId: ids } }), 2);
      v = away.body.data.version;
      const back = await send(o, 'patch', `/api/v1/assignments/${b.assignmentId}`, {
        frequencyHz: '151.0125 MHz',
        version: v,
      });
      assert.equal(back.status, 200);
      assert.equal(await open(), 2);
      assert.equal(await AuditEvent.count({ where: { entity: 'conflict', action: 'reopen' } }), 2);
      // Moving the station 100 km away resolves them again (station edits re-check their assignments).
      const sv = (await Station.findByPk(b.stationId))?.version;
      const moved = await send(o, 'patch', `/api/v1/stations/${b.stationId}`, {
        latitude: 13.35,
        longitude: 107.6,
        version: sv,
      });
      assert.equal(moved.status, 200);
      assert.equal(await open(), 0);
    },
  );

  it(
    'when adjacent channels overlap in coverage, ' +
      'then a medium conflict; deleting an assignment removes its conflicts with an audit trail',
    async () => {
      const a = await makeDraft(t.db.sequelize, t.districts, { frequency: 152_012_500 });
      const b = await makeDraft(t.db.sequelize, t.districts, {
        frequency: 152_025_000,
        latitude: 12.68,
        longitude: 108.05,
      });
      // The pair's conflicts (this file's stations share one site on a 1 MHz ladder of channels, so some of
      // them also mix into intermodulation products on each other: conflicts-intermod.test.ts).
      const pairs = { victimAssignmentId: [a.assignmentId, b.assignmentId], kind: PAIR_KINDS };
      const rows = await Conflict.findAll({ where: pairs });
      assert.equal(rows.length, 2);
      assert.ok(rows.every((c) => c.kind === 'adjacent_channel' && c.severity === 'medium'));
      const del = await o.agent.delete(`/api/v1/assignments/${b.assignmentId}`).set('X-CSRF-Token', o.csrf);
      assert.equal(del.status, 204);
      assert.equal(await Conflict.count({ where: pairs }), 0);
      assert.ok((await AuditEvent.count({ where: { entity: 'conflict', action: 'auto_resolve' } })) >= 2);
    },
  );

  it(
    'when a licence has an open high conflict, ' +
      'then issuing is refused with the conflicts listed until a manager acknowledges them',
    async () => {
      const a = await makeDraft(t.db.sequelize, t.districts, { frequency: 153_012_500 });
      const b = await makeDraft(t.db.sequelize, t.districts, {
        frequency: 153_012_500,
        latitude: 12.7,
        longitude: 108.06,
      });
      await send(o, 'post', `/api/v1/licences/${b.licenceId}/submit`);
      const refused = await send(m, 'post', `/api/v1/licences/${b.licenceId}/issue`, { note: 'x' });
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.message, /2 open high-severity conflicts \(#\d+, #\d+\)/);
      assert.equal((await Licence.findByPk(b.licenceId))?.status, 'submitted');
      const conflicts = await Conflict.findAll({
        where: { status: 'open', victimAssignmentId: [a.assignmentId, b.assignmentId], kind: PAIR_KINDS },
      });
      const byOfficer = await send(o, 'post', `/api/v1/conflicts/${conflicts[0]?.id}/acknowledge`, { note: 'x' });
      assert.equal(byOfficer.status, 403);
      const noNote = await send(m, 'post', `/api/v1/conflicts/${conflicts[0]?.id}/acknowledge`, {});
      assert.equal(noNote.status, 422);
      for (const c of conflicts) {
        const ack = await send(m, 'post', `/api/v1/conflicts/${c.id}/acknowledge`, {
          note: 'Đã phối hợp, hai đài cách nhau 5 km, dùng CTCSS khác nhau',
        });
        assert.equal(ack.status, 200);
        assert.equal(ack.body.data.status, 'acknowledged');
      }
      const issued = await send(m, 'post', `/api/v1/licences/${b.licenceId}/issue`, { note: 'x' });
      assert.equal(issued.status, 200);
      assert.equal(await AuditEvent.count({ where: { entity: 'conflict', action: 'acknowledge' } }), 2);
      // An acknowledged conflict that still holds stays acknowledged after a re-check.
      const v = (await Station.findByPk(a.stationId))?.version;
      await send(o, 'patch', `/api/v1/stations/${a.stationId}`, { txPowerW: 30, version: v });
      assert.equal(
        await Conflict.count({
          where: { status: 'acknowledged', victimAssignmentId: [a.assignmentId, b.assignmentId] },
        }),
        2,
      );
    },
  );

  it(
    'when an officer checks an unsaved assignment, ' +
      'then the conflicts it would cause, its band-plan check and footprint come back and nothing is saved',
    async () => {
      const a = await makeDraft(t.db.sequelize, t.districts, { frequency: 154_012_500 });
      const before = await Conflict.count();
      const station = {
        service: 'land_mobile',
        stationClass: 'FB',
        latitude: "12°41'N",
        longitude: '108.05',
        antennaHeightM: 30,
        antennaGainDbi: 6,
        txPowerW: 25,
        feederLossDb: 1,
      };
      const res = await send(o, 'post', '/api/v1/conflicts/check', {
        station,
        assignment: {
          direction: 'tx',
          frequencyHz: '154.0125 MHz',
          bandwidthHz: '12.5 kHz',
          emissionDesignator: '11K0F3E',
        },
      });
      assert.equal(res.status, 200);
      const mine = (
        res.body.conflicts as {
          victimId: number;
          interfererId: number;
          kind: string;
          severity: string;
          other: { stationName: string };
        }[]
      ).filter((c) => c.victimId === a.assignmentId || c.interfererId === a.assignmentId);
      assert.equal(mine.length, 2, 'both directions');
      assert.ok(mine.every((c) => c.kind === 'co_channel' && c.severity === 'high' && c.other.stationName));
      assert.equal(res.body.bandPlanCheck.status, 'ok');
      assert.equal(res.body.footprint.geometry.type, 'Polygon');
      assert.ok(res.body.footprint.properties.maxRadiusKm > 1);
      const far = await send(o, 'post', '/api/v1/conflicts/check', {
        station,
        assignment: {
          direction: 'tx',
          frequencyHz: '169.9875 MHz',
          bandwidthHz: '12.5 kHz',
          emissionDesignator: '11K0F3E',
        },
      });
      assert.deepEqual(far.body.conflicts, []);
      const bad = await send(o, 'post', '/api/v1/conflicts/check', {
        station: { ...station, latitude: 'north' },
        assignment: { direction: 'tx', frequencyHz: '154 MHz', bandwidthHz: '12.5 kHz', emissionDesignator: 'K160F3E' },
      });
      assert.equal(bad.status, 422);
      assert.equal(await Conflict.count(), before, 'nothing saved');
    },
  );

  it(
    'when an assignment footprint is asked for, ' +
      'then a GeoJSON Feature with its model, radii and warnings comes back',
    async () => {
      const a = await makeDraft(t.db.sequelize, t.districts, { frequency: 155_012_500 });
      const res = await o.agent.get(`/api/v1/assignments/${a.assignmentId}/footprint.geojson`);
      assert.equal(res.status, 200);
      const f = JSON.parse(res.text);
      assert.equal(f.type, 'Feature');
      assert.equal(f.properties.model, 'okumura_hata');
      assert.equal(f.properties.radiiKm.length, 72);
      assert.ok(Array.isArray(f.properties.warnings));
      assert.equal(f.geometry.coordinates[0].length, 73);
    },
  );

  it(
    'when a manager asks for a full scan, then it is queued as one job (a second request gets the same), ' +
      'runs in a job runner and finishes with the same conflicts the saves produced',
    async () => {
      const before = await Conflict.findAll({ where: { status: ['open', 'acknowledged'] } });
      const start = await send(m, 'post', '/api/v1/conflicts/scans');
      assert.equal(start.status, 202);
      const queued = start.body.data;
      assert.equal(queued.kind, 'conflicts.scan');
      assert.equal(queued.status, 'queued');
      const again = await send(m, 'post', '/api/v1/conflicts/scans');
      assert.equal(again.body.data.id, queued.id);
      const page = await m.agent.get('/conflicts').set('Accept-Language', 'en');
      assert.match(page.text, /A full scan is queued/);
      const runner = new JobRunner({
        sequelize: t.db.sequelize,
        handlers: jobHandlers(),
        logger: createLogger('silent'),
      });
      assert.equal(await runner.runOnce(), true);
      const job = (await m.agent.get(`/api/v1/jobs/${queued.id}`)).body.data;
      assert.equal(job.status, 'succeeded');
      assert.equal(job.result.opened, 0, 'incremental upkeep already found them all');
      assert.equal(job.result.resolved, 0);
      assert.equal(job.result.findings, before.length);
      assert.equal(job.progress.done, job.progress.total);
      const after = await m.agent.get('/conflicts').set('Accept-Language', 'en');
      assert.match(after.text, /Last full scan finished/);
      const byOfficer = await send(o, 'post', '/api/v1/conflicts/scans');
      assert.equal(byOfficer.status, 403);
    },
  );

  it(
    'when the conflicts pages are opened, ' + 'then the list filters and the detail shows both sides and the numbers',
    async () => {
      const list = await m.agent.get('/conflicts?severity=high');
      assert.equal(list.status, 200);
      assert.match(list.text, /Co-channel/);
      const c = await Conflict.findOne({ where: { severity: 'high' } });
      const page = await m.agent.get(`/conflicts/${c?.id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Victim/);
      assert.match(page.text, /Interferer/);
      // The footprint model by its name in the page's language (issue 19, defect 12), not its code.
      assert.match(page.text, /Okumura–Hata/);
      assert.doesNotMatch(page.text, /okumura_hata/);
      assert.match(page.text, /of the smaller area/);
    },
  );

  it(
    'when the list is filtered by licensee, ' +
      "then only conflicts of that licensee's assignments are listed, and the select keeps the choice",
    async () => {
      // Away from the shared test site (whose co-sited stations mix into intermodulation products).
      const a = await makeDraft(t.db.sequelize, t.districts, {
        frequency: 157_012_500,
        licenseeName: 'Công ty Lọc Xung Đột',
        latitude: 12.64,
        longitude: 108.02,
      });
      await makeDraft(t.db.sequelize, t.districts, { frequency: 157_012_500, latitude: 12.7, longitude: 108.06 });
      const lic = await Licence.findByPk(a.licenceId);
      const page = await m.agent.get(`/conflicts?licenseeId=${lic?.licenseeId}`);
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(`<option value="${lic?.licenseeId}" selected>Công ty Lọc Xung Đột</option>`));
      const api = await m.agent.get(`/api/v1/conflicts?licenseeId=${lic?.licenseeId}`);
      assert.equal(api.body.total, 2, 'both directions of its one pair');
      const all = await m.agent.get('/api/v1/conflicts');
      assert.ok(all.body.total > api.body.total);
      const rows = (page.text.match(/<tr[ >]/g) ?? []).length - 1;
      assert.equal(rows, 2, 'two rows on the page');
    },
  );
});
