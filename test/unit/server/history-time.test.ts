import assert from 'node:assert/strict';
import { dateInZone, endOfDay, parseAsOf, zoneOffsetMinutes } from '../../../server/modules/history/history.time';
import { ValidationError } from '../../../server/lib/errors';

const HCM = 'Asia/Ho_Chi_Minh';

describe('the end of a day in the jurisdiction (history.time)', () => {
  it('when a day is asked in Asia/Ho_Chi_Minh, then its end is 17:00 UTC that day (local midnight, UTC+7)', () => {
    assert.equal(endOfDay('2026-03-04', HCM).toISOString(), '2026-03-04T17:00:00.000Z');
    assert.equal(endOfDay('2026-12-31', HCM).toISOString(), '2026-12-31T17:00:00.000Z');
    assert.equal(endOfDay('2024-02-29', HCM).toISOString(), '2024-02-29T17:00:00.000Z');
  });

  it('when a change falls at 23:59:59.999 local, then it is before the end; at 00:00 local, it is not', () => {
    const end = endOfDay('2026-03-04', HCM).getTime();
    assert.ok(new Date('2026-03-04T23:59:59.999+07:00').getTime() < end);
    assert.equal(new Date('2026-03-05T00:00:00+07:00').getTime(), end);
  });

  it('when the zone keeps summer time, then the end follows the offset of that night', () => {
    // Europe/Berlin: UTC+1 in winter, UTC+2 from the last Sunday of March (29 March 2026).
    assert.equal(endOfDay('2026-01-15', 'Europe/Berlin').toISOString(), '2026-01-15T23:00:00.000Z');
    assert.equal(endOfDay('2026-07-15', 'Europe/Berlin').toISOString(), '2026-07-15T22:00:00.000Z');
    assert.equal(zoneOffsetMinutes(new Date('2026-07-15T12:00:00Z'), HCM), 420);
  });

  it('when an instant is late in the UTC day, then its local date is the next day', () => {
    assert.equal(dateInZone(new Date('2026-03-04T17:00:00Z'), HCM), '2026-03-05');
    assert.equal(dateInZone(new Date('2026-03-04T16:59:59Z'), HCM), '2026-03-04');
  });

  it('when asOf is absent, empty or today, then the live register (null); a past day gives its end', () => {
    const now = new Date('2026-03-10T18:00:00Z'); // 11 March, 01:00 local
    assert.equal(parseAsOf(undefined, HCM, now), null);
    assert.equal(parseAsOf('', HCM, now), null);
    assert.equal(parseAsOf('2026-03-11', HCM, now), null);
    assert.deepEqual(parseAsOf('2026-03-10', HCM, now), {
      date: '2026-03-10',
      at: new Date('2026-03-10T17:00:00Z'),
    });
  });

  it('when asOf is not a calendar date or is after today, then a 422 on the asOf field', () => {
    const now = new Date('2026-03-10T18:00:00Z');
    for (const bad of ['2026-02-29', '2026-3-1', '10/03/2026', ['2026-03-01'], '1800-01-01']) {
      assert.throws(
        () => parseAsOf(bad, HCM, now),
        (e: unknown) => e instanceof ValidationError && e.fields.asOf?.key === 'v.date',
      );
    }
    assert.throws(
      () => parseAsOf('2026-03-12', HCM, now),
      (e: unknown) => e instanceof ValidationError && e.fields.asOf?.key === 'history.future',
    );
  });
});
