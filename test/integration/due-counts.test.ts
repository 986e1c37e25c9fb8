/**
 * The per-district overdue and due figures (dashboard, map, /inspections) are counted in the database;
 * they must equal the due list's own arithmetic (dueStations) on any day, month ends and leap days included.
 */
import assert from 'node:assert/strict';
import { createPointIndex } from '../../geo/districts/point-index';
import { Inspection } from '../../server/models/Inspection';
import { Licence } from '../../server/models/Licence';
import { Station } from '../../server/models/Station';
import { districtCounts, dueStations } from '../../server/modules/inspections/due.service';
import { syntheticRegister } from '../bench/synthetic';
import { loadSynthetic } from '../bench/synthetic-db';
import { makeTestApp, type TestApp } from '../helpers/app';

describe('overdue and due stations per district, counted in the database', function () {
  this.timeout(120_000);
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
    const fc = await t.districts.featureCollection();
    const index = createPointIndex(
      fc.features.map((f) => ({ geometry: f.geometry, value: String(f.properties?.code) })),
    );
    await loadSynthetic(t.db.sequelize, syntheticRegister(240, 120, 5), (lat, lon) => index.lookup(lat, lon) ?? '643');
    // Licences in force since month ends and leap days, some issued before their validFrom, some not active.
    const froms = ['2024-01-31', '2023-02-28', '2024-02-29', '2022-12-31', '2025-05-15', '2024-11-30', '2025-08-31'];
    const licences = await Licence.findAll({ order: [['id', 'ASC']] });
    for (const [i, l] of licences.entries())
      await Licence.update(
        {
          validFrom: froms[i % froms.length] as string,
          issuedAt: i % 3 === 0 ? new Date('2023-06-30T23:30:00Z') : new Date('2026-12-01T10:00:00Z'),
          status: i % 5 === 4 ? 'suspended' : i % 7 === 6 ? 'draft' : 'issued',
        },
        { where: { id: l.id } },
      );
    // Inspections: completed late in a UTC day, closed with only completedAt, planned (not counted from).
    const stations = await Station.findAll({ order: [['id', 'ASC']] });
    for (const [i, s] of stations.entries()) {
      if (i % 2 !== 0) continue;
      const kind = (i / 2) % 3;
      await Inspection.create({
        reference: `DUE-${i}`,
        type: 'routine',
        status: kind === 0 ? 'completed' : kind === 1 ? 'closed' : 'planned',
        districtCode: s.districtCode,
        stationId: s.id,
        performedAt: kind === 0 ? new Date(Date.UTC(2024, i % 12, 28 + (i % 4), 23, 59)) : null,
        completedAt: kind === 1 ? new Date(Date.UTC(2025, i % 12, 1 + (i % 28), 0, 1)) : null,
      });
    }
  });
  after(async () => {
    await t.close();
  });

  it('when counted on many days, then each district has the due list’s overdue and due stations', async () => {
    const days = ['2026-12-07', '2024-02-29', '2025-01-31', '2025-03-01', '2027-08-31', '2028-12-31', '2030-06-15'];
    let seen = 0;
    for (const today of days) {
      const expected = new Map<string, { overdue: number; due: number }>();
      for (const it of await dueStations({ districtCodes: null, today, position: null })) {
        const c = expected.get(it.districtCode) ?? { overdue: 0, due: 0 };
        c[it.state === 'overdue' ? 'overdue' : 'due'] += 1;
        expected.set(it.districtCode, c);
        seen++;
      }
      const counted = new Map(
        (await districtCounts(today))
          .filter((c) => c.overdue + c.due > 0)
          .map((c) => [c.districtCode, { overdue: c.overdue, due: c.due }]),
      );
      assert.deepEqual(counted, expected, today);
    }
    assert.ok(seen > 10, `sanity: ${seen} due or overdue stations over the days`);
  });
});
