/**
 * Intermodulation (issue 16, SPEC §12): third-order products of co-sited transmitters on a receiver of the
 * site, kept by the upkeep on save, shown by the live check, found again by the full scan, decided by a manager.
 */
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Conflict } from '../../server/models/Conflict';
import { Service } from '../../server/models/Service';
import { createAssignment, updateAssignment } from '../../server/modules/assignments/assignments.service';
import { intermodBatches, intermodOfRegister } from '../../server/modules/conflicts/conflicts.intermod';
import { fullScan } from '../../server/modules/conflicts/conflicts.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft, userNamed } from '../helpers/factories';

describe('intermodulation conflicts', () => {
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

  // One mast at (12.6667, 108.038); a second site 150 m east of it (within the 1 km default).
  const MAST = { latitude: 12.6667, longitude: 108.038 };
  const NEXT = { latitude: 12.6667, longitude: 108.0394 };
  const station = {
    service: 'land_mobile',
    stationClass: 'FB',
    ...MAST,
    antennaHeightM: 30,
    antennaGainDbi: 6,
    txPowerW: 25,
    feederLossDb: 1,
  };
  const intermods = () => Conflict.findAll({ where: { kind: 'intermodulation' }, order: [['id', 'ASC']] });

  it(
    'when a third transmitter is saved beside two others, then the product B + C − A on the mast receiver ' +
      'opens an intermodulation conflict with its formula, shown by the live check before the save; ' +
      'it resolves when the product moves off, and the full scan finds the same',
    async () => {
      const officer = await userNamed('officer');
      const actor = { ...SYSTEM_ACTOR, userId: officer.id };
      // A 150.000 MHz and B 150.050 MHz transmit; the mast also receives on 150.250 MHz (V).
      const a = await makeDraft(t.db.sequelize, t.districts, { frequency: '150 MHz', ...MAST });
      const b = await makeDraft(t.db.sequelize, t.districts, { frequency: '150.05 MHz', ...NEXT });
      const v = await createAssignment(
        t.db.sequelize,
        a.stationId,
        { direction: 'rx', frequencyHz: '150.25 MHz', bandwidthHz: '12.5 kHz', emissionDesignator: '11K0F3E' },
        officer,
        actor,
      );
      // 2A − B = 149.950 and 2B − A = 150.100 MHz: nothing receives there.
      assert.deepEqual(await intermods(), []);

      // The live check of C (150.200 MHz on the mast) before it is saved:
      // B + C − A = 150.050 + 150.200 − 150.000 = 150.250 MHz, on V's channel (medium).
      const live = await o.agent
        .post('/api/v1/conflicts/check')
        .set('X-CSRF-Token', o.csrf)
        .send({
          station,
          assignment: {
            direction: 'tx',
            frequencyHz: '150.2 MHz',
            bandwidthHz: '12.5 kHz',
            emissionDesignator: '11K0F3E',
          },
        });
      assert.equal(live.status, 200);
      const liveIm = (live.body.conflicts as { kind: string }[]).filter((c) => c.kind === 'intermodulation');
      assert.equal(liveIm.length, 1, JSON.stringify(live.body.conflicts));
      assert.deepEqual(
        {
          ...(liveIm[0] as Record<string, unknown>),
          contributors: undefined,
          intermod: undefined,
          other: undefined,
        },
        {
          ...(liveIm[0] as Record<string, unknown>),
          // The unsaved candidate (id −1) sorts first among the two summed carriers.
          victimId: v.id,
          interfererId: -1,
          secondInterfererId: b.assignmentId,
          thirdInterfererId: a.assignmentId,
          mechanism: 'three_tone',
          severity: 'medium',
          formula: 'f(A) + f(B) − f(C) = 150.2500 MHz',
          candidateIs: 'interferer',
          contributors: undefined,
          intermod: undefined,
          other: undefined,
        },
      );
      assert.equal(await Conflict.count({ where: { kind: 'intermodulation' } }), 0, 'the live check writes nothing');

      // Saving C opens it, in the same transaction, audited.
      const c = await makeDraft(t.db.sequelize, t.districts, { frequency: '150.2 MHz', ...MAST });
      const rows = await intermods();
      assert.equal(rows.length, 1);
      const row = rows[0] as Conflict;
      assert.deepEqual(
        [
          row.victimAssignmentId,
          row.interfererAssignmentId,
          row.secondInterfererAssignmentId,
          row.thirdInterfererAssignmentId,
        ],
        [v.id, b.assignmentId, c.assignmentId, a.assignmentId],
      );
      assert.equal(row.mechanism, 'three_tone');
      assert.equal(row.severity, 'medium');
      assert.equal(row.status, 'open');
      assert.equal(row.frequencyOffsetHz, 0);
      assert.equal(row.intermod?.productHz, 150_250_000);
      // The product's width: 3 × 12.5 kHz around 150.250 MHz.
      assert.deepEqual([row.intermod?.productLowHz, row.intermod?.productHighHz], [150_231_250, 150_268_750]);
      assert.equal(
        await AuditEvent.count({ where: { entity: 'conflict', entityId: String(row.id), action: 'open' } }),
        1,
      );

      const api = await o.agent.get(`/api/v1/conflicts/${row.id}`);
      assert.equal(api.body.data.intermod.formula, 'f(A) + f(B) − f(C) = 150.2500 MHz');
      assert.equal(api.body.data.thirdInterfererAssignmentId, a.assignmentId);
      // Listed for each contributor, and by kind.
      for (const id of [a.assignmentId, b.assignmentId, c.assignmentId, v.id]) {
        const list = await o.agent.get(`/api/v1/conflicts?assignmentId=${id}&kind=intermodulation`);
        assert.equal(list.body.total, 1, `assignment ${id}`);
      }
      const page = await o.agent.get(`/conflicts/${row.id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /f\(A\) \+ f\(B\) − f\(C\) = 150[.,]25 MHz/);
      assert.match(page.text, /Transmitter C/);

      // The receiver's own live check (as an edit of V) shows what it suffers.
      const rx = await o.agent
        .post('/api/v1/conflicts/check')
        .set('X-CSRF-Token', o.csrf)
        .send({
          station,
          assignmentId: v.id,
          assignment: {
            direction: 'rx',
            frequencyHz: '150.25 MHz',
            bandwidthHz: '12.5 kHz',
            emissionDesignator: '11K0F3E',
          },
        });
      assert.deepEqual(
        (rx.body.conflicts as { candidateIs: string; formula: string; victimId: number }[]).map((x) => [
          x.candidateIs,
          x.formula,
          x.victimId,
        ]),
        [['victim', 'f(A) + f(B) − f(C) = 150.2500 MHz', -1]],
      );

      // A manager acknowledges it: the decision works for the new kind.
      const ack = await m.agent
        .post(`/api/v1/conflicts/${row.id}/acknowledge`)
        .set('X-CSRF-Token', m.csrf)
        .send({ note: 'filter fitted at the mast', version: row.version });
      assert.equal(ack.status, 200);
      assert.equal(ack.body.data.status, 'acknowledged');

      // The full scan keeps it as it is (same product, same decision), and finds it again from nothing.
      const scan = await fullScan(t.db.sequelize, SYSTEM_ACTOR);
      assert.equal(scan.opened, 0);
      const kept = await intermods();
      assert.deepEqual(
        kept.map((k) => [k.id, k.status]),
        [[row.id, 'acknowledged']],
      );
      await Conflict.destroy({ where: { kind: 'intermodulation' } });
      await fullScan(t.db.sequelize, SYSTEM_ACTOR);
      const again = await intermods();
      assert.deepEqual(
        again.map((k) => [
          k.victimAssignmentId,
          k.interfererAssignmentId,
          k.secondInterfererAssignmentId,
          k.thirdInterfererAssignmentId,
          k.mechanism,
          k.severity,
          k.status,
          k.intermod?.productHz,
        ]),
        [[v.id, b.assignmentId, c.assignmentId, a.assignmentId, 'three_tone', 'medium', 'open', 150_250_000]],
      );

      // C moves to 150.500 MHz: B + C − A = 150.550 and A + C − B = 150.450, off V: resolved by the upkeep.
      const cRow = await o.agent.get(`/api/v1/assignments/${c.assignmentId}`);
      await updateAssignment(
        t.db.sequelize,
        c.assignmentId,
        {
          direction: 'tx',
          frequencyHz: '150.5 MHz',
          bandwidthHz: '12.5 kHz',
          emissionDesignator: '11K0F3E',
          version: cRow.body.data?.version ?? 0,
        },
        officer,
        actor,
      );
      const after = await intermods();
      assert.deepEqual(
        after.map((k) => k.status),
        ['resolved'],
      );
      assert.equal(
        await AuditEvent.count({
          where: { entity: 'conflict', entityId: String(after[0]?.id), action: 'auto_resolve' },
        }),
        1,
      );
    },
  );
  it(
    'when an admin sets the intermodulation distance of a service, then it is saved and audited; ' +
      'a negative one gets 422 on that field with the input kept',
    async () => {
      const admin = await loginAs(t.app, 'admin');
      const form = {
        nameVi: 'Nghiệp vụ khác',
        nameEn: 'Other',
        protectedFieldDbuv: '40',
        receiverHeightM: '1.5',
        environment: 'suburban',
        propagationModel: 'hata',
        coChannelPrDb: '8',
        adjacentPrDb: '-60',
        adjacentGuardHz: '',
        inspectionIntervalMonths: '36',
        source: '',
      };
      const s = await Service.findOne({ where: { code: 'other' } });
      assert.equal(s?.intermodDistanceKm, 1, 'the default');
      const bad = await admin.agent
        .post('/admin/services/other')
        .type('form')
        .send({ _csrf: admin.csrf, version: s?.version, ...form, intermodDistanceKm: '-2' });
      assert.equal(bad.status, 422);
      assert.match(bad.text, /href="#f-intermodDistanceKm"/);
      assert.match(bad.text, /value="-2"/);
      const ok = await admin.agent
        .post('/admin/services/other')
        .type('form')
        .send({ _csrf: admin.csrf, version: s?.version, ...form, intermodDistanceKm: '2.5' });
      assert.equal(ok.status, 303);
      assert.equal((await Service.findOne({ where: { code: 'other' } }))?.intermodDistanceKm, 2.5);
      const ev = await AuditEvent.findOne({
        where: { entity: 'service', entityId: 'other', action: 'update' },
        order: [['id', 'DESC']],
      });
      assert.deepEqual(ev?.changes.intermodDistanceKm, { before: 1, after: 2.5 });
      const page = await admin.agent.get('/admin/services/other/edit');
      assert.match(page.text, /Intermodulation distance/);
    },
  );

  it(
    'when a product comes from transmitters far off the victim frequency, then the ±10 % window (default) keeps ' +
      'it out of the upkeep, the live check and the full scan; without a window the scan opens it, and with ' +
      'the window back the scan resolves it',
    async () => {
      const officer = await userNamed('officer');
      const actor = { ...SYSTEM_ACTOR, userId: officer.id };
      // Another mast, ~4 km from the first (beyond every 1 km neighbourhood there).
      const MAST2 = { latitude: 12.7, longitude: 108.06 };
      const service = await Service.findOne({ where: { code: 'land_mobile' } });
      assert.equal(service?.intermodWindowPercent, 10, 'seeded: the default window');
      // V receives 150.250 MHz; A 150.000, F 173.000 and G 172.750 MHz transmit on the same mast:
      // A + F − G = 150.250 MHz lands on V, but F and G are 15 % and 14.9 % off V's frequency.
      const a = await makeDraft(t.db.sequelize, t.districts, { frequency: '150 MHz', ...MAST2 });
      const v = await createAssignment(
        t.db.sequelize,
        a.stationId,
        { direction: 'rx', frequencyHz: '150.25 MHz', bandwidthHz: '12.5 kHz', emissionDesignator: '11K0F3E' },
        officer,
        actor,
      );
      const f = await makeDraft(t.db.sequelize, t.districts, { frequency: '173 MHz', ...MAST2 });
      const onV = () =>
        Conflict.findAll({ where: { kind: 'intermodulation', victimAssignmentId: v.id }, order: [['id', 'ASC']] });
      const live = await o.agent
        .post('/api/v1/conflicts/check')
        .set('X-CSRF-Token', o.csrf)
        .send({
          station: { ...station, ...MAST2 },
          assignment: {
            direction: 'tx',
            frequencyHz: '172.75 MHz',
            bandwidthHz: '12.5 kHz',
            emissionDesignator: '11K0F3E',
          },
        });
      assert.equal(live.status, 200);
      assert.deepEqual(
        (live.body.conflicts as { kind: string }[]).filter((c) => c.kind === 'intermodulation'),
        [],
        'the live check forms no product from outside the window',
      );
      const g = await makeDraft(t.db.sequelize, t.districts, { frequency: '172.75 MHz', ...MAST2 });
      assert.deepEqual(await onV(), [], 'nor the upkeep on save');
      // Streamed in batches (2 victims, or fewer once they hold 1 conflict): whole victims, ascending, each once,
      // V among them (stored and unresolved, hit now or not), every conflict in its victim's batch.
      const checkBatches = async () => {
        const batches: { victims: number[]; intermod: { victimId: number }[] }[] = [];
        for await (const b of intermodBatches(0, 2, 1)) batches.push(b);
        const victims = batches.flatMap((b) => b.victims);
        assert.ok(victims.includes(v.id));
        assert.deepEqual(
          victims,
          [...new Set(victims)].sort((x, y) => x - y),
        );
        for (const b of batches) {
          assert.ok(b.victims.length >= 1 && b.victims.length <= 2);
          assert.ok(b.intermod.every((c) => c.victimId === b.victims[b.victims.length - 1]));
        }
        const all = [...(await intermodOfRegister()).values()].flat();
        assert.deepEqual(
          batches.flatMap((b) => b.intermod),
          all,
        );
        return all.length;
      };
      const sizes = { footprints: 500, victims: 1, sweep: 1000 };
      await fullScan(t.db.sequelize, SYSTEM_ACTOR, { sizes });
      assert.deepEqual(await onV(), [], 'nor the full scan');

      // No window (0, the SPEC's literal rule): the full scan, one victim per batch, opens the product.
      await Service.update({ intermodWindowPercent: 0 }, { where: { code: 'land_mobile' } });
      try {
        await fullScan(t.db.sequelize, SYSTEM_ACTOR, { sizes });
        const opened = await onV();
        assert.deepEqual(
          opened.map((k) => [
            k.interfererAssignmentId,
            k.secondInterfererAssignmentId,
            k.thirdInterfererAssignmentId,
            k.mechanism,
            k.status,
            k.intermod?.productHz,
          ]),
          [[a.assignmentId, f.assignmentId, g.assignmentId, 'three_tone', 'open', 150_250_000]],
        );
        assert.ok((await checkBatches()) >= 1, 'V is hit now');
      } finally {
        await Service.update({ intermodWindowPercent: 10 }, { where: { code: 'land_mobile' } });
      }
      assert.equal(await checkBatches(), 0, 'V is stored, hit by nothing now');
      assert.deepEqual(
        (await intermodBatches(v.id, 250).next()).value?.victims.includes(v.id) ?? false,
        false,
        'resumed after V',
      );
      // The window back: the scan settles the stored victim, which nothing hits now.
      const scan = await fullScan(t.db.sequelize, SYSTEM_ACTOR, { sizes });
      assert.ok(scan.resolved >= 1);
      assert.deepEqual(
        (await onV()).map((k) => k.status),
        ['resolved'],
      );
    },
  );

  it(
    'when an admin sets the intermodulation window of a service, then it is saved and audited; a negative or ' +
      'over 100 % one gets 422 on that field',
    async () => {
      const admin = await loginAs(t.app, 'admin');
      const s = await Service.findOne({ where: { code: 'amateur' } });
      assert.ok(s);
      assert.equal(s.intermodWindowPercent, 10);
      const version = s.version;
      const form = {
        nameVi: s.nameVi,
        nameEn: s.nameEn,
        protectedFieldDbuv: String(s.protectedFieldDbuv),
        receiverHeightM: String(s.receiverHeightM),
        environment: s.environment,
        propagationModel: s.propagationModel,
        coChannelPrDb: String(s.coChannelPrDb),
        adjacentPrDb: String(s.adjacentPrDb),
        adjacentGuardHz: s.adjacentGuardHz === null ? '' : String(s.adjacentGuardHz),
        intermodDistanceKm: String(s.intermodDistanceKm),
        inspectionIntervalMonths: String(s.inspectionIntervalMonths),
        source: s.source,
      };
      for (const wrong of ['-1', '100.5', 'ten']) {
        const bad = await admin.agent
          .post('/admin/services/amateur')
          .type('form')
          .send({ _csrf: admin.csrf, version, ...form, intermodWindowPercent: wrong });
        assert.equal(bad.status, 422, wrong);
        assert.match(bad.text, /href="#f-intermodWindowPercent"/);
        assert.match(bad.text, new RegExp(`value="${wrong}"`));
        assert.equal((await Service.findOne({ where: { code: 'amateur' } }))?.intermodWindowPercent, 10);
      }
      const api = await admin.agent.get('/api/v1/services/amateur');
      assert.equal(api.status, 200);
      assert.equal(api.body.data.intermodWindowPercent, 10);
      const json = await admin.agent
        .patch('/api/v1/services/amateur')
        .set('X-CSRF-Token', admin.csrf)
        .send({ ...form, version: s.version, intermodWindowPercent: 101 });
      assert.equal(json.status, 422);
      assert.ok(JSON.stringify(json.body).includes('intermodWindowPercent'), JSON.stringify(json.body));
      const ok = await admin.agent
        .post('/admin/services/amateur')
        .type('form')
        .send({ _csrf: admin.csrf, version: s.version, ...form, intermodWindowPercent: '2.5' });
      assert.equal(ok.status, 303);
      assert.equal((await Service.findOne({ where: { code: 'amateur' } }))?.intermodWindowPercent, 2.5);
      const ev = await AuditEvent.findOne({
        where: { entity: 'service', entityId: 'amateur', action: 'update' },
        order: [['id', 'DESC']],
      });
      assert.deepEqual(ev?.changes.intermodWindowPercent, { before: 10, after: 2.5 });
      // A stale form (the version it was read at) gets 409.
      const stale = await admin.agent
        .post('/admin/services/amateur')
        .type('form')
        .send({ _csrf: admin.csrf, version: s.version, ...form, intermodWindowPercent: '3' });
      assert.equal(stale.status, 409);
      for (const [lang, label] of [
        ['en', /Intermodulation window/],
        ['vi', /Cửa sổ xuyên điều chế/],
      ] as const) {
        const page = await admin.agent.get('/admin/services/amateur/edit').set('Cookie', `lang=${lang}`);
        assert.equal(page.status, 200);
        assert.match(page.text, label);
        assert.match(
          page.text,
          /name="intermodWindowPercent"[^>]*value="2.5"|value="2.5"[^>]*name="intermodWindowPercent"/,
        );
      }
    },
  );
});
