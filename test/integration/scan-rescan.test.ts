/**
 * A rescan of an unchanged register writes nothing (issue 12): no footprint row is rewritten, no conflict
 * touched, no audit row added; a change to one station rewrites that footprint alone, and the conflicts
 * end as a clean scan of the changed register leaves them.
 */
import assert from 'node:assert/strict';
import { createPointIndex } from '../../geo/districts/point-index';
import { CountRow, selectRows, sql } from '../../server/db/sql';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { Assignment } from '../../server/models/Assignment';
import { AssignmentFootprint } from '../../server/models/AssignmentFootprint';
import { Conflict } from '../../server/models/Conflict';
import { Station } from '../../server/models/Station';
import { fullScan } from '../../server/modules/conflicts/conflicts.service';
import { syntheticRegister } from '../bench/synthetic';
import { loadSynthetic } from '../bench/synthetic-db';
import { makeTestApp, type TestApp } from '../helpers/app';

const SIZES = { footprints: 40, victims: 25, sweep: 50 };

describe('a rescan of the register', function () {
  this.timeout(180_000);
  let t: TestApp;

  const footprints = async () =>
    (await AssignmentFootprint.findAll({ order: [['assignmentId', 'ASC']], raw: true })).map((f) => JSON.stringify(f));
  const conflicts = async () =>
    (await Conflict.findAll({ order: [['id', 'ASC']], raw: true })).map((c) => JSON.stringify(c));
  const audits = async () =>
    (await selectRows(t.db.sequelize, sql`SELECT COUNT(*) AS n FROM audit_events`, CountRow))[0]?.n ?? 0;

  before(async () => {
    t = await makeTestApp();
    const fc = await t.districts.featureCollection();
    const index = createPointIndex(
      fc.features.map((f) => ({ geometry: f.geometry, value: String(f.properties?.code) })),
    );
    await loadSynthetic(t.db.sequelize, syntheticRegister(150, 50, 11), (lat, lon) => index.lookup(lat, lon) ?? '643');
    await fullScan(t.db.sequelize, SYSTEM_ACTOR, { sizes: SIZES });
  });
  after(async () => {
    await t.close();
  });

  it('when nothing changed, then a rescan writes no footprint, no conflict and no audit row', async () => {
    const [fp0, c0, a0] = [await footprints(), await conflicts(), await audits()];
    assert.ok(c0.length > 20, `sanity: ${c0.length} conflicts`);
    assert.ok(fp0.length > 100, `sanity: ${fp0.length} footprints`);
    const r = await fullScan(t.db.sequelize, SYSTEM_ACTOR, { sizes: SIZES });
    assert.deepEqual([r.opened, r.reopened, r.updated, r.resolved], [0, 0, 0, 0]);
    assert.equal(r.findings, c0.length);
    // Rows compared whole, updatedAt and version included: nothing was rewritten.
    assert.deepEqual(await footprints(), fp0);
    assert.deepEqual(await conflicts(), c0);
    assert.equal(await audits(), a0);
  });

  it('when a stored footprint was drawn from something else, then the rescan redraws that one alone', async () => {
    const plain = async (id: number) => {
      const f = await AssignmentFootprint.findByPk(id);
      const { updatedAt: _, ...rest } = f?.get({ plain: true }) ?? { updatedAt: null };
      return { row: JSON.stringify(rest), updatedAt: f?.updatedAt.toISOString() };
    };
    const [stale, other] = await AssignmentFootprint.findAll({ order: [['assignmentId', 'ASC']], limit: 2 });
    assert.ok(stale && other);
    const [right, untouched] = [await plain(stale.assignmentId), await plain(other.assignmentId)];
    // As a footprint drawn by older code or from older parameters: another source, another polygon.
    await stale.update({
      details: { ...stale.details, source: 'stale' },
      polygon: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    });
    await fullScan(t.db.sequelize, SYSTEM_ACTOR, { sizes: SIZES });
    assert.equal((await plain(stale.assignmentId)).row, right.row, 'redrawn as it was');
    assert.deepEqual(await plain(other.assignmentId), untouched, 'the others not written');
  });

  it('when one station moves, then only its footprints are redrawn and the conflicts equal a clean scan', async () => {
    const before = await AssignmentFootprint.findAll({ raw: true });
    const moved = await Assignment.findOne({ where: { direction: 'tx' }, order: [['id', 'ASC']] });
    assert.ok(moved);
    const station = await Station.findByPk(moved.stationId);
    assert.ok(station);
    await station.update({ latitude: station.latitude + 0.05 });
    const onStation = new Set(
      (await Assignment.findAll({ where: { stationId: station.id }, raw: true })).map((a) => a.id),
    );
    await fullScan(t.db.sequelize, SYSTEM_ACTOR, { sizes: SIZES });
    const after = new Map((await AssignmentFootprint.findAll({ raw: true })).map((f) => [f.assignmentId, f]));
    for (const f of before) {
      const now = after.get(f.assignmentId);
      if (onStation.has(f.assignmentId)) assert.notDeepEqual(now, f, `footprint ${f.assignmentId} redrawn`);
      else assert.deepEqual(now, f, `footprint ${f.assignmentId} untouched`);
    }
    // The incremental end state equals a scan of the changed register from an empty conflicts table.
    const figures = async () =>
      (await Conflict.findAll({ where: { status: 'open' }, raw: true }))
        .map((c) => [c.victimAssignmentId, c.interfererAssignmentId, c.kind, c.severity, c.overlapKm2].join(' '))
        .sort();
    const incremental = await figures();
    await Conflict.destroy({ where: {} });
    await AssignmentFootprint.destroy({ where: {} });
    await fullScan(t.db.sequelize, SYSTEM_ACTOR, { sizes: SIZES });
    assert.deepEqual(await figures(), incremental);
  });
});
