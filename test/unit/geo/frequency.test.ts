import assert from 'node:assert/strict';
import {
  adjacentGuardForPairHz,
  frequencyRelation,
  type OccupiedRangeHz,
  type VictimRangeHz,
} from '../../../geo/frequency/relation';

/** Land-mobile style victim [100 000, 112 500) Hz with a 12.5 kHz guard. */
const VICTIM: VictimRangeHz = { occupiedLowHz: 100_000, occupiedHighHz: 112_500, adjacentGuardHz: 12_500 };

function range(lowHz: number, highHz: number): OccupiedRangeHz {
  return { occupiedLowHz: lowHz, occupiedHighHz: highHz };
}

describe('geo/frequency/relation', () => {
  describe('frequencyRelation', () => {
    it('when the ranges are identical, then co_channel with gap −width and offset 0', () => {
      assert.deepEqual(frequencyRelation(VICTIM, range(100_000, 112_500)), {
        kind: 'co_channel',
        gapHz: -12_500,
        offsetHz: 0,
      });
    });

    it('when the ranges overlap by exactly 1 Hz (interferer above), then co_channel with gap −1', () => {
      assert.deepEqual(frequencyRelation(VICTIM, range(112_499, 124_999)), {
        kind: 'co_channel',
        gapHz: -1,
        offsetHz: 12_499,
      });
    });

    it('when the ranges overlap by exactly 1 Hz (interferer below), then co_channel with a negative offset', () => {
      assert.deepEqual(frequencyRelation(VICTIM, range(87_501, 100_001)), {
        kind: 'co_channel',
        gapHz: -1,
        offsetHz: -12_499,
      });
    });

    it(
      'when the ranges touch (victim high = interferer low, half-open), ' +
        'then adjacent_channel with gap 0, not co_channel',
      () => {
        assert.deepEqual(frequencyRelation(VICTIM, range(112_500, 125_000)), {
          kind: 'adjacent_channel',
          gapHz: 0,
          offsetHz: 12_500,
        });
        assert.deepEqual(frequencyRelation(VICTIM, range(87_500, 100_000)), {
          kind: 'adjacent_channel',
          gapHz: 0,
          offsetHz: -12_500,
        });
      },
    );

    it('when the gap equals the guard exactly (12 500 Hz), then adjacent_channel (inclusive)', () => {
      assert.deepEqual(frequencyRelation(VICTIM, range(125_000, 137_500)), {
        kind: 'adjacent_channel',
        gapHz: 12_500,
        offsetHz: 25_000,
      });
      assert.deepEqual(frequencyRelation(VICTIM, range(75_000, 87_500)), {
        kind: 'adjacent_channel',
        gapHz: 12_500,
        offsetHz: -25_000,
      });
    });

    it('when the gap is the guard + 1 Hz, then unrelated (kind null) with the gap and offset still reported', () => {
      assert.deepEqual(frequencyRelation(VICTIM, range(125_001, 137_501)), {
        kind: null,
        gapHz: 12_501,
        offsetHz: 25_001,
      });
      assert.deepEqual(frequencyRelation(VICTIM, range(74_999, 87_499)), {
        kind: null,
        gapHz: 12_501,
        offsetHz: -25_001,
      });
    });

    it(
      'when the interferer lies inside the victim (nested), ' +
        'then co_channel with gap −(inner width) and the centre offset',
      () => {
        assert.deepEqual(frequencyRelation(VICTIM, range(104_000, 106_000)), {
          kind: 'co_channel',
          gapHz: -2_000,
          offsetHz: -1_250,
        });
      },
    );

    it('when the victim lies inside the interferer (nested the other way), then co_channel', () => {
      const narrow: VictimRangeHz = { occupiedLowHz: 104_000, occupiedHighHz: 106_000, adjacentGuardHz: 0 };
      assert.deepEqual(frequencyRelation(narrow, range(100_000, 112_500)), {
        kind: 'co_channel',
        gapHz: -2_000,
        offsetHz: 1_250,
      });
    });

    it('when the victim guard is 0, then touching ranges are adjacent and a 1 Hz gap is unrelated', () => {
      const tv: VictimRangeHz = { occupiedLowHz: 470_000_000, occupiedHighHz: 478_000_000, adjacentGuardHz: 0 };
      assert.equal(frequencyRelation(tv, range(478_000_000, 486_000_000)).kind, 'adjacent_channel');
      assert.deepEqual(frequencyRelation(tv, range(478_000_001, 486_000_001)), {
        kind: null,
        gapHz: 1,
        offsetHz: 8_000_001,
      });
      assert.equal(frequencyRelation(tv, range(477_999_999, 485_999_999)).kind, 'co_channel');
    });

    it(
      'when the victim guard is null, ' +
        'then the guard is the wider of the two widths (here the interferer, 200 kHz)',
      () => {
        const victim: VictimRangeHz = {
          occupiedLowHz: 100_000_000,
          occupiedHighHz: 100_012_500,
          adjacentGuardHz: null,
        };
        assert.equal(frequencyRelation(victim, range(100_212_500, 100_412_500)).kind, 'adjacent_channel');
        assert.deepEqual(frequencyRelation(victim, range(100_212_501, 100_412_501)), {
          kind: null,
          gapHz: 200_001,
          offsetHz: 306_251,
        });
      },
    );

    it('when the victim guard is null and the victim is the wider one, then its own width is the guard', () => {
      const victim: VictimRangeHz = { occupiedLowHz: 0, occupiedHighHz: 25_000, adjacentGuardHz: null };
      assert.equal(frequencyRelation(victim, range(50_000, 62_500)).kind, 'adjacent_channel');
      assert.equal(frequencyRelation(victim, range(50_001, 62_501)).kind, null);
    });

    it('when two services have different guards, then (A, B) can be related while (B, A) is not', () => {
      const a: VictimRangeHz = { occupiedLowHz: 0, occupiedHighHz: 12_500, adjacentGuardHz: 25_000 };
      const b: VictimRangeHz = { occupiedLowHz: 32_500, occupiedHighHz: 45_000, adjacentGuardHz: 12_500 };
      assert.equal(frequencyRelation(a, b).kind, 'adjacent_channel');
      assert.equal(frequencyRelation(b, a).kind, null);
    });

    it(
      'when a range has low > high or a bound is not finite, or the guard is negative, ' +
        'then a RangeError is thrown',
      () => {
        assert.throws(() => frequencyRelation(VICTIM, range(200, 100)), RangeError);
        assert.throws(() => frequencyRelation({ ...VICTIM, occupiedHighHz: Number.NaN }, range(0, 1)), RangeError);
        assert.throws(() => frequencyRelation({ ...VICTIM, adjacentGuardHz: -1 }, range(0, 1)), RangeError);
      },
    );

    it('when called, then neither input is modified', () => {
      const victim = { ...VICTIM };
      const interferer = range(112_500, 125_000);
      frequencyRelation(victim, interferer);
      assert.deepEqual(victim, VICTIM);
      assert.deepEqual(interferer, range(112_500, 125_000));
    });
  });

  describe('adjacentGuardForPairHz', () => {
    it('when the victim has a guard, then it is used whatever the widths', () => {
      assert.equal(adjacentGuardForPairHz(VICTIM, range(0, 1_000_000)), 12_500);
    });

    it('when the victim guard is null, then the wider occupied width is used', () => {
      assert.equal(adjacentGuardForPairHz({ ...VICTIM, adjacentGuardHz: null }, range(0, 200_000)), 200_000);
    });
  });
});
