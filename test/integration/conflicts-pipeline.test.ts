import assert from 'node:assert/strict';
import type { ConflictFinding } from '../../geo/conflicts';
import { AssignmentFootprint } from '../../server/models/AssignmentFootprint';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Conflict } from '../../server/models/Conflict';
import { Station } from '../../server/models/Station';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { mulberry32 } from '../../server/lib/prng';
import { createAssignment } from '../../server/modules/assignments/assignments.service';
import { findConflicts, SCAN_START, scanRegister, UNSAVED_ID } from '../../server/modules/conflicts/conflicts.pipeline';
import { activeTxSites } from '../../server/modules/conflicts/conflicts.queries';
import { listConflicts } from '../../server/modules/conflicts/conflicts.service';
import { makeTestApp, type TestApp } from '../helpers/app';
import { makeDraft, userNamed, type Made } from '../helpers/factories';

/**
 * The one conflict pipeline (conflicts.pipeline.ts) behind the upkeep on save (saved ids), the live check
 * (an unsaved site) and the full scan (the whole register): on one register the three must agree.
 */
describe('the conflict pipeline', function () {
  this.timeout(120_000);
  let t: TestApp;
  const made: Made[] = [];
  before(async () => {
    t = await makeTestApp();
    const rnd = mulberry32(31);
    for (let i = 0; i < 14; i++) {
      made.push(
        await makeDraft(t.db.sequelize, t.districts, {
          frequency: 145_000_000 + (i % 2) * 12_500,
          latitude: 12.5 + rnd() * 0.5,
          longitude: 107.9 + rnd() * 0.5,
          txPowerW: Math.round(5 * 50 ** rnd()),
        }),
      );
    }
  });
  after(async () => {
    await t.close();
  });

  /** A finding as a comparable line: the pair, what kind of conflict, and its area (µm² would not matter). */
  const line = (f: ConflictFinding, self = 0) =>
    [
      f.victimId === UNSAVED_ID ? self : f.victimId,
      f.interfererId === UNSAVED_ID ? self : f.interfererId,
      f.kind,
      f.mechanism,
      f.severity,
      f.overlapKm2.toFixed(6),
      f.sameLicensee,
    ].join(' ');
  const snapshot = async () => ({
    conflicts: await Conflict.count(),
    audit: await AuditEvent.count(),
    footprints: (await AssignmentFootprint.findAll({ order: [['assignmentId', 'ASC']] })).map((f) =>
      [f.assignmentId, f.updatedAt.toISOString(), f.minLon, f.maxLat].join(' '),
    ),
  });

  it(
    'when the same register goes through as saved ids, as unsaved sites and as a full scan, ' +
      'then the findings are the same',
    async () => {
      const ids = made.map((m) => m.assignmentId);
      // The full scan in small steps (3 victims a batch), as the job runs it.
      const steps = [];
      for await (const step of scanRegister(t.db.sequelize, SCAN_START, { footprints: 4, victims: 3, sweep: 5 }))
        steps.push(step);
      assert.equal(steps.at(-1)?.total, ids.length);
      assert.equal(steps.at(-1)?.cursor.phase, 'done');
      const batches = steps.flatMap((s) => (s.batch ? [s.batch] : []));
      assert.ok(batches.length >= ids.length / 3, `${batches.length} batches`);
      assert.deepEqual(
        batches.flatMap((b) => ('victims' in b.scope ? [...b.scope.victims] : [])).sort((a, b) => a - b),
        [...ids].sort((a, b) => a - b),
        'every victim once',
      );
      const scanned = batches.flatMap((b) => b.findings.map((f) => line(f)));
      assert.ok(scanned.length > 10, `sanity: ${scanned.length} findings`);
      assert.ok(new Set(scanned.map((l) => l.split(' ')[3])).size === 2, 'both mechanisms');

      const saved = await t.db.sequelize.transaction((transaction) =>
        findConflicts({ kind: 'saved', ids, transaction }),
      );
      assert.deepEqual(
        saved.batches.map((b) => b.scope),
        ids.map((id) => new Set([id])),
      );
      assert.ok(saved.batches.every((b) => b.footprint?.polygon.type === 'Polygon'));
      const fromSaved = new Set(saved.batches.flatMap((b) => b.findings.map((f) => line(f))));
      assert.deepEqual(fromSaved, new Set(scanned));

      const before = await snapshot();
      for (const site of await activeTxSites(ids)) {
        const id = site.assignmentId;
        const live = await findConflicts({
          kind: 'unsaved',
          site: { ...site, assignmentId: UNSAVED_ID },
          excludeId: id,
        });
        assert.equal(live.batches.length, 1);
        const involving = scanned.filter((l) => l.split(' ').slice(0, 2).includes(String(id)));
        assert.deepEqual(
          live.batches[0]?.findings.map((f) => line(f, id)).sort(),
          involving.sort(),
          `assignment ${id}`,
        );
        for (const f of live.batches[0]?.findings ?? []) {
          const other = f.victimId === UNSAVED_ID ? f.interfererId : f.victimId;
          assert.match(live.others.get(other)?.stationName ?? '', /^Trạm /, 'the other side is named');
        }
      }
      assert.deepEqual(await snapshot(), before, 'the live check writes nothing');
    },
  );

  it(
    'when a saved id is receive-only or unknown, ' +
      'then its batch settles it with no findings and no footprint stays',
    async () => {
      const officer = await userNamed('officer');
      const rx = await createAssignment(
        t.db.sequelize,
        made[0]?.stationId ?? 0,
        { direction: 'rx', frequencyHz: 145_000_000, bandwidthHz: '12.5 kHz', emissionDesignator: '11K0F3E' },
        officer,
        { ...SYSTEM_ACTOR, userId: officer.id },
      );
      const { batches } = await t.db.sequelize.transaction((transaction) =>
        findConflicts({ kind: 'saved', ids: [rx.id, 999_999], transaction }),
      );
      assert.deepEqual(batches, [
        // No intermodulation product falls on the receiver either (and the unknown id has none).
        { scope: new Set([rx.id]), findings: [], footprint: null, intermod: [] },
        { scope: new Set([999_999]), findings: [], footprint: null, intermod: [] },
      ]);
      assert.equal(await AssignmentFootprint.count({ where: { assignmentId: [rx.id, 999_999] } }), 0);
    },
  );

  it(
    "when the list is filtered by district or service, then only conflicts of those stations' assignments, " +
      'and a quote in the filter is a value',
    async () => {
      const page = { page: 1, pageSize: 500, offset: 0 };
      const everything = await listConflicts({}, page);
      assert.ok(everything.total > 0);
      const byService = await listConflicts({ service: 'land_mobile' }, page);
      assert.equal(byService.total, everything.total);
      assert.equal((await listConflicts({ service: 'fm_broadcast' }, page)).total, 0);
      const districts = new Set((await Station.findAll()).map((s) => s.districtCode));
      let sum = 0;
      for (const d of districts) sum += (await listConflicts({ district: d }, page)).total;
      assert.ok(sum >= everything.total, 'every conflict is listed under the district of one of its sides');
      assert.equal((await listConflicts({ district: "x' OR '1'='1" }, page)).total, 0);
    },
  );
});
