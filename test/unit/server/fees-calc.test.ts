/**
 * The fee calculation (SPEC §11) on a table of cases: every service and licence type, class bounds,
 * exemptions, a partial first year pro rata, a schedule change mid-term, and the rounding to whole đồng.
 */
import assert from 'node:assert/strict';
import { FEE_EXEMPTION_SEED, FEE_SCHEDULE_SEED } from '../../../server/db/seeds/fee-schedule';
import {
  annualFeeVnd,
  calculateNotice,
  feeYearOf,
  proRataVnd,
  rateFor,
  type ExemptionRow,
  type FeeSubject,
  type RateRow,
} from '../../../server/modules/fees/fees.calc';

const ROWS: RateRow[] = FEE_SCHEDULE_SEED.map((r, i) => ({ ...r, id: i + 1, placeholder: true }));
const EXEMPTIONS: ExemptionRow[] = FEE_EXEMPTION_SEED.map((e, i) => ({ ...e, id: i + 1 }));

function subject(service: string, o: Partial<FeeSubject> & { erpW?: number; bandwidthHz?: number } = {}): FeeSubject {
  return {
    type: 'frequency_equipment',
    service,
    licenseeKind: 'enterprise',
    validFrom: '2026-01-01',
    validTo: '2030-12-31',
    stations: [{ id: 1, name: 'Trạm 1', erpW: o.erpW ?? 50, bandwidthHz: o.bandwidthHz ?? 12_500 }],
    ...o,
  };
}

