import assert from 'node:assert/strict';
import { DIPOLE_GAIN_DBI, dbwToW, eirpDbw, erpDbw, erpW, wToDbw } from '../../../geo/power';

function assertClose(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

describe('geo/power', () => {
  describe('erpDbw / erpW (SPEC §4.1)', () => {
    it(
      'when 25 W feeds a 6 dBi antenna through 1 dB of feeder loss, ' +
        'then the ERP is 10·log10(25) + 6 − 2.15 − 1 ≈ 16.83 dBW ≈ 48.2 W',
      () => {
        const expectedDbw = 10 * Math.log10(25) + 6 - 2.15 - 1;
        assertClose(erpDbw(25, 6, 1), expectedDbw, 1e-12, 'ERP dBW');
        assertClose(erpDbw(25, 6, 1), 16.83, 0.005, 'ERP dBW');
        assertClose(erpW(25, 6, 1), 48.2, 0.1, 'ERP W');
        assertClose(erpW(25, 6, 1), 10 ** (expectedDbw / 10), 1e-9, 'ERP W');
      },
    );

    it('when 1 W feeds a half-wave dipole (2.15 dBi) without loss, then the ERP is exactly 0 dBW = 1 W', () => {
      assertClose(erpDbw(1, 2.15, 0), 0, 1e-9, 'ERP dBW');
      assertClose(erpW(1, 2.15, 0), 1, 1e-9, 'ERP W');
    });

    it('when 100 kW feeds a 0 dBi antenna without loss, then the ERP is 50 − 2.15 = 47.85 dBW', () => {
      assertClose(erpDbw(100_000, 0, 0), 47.85, 1e-9, 'ERP dBW');
      assertClose(erpW(100_000, 0, 0), 100_000 / 10 ** 0.215, 1e-6, 'ERP W');
    });

    it('when 100 kW feeds a 12.15 dBi antenna through 2 dB of loss, then the ERP is 58 dBW (about 631 kW)', () => {
      assertClose(erpDbw(100_000, 12.15, 2), 58, 1e-9, 'ERP dBW');
      assertClose(erpW(100_000, 12.15, 2), 630_957.3, 0.1, 'ERP W');
    });

    it('when the feeder loss grows by 3 dB, then the ERP in W falls by 10^(−0.3), about half', () => {
      assertClose(erpW(50, 8, 4) / erpW(50, 8, 1), 10 ** -0.3, 1e-12, 'ratio');
      assertClose(erpW(50, 8, 4) / erpW(50, 8, 1), 0.5, 0.002, 'ratio');
    });
  });

  describe('eirpDbw', () => {
    it('when EIRP is computed, then it equals ERP + 2.15 dB', () => {
      for (const [p, g, l] of [
        [25, 6, 1],
        [1, 2.15, 0],
        [100_000, 0, 0],
        [0.5, -3, 0.2],
      ] as const) {
        assertClose(eirpDbw(p, g, l), erpDbw(p, g, l) + 2.15, 1e-12, `EIRP(${p}, ${g}, ${l})`);
      }
      assert.equal(DIPOLE_GAIN_DBI, 2.15);
    });

    it('when 10 W feeds a 3 dBi antenna through 3 dB of loss, then the EIRP is 10 dBW', () => {
      assertClose(eirpDbw(10, 3, 3), 10, 1e-12, 'EIRP dBW');
    });
  });

  describe('dbwToW / wToDbw', () => {
    it('when watts are converted to dBW and back, then the round trip returns the input', () => {
      assert.equal(wToDbw(1), 0);
      assertClose(wToDbw(1000), 30, 1e-12, '1 kW');
      assertClose(dbwToW(30), 1000, 1e-9, '30 dBW');
      assertClose(dbwToW(-30), 0.001, 1e-15, '-30 dBW');
      for (const w of [0.001, 1, 25, 48.2, 1e5]) assertClose(dbwToW(wToDbw(w)), w, w * 1e-12, `${w} W`);
    });
  });

  describe('refusals', () => {
    it('when the transmitter power is zero or negative, then a RangeError is thrown', () => {
      for (const fn of [erpDbw, erpW, eirpDbw]) {
        assert.throws(() => fn(0, 6, 1), RangeError);
        assert.throws(() => fn(-5, 6, 1), RangeError);
      }
      assert.throws(() => wToDbw(0), RangeError);
      assert.throws(() => wToDbw(-1), RangeError);
    });

    it('when any input is NaN or infinite, then a RangeError is thrown', () => {
      for (const fn of [erpDbw, erpW, eirpDbw]) {
        assert.throws(() => fn(Number.NaN, 6, 1), RangeError);
        assert.throws(() => fn(Number.POSITIVE_INFINITY, 6, 1), RangeError);
        assert.throws(() => fn(25, Number.NaN, 1), RangeError);
        assert.throws(() => fn(25, Number.NEGATIVE_INFINITY, 1), RangeError);
        assert.throws(() => fn(25, 6, Number.NaN), RangeError);
        assert.throws(() => fn(25, 6, Number.POSITIVE_INFINITY), RangeError);
      }
      assert.throws(() => wToDbw(Number.NaN), RangeError);
      assert.throws(() => dbwToW(Number.NaN), RangeError);
      assert.throws(() => dbwToW(Number.POSITIVE_INFINITY), RangeError);
    });

    it('when the power is refused, then the message names the input', () => {
      assert.throws(() => erpDbw(0, 6, 1), /txPowerW/);
      assert.throws(() => erpDbw(25, Number.NaN, 1), /antennaGainDbi/);
      assert.throws(() => erpDbw(25, 6, Number.NaN), /feederLossDb/);
    });
  });
});
