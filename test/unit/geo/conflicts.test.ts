import assert from 'node:assert/strict';
import { area, bbox, circle, feature, featureCollection, intersect, polygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import {
  checkCandidate,
  evaluatePair,
  frequencyClusters,
  naiveScan,
  victimFindings,
  prepareIndex,
  scanConflicts,
  type BBoxDeg,
  type ConflictFinding,
  type ContourFootprint,
  type FootprintSource,
  type ScanAssignment,
  type ScanResult,
} from '../../../geo/conflicts';
import { mulberry32 } from '../../../server/lib/prng';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function box4(p: Polygon): BBoxDeg {
  const b = bbox(p);
  if (b.length !== 4) throw new Error('expected a 2-D bbox');
  return [b[0], b[1], b[2], b[3]];
}

function circleKm(lonDeg: number, latDeg: number, radiusKm: number): Polygon {
  return circle([lonDeg, latDeg], radiusKm, { steps: 24, units: 'kilometers' }).geometry;
}

function square(minLonDeg: number, minLatDeg: number, sizeDeg: number): Polygon {
  const [x0, y0, x1, y1] = [minLonDeg, minLatDeg, minLonDeg + sizeDeg, minLatDeg + sizeDeg];
  return polygon([
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ]).geometry;
}

function overlapKm2(p: Polygon, q: Polygon): number {
  const inter = intersect(featureCollection([feature(p), feature(q)]));
  return inter === null ? 0 : area(inter) / 1e6;
}

const MHZ = 1_000_000;

/**
 * Deep equality, with overlapKm2 and overlapFraction equal to 1e-12 relative: the engine clips with
 * polygon-clipping, the reference with Turf's intersect; both give the same polygon, possibly starting
 * at another vertex, so the geodesic area sums its terms in another order.
 */
function assertSameFinding(actual: ConflictFinding | null, expected: ConflictFinding): void {
  assert.ok(actual !== null, 'a finding');
  for (const k of ['overlapKm2', 'overlapFraction'] as const) {
    assert.ok(
      Math.abs(actual[k] - expected[k]) <= 1e-12 * Math.abs(expected[k]),
      `${k}: ${actual[k]} vs ${expected[k]}`,
    );
  }
  assert.deepEqual(
    { ...actual, overlapKm2: 0, overlapFraction: 0 },
    { ...expected, overlapKm2: 0, overlapFraction: 0 },
  );
}

/**
 * A land-mobile-like TX assignment: 12.5 kHz channel centred at
 * centreHz, protected 20 dBµV/m, co PR 8 dB, adjacent PR 3 dB.
 */
function tx(id: number, centreHz: number, footprint: Polygon, over: Partial<ScanAssignment> = {}): ScanAssignment {
  return {
    id,
    licenseeId: id,
    service: 'land_mobile',
    occupiedLowHz: centreHz - 6_250,
    occupiedHighHz: centreHz + 6_250,
    protectedFieldDbuvM: 20,
    coChannelPrDb: 8,
    adjacentPrDb: 3,
    adjacentGuardHz: 12_500,
    footprint,
    bboxDeg: box4(footprint),
    ...over,
  };
}

/** Contours from a table: contourAt(B, t) = polygons.get(B.id) for any threshold; counts calls. */
function tableSource(polygons: Map<number, Polygon>): FootprintSource & { calls: Array<[number, number]> } {
  const calls: Array<[number, number]> = [];
  return {
    calls,
    contourAt(b, thresholdDbuvM) {
      calls.push([b.id, thresholdDbuvM]);
      const p = polygons.get(b.id) ?? b.footprint;
      return { polygon: p, bboxDeg: box4(p) };
    },
  };
}

const NO_CONTOUR: FootprintSource = {
  contourAt() {
    throw new Error('contourAt must not be called here');
  },
};

function key(f: ConflictFinding): string {
  return `${f.victimId}>${f.interfererId} ${f.kind} ${f.mechanism}`;
}

// ---------------------------------------------------------------------------------------------
// Random register (seeded), for the exactness tests
// ---------------------------------------------------------------------------------------------

interface RandomService {
  service: string;
  share: number;
  protectedFieldDbuvM: number;
  coChannelPrDb: number;
  adjacentPrDb: number;
  adjacentGuardHz: number | null;
  widthHz: number;
  firstCentreHz: number;
  rasterHz: number;
  channels: number;
}

/**
 * FM on a 100 kHz raster (200 kHz wide: neighbours overlap → co-channel, ±200..400 kHz adjacent);
 * land mobile, a null-guard service (25 kHz wide) and a wider-guard service share one 12.5 kHz raster,
 * so that guards differ between victim and interferer (asymmetric relations). Some adjacent PRs put the
 * threshold above the interferer's protected field (no contour).
 */
const RANDOM_SERVICES: RandomService[] = [
  {
    service: 'fm',
    share: 0.35,
    protectedFieldDbuvM: 54,
    coChannelPrDb: 12,
    adjacentPrDb: 6,
    adjacentGuardHz: 200_000,
    widthHz: 200_000,
    firstCentreHz: 99 * MHZ,
    rasterHz: 100_000,
    channels: 150,
  },
  {
    service: 'lm',
    share: 0.4,
    protectedFieldDbuvM: 20,
    coChannelPrDb: 8,
    adjacentPrDb: -60,
    adjacentGuardHz: 12_500,
    widthHz: 12_500,
    firstCentreHz: 160 * MHZ,
    rasterHz: 12_500,
    channels: 300,
  },
  {
    service: 'am',
    share: 0.13,
    protectedFieldDbuvM: 30,
    coChannelPrDb: 10,
    adjacentPrDb: -5,
    adjacentGuardHz: null,
    widthHz: 25_000,
    firstCentreHz: 160 * MHZ,
    rasterHz: 12_500,
    channels: 300,
  },
  {
    service: 'ls',
    share: 0.12,
    protectedFieldDbuvM: 40,
    coChannelPrDb: 20,
    adjacentPrDb: 3,
    adjacentGuardHz: 25_000,
    widthHz: 12_500,
    firstCentreHz: 160 * MHZ,
    rasterHz: 12_500,
    channels: 300,
  },
];

interface Site {
  lonDeg: number;
  latDeg: number;
  radiusKm: number;
}

interface RandomRegister {
  items: ScanAssignment[];
  sites: Map<number, Site>;
}

/** n TX assignments in a ≈ 300 × 300 km box (107.2–110.0 °E, 11.5–14.2 °N), footprint circles of radius 2–40 km. */
function randomRegister(n: number, seed: number): RandomRegister {
  const rnd = mulberry32(seed);
  const items: ScanAssignment[] = [];
  const sites = new Map<number, Site>();
  for (let i = 0; i < n; i++) {
    const u = rnd();
    let acc = 0;
    const s = RANDOM_SERVICES.find((x) => (acc += x.share) > u) ?? RANDOM_SERVICES[0];
    if (s === undefined) throw new Error('no service');
    const site: Site = { lonDeg: 107.2 + rnd() * 2.8, latDeg: 11.5 + rnd() * 2.7, radiusKm: 2 + rnd() * 38 };
    const centreHz = s.firstCentreHz + Math.floor(rnd() * s.channels) * s.rasterHz;
    const id = i + 1;
    const footprint = circleKm(site.lonDeg, site.latDeg, site.radiusKm);
    sites.set(id, site);
    items.push({
      id,
      licenseeId: 1 + Math.floor(rnd() * 40),
      service: s.service,
      occupiedLowHz: centreHz - s.widthHz / 2,
      occupiedHighHz: centreHz + s.widthHz / 2,
      protectedFieldDbuvM: s.protectedFieldDbuvM,
      coChannelPrDb: s.coChannelPrDb,
      adjacentPrDb: s.adjacentPrDb,
      adjacentGuardHz: s.adjacentGuardHz,
      footprint,
      bboxDeg: box4(footprint),
    });
  }
  return { items, sites };
}

/** contourAt(B, t) = circle of radius r_B · 10^((B.protected − t) / 40) around B's site, memoised per (id, t). */
function circleSource(sites: Map<number, Site>): FootprintSource & { calls: () => number } {
  const memo = new Map<string, ContourFootprint>();
  let calls = 0;
  return {
    calls: () => calls,
    contourAt(b, thresholdDbuvM) {
      const k = `${b.id}:${thresholdDbuvM}`;
      let c = memo.get(k);
      if (c === undefined) {
        calls++;
        const site = sites.get(b.id);
        if (site === undefined) throw new Error(`no site for ${b.id}`);
        const p = circleKm(
          site.lonDeg,
          site.latDeg,
          site.radiusKm * 10 ** ((b.protectedFieldDbuvM - thresholdDbuvM) / 40),
        );
        c = { polygon: p, bboxDeg: box4(p) };
        memo.set(k, c);
      }
      return c;
    },
  };
}

// ---------------------------------------------------------------------------------------------

describe('geo/conflicts', () => {
  describe('evaluatePair on hand-built footprints', () => {
    const A = circleKm(108, 12, 10);
    const B_OVERLAPPING = circleKm(108.1, 12, 10); // centres ≈ 10.9 km apart: the 10 km circles overlap

    it(
      'when two co-channel footprints overlap, ' +
        "then a high coverage_overlap with Turf's area and the fraction of the smaller footprint",
      () => {
        const a = tx(1, 160 * MHZ, A);
        const b = tx(2, 160 * MHZ, B_OVERLAPPING);
        const f = evaluatePair(a, b, NO_CONTOUR);
        const expectedKm2 = overlapKm2(A, B_OVERLAPPING);
        assert.ok(expectedKm2 > 10, `sanity: overlap ${expectedKm2} km²`);
        assertSameFinding(f, {
          victimId: 1,
          interfererId: 2,
          kind: 'co_channel',
          mechanism: 'coverage_overlap',
          severity: 'high',
          frequencyOffsetHz: 0,
          overlapKm2: expectedKm2,
          overlapFraction: expectedKm2 / Math.min(area(A) / 1e6, area(B_OVERLAPPING) / 1e6),
          sameLicensee: false,
          geometry: null,
        });
      },
    );

    it(
      'when the footprints differ in size, ' +
        'then the fraction is of the smaller one (a 3 km circle inside a 10 km one gives 1)',
      () => {
        const small = circleKm(108.01, 12, 3);
        const f = evaluatePair(tx(1, 160 * MHZ, A), tx(2, 160 * MHZ, small), NO_CONTOUR);
        assert.ok(f !== null);
        assert.ok(Math.abs(f.overlapKm2 - area(small) / 1e6) < 1e-6, `${f.overlapKm2} vs ${area(small) / 1e6}`);
        assert.ok(Math.abs(f.overlapFraction - 1) < 1e-9 && f.overlapFraction <= 1);
      },
    );

    it(
      'when two adjacent-channel footprints overlap, ' + 'then a medium coverage_overlap with the signed centre offset',
      () => {
        const f = evaluatePair(tx(1, 160 * MHZ, A), tx(2, 160 * MHZ - 12_500, B_OVERLAPPING), NO_CONTOUR);
        assert.equal(f?.kind, 'adjacent_channel');
        assert.equal(f?.mechanism, 'coverage_overlap');
        assert.equal(f?.severity, 'medium');
        assert.equal(f?.frequencyOffsetHz, -12_500);
      },
    );

    it(
      'when the channels are farther apart than the guard, ' + 'then nothing is reported and no geometry is computed',
      () => {
        assert.equal(evaluatePair(tx(1, 160 * MHZ, A), tx(2, 160 * MHZ + 25_001, B_OVERLAPPING), NO_CONTOUR), null);
      },
    );

    describe("disjoint footprints, B's interfering contour reaching A", () => {
      const FAR = circleKm(108.3, 12, 10); // ≈ 32.6 km away: footprints disjoint
      const REACH = circleKm(108.3, 12, 30); // B's contour at the lower threshold reaches into A

      it(
        'when co-channel, ' +
          'then a medium interference_contour at threshold A.protected − A.coPR, area checked against Turf',
        () => {
          const src = tableSource(new Map([[2, REACH]]));
          const f = evaluatePair(tx(1, 160 * MHZ, A), tx(2, 160 * MHZ, FAR), src);
          assert.deepEqual(src.calls, [[2, 20 - 8]]);
          const expectedKm2 = overlapKm2(REACH, A);
          assert.ok(expectedKm2 > 1);
          assertSameFinding(f, {
            victimId: 1,
            interfererId: 2,
            kind: 'co_channel',
            mechanism: 'interference_contour',
            severity: 'medium',
            frequencyOffsetHz: 0,
            overlapKm2: expectedKm2,
            overlapFraction: expectedKm2 / Math.min(area(REACH) / 1e6, area(A) / 1e6),
            sameLicensee: false,
            geometry: null,
          });
        },
      );

      it('when adjacent, then a low interference_contour at threshold A.protected − A.adjacentPR', () => {
        const src = tableSource(new Map([[2, REACH]]));
        const f = evaluatePair(tx(1, 160 * MHZ, A), tx(2, 160 * MHZ + 12_500, FAR), src);
        assert.deepEqual(src.calls, [[2, 20 - 3]]);
        assert.equal(f?.mechanism, 'interference_contour');
        assert.equal(f?.severity, 'low');
        assert.equal(f?.kind, 'adjacent_channel');
      });

      it(
        "when the threshold is at B's protected field (PR 0), " +
          'then the contour is not asked for and nothing is reported',
        () => {
          const src = tableSource(new Map([[2, REACH]]));
          assert.equal(evaluatePair(tx(1, 160 * MHZ, A, { coChannelPrDb: 0 }), tx(2, 160 * MHZ, FAR), src), null);
          assert.deepEqual(src.calls, []);
        },
      );

      it(
        "when the threshold is above B's protected field (negative adjacent PR), " + 'then no contour conflict either',
        () => {
          const src = tableSource(new Map([[2, REACH]]));
          assert.equal(
            evaluatePair(tx(1, 160 * MHZ, A, { adjacentPrDb: -60 }), tx(2, 160 * MHZ + 12_500, FAR), src),
            null,
          );
          assert.deepEqual(src.calls, []);
        },
      );

      it("when B's contour falls short of A, then nothing is reported", () => {
        const src = tableSource(new Map([[2, circleKm(108.3, 12, 15)]]));
        assert.equal(evaluatePair(tx(1, 160 * MHZ, A), tx(2, 160 * MHZ, FAR), src), null);
      });
    });

    it(
      'when two footprints only touch along an edge (and the contours are the footprints), ' +
        'then no conflict of either mechanism',
      () => {
        const left = square(108, 12, 0.1);
        const right = square(108.1, 12, 0.1);
        const src = tableSource(new Map());
        assert.equal(evaluatePair(tx(1, 160 * MHZ, left), tx(2, 160 * MHZ, right), src), null);
        assert.equal(evaluatePair(tx(2, 160 * MHZ, right), tx(1, 160 * MHZ, left), src), null);
        assert.equal(src.calls.length, 2, 'the contour mechanism was tried');
      },
    );

    it('when two footprints only touch at a corner, then no conflict', () => {
      assert.equal(
        evaluatePair(
          tx(1, 160 * MHZ, square(108, 12, 0.1)),
          tx(2, 160 * MHZ, square(108.1, 12.1, 0.1)),
          tableSource(new Map()),
        ),
        null,
      );
    });

    it(
      'when both assignments belong to the same licensee, ' +
        'then the conflict is still reported and marked sameLicensee',
      () => {
        const f = evaluatePair(
          tx(1, 160 * MHZ, A, { licenseeId: 7 }),
          tx(2, 160 * MHZ, B_OVERLAPPING, { licenseeId: 7 }),
          NO_CONTOUR,
        );
        assert.equal(f?.sameLicensee, true);
        assert.equal(f?.severity, 'high');
      },
    );

    it('when both licensee ids are null, then sameLicensee is false', () => {
      const f = evaluatePair(
        tx(1, 160 * MHZ, A, { licenseeId: null }),
        tx(2, 160 * MHZ, B_OVERLAPPING, { licenseeId: null }),
        NO_CONTOUR,
      );
      assert.equal(f?.sameLicensee, false);
    });

    it("when the victim's guard is wider than the interferer's, then (A, B) is a conflict and (B, A) is not", () => {
      const a = tx(1, 160 * MHZ, A, { adjacentGuardHz: 25_000 });
      const b = tx(2, 160 * MHZ + 32_500, B_OVERLAPPING, { adjacentGuardHz: 12_500 }); // gap 20 000 Hz
      assert.equal(evaluatePair(a, b, NO_CONTOUR)?.kind, 'adjacent_channel');
      assert.equal(evaluatePair(b, a, NO_CONTOUR), null);
      const src = tableSource(new Map());
      assert.deepEqual(scanConflicts([a, b], src).findings.map(key), ['1>2 adjacent_channel coverage_overlap']);
      assert.deepEqual(naiveScan([a, b], src).map(key), ['1>2 adjacent_channel coverage_overlap']);
    });

    it(
      'when geometry is asked for, ' +
        'then the overlap polygon comes back and its area is overlapKm2; otherwise geometry is null',
      () => {
        const a = tx(1, 160 * MHZ, A);
        const b = tx(2, 160 * MHZ, B_OVERLAPPING);
        const f = evaluatePair(a, b, NO_CONTOUR, { geometry: true });
        assert.ok(f !== null && f.geometry !== null);
        assert.ok(Math.abs(area(f.geometry) / 1e6 - f.overlapKm2) < 1e-9);
        assert.equal(evaluatePair(a, b, NO_CONTOUR)?.geometry, null);
      },
    );

    it('when the same assignment is both victim and interferer, then null', () => {
      const a = tx(1, 160 * MHZ, A);
      assert.equal(evaluatePair(a, a, NO_CONTOUR), null);
      assert.equal(evaluatePair(a, { ...a }, NO_CONTOUR), null);
    });

    it('when evaluated, then neither assignment nor its polygons are modified', () => {
      const a = tx(1, 160 * MHZ, A);
      const b = tx(2, 160 * MHZ, circleKm(108.3, 12, 10));
      const before = structuredClone([a, b]);
      evaluatePair(a, b, tableSource(new Map([[2, circleKm(108.3, 12, 30)]])), { geometry: true });
      scanConflicts([a, b], tableSource(new Map([[2, circleKm(108.3, 12, 30)]])), { geometry: true });
      assert.deepEqual([a, b], before);
    });

    it('when an assignment has an inverted range or a bad bbox, then a RangeError names it', () => {
      assert.throws(
        () =>
          evaluatePair(tx(1, 160 * MHZ, A, { occupiedLowHz: 2, occupiedHighHz: 1 }), tx(2, 160 * MHZ, A), NO_CONTOUR),
        /assignment 1/,
      );
      assert.throws(
        () => evaluatePair(tx(1, 160 * MHZ, A), tx(2, 160 * MHZ, A, { bboxDeg: [1, 1, 0, 0] }), NO_CONTOUR),
        /assignment 2/,
      );
    });
  });

  describe('scanConflicts on a small register', () => {
    it('when two assignments share an id, then a RangeError is thrown', () => {
      const a = tx(1, 160 * MHZ, circleKm(108, 12, 5));
      assert.throws(() => scanConflicts([a, { ...a }], NO_CONTOUR), RangeError);
    });

    it(
      'when co-channel footprints overlap, ' +
        'then both directions are reported, the overlap computed once, sorted by victim then interferer',
      () => {
        const a = tx(2, 160 * MHZ, circleKm(108, 12, 10));
        const b = tx(1, 160 * MHZ, circleKm(108.1, 12, 10));
        const far = tx(3, 160 * MHZ, circleKm(109.5, 13.5, 10));
        const result = scanConflicts([a, b, far], tableSource(new Map()));
        assert.deepEqual(result.findings.map(key), [
          '1>2 co_channel coverage_overlap',
          '2>1 co_channel coverage_overlap',
        ]);
        assert.equal(result.exactChecks, 1);
        assert.equal(result.candidatePairs, 2);
        assert.equal(result.findings[0]?.overlapKm2, result.findings[1]?.overlapKm2);
      },
    );

    it('when progress is followed, then it counts every assignment once up to the total', () => {
      const items = [
        tx(1, 160 * MHZ, circleKm(108, 12, 10)),
        tx(2, 160 * MHZ, circleKm(108.1, 12, 10)),
        tx(3, 400 * MHZ, circleKm(108, 12, 10)),
      ];
      const seen: Array<[number, number]> = [];
      scanConflicts(items, tableSource(new Map()), { onProgress: (done, total) => seen.push([done, total]) });
      assert.deepEqual(seen, [
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
    });

    it(
      'when bands are far apart, ' +
        'then frequency clustering separates them and a wide outlier joins only its neighbours',
      () => {
        const fp = circleKm(108, 12, 5);
        const clusters = frequencyClusters([
          tx(1, 100 * MHZ, fp),
          tx(2, 100 * MHZ + 12_500, fp),
          tx(3, 160 * MHZ, fp),
          tx(4, 160.5 * MHZ, fp),
          tx(5, 160.7 * MHZ, fp, { occupiedLowHz: 160.6 * MHZ, occupiedHighHz: 160.8 * MHZ, adjacentGuardHz: null }),
          tx(6, 161.5 * MHZ, fp),
        ]);
        assert.deepEqual(
          clusters.map((c) => c.map((x) => x.id).sort((p, q) => p - q)),
          [[1, 2], [3], [4, 5], [6]],
        );
      },
    );
  });

  describe('checkCandidate edge cases', () => {
    it('when the register is empty, then no finding and no contour of the register is needed', () => {
      const c = tx(1, 160 * MHZ, circleKm(108, 12, 10));
      assert.deepEqual(checkCandidate(c, [], NO_CONTOUR), []);
      assert.deepEqual(scanConflicts([], NO_CONTOUR), { findings: [], candidatePairs: 0, exactChecks: 0 });
    });

    it(
      'when the candidate has the id of a register assignment at the same place and channel, ' +
        'then it is not in conflict with its old self',
      () => {
        const old = tx(1, 160 * MHZ, circleKm(108, 12, 10));
        const other = tx(2, 160 * MHZ, circleKm(108.1, 12, 10));
        const found = checkCandidate({ ...old }, [old, other], tableSource(new Map()));
        assert.deepEqual(found.map(key), ['1>2 co_channel coverage_overlap', '2>1 co_channel coverage_overlap']);
      },
    );
  });

  describe('exactness on 2 000 random assignments (seeded)', () => {
    const N = 2_000;
    let reg: RandomRegister;
    let fast: ScanResult;
    let naive: ConflictFinding[];

    before(function () {
      this.timeout(120_000);
      reg = randomRegister(N, 20_261_126);
      fast = scanConflicts(reg.items, circleSource(reg.sites));
      naive = naiveScan(reg.items, circleSource(reg.sites));
    });

    it(
      'when the register is generated, ' +
        'then it holds many co- and adjacent-channel conflicts of both mechanisms, some same-licensee',
      () => {
        const count = (kind: string, mechanism: string): number =>
          naive.filter((f) => f.kind === kind && f.mechanism === mechanism).length;
        for (const kind of ['co_channel', 'adjacent_channel']) {
          for (const mechanism of ['coverage_overlap', 'interference_contour'])
            assert.ok(count(kind, mechanism) >= 100, `${kind}/${mechanism}: ${count(kind, mechanism)}`);
        }
        assert.ok(naive.some((f) => f.sameLicensee));
        const asymmetric = naive.filter(
          (f) => !naive.some((g) => g.victimId === f.interfererId && g.interfererId === f.victimId),
        );
        assert.ok(asymmetric.length > 0, 'some pairs conflict in one direction only');
      },
    );

    it('when scanned fast and naively, then the (victim, interferer, kind, mechanism) sets are identical', () => {
      const fastKeys = fast.findings.map(key);
      const naiveKeys = naive.map(key);
      assert.equal(new Set(fastKeys).size, fastKeys.length, 'one finding per ordered pair');
      assert.deepEqual(fastKeys, naiveKeys);
    });

    it('when scanned fast and naively, then every figure of every finding is identical too', () => {
      assert.deepEqual(fast.findings, naive);
    });

    it(
      'when the register is scanned victim by victim (the resumable scan), ' +
        'then the findings put together are exactly the full scan’s',
      () => {
        const src = circleSource(reg.sites);
        const index = prepareIndex(reg.items, src);
        // Out of order, as batches of tiles would visit them.
        const order = [...reg.items].sort((a, b) => (a.id % 7) - (b.id % 7) || a.id - b.id);
        const parts = order.flatMap((v) => victimFindings(v, index, src));
        assert.ok(parts.every((f) => f.victimId !== f.interfererId));
        const sorted = [...parts].sort((a, b) => a.victimId - b.victimId || a.interfererId - b.interfererId);
        assert.deepEqual(sorted, naive);
        assert.throws(() => victimFindings({ ...reg.items[0]! }, index, src), RangeError);
      },
    );

    it(
      'when scanned fast, then fewer than 1 % of the n·(n − 1) ' +
        'ordered pairs reach geometry and intersect runs at most once per such pair',
      () => {
        assert.ok(fast.candidatePairs * 100 < N * (N - 1), `candidate pairs ${fast.candidatePairs}`);
        assert.ok(fast.exactChecks <= fast.candidatePairs);
        assert.ok(fast.exactChecks > 0);
      },
    );

    it(
      'when each of 25 assignments is checked as a candidate against the other 1 999, ' +
        'then checkCandidate gives exactly its findings in the full scan',
      function () {
        this.timeout(120_000);
        const rnd = mulberry32(7);
        for (let k = 0; k < 25; k++) {
          const candidate = reg.items[Math.floor(rnd() * N)];
          assert.ok(candidate !== undefined);
          const register = reg.items.filter((x) => x !== candidate);
          const expected = fast.findings.filter((f) => f.victimId === candidate.id || f.interfererId === candidate.id);
          assert.deepEqual(
            checkCandidate(candidate, register, circleSource(reg.sites)),
            expected,
            `candidate ${candidate.id}`,
          );
        }
      },
    );

    it(
      'when one prepared index of the whole register checks unchanged copies of assignments (same id), ' +
        "then the old self is ignored and the findings equal the full scan's",
      function () {
        this.timeout(120_000);
        const src = circleSource(reg.sites);
        const index = prepareIndex(reg.items, src);
        let total = 0;
        for (const original of reg.items.slice(0, 60)) {
          const expected = fast.findings.filter((f) => f.victimId === original.id || f.interfererId === original.id);
          total += expected.length;
          assert.deepEqual(checkCandidate(structuredClone(original), index, src), expected, `candidate ${original.id}`);
        }
        assert.ok(total > 20, `the sample holds conflicts (${total})`);
      },
    );
  });

  describe('checkCandidate against a full scan of register + candidate', () => {
    const reg = randomRegister(500, 99);
    const within =
      (id: number) =>
      (f: ConflictFinding): boolean =>
        f.victimId === id || f.interfererId === id;

    function movedCopy(item: ScanAssignment, sites: Map<number, Site>, site: Site, centreHz: number): ScanAssignment {
      sites.set(item.id, site);
      const footprint = circleKm(site.lonDeg, site.latDeg, site.radiusKm);
      const half = (item.occupiedHighHz - item.occupiedLowHz) / 2;
      return {
        ...item,
        occupiedLowHz: centreHz - half,
        occupiedHighHz: centreHz + half,
        footprint,
        bboxDeg: box4(footprint),
      };
    }

    it(
      'when an existing assignment is edited (moved and retuned) and checked against the prepared register, ' +
        'then the findings equal a rescan with the edit',
      () => {
        const original = reg.items[10];
        assert.ok(original !== undefined);
        const sites = new Map(reg.sites);
        const first = reg.items.find((x) => x.service === original.service && x.id !== original.id);
        assert.ok(first !== undefined);
        const edited = movedCopy(
          original,
          sites,
          { lonDeg: 108.6, latDeg: 12.8, radiusKm: 35 },
          (first.occupiedLowHz + first.occupiedHighHz) / 2,
        );
        const rescan = scanConflicts(
          reg.items.map((x) => (x.id === edited.id ? edited : x)),
          circleSource(sites),
        );
        const expected = rescan.findings.filter(within(edited.id));
        assert.ok(expected.length > 0, 'the edit creates conflicts');
        const got = checkCandidate(edited, prepareIndex(reg.items, circleSource(sites)), circleSource(sites));
        assert.deepEqual(got, expected);
      },
    );

    it(
      "when a new candidate's service asks a lower threshold than any in the register, " +
        "then the fallback still gives the full scan's findings",
      () => {
        const sites = new Map(reg.sites);
        const site: Site = { lonDeg: 108.5, latDeg: 12.9, radiusKm: 25 };
        const footprint = circleKm(site.lonDeg, site.latDeg, site.radiusKm);
        sites.set(10_001, site);
        const fmItem = reg.items.find((x) => x.service === 'fm');
        assert.ok(fmItem !== undefined);
        const candidate: ScanAssignment = {
          ...fmItem,
          id: 10_001,
          licenseeId: null,
          service: 'sensitive',
          protectedFieldDbuvM: 54,
          coChannelPrDb: 45,
          adjacentPrDb: 33,
          footprint,
          bboxDeg: box4(footprint),
        };
        const expected = scanConflicts([...reg.items, candidate], circleSource(sites)).findings.filter(
          within(candidate.id),
        );
        assert.ok(
          expected.some((f) => f.victimId === candidate.id && f.mechanism === 'interference_contour'),
          'its low threshold reaches far',
        );
        assert.deepEqual(
          checkCandidate(candidate, prepareIndex(reg.items, circleSource(sites)), circleSource(sites)),
          expected,
        );
        assert.deepEqual(
          checkCandidate(
            candidate,
            prepareIndex(reg.items, circleSource(sites), { minThresholdDbuvM: 0 }),
            circleSource(sites),
          ),
          expected,
        );
        assert.deepEqual(checkCandidate(candidate, reg.items, circleSource(sites)), expected);
      },
    );

    it('when geometry is asked for, then each candidate finding carries its own overlap polygon', () => {
      let found: ConflictFinding[] = [];
      for (const candidate of reg.items) {
        found = checkCandidate(candidate, reg.items, circleSource(reg.sites), { geometry: true });
        if (found.length >= 3) break;
      }
      assert.ok(found.length >= 3, `found ${found.length}`);
      for (const f of found) {
        assert.ok(f.geometry !== null);
        assert.ok(
          Math.abs(area(f.geometry) / 1e6 - f.overlapKm2) < 1e-9,
          `${area(f.geometry) / 1e6} vs ${f.overlapKm2}`,
        );
      }
      assert.equal(new Set(found.map((f) => f.geometry)).size, found.length, 'no polygon object is shared');
    });
  });
});