describe('fees: calculation', () => {
  const fullYear: [string, { erpW?: number; bandwidthHz?: number }, number, number][] = [
    // service, class, grant fee, annual use fee (seeded placeholders)
    ['fm_broadcast', { erpW: 500 }, 1_000_000, 6_000_000],
    ['fm_broadcast', { erpW: 1000 }, 1_000_000, 12_000_000],
    ['fm_broadcast', { erpW: 25_000 }, 1_000_000, 24_000_000],
    ['tv_broadcast', { erpW: 999 }, 1_000_000, 10_000_000],
    ['tv_broadcast', { erpW: 5000 }, 1_000_000, 30_000_000],
    ['land_mobile', { bandwidthHz: 12_500 }, 300_000, 500_000],
    ['land_mobile', { bandwidthHz: 25_000 }, 300_000, 1_000_000],
    ['fixed_link', { bandwidthHz: 3_500_000 }, 500_000, 2_000_000],
    ['fixed_link', { bandwidthHz: 28_000_000 }, 500_000, 5_000_000],
    ['amateur', {}, 300_000, 200_000],
    ['maritime', {}, 300_000, 400_000],
    ['aeronautical', {}, 300_000, 1_000_000],
    ['other', {}, 300_000, 500_000],
  ];
  for (const [service, cls, grant, annual] of fullYear) {
    it(`when ${service} ${JSON.stringify(cls)} is approved on validFrom, then ${grant} + ${annual}`, () => {
      const c = calculateNotice('grant', subject(service, cls), ROWS, EXEMPTIONS, '2026-01-01');
      assert.deepEqual(
        c.lines.map((l) => [l.kind, l.amountVnd]),
        [
          ['grant', grant],
          ['annual_use', annual],
        ],
      );
      assert.equal(c.totalVnd, grant + annual);
      assert.deepEqual(c.period, { from: '2026-01-01', to: '2026-12-31' });
      for (const l of c.lines) {
        const row = ROWS.find((r) => r.id === l.scheduleRowId);
        assert.ok(row, 'each line names its schedule row');
        assert.equal(row.amountVnd, l.rateVnd);
        assert.equal(l.placeholder, true);
      }
    });
  }

  it('when a band licence is approved, then one grant and one use line for the licence (no station lines)', () => {
    const s = subject('fixed_link', { type: 'frequency_band', stations: [] });
    const c = calculateNotice('grant', s, ROWS, EXEMPTIONS, '2026-01-01');
    assert.deepEqual(
      c.lines.map((l) => [l.kind, l.amountVnd]),
      [
        ['grant', 20_000_000],
        ['annual_use', 100_000_000],
      ],
    );
  });

  it('when an equipment licence has three stations, then one use line per station at its own class', () => {
    const s = subject('fm_broadcast', {
      stations: [
        { id: 1, name: 'A', erpW: 100, bandwidthHz: 200_000 },
        { id: 2, name: 'B', erpW: 2000, bandwidthHz: 200_000 },
        { id: 3, name: 'C', erpW: 20_000, bandwidthHz: 200_000 },
      ],
    });
    const c = calculateNotice('annual', s, ROWS, EXEMPTIONS, '2027-01-01');
    assert.deepEqual(
      c.lines.map((l) => [l.stationId, l.amountVnd]),
      [
        [1, 6_000_000],
        [2, 12_000_000],
        [3, 24_000_000],
      ],
    );
    assert.equal(annualFeeVnd(s, ROWS, EXEMPTIONS, '2027-03-01'), 42_000_000);
  });

  const exempt: [string, string, string, boolean][] = [
    ['commune loudspeaker station', 'loudspeaker', 'state_agency', true],
    ['defence', 'land_mobile', 'public_security_defence', true],
    ['fishing vessel (maritime, individual)', 'maritime', 'individual', true],
    ['maritime enterprise', 'maritime', 'enterprise', false],
    ['an enterprise', 'land_mobile', 'enterprise', false],
  ];
  for (const [what, service, licenseeKind, isExempt] of exempt) {
    it(`when the licensee is ${what}, then ${isExempt ? 'every line is 0 with its basis' : 'it pays'}`, () => {
      const c = calculateNotice('grant', subject(service, { licenseeKind }), ROWS, EXEMPTIONS, '2026-01-01');
      assert.equal(c.totalVnd === 0, isExempt);
      for (const l of c.lines) {
        assert.equal(l.exemptionId !== null, isExempt);
        if (isExempt) assert.match(l.description, /exempt: Thông tư 265\/2016/);
        assert.ok(l.rateVnd > 0, 'the schedule rate stays visible');
      }
    });
  }

  it('when a licence is approved after validFrom, then the first year is pro rata by days, rounded half up', () => {
    // 2026-07-02 .. 2026-12-31 = 183 days of 365: 500 000 × 183 / 365 = 250 684.93 → 250 685.
    const c = calculateNotice('grant', subject('land_mobile'), ROWS, EXEMPTIONS, '2026-07-02');
    assert.deepEqual(c.period, { from: '2026-07-02', to: '2026-12-31' });
    const use = c.lines[1];
    assert.equal(use?.amountVnd, 250_685);
    assert.equal(use?.days, 183);
    assert.equal(use?.daysInYear, 365);
    assert.equal(c.lines[0]?.amountVnd, 300_000, 'the grant fee is never pro rata');
  });

  it('when a licence is issued after its term ended, then only the grant fee is billed, never negative days', () => {
    const s = subject('tv_broadcast', { validFrom: '2024-07-08', validTo: '2025-07-07', erpW: 5000 });
    const c = calculateNotice('grant', s, ROWS, EXEMPTIONS, '2026-12-07');
    assert.deepEqual(c.period, { from: '2026-12-07', to: '2026-12-07' });
    assert.deepEqual(
      c.lines.map((l) => [l.kind, l.amountVnd]),
      [['grant', 1_000_000]],
    );
    assert.equal(c.totalVnd, 1_000_000);
  });

  it('when the fee year holds 29 February, then it counts 366 days', () => {
    const s = subject('land_mobile', { validFrom: '2027-06-01', validTo: '2031-05-31' });
    const c = calculateNotice('grant', s, ROWS, EXEMPTIONS, '2027-12-01');
    assert.deepEqual(c.period, { from: '2027-12-01', to: '2028-05-31' });
    // 183 of 366 days: exactly half.
    assert.equal(c.lines[1]?.amountVnd, 250_000);
  });

  it('when a term ends mid-year, then the last annual notice is pro rata', () => {
    const s = subject('land_mobile', { validFrom: '2026-01-01', validTo: '2027-03-31' });
    const c = calculateNotice('annual', s, ROWS, EXEMPTIONS, '2027-01-01');
    assert.deepEqual(c.period, { from: '2027-01-01', to: '2027-03-31' });
    assert.equal(c.lines[0]?.amountVnd, proRataVnd(500_000, 90, 365));
    assert.equal(c.lines[0]?.amountVnd, 123_288);
  });

  it('when the schedule changes mid-term, then each period takes the rate in force on its first day', () => {
    const next: RateRow = {
      ...(ROWS.find(
        (r) => r.kind === 'annual_use' && r.service === 'land_mobile' && r.bandwidthMaxHz === 25_000,
      ) as RateRow),
      id: 9999,
      effectiveFrom: '2027-06-01',
      amountVnd: 800_000,
    };
    const rows = [...ROWS, next];
    const s = subject('land_mobile');
    assert.equal(calculateNotice('annual', s, rows, EXEMPTIONS, '2027-01-01').totalVnd, 500_000);
    const later = calculateNotice('annual', s, rows, EXEMPTIONS, '2028-01-01');
    assert.equal(later.totalVnd, 800_000);
    assert.equal(later.lines[0]?.scheduleRowId, 9999);
    // The rate on a day: the latest effectiveFrom on or before it.
    const q = { kind: 'annual_use' as const, licenceType: 'frequency_equipment', service: 'land_mobile' };
    assert.equal(rateFor(rows, q, '2027-05-31')?.amountVnd, 500_000);
    assert.equal(rateFor(rows, q, '2027-06-01')?.amountVnd, 800_000);
    assert.equal(rateFor(rows, q, '2016-12-31'), null);
  });

  it('when a renewed or amended revision is issued, then its notice has the renewal or amendment fee only', () => {
    const r = calculateNotice('renewal', subject('tv_broadcast'), ROWS, EXEMPTIONS, '2030-12-01');
    assert.deepEqual(
      r.lines.map((l) => [l.kind, l.amountVnd]),
      [['renewal', 1_000_000]],
    );
    const a = calculateNotice('amendment', subject('tv_broadcast'), ROWS, EXEMPTIONS, '2028-02-01');
    assert.deepEqual(
      a.lines.map((l) => [l.kind, l.amountVnd]),
      [['amendment', 500_000]],
    );
  });

  it('when amounts are prorated, then halves round up and the rest to the nearest đồng', () => {
    assert.equal(proRataVnd(1, 1, 2), 1);
    assert.equal(proRataVnd(3, 1, 2), 2);
    assert.equal(proRataVnd(1, 1, 3), 0);
    assert.equal(proRataVnd(2, 1, 3), 1);
    assert.equal(proRataVnd(100_000_000, 1, 365), 273_973);
    assert.equal(proRataVnd(999_999_999_999, 365, 366), 997_267_759_562);
  });

  it('when a date is in a term, then its fee year runs anniversary to anniversary', () => {
    assert.deepEqual(feeYearOf('2024-02-29', '2025-03-01'), { from: '2025-02-28', to: '2026-02-27' });
    assert.deepEqual(feeYearOf('2026-01-01', '2026-01-01'), { from: '2026-01-01', to: '2026-12-31' });
    assert.deepEqual(feeYearOf('2026-01-01', '2035-12-31'), { from: '2035-01-01', to: '2035-12-31' });
  });

  it('when every service and licence type is asked, then the seeded schedule has a row for each kind', () => {
    for (const type of ['frequency_equipment', 'frequency_band'])
      for (const service of [
        'fm_broadcast',
        'tv_broadcast',
        'land_mobile',
        'fixed_link',
        'amateur',
        'loudspeaker',
        'maritime',
        'aeronautical',
        'other',
      ])
        for (const kind of ['grant', 'annual_use', 'renewal', 'amendment'] as const)
          assert.ok(rateFor(ROWS, { kind, licenceType: type, service }, '2026-01-01'), `${type} ${service} ${kind}`);
  });
});
