import assert from 'node:assert/strict';
import {
  MAX_FREQUENCY_HZ,
  MIN_FREQUENCY_HZ,
  parseBandwidthHz,
  parseCoordinateDeg,
  parseFrequencyHz,
} from '../../../geo/units';

describe('geo/units', () => {
  describe('parseFrequencyHz', () => {
    it('when a frequency is given in MHz with a decimal point, then it is read as integer Hz', () => {
      assert.deepEqual(parseFrequencyHz('100.5 MHz'), { ok: true, hz: 100_500_000 });
    });

    it('when a frequency is given in kHz, then it is multiplied by 1000', () => {
      assert.deepEqual(parseFrequencyHz('455 kHz'), { ok: true, hz: 455_000 });
    });

    it('when a Vietnamese decimal comma is used ("12,5 kHz"), then it is read as a decimal point', () => {
      assert.deepEqual(parseFrequencyHz('12,5 kHz'), { ok: true, hz: 12_500 });
    });

    it('when a frequency is given in GHz, then it is multiplied by 10^9', () => {
      assert.deepEqual(parseFrequencyHz('3.4 GHz'), { ok: true, hz: 3_400_000_000 });
    });

    it('when the unit is written in another case or without a space, then it is still recognised', () => {
      assert.deepEqual(parseFrequencyHz('  88MHZ '), { ok: true, hz: 88_000_000 });
    });

    it('when the unit is missing, then the value is refused with reason "unit"', () => {
      assert.deepEqual(parseFrequencyHz('100.5'), { ok: false, reason: 'unit' });
    });

    it('when the unit is missing but a default unit is given, then the default unit is used', () => {
      assert.deepEqual(parseFrequencyHz('100.5', 'MHz'), { ok: true, hz: 100_500_000 });
    });

    it('when the unit is unknown ("100 MegaHz"), then the value is refused with reason "unit"', () => {
      assert.deepEqual(parseFrequencyHz('100 MegaHz'), { ok: false, reason: 'unit' });
    });

    it('when the text is not a number ("abc"), then it is refused with reason "format"', () => {
      assert.deepEqual(parseFrequencyHz('abc'), { ok: false, reason: 'format' });
    });

    it('when the number is negative or has two decimal separators, then it is refused with reason "format"', () => {
      assert.deepEqual(parseFrequencyHz('-5 MHz'), { ok: false, reason: 'format' });
      assert.deepEqual(parseFrequencyHz('1.2.3 MHz'), { ok: false, reason: 'format' });
    });

    it('when the frequency is below 9 kHz, then it is refused with reason "range"', () => {
      assert.deepEqual(parseFrequencyHz('8.999 kHz'), { ok: false, reason: 'range' });
      assert.deepEqual(parseFrequencyHz('50 Hz'), { ok: false, reason: 'range' });
    });

    it('when the frequency is exactly 9 kHz or exactly 3000 GHz, then it is accepted', () => {
      assert.deepEqual(parseFrequencyHz('9 kHz'), { ok: true, hz: MIN_FREQUENCY_HZ });
      assert.deepEqual(parseFrequencyHz('3000 GHz'), { ok: true, hz: MAX_FREQUENCY_HZ });
    });

    it('when the frequency is above 3000 GHz, then it is refused with reason "range"', () => {
      assert.deepEqual(parseFrequencyHz('3000.001 GHz'), { ok: false, reason: 'range' });
      assert.deepEqual(parseFrequencyHz('4000 GHz'), { ok: false, reason: 'range' });
    });

    it('when the value has more precision than 1 Hz, then it is rounded to the nearest integer Hz', () => {
      const down = parseFrequencyHz('100.0000004 MHz');
      const up = parseFrequencyHz('100.0000006 MHz');
      const kHz = parseFrequencyHz('12.3456 kHz');
      assert.deepEqual(down, { ok: true, hz: 100_000_000 });
      assert.deepEqual(up, { ok: true, hz: 100_000_001 });
      assert.deepEqual(kHz, { ok: true, hz: 12_346 });
      for (const r of [down, up, kHz]) assert.ok(r.ok && Number.isInteger(r.hz));
    });
  });

  describe('parseBandwidthHz', () => {
    it('when a small width like "12.5 kHz" is given, then it is accepted', () => {
      assert.deepEqual(parseBandwidthHz('12.5 kHz'), { ok: true, hz: 12_500 });
    });

    it('when a width below the 9 kHz frequency floor like "25 Hz" is given, then it is still accepted', () => {
      assert.deepEqual(parseBandwidthHz('25 Hz'), { ok: true, hz: 25 });
      assert.deepEqual(parseBandwidthHz('2,7 kHz'), { ok: true, hz: 2_700 });
    });

    it('when a width rounds to 0 Hz, then it is refused with reason "range"', () => {
      assert.deepEqual(parseBandwidthHz('0 Hz'), { ok: false, reason: 'range' });
      assert.deepEqual(parseBandwidthHz('0.4 Hz'), { ok: false, reason: 'range' });
    });

    it('when a width is above 3000 GHz, then it is refused with reason "range"', () => {
      assert.deepEqual(parseBandwidthHz('3001 GHz'), { ok: false, reason: 'range' });
    });

    it('when a width has no unit or is not a number, then it is refused with reason "unit" or "format"', () => {
      assert.deepEqual(parseBandwidthHz('25'), { ok: false, reason: 'unit' });
      assert.deepEqual(parseBandwidthHz('wide'), { ok: false, reason: 'format' });
    });
  });

  describe('parseCoordinateDeg', () => {
    it('when a decimal latitude is given, then it is returned as is', () => {
      assert.equal(parseCoordinateDeg('12.6667', 'lat'), 12.6667);
      assert.equal(parseCoordinateDeg('-0.5', 'lat'), -0.5);
    });

    it('when a decimal comma is used, then it is read as a decimal point', () => {
      assert.equal(parseCoordinateDeg('108,038', 'lon'), 108.038);
      assert.equal(parseCoordinateDeg('-0,5', 'lat'), -0.5);
    });

    it(`when a DMS latitude 12°40'00"N is given, then it is 12.6667° within 1e-4`, () => {
      const v = parseCoordinateDeg(`12°40'00"N`, 'lat');
      assert.ok(v !== null);
      assert.ok(Math.abs(v - (12 + 40 / 60)) < 1e-4, `got ${v}`);
      assert.ok(Math.abs(v - 12.6667) < 1e-4, `got ${v}`);
    });

    it(`when a DMS longitude 108°02'17"E is given, then it is 108 + 2/60 + 17/3600 degrees`, () => {
      const v = parseCoordinateDeg(`108°02'17"E`, 'lon');
      assert.ok(v !== null);
      assert.ok(Math.abs(v - (108 + 2 / 60 + 17 / 3600)) < 1e-9, `got ${v}`);
    });

    it('when DMS is written with spaces or typographic primes, then it is read the same way', () => {
      const spaced = parseCoordinateDeg('108 2 17 E', 'lon');
      const primes = parseCoordinateDeg('108°02′17″E', 'lon');
      const expected = 108 + 2 / 60 + 17 / 3600;
      assert.ok(spaced !== null && Math.abs(spaced - expected) < 1e-9, `got ${spaced}`);
      assert.ok(primes !== null && Math.abs(primes - expected) < 1e-9, `got ${primes}`);
    });

    it('when the hemisphere is S or W, then the value is negative', () => {
      const s = parseCoordinateDeg(`33°52'00"S`, 'lat');
      const w = parseCoordinateDeg(`77°02'00"W`, 'lon');
      assert.ok(s !== null && Math.abs(s + (33 + 52 / 60)) < 1e-9, `got ${s}`);
      assert.ok(w !== null && Math.abs(w + (77 + 2 / 60)) < 1e-9, `got ${w}`);
    });

    it('when the minutes or seconds are 60 or more, then the value is refused (null)', () => {
      assert.equal(parseCoordinateDeg(`12°60'00"N`, 'lat'), null);
      assert.equal(parseCoordinateDeg(`12°40'60"N`, 'lat'), null);
    });

    it('when a latitude is beyond 90°, then it is refused (null)', () => {
      assert.equal(parseCoordinateDeg('90.0001', 'lat'), null);
      assert.equal(parseCoordinateDeg(`91°00'00"N`, 'lat'), null);
      assert.equal(parseCoordinateDeg('90', 'lat'), 90);
    });

    it('when a longitude is beyond 180°, then it is refused (null)', () => {
      assert.equal(parseCoordinateDeg('180.5', 'lon'), null);
      assert.equal(parseCoordinateDeg('-181', 'lon'), null);
      assert.equal(parseCoordinateDeg('-180', 'lon'), -180);
    });

    it('when a latitude carries a longitude hemisphere letter (E/W), then it is refused (null)', () => {
      assert.equal(parseCoordinateDeg(`12°40'00"E`, 'lat'), null);
      assert.equal(parseCoordinateDeg(`12°40'00"W`, 'lat'), null);
    });

    it('when a longitude carries a latitude hemisphere letter (N/S), then it is refused (null)', () => {
      assert.equal(parseCoordinateDeg(`108°02'17"N`, 'lon'), null);
    });

    it('when the input is empty or only spaces, then the result is null', () => {
      assert.equal(parseCoordinateDeg('', 'lat'), null);
      assert.equal(parseCoordinateDeg('   ', 'lon'), null);
    });

    it('when the input is not a coordinate, then the result is null', () => {
      assert.equal(parseCoordinateDeg('north', 'lat'), null);
    });
  });
});
