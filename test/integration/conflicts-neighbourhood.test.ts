import assert from 'node:assert/strict';
import { Conflict } from '../../server/models/Conflict';
import { Station } from '../../server/models/Station';
import { AssignmentFootprint } from '../../server/models/AssignmentFootprint';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { mulberry32 } from '../../server/lib/prng';
import { fullScan } from '../../server/modules/conflicts/conflicts.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft } from '../helpers/factories';

/**
 * The upkeep on save and the live check load only the assignments whose stored boxes can meet the
 * candidate's (conflicts.neighbours.ts). Here 36 stations on three adjacent 12.5 kHz channels, 5 W to
 * 1 kW, spread over the whole province, give conflicts of both mechanisms, many between stations whose
 * footprints are far apart; every set must equal a full scan's.
 */
describe('conflict upkeep and live check load the right neighbours', function () {
  this.timeout(120_000);
  let t: TestApp;
  let o: { agent: Agent; csrf: string };
  const made: { assignmentId: number; stationId: number; frequency: number }[] = [];
  before(async () => {
    t = await makeTestApp();
    o = await loginAs(t.app, 'officer');
    const rnd = mulberry32(777);
    for (let i = 0; i < 36; i++) {
      const frequency = 140_000_000 + (i % 3) * 12_500;
      const m = await makeDraft(t.db.sequelize, t.districts, {
        frequency,
        latitude: 12.25 + rnd() * 1.1,
        longitude: 107.6 + rnd() * 1.3,
        txPowerW: Math.round(5 * 200 ** rnd()),
      });
      made.push({ assignmentId: m.assignmentId, stationId: m.stationId, frequency });
    }
  });
  after(async () => {
    await t.close();
  });

  const pairsOf = (rows: { victimAssignmentId: number; interfererAssignmentId: number; mechanism: string }[]) =>
    new Set(rows.map((c) => `${c.victimAssignmentId}>${c.interfererAssignmentId}:${c.mechanism}`));

  it(
    'when every save kept conflicts current, then a full scan finds exactly the same set, ' +
      'including interference-contour pairs whose footprints are far apart',
    async () => {
      const kept = await Conflict.findAll({ where: { status: 'open' } });
      assert.ok(
        kept.some((c) => c.mechanism === 'interference_contour'),
        'contour conflicts exist',
      );
      assert.ok(
        kept.some((c) => c.mechanism === 'coverage_overlap'),
        'overlap conflicts exist',
      );
      const boxes = new Map((await AssignmentFootprint.findAll()).map((f) => [f.assignmentId, f]));
      const apart = kept.filter((c) => {
        const a = boxes.get(c.victimAssignmentId);
        const b = boxes.get(c.interfererAssignmentId);
        return a && b && (a.maxLon < b.minLon || b.maxLon < a.minLon || a.maxLat < b.minLat || b.maxLat < a.minLat);
      });
      assert.ok(apart.length > 0, 'some conflicting pairs have disjoint footprint boxes');
      assert.ok(
        [...boxes.values()].every(
          (f) => f.envMinLon !== null && f.envMinLon <= f.minLon && f.envMaxLat !== null && f.envMaxLat >= f.maxLat,
        ),
        'every footprint has an envelope holding it',
      );
      const result = await fullScan(t.db.sequelize, SYSTEM_ACTOR);
      assert.equal(result.opened, 0);
      assert.equal(result.resolved, 0);
      assert.deepEqual(pairsOf(await Conflict.findAll({ where: { status: 'open' } })), pairsOf(kept));
    },
  );

  it(
    'when each station is checked live as its own unsaved edit, ' +
      'then the conflicts it would cause equal the stored ones involving it',
    async () => {
      const stored = await Conflict.findAll({ where: { status: 'open' } });
      let nonEmpty = 0;
      for (const m of made) {
        const s = await Station.findByPk(m.stationId);
        assert.ok(s);
        const station = {
          service: s.service,
          stationClass: s.stationClass,
          latitude: s.latitude,
          longitude: s.longitude,
          antennaHeightM: s.antennaHeightM,
          antennaGainDbi: s.antennaGainDbi,
          txPowerW: s.txPowerW,
          feederLossDb: s.feederLossDb,
        };
        const res = await o.agent
          .post('/api/v1/conflicts/check')
          .set('X-CSRF-Token', o.csrf)
          .send({
            station,
            assignmentId: m.assignmentId,
            assignment: {
              direction: 'tx',
              frequencyHz: m.frequency,
              bandwidthHz: '12.5 kHz',
              emissionDesignator: '11K0F3E',
            },
          });
        assert.equal(res.status, 200);
        const live = new Set(
          (res.body.conflicts as { victimId: number; interfererId: number; mechanism: string }[]).map(
            (c) =>
              `${c.victimId === -1 ? m.assignmentId : c.victimId}>` +
              `${c.interfererId === -1 ? m.assignmentId : c.interfererId}:${c.mechanism}`,
          ),
        );
        const expected = pairsOf(
          stored.filter((c) => c.victimAssignmentId === m.assignmentId || c.interfererAssignmentId === m.assignmentId),
        );
        assert.deepEqual(live, expected, `station ${m.stationId}`);
        if (live.size > 0) nonEmpty++;
      }
      assert.ok(nonEmpty > 10, `sanity: ${nonEmpty} stations have conflicts`);
    },
  );
});
