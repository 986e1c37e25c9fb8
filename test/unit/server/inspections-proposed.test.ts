import assert from 'node:assert/strict';
import {
  frequencyErrorOf,
  frequencyToleranceHz,
  proposeFindings,
  type LicensedFacts,
  type Observation,
} from '../../../server/modules/inspections/proposed-findings';

const TODAY = '2026-11-26';
const licensed: LicensedFacts = {
  licenceStatus: 'issued',
  validTo: '2030-12-31',
  service: 'land_mobile',
  latitude: 12.6667,
  longitude: 108.038,
  erpW: 50,
  txFrequenciesHz: [160_012_500],
  bandwidthHz: 12_500,
};
const atSite = { latitude: 12.6667, longitude: 108.038 };
const obs = (over: Partial<Observation> = {}): Observation => ({
  position: atSite,
  measurements: [],
  today: TODAY,
  ...over,
});
const reading = (m: Partial<{ frequencyHz: number; frequencyErrorHz: number; bandwidthHz: number; erpW: number }>) => ({
  frequencyHz: null,
  frequencyErrorHz: null,
  bandwidthHz: null,
  erpW: null,
  ...m,
});
const categories = (l: LicensedFacts | null, o: Observation) =>
  proposeFindings(l, o)
    .map((p) => p.category)
    .sort();

describe('inspections: proposed findings', () => {
  it('proposes nothing for a compliant station measured within every limit', () => {
    const o = obs({
      measurements: [reading({ frequencyHz: 160_012_900, bandwidthHz: 12_000, erpW: 55 })],
      position: { latitude: 12.6672, longitude: 108.038 },
    });
    assert.deepEqual(proposeFindings(licensed, o), []);
  });

  it('frequency error beyond the tolerance (5 ppm for land mobile: 800 Hz at 160 MHz) is a frequency deviation', () => {
    assert.equal(Math.round(frequencyToleranceHz('land_mobile', 160_012_500)), 800);
    assert.equal(frequencyToleranceHz('fm_broadcast', 100_000_000), 2000);
    assert.deepEqual(categories(licensed, obs({ measurements: [reading({ frequencyHz: 160_013_400 })] })), [
      'frequency_deviation',
    ]);
    assert.deepEqual(categories(licensed, obs({ measurements: [reading({ frequencyErrorHz: -1200 })] })), [
      'frequency_deviation',
    ]);
    assert.deepEqual(categories(licensed, obs({ measurements: [reading({ frequencyHz: 160_013_200 })] })), []);
    assert.equal(frequencyErrorOf(reading({ frequencyHz: 160_000_000 }), [150_000_000, 160_012_500]), -12_500);
  });

  it('ERP more than 1 dB above the licence is excess power; 1 dB or less is not', () => {
    // +1.04 dB
    assert.deepEqual(categories(licensed, obs({ measurements: [reading({ erpW: 63.5 })] })), ['excess_power']);
    assert.deepEqual(categories(licensed, obs({ measurements: [reading({ erpW: 62.9 })] })), []); // +0.997 dB
    const big = proposeFindings(licensed, obs({ measurements: [reading({ erpW: 200 })] }))[0];
    assert.equal(big?.severity, 'major');
    assert.equal(big?.params.excessDb, 6);
  });

  it('a site more than 100 m from the licensed position is a location mismatch', () => {
    // 0.0008° ≈ 89 m
    assert.deepEqual(categories(licensed, obs({ position: { latitude: 12.6675, longitude: 108.038 } })), []);
    // 0.0010° ≈ 111 m
    const far = proposeFindings(licensed, obs({ position: { latitude: 12.6677, longitude: 108.038 } }));
    assert.deepEqual(
      far.map((p) => p.category),
      ['location_mismatch'],
    );
    assert.equal(far[0]?.params.metres, 111);
    assert.deepEqual(categories(licensed, obs({ position: null })), [], 'no position, no site check');
  });

  it('measured bandwidth wider than licensed is bandwidth exceeded', () => {
    assert.deepEqual(categories(licensed, obs({ measurements: [reading({ bandwidthHz: 25_000 })] })), [
      'bandwidth_exceeded',
    ]);
  });

  it('an expired, suspended or never-issued licence, or none at all, is proposed as such', () => {
    assert.deepEqual(categories({ ...licensed, licenceStatus: 'expired' }, obs()), ['expired_licence']);
    assert.deepEqual(categories({ ...licensed, validTo: '2026-11-01' }, obs()), ['expired_licence']);
    assert.deepEqual(categories({ ...licensed, licenceStatus: 'suspended' }, obs()), ['unlicensed_operation']);
    assert.deepEqual(categories({ ...licensed, licenceStatus: 'revoked' }, obs()), ['unlicensed_operation']);
    const none = proposeFindings(null, obs({ measurements: [reading({ erpW: 1000 })] }));
    assert.deepEqual(
      none.map((p) => [p.category, p.severity]),
      [['unlicensed_operation', 'critical']],
    );
  });
});
