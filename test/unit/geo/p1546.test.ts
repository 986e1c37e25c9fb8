/**
 * ITU-R P.1546-6 (geo/propagation/p1546): each Annex 5 step on hand-worked values, the curve module
 * against ../shared/data/p1546-curves.csv, the distance solve, and the P.1546 footprint. The ITU
 * reference's validation set is checked in p1546-validation.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { coverageFootprint, reachEnvelopeBoxDeg, type ReceptionParams, type TxSite } from '../../../geo/coverage';
import { P1546_REACH_FLOOR_DBUV_M, p1546ReachKm } from '../../../geo/coverage/footprint';
import { radioHorizonKm } from '../../../geo/propagation';
import {
  basicTransmissionLossDb,
  bracket,
  curveTable,
  d06Km,
  fieldAtDistance,
  fieldAtFrequency,
  fieldAtTime,
  fieldForHighH1,
  fieldForLowH1,
  knifeEdgeJ,
  maxFieldDbuvM,
  mixedPathFieldDbuvM,
  negativeH1CorrectionDb,
  P1546_CURVES,
  P1546_DISTANCES_KM,
  P1546_HEIGHTS_M,
  p1546DistanceForFieldKm,
  p1546FieldStrength,
  qi,
  receiverHeightCorrection,
  shortPathFieldDbuvM,
  slopePathCorrectionDb,
  tabulated,
  terrainClearanceCorrectionDb,
  transmitterHeightH1M,
  tropoScatterFieldDbuvM,
  txClutterCorrectionDb,
  type P1546Input,
  type P1546RadialParams,
} from '../../../geo/propagation/p1546';
import { parseCurvesCsv } from '../../../server/cli/data-p1546';
import { mulberry32 } from '../../../server/lib/prng';

const CURVES_CSV = path.resolve(__dirname, '../../../../shared/data/p1546-curves.csv');

function close(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

const LAND_100_50 = curveTable(100, 50, 'land');
const LAND_600_50 = curveTable(600, 50, 'land');
const log10 = Math.log10;

describe('geo/propagation/p1546 (ITU-R P.1546-6)', () => {
  describe('the curve module (geo/propagation/p1546/curves.data.ts)', () => {
    it('when the module is read, then it holds 24 figures of 78 distances × 8 heights and an Emax column', () => {
      assert.equal(P1546_CURVES.length, 24);
      assert.deepEqual(
        P1546_CURVES.map((t) => t.figure),
        Array.from({ length: 24 }, (_, i) => i + 1),
      );
      assert.equal(P1546_DISTANCES_KM.length, 78);
      assert.deepEqual(P1546_HEIGHTS_M, [10, 20, 37.5, 75, 150, 300, 600, 1200]);
      for (const t of P1546_CURVES) {
        assert.equal(t.e.length, 78 * 8, `figure ${t.figure}`);
        assert.equal(t.emax.length, 78, `figure ${t.figure}`);
      }
    });

    if (existsSync(CURVES_CSV)) {
      it('when ../shared/data/p1546-curves.csv is present, then every value of the module equals it', () => {
        const { distancesKm, tables } = parseCurvesCsv(readFileSync(CURVES_CSV, 'utf8'));
        assert.deepEqual(distancesKm, P1546_DISTANCES_KM);
        assert.equal(tables.length, P1546_CURVES.length);
        for (const [i, t] of tables.entries()) {
          const m = P1546_CURVES[i];
          assert.ok(m);
          assert.deepEqual(
            { figure: m.figure, fMhz: m.fMhz, tPercent: m.tPercent, path: m.path },
            { figure: t.figure, fMhz: t.fMhz, tPercent: t.tPercent, path: t.path },
          );
          assert.deepEqual(m.e, t.e, `figure ${t.figure} field strengths`);
          assert.deepEqual(m.emax, t.emax, `figure ${t.figure} Emax`);
        }
        // 16 848 rows: 24 tables × 78 distances × (8 heights + Emax).
        assert.equal(readFileSync(CURVES_CSV, 'utf8').trim().split('\n').length - 1, 16_848);
      });
    } else {
      it('when ../shared/data/p1546-curves.csv is present, then every value of the module equals it (CSV absent)');
    }

    it('when the first row of the CSV (100 MHz, 50 %, land, h1 = 10 m, 1 km) is looked up, then 89.9759', () => {
      assert.equal(tabulated(LAND_100_50, 0, 0), 89.9759);
    });
  });

  describe('Steps 1–4: tables and nominal values', () => {
    const cases: [string, number, number, number, string, number][] = [
      ['100 MHz 50 % land', 100, 50, 0, 'land', 1],
      ['100 MHz 50 % cold sea: the single sea curve', 100, 50, 1, 'sea', 4],
      ['100 MHz 10 % cold sea', 100, 10, 1, 'sea_cold', 5],
      ['600 MHz 1 % warm sea', 600, 1, 2, 'sea_warm', 16],
      ['2000 MHz 10 % land', 2000, 10, 0, 'land', 18],
    ];
    const zones = ['land', 'cold_sea', 'warm_sea'] as const;
    for (const [title, f, t, z, pathName, figure] of cases) {
      it(`when the table for ${title} is chosen, then it is figure ${figure} (${pathName})`, () => {
        const table = curveTable(f, t, zones[z] as (typeof zones)[number]);
        assert.equal(table.figure, figure);
        assert.equal(table.path, pathName);
      });
    }

    const brackets: [number, [number, number]][] = [
      [1, [0, 0]],
      [1.5, [0, 1]],
      [20, [19, 19]],
      [22, [19, 20]],
      [0.5, [0, 1]],
      [1200, [76, 77]],
    ];
    for (const [d, expected] of brackets) {
      it(`when d = ${d} km is bracketed, then the nominal indices are ${expected.join(', ')}`, () => {
        assert.deepEqual(bracket(P1546_DISTANCES_KM, d), expected);
      });
    }
  });

  describe('§3 h1 (eqs. (4)–(7))', () => {
    const cases: [string, Parameters<typeof transmitterHeightH1M>[0], number][] = [
      ['d ≤ 3 km, no terrain: ha (4)', { dKm: 2, heffM: 90, haM: 30, path: 'land', terrainInfo: false }, 30],
      ['3 < d < 15 km, no terrain (5)', { dKm: 9, heffM: 90, haM: 30, path: 'land', terrainInfo: false }, 60],
      ['d < 15 km with terrain: hb (6)', { dKm: 9, heffM: 90, haM: 30, hbM: 70, path: 'land', terrainInfo: true }, 70],
      ['d ≥ 15 km: heff (7)', { dKm: 15, heffM: 90, haM: 30, path: 'land', terrainInfo: false }, 90],
      ['sea: heff, at least 3 m (§3.3)', { dKm: 9, heffM: 1, path: 'sea', terrainInfo: false }, 3],
      ['above 3000 m: limited', { dKm: 50, heffM: 3500, path: 'land', terrainInfo: false }, 3000],
      ['negative heff on land stays negative', { dKm: 50, heffM: -20, path: 'land', terrainInfo: true }, -20],
    ];
    for (const [title, p, expected] of cases) {
      it(`when h1 is determined for ${title}, then it is ${expected} m`, () => {
        assert.equal(transmitterHeightH1M(p), expected);
      });
    }
  });

  describe('§4–§7 interpolation', () => {
    it('when d = 1.5 km lies between the 1 and 2 km rows, then eq. (13) interpolates in log d', () => {
      const e1 = tabulated(LAND_100_50, 0, 0);
      const e2 = tabulated(LAND_100_50, 1, 0);
      close(fieldAtDistance(LAND_100_50, 0, 1.5), e1 + ((e2 - e1) * log10(1.5)) / log10(2), 1e-12, 'E(1.5 km)');
      assert.equal(fieldAtDistance(LAND_100_50, 0, 2), e2);
    });

    it('when h1 = 15 m, then eq. (8) interpolates the 10 and 20 m curves in log h1, limited to Emax', () => {
      const e10 = fieldAtDistance(LAND_100_50, 0, 30);
      const e20 = fieldAtDistance(LAND_100_50, 1, 30);
      close(fieldForHighH1(LAND_100_50, 15, 30, 200), e10 + ((e20 - e10) * log10(1.5)) / log10(2), 1e-12, 'E');
      assert.equal(fieldForHighH1(LAND_100_50, 15, 30, 10), 10);
    });

    it('when h1 = 2400 m, then eq. (8) extrapolates from the 600 and 1200 m curves', () => {
      const e600 = fieldAtDistance(LAND_100_50, 6, 100);
      const e1200 = fieldAtDistance(LAND_100_50, 7, 100);
      close(fieldForHighH1(LAND_100_50, 2400, 100, 200), e1200 + (e1200 - e600), 1e-12, 'E');
    });

    it('when h1 < 10 m on land, then eqs. (9)–(9b) with Ch1neg10 of eq. (12): E10 at 10 m, Ezero at 0 m', () => {
      const p = { table: LAND_100_50, fNomMhz: 100, dKm: 30, path: 'land' as const, emaxDbuvM: 200, timePercent: 50 };
      const e10 = fieldAtDistance(LAND_100_50, 0, 30);
      const e20 = fieldAtDistance(LAND_100_50, 1, 30);
      const eZero = e10 + 0.5 * (e10 - e20 + -0.7479119755221877);
      close(fieldForLowH1({ ...p, h1M: 0 }), eZero, 1e-9, 'Ezero');
      close(fieldForLowH1({ ...p, h1M: 5 }), eZero + 0.5 * (e10 - eZero), 1e-9, 'h1 = 5 m');
      close(fieldForLowH1({ ...p, h1M: 10 }), e10, 1e-9, 'h1 = 10 m');
    });

    it('when h1 is negative, then eq. (12) adds 6.03 − J(ν) with θeff1 = arctan(−h1/9000) to Ezero', () => {
      close(negativeH1CorrectionDb(100, -10), -0.7479119755221877, 1e-12, 'Ch1neg10 at 100 MHz');
      close(negativeH1CorrectionDb(600, -23.125), -4.155091637719967, 1e-12, 'h1 = −23.125 m at 600 MHz');
      const p = { table: LAND_100_50, fNomMhz: 100, dKm: 30, path: 'land' as const, emaxDbuvM: 200, timePercent: 50 };
      close(fieldForLowH1({ ...p, h1M: -10 }), fieldForLowH1({ ...p, h1M: 0 }) - 0.7479119755221877, 1e-9, 'E');
    });

    it('when h1 < 10 m on a sea path within D06(f, h1, 10), then E is Emax (eq. (11a))', () => {
      const sea = curveTable(100, 50, 'cold_sea');
      const e = fieldForLowH1({
        table: sea,
        fNomMhz: 100,
        h1M: 5,
        dKm: 0.1,
        path: 'sea',
        emaxDbuvM: 123,
        timePercent: 50,
      });
      assert.equal(e, 123);
    });

    it('when f = 300 MHz, then eq. (14) interpolates the 100 and 600 MHz fields in log f', () => {
      const p = { freqMhz: 300, zone: 'land' as const, h1M: 75, dKm: 50, emaxDbuvM: 200, timePercent: 50 };
      const e100 = fieldForHighH1(LAND_100_50, 75, 50, 200);
      const e600 = fieldForHighH1(LAND_600_50, 75, 50, 200);
      close(fieldAtFrequency(p, 50), e100 + ((e600 - e100) * log10(3)) / log10(6), 1e-12, 'E(300 MHz)');
      close(fieldAtFrequency({ ...p, freqMhz: 600 }, 50), e600, 1e-12, 'E(600 MHz)');
    });

    it('when f = 3000 MHz, then eq. (14) extrapolates from 600 and 2000 MHz and is limited to Emax', () => {
      const p = { freqMhz: 3000, zone: 'land' as const, h1M: 75, dKm: 1, emaxDbuvM: 106.9, timePercent: 50 };
      assert.ok(fieldAtFrequency(p, 50) <= 106.9);
      const far = { ...p, dKm: 100, emaxDbuvM: 66.9 };
      const e600 = fieldForHighH1(LAND_600_50, 75, 100, 66.9);
      const e2000 = fieldForHighH1(curveTable(2000, 50, 'land'), 75, 100, 66.9);
      close(fieldAtFrequency(far, 50), e600 + ((e2000 - e600) * log10(5)) / log10(2000 / 600), 1e-12, 'E(3 GHz)');
    });

    it('when t = 20 %, then eq. (16) interpolates the 10 and 50 % fields with Qi', () => {
      const p = { freqMhz: 100, zone: 'land' as const, h1M: 75, dKm: 100, emaxDbuvM: 200, timePercent: 20 };
      const e10 = fieldAtFrequency(p, 10);
      const e50 = fieldAtFrequency(p, 50);
      const [q10, q50, q20] = [qi(0.1), qi(0.5), qi(0.2)];
      const expected = (e50 * (q10 - q20)) / (q10 - q50) + (e10 * (q20 - q50)) / (q10 - q50);
      close(fieldAtTime(p), expected, 1e-12, 'E(20 %)');
      assert.throws(() => fieldAtTime({ ...p, timePercent: 60 }), RangeError);
    });
  });

  describe('the corrections, table-driven on hand-worked values', () => {
    const cases: [string, () => number, number][] = [
      ['J(0), eq. (12a)', () => knifeEdgeJ(0), 6.032852208563606],
      ['J(1)', () => knifeEdgeJ(1), 13.925728934959924],
      ['J below −0.7806 is 0', () => knifeEdgeJ(-1), 0],
      ['D06(100 MHz, 20 m, 10 m), eq. (41)', () => d06Km(100, 20, 10), 0.7591315130777053],
      ['D06 with h1 = 0 is at least 0.001 km', () => d06Km(600, 0, 10), 0.001],
      ['Emax 10 km land, eq. (2)', () => maxFieldDbuvM(50, 10, 0), 86.9],
      ['Emax 10 km sea at 20 %, eqs. (2) + (3)', () => maxFieldDbuvM(20, 0, 10), 87.53763577425002],
      ['Emax 5 km land + 5 km sea at 1 %, eq. (42)', () => maxFieldDbuvM(1, 5, 5), 88.26116503811406],
      ['Qi(0.1), eq. (39)', () => qi(0.1), 1.281728756502709],
      ['Qi(0.01)', () => qi(0.01), 2.326785332558966],
      ['Qi(0.9) = −Qi(0.1)', () => qi(0.9), -1.281728756502709],
      [
        'mixed path 40 dBµV/m land / 60 sea, 10 km each, eqs. (17)–(21)',
        () => mixedPathFieldDbuvM([{ fieldDbuvM: 40, lengthKm: 10 }], [{ fieldDbuvM: 60, lengthKm: 10 }]),
        44.50196464374565,
      ],
      [
        'two land sections only: the length-weighted mean',
        () =>
          mixedPathFieldDbuvM(
            [
              { fieldDbuvM: 40, lengthKm: 30 },
              { fieldDbuvM: 50, lengthKm: 10 },
            ],
            [],
          ),
        42.5,
      ],
      [
        'terrain clearance 900 MHz, 4.91534°, eq. (32)',
        () => terrainClearanceCorrectionDb(900, 4.91534).correctionDb,
        -18.05324373080121,
      ],
      [
        'terrain clearance below 0.55° uses 0.55°',
        () => terrainClearanceCorrectionDb(100, -3).correctionDb,
        0.02102237978670196,
      ],
      [
        'receiver height rural, 100 MHz, h2 = 1.5 m: (28b) with R′ = 10 m',
        () =>
          receiverHeightCorrection({ h1M: 45, dKm: 10, r2M: 20, h2M: 1.5, freqMhz: 100, area: 'rural' }).correctionDb,
        -12.852976358731373,
      ],
      [
        'receiver height urban, 100 MHz, h2 = 1.5 m, R2 = 20 m, h1 = 45 m, 10 km: (27), (28a)',
        () =>
          receiverHeightCorrection({ h1M: 45, dKm: 10, r2M: 20, h2M: 1.5, freqMhz: 100, area: 'urban' }).correctionDb,
        -15.557966781674523,
      ],
      [
        'receiver height suburban, h2 = 10 m = R2: (28b) less (29) cancel',
        () =>
          receiverHeightCorrection({ h1M: 100, dKm: 25, r2M: 10, h2M: 10, freqMhz: 100, area: 'suburban' })
            .correctionDb,
        0,
      ],
      [
        'transmitter clutter ha = 12 m, R1 = 10 m, 98.2 MHz, eq. (30)',
        () => txClutterCorrectionDb(12, 10, 98.2),
        -3.4194380473797574,
      ],
      ['transmitter clutter ha = R1: −J(0)', () => txClutterCorrectionDb(10, 10, 90), -6.032852208563606],
      [
        'slope path ha 100 m, h2 10 m, 1 km, eq. (37)',
        () => slopePathCorrectionDb({ haM: 100, h2M: 10 }, 1),
        -0.035036147425366086,
      ],
      [
        'short path 0.02 km: free space at the slope distance, eq. (38)',
        () => shortPathFieldDbuvM({ haM: 100, h2M: 10 }, 0.02, 0),
        127.60581074285707,
      ],
      ['short path 1 km gives the 1 km field', () => shortPathFieldDbuvM({ haM: 100, h2M: 10 }, 1, 80), 80],
      [
        'tropospheric scatter 100 km, 1000 MHz, 50 %, θeff 0, eqs. (35)–(36)',
        () => tropoScatterFieldDbuvM(100, 1000, 50, 0, 0).fieldDbuvM,
        11.62902909971558,
      ],
      ['Lb at 100 MHz for 60 dBµV/m, eq. (40)', () => basicTransmissionLossDb(100, 60), 119.3],
    ];
    for (const [title, compute, expected] of cases) {
      it(`when ${title} is computed, then it is ${expected}`, () => close(compute(), expected, 1e-9, title));
    }

    it('when h2 is below the minimum (1 m on land, 3 m by the sea), then a RangeError', () => {
      const p = { h1M: 45, dKm: 10, r2M: 10, freqMhz: 100 };
      assert.throws(() => receiverHeightCorrection({ ...p, h2M: 0.5, area: 'rural' }), RangeError);
      assert.throws(() => receiverHeightCorrection({ ...p, h2M: 2, area: 'sea' }), RangeError);
    });
  });

  describe('the whole prediction and its inverse', () => {
    const BASE: P1546Input = {
      freqMhz: 101.5,
      timePercent: 50,
      heffM: 100,
      haM: 100,
      path: [{ zone: 'land', lengthKm: 25 }],
      h2M: 10,
      r2M: 10,
      rxArea: 'rural',
      terrainInfo: false,
    };

    it('when the e.r.p. is 10 kW, then E rises by 10 dB and Lb does not change', () => {
      const one = p1546FieldStrength(BASE);
      const ten = p1546FieldStrength({ ...BASE, erpKw: 10 });
      close(ten.fieldDbuvM - one.fieldDbuvM, 10, 1e-12, 'ΔE');
      assert.equal(ten.basicLossDb, one.basicLossDb);
      close(one.basicLossDb, 139.3 - one.field1KwDbuvM + 20 * log10(101.5), 1e-12, 'Lb');
    });

    it('when the input is out of range, then a RangeError', () => {
      assert.throws(() => p1546FieldStrength({ ...BASE, timePercent: 0.5 }), RangeError);
      assert.throws(() => p1546FieldStrength({ ...BASE, path: [{ zone: 'land', lengthKm: 1001 }] }), RangeError);
      assert.throws(() => p1546FieldStrength({ ...BASE, path: [] }), RangeError);
      assert.throws(() => p1546FieldStrength({ ...BASE, heffM: Number.NaN }), RangeError);
      assert.throws(() => p1546FieldStrength({ ...BASE, erpKw: 0 }), RangeError);
    });

    it('when d < 1 km, then Steps 6–16 run at 1 km and eq. (38) joins free space at 0.04 km', () => {
      const at1 = p1546FieldStrength({ ...BASE, path: [{ zone: 'land', lengthKm: 1 }] });
      const near = p1546FieldStrength({ ...BASE, path: [{ zone: 'land', lengthKm: 0.5 }] });
      assert.ok(near.steps.shortPathDbuvM !== null && near.field1KwDbuvM > at1.field1KwDbuvM);
      close(near.steps.eStep11DbuvM, at1.steps.eStep11DbuvM, 1e-12, 'Steps 1–11 at 1 km');
    });

    it('when a 1 kW FM transmitter at 100 m (101.5 MHz, 54 dBµV/m, open) is solved, then 25.0 km (issue 20)', () => {
      const radial: P1546RadialParams = { ...BASE, zone: 'land' };
      const r = p1546DistanceForFieldKm(radial, 1, 54, 0.001);
      assert.equal(r.limitedBy, 'threshold');
      close(r.distanceKm, 25.0, 0.05, 'radius');
      const at = (d: number) => p1546FieldStrength({ ...BASE, path: [{ zone: 'land', lengthKm: d }] }).fieldDbuvM;
      assert.ok(at(r.distanceKm - 0.005) >= 54 && at(r.distanceKm + 0.005) < 54, 'the crossing lies within 0.005 km');
      const ten = p1546DistanceForFieldKm({ ...radial, heffM: 45, haM: 45 }, 10, 54, 0.001);
      close(ten.distanceKm, 28.4, 0.05, '10 kW at 45 m');
    });

    it('when the field stays above the threshold to 1000 km or is below it at once, then range or none', () => {
      const radial: P1546RadialParams = { ...BASE, zone: 'land' };
      assert.deepEqual(p1546DistanceForFieldKm(radial, 1, -100, 0.001), { distanceKm: 1000, limitedBy: 'range' });
      assert.deepEqual(p1546DistanceForFieldKm(radial, 1, 200, 0.001), { distanceKm: 0, limitedBy: 'none' });
    });
  });

  describe('the P.1546 footprint (SPEC §4.3)', () => {
    const BMT = { latDeg: 12.6667, lonDeg: 108.038 };
    const SITE: TxSite = {
      ...BMT,
      antennaHeightM: 100,
      erpW: 1000,
      azimuthDeg: null,
      beamwidthDeg: null,
      frequencyHz: 101_500_000,
    };
    const RX: ReceptionParams = {
      thresholdDbuvM: 54,
      receiverHeightM: 10,
      environment: 'open',
      propagationModel: 'p1546',
    };

    it('when an FM footprint is drawn with P.1546, then radials are 25 km and the explanation names the model', () => {
      const fp = coverageFootprint(SITE, RX);
      assert.equal(fp.model, 'itu_r_p1546_6');
      assert.equal(fp.explanation, 'ITU-R P.1546-6, 50 % time, 50 % locations, land path, h1 = 100 m');
      assert.deepEqual(fp.warnings, []);
      assert.equal(fp.radiiKm.length, 72);
      for (const r of fp.radiiKm) close(r, 25.0, 0.05, 'radius');
      assert.ok(fp.limitedBy.every((l) => l === 'threshold'));
      const hata = coverageFootprint(SITE, { ...RX, propagationModel: 'hata' });
      assert.ok(hata.warnings.includes('Hata extrapolated below 150 MHz'));
      assert.equal(hata.explanation, undefined);
    });

    it('when the threshold is low, then the radius goes beyond the radio horizon (not capped)', () => {
      const fp = coverageFootprint(SITE, { ...RX, thresholdDbuvM: 30 });
      const horizon = radioHorizonKm(100, 10);
      assert.ok(fp.maxRadiusKm > horizon + 10, `${fp.maxRadiusKm} km against the horizon ${horizon} km`);
      assert.ok(fp.limitedBy.every((l) => l === 'threshold'));
    });

    it('when the antenna is directional, then the radials follow the pattern: longest on the azimuth, mirrored', () => {
      const fp = coverageFootprint({ ...SITE, azimuthDeg: 90, beamwidthDeg: 60 }, RX);
      const r = (deg: number) => fp.radiiKm[deg / 5] as number;
      assert.equal(fp.maxRadiusKm, r(90));
      assert.equal(r(60), r(120));
      assert.ok(r(270) < r(120) && r(120) < r(90));
      const at3Db = p1546DistanceForFieldKm(
        {
          freqMhz: 101.5,
          timePercent: 50,
          heffM: 100,
          haM: 100,
          h2M: 10,
          r2M: 10,
          rxArea: 'rural',
          terrainInfo: false,
          zone: 'land',
        },
        10 ** -0.3,
        54,
        0.001,
      );
      close(r(120), at3Db.distanceKm, 1e-9, 'half a beamwidth off: 3 dB less');
    });

    it('when the receiver height is 0.5 m, then it is raised to 1 m with a warning', () => {
      const fp = coverageFootprint(SITE, { ...RX, receiverHeightM: 0.5 });
      assert.ok(fp.warnings.some((w) => w.includes('raised to 1 m')));
    });

    it('when 300 random P.1546 sites are drawn down to the floor, then the reach envelope holds them', () => {
      const rnd = mulberry32(1546);
      for (let i = 0; i < 300; i++) {
        const site: TxSite = {
          latDeg: -60 + rnd() * 120,
          lonDeg: -179 + rnd() * 358,
          antennaHeightM: rnd() * 300,
          erpW: 10 ** (rnd() * 5),
          azimuthDeg: rnd() < 0.5 ? rnd() * 360 : null,
          beamwidthDeg: 10 + rnd() * 120,
          frequencyHz: 30e6 + rnd() * 900e6,
        };
        const environment = (['urban', 'suburban', 'open'] as const)[Math.floor(rnd() * 3)] ?? 'open';
        const receiverHeightM = 1.5 + rnd() * 10;
        const env = reachEnvelopeBoxDeg(site, receiverHeightM, { ...site, environment });
        const fp = coverageFootprint(site, {
          thresholdDbuvM: P1546_REACH_FLOOR_DBUV_M + rnd() * 80,
          receiverHeightM,
          environment,
          propagationModel: 'p1546',
        });
        const [a, b, c, d] = fp.bboxDeg;
        assert.ok(a >= env[0] && b >= env[1] && c <= env[2] && d <= env[3], `site ${i} outside its envelope`);
      }
    });

    it('when a contour is asked for below the floor, then it is limited to the reach with a warning', () => {
      const reach = p1546ReachKm(SITE, 10, 'open');
      const fp = coverageFootprint(SITE, { ...RX, thresholdDbuvM: P1546_REACH_FLOOR_DBUV_M - 10 });
      assert.ok(fp.radiiKm.every((r) => r === reach));
      assert.ok(fp.limitedBy.every((l) => l === 'range'));
      assert.ok(fp.warnings.some((w) => w.startsWith(`contour below ${P1546_REACH_FLOOR_DBUV_M} dBµV/m`)));
    });
  });
});
