import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bearing, booleanClockwise, distance, kinks } from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import {
  antennaPatternAttenuationDb,
  bearingDifferenceDeg,
  contourVerticesDeg,
  coverageFootprint,
  fixedLinkCorridor,
  MIN_RADIUS_KM,
  type CorridorFootprint,
  type Footprint,
  type LinkEnd,
  type ReceptionParams,
  type TxSite,
} from '../../../geo/coverage';
import { distanceForFieldKm, radioHorizonKm } from '../../../geo/propagation';
import { mulberry32 } from '../../../server/lib/prng';

const GOLDEN_DIR = path.resolve(__dirname, 'golden');
const REGEN = process.env.REGEN === '1';

/** Buôn Ma Thuột, Đắk Lắk. */
const BMT = { latDeg: 12.6667, lonDeg: 108.038 };

const FM_SITE: TxSite = {
  ...BMT,
  antennaHeightM: 100,
  erpW: 1000,
  azimuthDeg: null,
  beamwidthDeg: null,
  frequencyHz: 100_000_000,
};
const FM_RX: ReceptionParams = { thresholdDbuvM: 54, receiverHeightM: 10, environment: 'suburban' };

function assertClose(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

function eirpDbwOf(erpW: number): number {
  return 10 * Math.log10(erpW) + 2.15;
}

/**
 * The radial distance the footprint must have: the solved distance for the pattern-reduced EIRP, capped by the horizon.
 */
function expectedRadiusKm(site: TxSite, rx: ReceptionParams, attenuationDb: number): number {
  const solved = distanceForFieldKm({
    eirpDbw: eirpDbwOf(site.erpW) - attenuationDb,
    thresholdDbuvM: rx.thresholdDbuvM,
    freqMhz: site.frequencyHz / 1e6,
    baseHeightM: site.antennaHeightM,
    mobileHeightM: rx.receiverHeightM,
    environment: rx.environment,
  }).distanceKm;
  return Math.min(solved, radioHorizonKm(site.antennaHeightM, rx.receiverHeightM));
}

/** The ring vertex of radial i (the ring runs counter-clockwise: bearing 0°, 355°, …, 5°, 0°). */
function vertexOfRadial(fp: Footprint, i: number): Position {
  const ring = fp.polygon.coordinates[0] ?? [];
  const v = ring[i === 0 ? 0 : ring.length - 1 - i];
  assert.ok(v, `no vertex for radial ${i}`);
  return v;
}

function ringOf(polygon: Polygon): Position[] {
  const ring = polygon.coordinates[0];
  assert.ok(ring, 'polygon without a ring');
  return ring;
}

function assertValidRing(polygon: Polygon, vertices: number): void {
  const ring = ringOf(polygon);
  assert.equal(polygon.coordinates.length, 1);
  assert.equal(ring.length, vertices + 1);
  assert.deepEqual(ring[ring.length - 1], ring[0], 'ring not closed');
  assert.equal(booleanClockwise(ring), false, 'exterior ring must be counter-clockwise (RFC 7946)');
  assert.equal(kinks(polygon).features.length, 0, 'ring self-intersects');
}

function assertBboxOf(fp: { polygon: Polygon; bboxDeg: [number, number, number, number] }): void {
  const ring = ringOf(fp.polygon);
  const lons = ring.map((p) => p[0] ?? NaN);
  const lats = ring.map((p) => p[1] ?? NaN);
  assert.deepEqual(fp.bboxDeg, [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]);
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}

/** Structural equality with numbers (degrees, km, dB) compared to 1e-9 absolute. */
function assertNearlyDeepEqual(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assertClose(actual, expected, 1e-9, where);
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => assertNearlyDeepEqual(actual[i], e, `${where}[${i}]`));
  } else if (
    typeof expected === 'object' &&
    expected !== null &&
    typeof actual === 'object' &&
    actual !== null &&
    !Array.isArray(actual)
  ) {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${where}: keys`);
    for (const [k, e] of Object.entries(expected))
      assertNearlyDeepEqual(Object.getOwnPropertyDescriptor(actual, k)?.value, e, `${where}.${k}`);
  } else {
    assert.deepEqual(actual, expected, where);
  }
}

function asFeature(fp: Footprint | CorridorFootprint): Feature<Polygon> {
  const { polygon, ...properties } = fp;
  return { type: 'Feature', geometry: polygon, properties };
}

describe('geo/coverage', () => {
  describe('antenna pattern (SPEC §4.3)', () => {
    it('when two bearings are 350° and 10°, then the smallest angle between them is 20°', () => {
      assert.equal(bearingDifferenceDeg(350, 10), 20);
      assert.equal(bearingDifferenceDeg(10, 350), 20);
      assert.equal(bearingDifferenceDeg(90, 270), 180);
      assert.equal(bearingDifferenceDeg(-90, 270), 0);
    });

    it(
      'when the radial is half a beamwidth off the azimuth, ' +
        'then the attenuation is 3 dB; straight behind, the 25 dB front-to-back cap',
      () => {
        assertClose(antennaPatternAttenuationDb(120, 90, 60), 3, 1e-12, 'half beamwidth');
        assert.equal(antennaPatternAttenuationDb(90, 90, 60), 0);
        assert.equal(antennaPatternAttenuationDb(270, 90, 60), 25);
        assertClose(
          antennaPatternAttenuationDb(0, 90, 360),
          12 * (90 / 360) ** 2,
          1e-12,
          '360° is the formula, not omni',
        );
      },
    );

    it('when the azimuth or the beamwidth is null, then the pattern is omni (0 dB)', () => {
      assert.equal(antennaPatternAttenuationDb(270, 90, null), 0);
      assert.equal(antennaPatternAttenuationDb(270, null, 60), 0);
    });

    it('when the beamwidth is 0 or the bearing not finite, then a RangeError is thrown', () => {
      assert.throws(() => antennaPatternAttenuationDb(0, 90, 0), RangeError);
      assert.throws(() => antennaPatternAttenuationDb(Number.NaN, 90, 60), RangeError);
    });
  });

  describe('coverageFootprint', () => {
    it(
      'when an omni 1 kW FM site (100 MHz, 100 m, 54 dBµV/m at 10 m, suburban) is computed, then the 72 radii are ' +
        'equal to distanceForFieldKm (or the horizon) and the polygon vertices lie at those distances',
      () => {
        const fp = coverageFootprint(FM_SITE, FM_RX);
        const expected = expectedRadiusKm(FM_SITE, FM_RX, 0);
        assert.equal(fp.radiiKm.length, 72);
        assert.deepEqual(
          fp.bearingsDeg,
          Array.from({ length: 72 }, (_, i) => i * 5),
        );
        for (const r of fp.radiiKm) assert.equal(r, expected);
        assert.equal(fp.maxRadiusKm, expected);
        assertClose(fp.horizonKm, 4.12 * (10 + Math.sqrt(10)), 1e-12, 'horizon');
        assert.equal(fp.model, 'okumura_hata');
        assert.deepEqual(fp.limitedBy, Array<string>(72).fill('threshold'));
        for (let i = 0; i < 72; i++) {
          const v = vertexOfRadial(fp, i);
          const d = distance([BMT.lonDeg, BMT.latDeg], v, { units: 'kilometers' });
          assertClose(d, expected, 1e-6 * expected, `radial ${i} distance`);
          assert.ok(bearingDifferenceDeg(bearing([BMT.lonDeg, BMT.latDeg], v), i * 5) < 1e-6, `radial ${i} bearing`);
        }
        assertValidRing(fp.polygon, 72);
        assertBboxOf(fp);
        assert.deepEqual(fp.warnings, ['Hata extrapolated below 150 MHz', 'Hata used beyond 20 km']);
        assertClose(fp.inputs.eirpDbw, 32.15, 1e-12, 'EIRP');
        assertClose(fp.inputs.erpDbw, 30, 1e-12, 'ERP');
        assert.equal(fp.inputs.freqMhz, 100);
        assert.deepEqual(fp.inputs.site, FM_SITE);
        assert.deepEqual(fp.inputs.reception, FM_RX);
      },
    );

    it(
      'when the antenna points at 90° with a 60° beamwidth, then the radius is largest at 90°, ' +
        '3 dB down at 60° and 120°, and at 270° it is the radius for 25 dB less EIRP',
      () => {
        const site: TxSite = {
          ...BMT,
          antennaHeightM: 30,
          erpW: 1000,
          azimuthDeg: 90,
          beamwidthDeg: 60,
          frequencyHz: 450_000_000,
        };
        const rx: ReceptionParams = { thresholdDbuvM: 50, receiverHeightM: 1.5, environment: 'urban' };
        const fp = coverageFootprint(site, rx);
        const at = (bearingDeg: number): number => fp.radiiKm[bearingDeg / 5] ?? NaN;
        assert.equal(fp.maxRadiusKm, at(90));
        for (let b = 0; b < 360; b += 5)
          if (b !== 90) assert.ok(at(b) < at(90), `radial ${b}° is not shorter than 90°`);
        assert.ok(at(90) < fp.horizonKm, 'the main lobe must not reach the horizon in this case');
        assert.equal(at(90), expectedRadiusKm(site, rx, 0));
        assert.equal(at(60), at(120));
        assertClose(at(120), expectedRadiusKm(site, rx, 3), 1e-12, '120°');
        assert.equal(at(270), expectedRadiusKm(site, rx, 25));
        for (let b = 180; b <= 360; b += 5) assert.equal(fp.radiiKm[(b / 5) % 72], at(270), `back lobe ${b}°`);
        assertValidRing(fp.polygon, 72);
        for (let i = 0; i < 72; i++) {
          const r = fp.radiiKm[i] ?? NaN;
          assertClose(
            distance([BMT.lonDeg, BMT.latDeg], vertexOfRadial(fp, i), { units: 'kilometers' }),
            r,
            1e-6 * r,
            `radial ${i}`,
          );
        }
      },
    );

    it(
      'when an azimuth is given without a beamwidth (or a beamwidth without an azimuth), ' +
        'then the footprint is omni',
      () => {
        const omni = coverageFootprint(FM_SITE, FM_RX).radiiKm;
        assert.deepEqual(coverageFootprint({ ...FM_SITE, azimuthDeg: 45, beamwidthDeg: null }, FM_RX).radiiKm, omni);
        assert.deepEqual(coverageFootprint({ ...FM_SITE, azimuthDeg: null, beamwidthDeg: 30 }, FM_RX).radiiKm, omni);
      },
    );

    it(
      'when the antenna is 0 m high, ' +
        'then the formulas use 1 m, the horizon uses 0 m (4.12·√10 km) and a warning says so',
      () => {
        const site: TxSite = { ...FM_SITE, antennaHeightM: 0 };
        const fp = coverageFootprint(site, FM_RX);
        assertClose(fp.horizonKm, 4.12 * Math.sqrt(10), 1e-12, 'horizon');
        const solvedAt1m = distanceForFieldKm({
          eirpDbw: 32.15,
          thresholdDbuvM: 54,
          freqMhz: 100,
          baseHeightM: 1,
          mobileHeightM: 10,
          environment: 'suburban',
        }).distanceKm;
        assertClose(fp.radiiKm[0] ?? NaN, Math.min(solvedAt1m, fp.horizonKm), 1e-12, 'radius');
        assert.ok(fp.warnings.includes('base antenna height 0 m raised to 1 m in the formula'));
        assertValidRing(fp.polygon, 72);
      },
    );

    it(
      'when the ERP is 1 W, then the radius is the threshold distance (well inside the horizon); ' +
        'at 100 kW every radial is capped by the horizon',
      () => {
        const small = coverageFootprint({ ...FM_SITE, erpW: 1 }, FM_RX);
        assert.equal(small.radiiKm[0], expectedRadiusKm({ ...FM_SITE, erpW: 1 }, FM_RX, 0));
        assert.ok((small.radiiKm[0] ?? Infinity) < small.horizonKm);
        assert.deepEqual(small.limitedBy, Array<string>(72).fill('threshold'));
        assert.ok(!small.warnings.some((w) => w.startsWith('capped by radio horizon')));

        const big = coverageFootprint({ ...FM_SITE, erpW: 100_000 }, FM_RX);
        const solved = distanceForFieldKm({
          eirpDbw: 52.15,
          thresholdDbuvM: 54,
          freqMhz: 100,
          baseHeightM: 100,
          mobileHeightM: 10,
          environment: 'suburban',
        }).distanceKm;
        assert.ok(solved > big.horizonKm);
        assert.deepEqual(big.radiiKm, Array<number>(72).fill(big.horizonKm));
        assert.deepEqual(big.limitedBy, Array<string>(72).fill('horizon'));
        assert.ok(big.warnings.includes(`capped by radio horizon (54.229 km) on 72 of 72 radials`));
        assertValidRing(big.polygon, 72);
      },
    );

    it(
      'when only the main lobe of a directional site reaches the horizon, ' +
        'then only those radials are limited by the horizon',
      () => {
        const site: TxSite = {
          ...BMT,
          antennaHeightM: 50,
          erpW: 50_000,
          azimuthDeg: 0,
          beamwidthDeg: 40,
          frequencyHz: 600_000_000,
        };
        const rx: ReceptionParams = { thresholdDbuvM: 45, receiverHeightM: 10, environment: 'urban' };
        const fp = coverageFootprint(site, rx);
        const capped = fp.limitedBy.map((l, i) => (l === 'horizon' ? i * 5 : -1)).filter((b) => b >= 0);
        assert.ok(capped.includes(0) && !capped.includes(180), `capped radials: ${capped.join(', ')}`);
        for (let i = 0; i < 72; i++) {
          const r = fp.radiiKm[i] ?? NaN;
          if (fp.limitedBy[i] === 'horizon') assert.equal(r, fp.horizonKm);
          else assert.ok(r <= fp.horizonKm);
          assertClose(r, expectedRadiusKm(site, rx, antennaPatternAttenuationDb(i * 5, 0, 40)), 1e-12, `radial ${i}`);
        }
        assert.ok(
          fp.warnings.includes(
            `capped by radio horizon (${Number(fp.horizonKm.toFixed(3))} km) on ${capped.length} of 72 radials`,
          ),
        );
      },
    );

    it(
      'when the field never reaches the threshold (200 dBµV/m), ' +
        'then every radial gets 0.001 km, the polygon stays valid and a warning says so',
      () => {
        const fp = coverageFootprint(FM_SITE, { ...FM_RX, thresholdDbuvM: 200 });
        assert.deepEqual(fp.radiiKm, Array<number>(72).fill(MIN_RADIUS_KM));
        assert.ok(fp.warnings.includes('no coverage beyond 1 m on 72 of 72 radials: radius set to 0.001 km'));
        assertValidRing(fp.polygon, 72);
      },
    );

    it('when both heights are 0 m, then the horizon is 0 km, every radial is limited by it and gets 0.001 km', () => {
      const fp = coverageFootprint({ ...FM_SITE, antennaHeightM: 0 }, { ...FM_RX, receiverHeightM: 0 });
      assert.equal(fp.horizonKm, 0);
      assert.deepEqual(fp.radiiKm, Array<number>(72).fill(MIN_RADIUS_KM));
      assert.deepEqual(fp.limitedBy, Array<string>(72).fill('horizon'));
      assertValidRing(fp.polygon, 72);
    });

    it('when the frequency is 1842.5 MHz or 3500 MHz, then the model is COST-231 Hata or free space', () => {
      assert.equal(coverageFootprint({ ...FM_SITE, frequencyHz: 1_842_500_000 }, FM_RX).model, 'cost231_hata');
      assert.equal(coverageFootprint({ ...FM_SITE, frequencyHz: 3_500_000_000 }, FM_RX).model, 'free_space_p525');
      assert.equal(coverageFootprint({ ...FM_SITE, frequencyHz: 1_500_000_000 }, FM_RX).model, 'okumura_hata');
      assert.equal(coverageFootprint({ ...FM_SITE, frequencyHz: 2_000_000_000 }, FM_RX).model, 'cost231_hata');
    });

    it(
      'when the inputs are frozen, ' + 'then the footprint is computed without changing them and its inputs are copies',
      () => {
        const site = deepFreeze({ ...FM_SITE, azimuthDeg: 10, beamwidthDeg: 90 });
        const rx = deepFreeze({ ...FM_RX });
        const fp = coverageFootprint(site, rx);
        assert.deepEqual(site, { ...FM_SITE, azimuthDeg: 10, beamwidthDeg: 90 });
        assert.deepEqual(rx, FM_RX);
        assert.notEqual(fp.inputs.site, site);
        assert.notEqual(fp.inputs.reception, rx);
      },
    );

    it(
      'when an input is out of its domain (ERP 0 W, latitude 91, frequency 0, negative height, beamwidth 0), ' +
        'then a RangeError is thrown',
      () => {
        assert.throws(() => coverageFootprint({ ...FM_SITE, erpW: 0 }, FM_RX), RangeError);
        assert.throws(() => coverageFootprint({ ...FM_SITE, latDeg: 91 }, FM_RX), RangeError);
        assert.throws(() => coverageFootprint({ ...FM_SITE, frequencyHz: 0 }, FM_RX), RangeError);
        assert.throws(() => coverageFootprint({ ...FM_SITE, antennaHeightM: -1 }, FM_RX), RangeError);
        assert.throws(() => coverageFootprint({ ...FM_SITE, azimuthDeg: 0, beamwidthDeg: 0 }, FM_RX), RangeError);
        assert.throws(() => coverageFootprint(FM_SITE, { ...FM_RX, thresholdDbuvM: Number.NaN }), RangeError);
      },
    );
  });

  describe('fixedLinkCorridor', () => {
    const A: LinkEnd = { ...BMT, beamwidthDeg: 2.2 };
    const B: LinkEnd = { latDeg: 12.9, lonDeg: 108.3, beamwidthDeg: 3.5 };

    it(
      'when a 38 km link has beamwidths 2.2° at A and 3.5° at B, ' +
        'then the half-width at A is d·tan(1.75°) and at B d·tan(1.1°)',
      () => {
        const c = fixedLinkCorridor(A, B);
        const d = distance([A.lonDeg, A.latDeg], [B.lonDeg, B.latDeg], { units: 'kilometers' });
        assert.equal(c.pathLengthKm, d);
        assertClose(c.halfWidthAtAKm, d * Math.tan((1.75 * Math.PI) / 180), 1e-12, 'at A');
        assertClose(c.halfWidthAtBKm, d * Math.tan((1.1 * Math.PI) / 180), 1e-12, 'at B');
        const ring = ringOf(c.polygon);
        const fromA = (k: number): number => distance([A.lonDeg, A.latDeg], ring[k] ?? [], { units: 'kilometers' });
        const fromB = (k: number): number => distance([B.lonDeg, B.latDeg], ring[k] ?? [], { units: 'kilometers' });
        assertClose(fromA(0), c.halfWidthAtAKm, 1e-9, 'A right');
        assertClose(fromA(3), c.halfWidthAtAKm, 1e-9, 'A left');
        assertClose(fromB(1), c.halfWidthAtBKm, 1e-9, 'B right');
        assertClose(fromB(2), c.halfWidthAtBKm, 1e-9, 'B left');
        assertValidRing(c.polygon, 4);
        assertBboxOf(c);
        assert.deepEqual(c.warnings, []);
        assert.equal(c.model, 'fixed_link_corridor');
      },
    );

    it('when the ends are swapped, then the half-widths swap', () => {
      const ab = fixedLinkCorridor(A, B);
      const ba = fixedLinkCorridor(B, A);
      assertClose(ba.halfWidthAtAKm, ab.halfWidthAtBKm, 1e-12, 'swap');
      assertClose(ba.halfWidthAtBKm, ab.halfWidthAtAKm, 1e-12, 'swap');
      assertValidRing(ba.polygon, 4);
    });

    it(
      'when a beamwidth is wider than 90°, ' +
        "then that beam's half-width is capped at the path length and a warning says so",
      () => {
        const c = fixedLinkCorridor({ ...A, beamwidthDeg: 120 }, B);
        assertClose(c.halfWidthAtBKm, c.pathLengthKm, 1e-9, 'capped at d');
        assert.deepEqual(c.warnings, [
          'beamwidth 120° at end A is wider than 90°: corridor half-width capped at the path length',
        ]);
      },
    );

    it('when the ends coincide or a beamwidth is 0, then a RangeError is thrown; the inputs are never changed', () => {
      assert.throws(() => fixedLinkCorridor(A, { ...A }), RangeError);
      assert.throws(() => fixedLinkCorridor(A, { ...B, beamwidthDeg: 0 }), RangeError);
      const a = deepFreeze({ ...A });
      const b = deepFreeze({ ...B });
      fixedLinkCorridor(a, b);
      assert.deepEqual([a, b], [A, B]);
    });
  });

  describe(`golden footprints (test/unit/geo/golden/*.geojson${REGEN ? ', regenerating' : ''})`, () => {
    const cases: [string, () => Footprint | CorridorFootprint][] = [
      ['fm-omni-hata-100mhz', () => coverageFootprint(FM_SITE, FM_RX)],
      [
        'lte-sector-cost231-1842mhz',
        () =>
          coverageFootprint(
            { ...BMT, antennaHeightM: 40, erpW: 200, azimuthDeg: 200, beamwidthDeg: 65, frequencyHz: 1_842_500_000 },
            { thresholdDbuvM: 45, receiverHeightM: 1.5, environment: 'urban' },
          ),
      ],
      [
        'fwa-sector-free-space-3500mhz',
        () =>
          coverageFootprint(
            { ...BMT, antennaHeightM: 25, erpW: 20, azimuthDeg: 30, beamwidthDeg: 90, frequencyHz: 3_500_000_000 },
            { thresholdDbuvM: 70, receiverHeightM: 1.5, environment: 'open' },
          ),
      ],
      [
        'fixed-link-corridor',
        () => fixedLinkCorridor({ ...BMT, beamwidthDeg: 2.2 }, { latDeg: 12.9, lonDeg: 108.3, beamwidthDeg: 3.5 }),
      ],
    ];
    for (const [name, build] of cases) {
      it(`when the ${name} footprint is computed, then it matches golden/${name}.geojson to 1e-9`, () => {
        const file = path.join(GOLDEN_DIR, `${name}.geojson`);
        const actual = asFeature(build());
        if (REGEN) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
        assert.ok(existsSync(file), `${file} is missing: run with REGEN=1 to create it`);
        const expected: unknown = JSON.parse(readFileSync(file, 'utf8'));
        assertNearlyDeepEqual(actual, expected, name);
      });
    }
  });

  describe("contourVerticesDeg (the conflict engine's lean contour)", () => {
    it("when sites of every kind are drawn, then its vertices and box are coverageFootprint's to the bit", () => {
      const rand = mulberry32(1546);
      let checked = 0;
      for (let i = 0; i < 400; i++) {
        const directional = rand() < 0.5;
        const site: TxSite = {
          latDeg: 8 + rand() * 15,
          lonDeg: 102 + rand() * 8,
          antennaHeightM: rand() < 0.05 ? 0 : 1 + rand() * 300,
          erpW: 10 ** (-1 + rand() * 5),
          azimuthDeg: directional ? Math.floor(rand() * 360) : null,
          beamwidthDeg: directional ? ([30, 60, 90, 120][Math.floor(rand() * 4)] ?? 60) : null,
          frequencyHz: [30e6, 98.5e6, 160e6, 450e6, 600e6, 1_842.5e6, 2_400e6, 3_500e6][i % 8] ?? 100e6,
        };
        const rx: ReceptionParams = {
          // From below P.1546's reach floor to thresholds no radial reaches (1 m radii).
          thresholdDbuvM: -10 + rand() * 150,
          receiverHeightM: rand() < 0.1 ? 0.5 : 1.5 + rand() * 10,
          environment: (['urban', 'suburban', 'open'] as const)[i % 3] ?? 'open',
          ...(rand() < 0.4 ? { propagationModel: 'p1546' as const } : {}),
        };
        const fp = coverageFootprint(site, rx);
        const lean = contourVerticesDeg(site, rx);
        const ring = fp.polygon.coordinates[0] as Position[];
        assert.equal(lean.xy.length, 2 * (ring.length - 1));
        for (let k = 0; k < ring.length - 1; k++) {
          assert.equal(lean.xy[2 * k], (ring[k] as Position)[0], `site ${i} vertex ${k} lon`);
          assert.equal(lean.xy[2 * k + 1], (ring[k] as Position)[1], `site ${i} vertex ${k} lat`);
        }
        assert.deepEqual(lean.bboxDeg, fp.bboxDeg);
        checked++;
      }
      assert.equal(checked, 400);
    });

    it('when an input is invalid, then it throws as coverageFootprint does', () => {
      assert.throws(() => contourVerticesDeg({ ...FM_SITE, erpW: 0 }, FM_RX), RangeError);
      assert.throws(() => contourVerticesDeg({ ...FM_SITE, latDeg: 91 }, FM_RX), RangeError);
      assert.throws(() => contourVerticesDeg(FM_SITE, { ...FM_RX, thresholdDbuvM: Number.NaN }), RangeError);
    });
  });
});
