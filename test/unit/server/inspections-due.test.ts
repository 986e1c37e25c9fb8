import assert from 'node:assert/strict';
import {
  addMonths,
  compareDue,
  daysBetween,
  distanceKm,
  dueDateOf,
  dueState,
  overdueDays,
} from '../../../server/modules/inspections/due';

describe('inspections: what is due', () => {
  it('adds whole months, the 31st becoming the last day of a shorter month', () => {
    assert.equal(addMonths('2024-01-15', 24), '2026-01-15');
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2023-11-30', 3), '2024-02-29');
  });

  it('counts from the last completed inspection when there is one, else from the licence issue', () => {
    assert.equal(
      dueDateOf({ lastInspectedOn: '2025-03-10', licenceIssuedOn: '2020-01-01', intervalMonths: 36 }),
      '2028-03-10',
    );
    assert.equal(dueDateOf({ lastInspectedOn: null, licenceIssuedOn: '2024-06-01', intervalMonths: 24 }), '2026-06-01');
    assert.equal(dueDateOf({ lastInspectedOn: null, licenceIssuedOn: null, intervalMonths: 24 }), null);
  });

  it('says how many days overdue (negative: days left) and classifies due / overdue / later', () => {
    assert.equal(daysBetween('2026-01-01', '2026-03-01'), 59);
    assert.equal(overdueDays('2026-11-01', '2026-11-26'), 25);
    assert.equal(overdueDays('2026-12-06', '2026-11-26'), -10);
    assert.equal(dueState('2026-11-01', '2026-11-26'), 'overdue');
    assert.equal(dueState('2026-11-26', '2026-11-26'), 'due');
    assert.equal(dueState('2026-12-26', '2026-11-26'), 'due');
    assert.equal(dueState('2026-12-27', '2026-11-26'), 'later');
  });

  it('sorts the most overdue first, then the nearest, then by station', () => {
    const items = [
      { stationId: 1, overdueDays: 10, distanceKm: 5 },
      { stationId: 2, overdueDays: 200, distanceKm: 50 },
      { stationId: 3, overdueDays: 10, distanceKm: 1 },
      { stationId: 4, overdueDays: -20, distanceKm: null },
      { stationId: 5, overdueDays: 10, distanceKm: null },
    ];
    assert.deepEqual(
      [...items].sort(compareDue).map((i) => i.stationId),
      [2, 3, 1, 5, 4],
    );
  });

  it('measures great-circle distance in km (one degree of latitude is about 111 km)', () => {
    const d = distanceKm({ latitude: 12, longitude: 108 }, { latitude: 13, longitude: 108 });
    assert.ok(Math.abs(d - 111.2) < 0.5, String(d));
    assert.equal(distanceKm({ latitude: 12.5, longitude: 108.1 }, { latitude: 12.5, longitude: 108.1 }), 0);
  });
});
