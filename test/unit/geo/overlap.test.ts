/**
 * The engine's exact overlap area (geo/conflicts/overlap.ts) against the library path it replaced:
 * polygon-clipping's intersection, then Turf's `area`. The library stays the oracle.
 */
import assert from 'node:assert/strict';
import { area } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import polygonClipping from 'polygon-clipping';
import { intersectPolygons } from '../../../geo/conflicts';
import { overlapAreaKm2, overlapWithPolygon, prepareRing, type PreparedRing } from '../../../geo/conflicts/overlap';
import { fixedLinkCorridor } from '../../../geo/coverage/corridor';
import { coverageFootprint } from '../../../geo/coverage/footprint';
import { mulberry32 } from '../../../server/lib/prng';

function libraryKm2(p: Polygon, q: Polygon): number {
  const inter = intersectPolygons(p, q);
  return inter === null ? 0 : area(inter) / 1e6;
}

function ring(p: Polygon): PreparedRing {
  const r = prepareRing(p);
  assert.ok(r !== null, 'a one-ring polygon');
  return r;
}

function fastKm2(p: Polygon, q: Polygon): number {
  return overlapAreaKm2(ring(p), ring(q));
}

/** Equal to 1e-9 relative (1e-12 km² absolute near zero), in both argument orders. */
function assertSameArea(p: Polygon, q: Polygon, what: string): number {
  const want = libraryKm2(p, q);
  for (const [a, b] of [
    [p, q],
    [q, p],
  ] as const) {
    const got = fastKm2(a, b);
    assert.ok(Math.abs(got - want) <= 1e-9 * want + 1e-12, `${what}: ${got} vs ${want} km²`);
  }
  return want;
}

const square = (x: number, y: number, w: number, h: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
      [x, y],
    ],
  ],
});

/** A U: a band across its arms meets it in two pieces. */
const U_SHAPE: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ],
  ],
};

describe('geo/conflicts overlapAreaKm2 against polygon-clipping + Turf area', () => {
  const rnd = mulberry32(20261207);
  const footprint = (lonDeg: number, latDeg: number, over: Partial<{ h: number; erp: number }> = {}): Polygon => {
    const directional = rnd() < 0.4;
    return coverageFootprint(
      {
        latDeg,
        lonDeg,
        antennaHeightM: over.h ?? 10 + rnd() * 150,
        erpW: over.erp ?? 1 + rnd() * 5000,
        azimuthDeg: directional ? Math.floor(rnd() * 360) : null,
        beamwidthDeg: directional ? ([30, 60, 90, 120][Math.floor(rnd() * 4)] ?? 60) : null,
        frequencyHz: 80e6 + rnd() * 800e6,
      },
      { thresholdDbuvM: 30 + rnd() * 40, receiverHeightM: 1.5 + rnd() * 8.5, environment: 'suburban' },
    ).polygon;
  };

  it(
    'when 2 000 random pairs of 72-radial footprints (omni and directional, near and far) are compared,' +
      ' then the areas agree and are empty together',
    () => {
      let overlapping = 0;
      for (let i = 0; i < 2000; i++) {
        const spread = i % 2 === 0 ? 0.3 : 1.5;
        const p = footprint(108 + rnd() * spread, 12.5 + rnd() * spread);
        const q = footprint(108 + rnd() * spread, 12.5 + rnd() * spread);
        const want = assertSameArea(p, q, `pair ${i}`);
        if (want > 0) overlapping++;
        assert.equal(fastKm2(p, q) > 0, want > 0, `pair ${i}: empty together`);
      }
      assert.ok(overlapping > 600, `sanity: ${overlapping} overlapping pairs`);
    },
  );

  it(
    'when footprints share a site (one inside the other, equal radials capped at the same horizon, a copy),' +
      ' then the areas agree',
    () => {
      for (let i = 0; i < 200; i++) {
        const lon = 108 + rnd();
        const lat = 12 + rnd();
        const h = 20 + Math.floor(rnd() * 100);
        const p = footprint(lon, lat, { h, erp: 10 + rnd() * 10_000 });
        const q = footprint(lon, lat, { h, erp: 10 + rnd() * 10_000 });
        assertSameArea(p, q, `co-sited ${i}`);
        assertSameArea(p, structuredClone(p), `copy ${i}`);
        assert.ok(Math.abs(fastKm2(p, p) - area(p) / 1e6) <= 1e-9 * (area(p) / 1e6), `self ${i}`);
      }
    },
  );

  it('when fixed-link corridors cross each other and footprints, then the areas agree', () => {
    for (let i = 0; i < 200; i++) {
      const c = fixedLinkCorridor(
        { latDeg: 12.5 + rnd() * 0.2, lonDeg: 108 + rnd() * 0.2, beamwidthDeg: 1 + rnd() * 10 },
        { latDeg: 12.5 + rnd() * 0.4, lonDeg: 108 + rnd() * 0.4, beamwidthDeg: 1 + rnd() * 10 },
      ).polygon;
      assertSameArea(c, footprint(108 + rnd() * 0.4, 12.5 + rnd() * 0.4), `corridor ${i}`);
    }
  });

  it(
    'when squares share an edge (same or opposite way), a corner, part of an edge, or nest,' + ' then the areas agree',
    () => {
      const cases: [string, Polygon, Polygon][] = [
        ['edge, opposite ways', square(0, 0, 1, 1), square(1, 0, 1, 1)],
        ['corner', square(0, 0, 1, 1), square(1, 1, 1, 1)],
        ['part of an edge', square(0, 0, 1, 1), square(1, 0.25, 1, 0.5)],
        ['same bottom edge, overlapping', square(0, 0, 1, 1), square(0, 0, 1, 0.5)],
        ['shared edge, one inside', square(0, 0, 1, 1), square(0, 0.2, 0.5, 0.6)],
        ['nested', square(0, 0, 1, 1), square(0.25, 0.25, 0.5, 0.5)],
        ['equal', square(0, 0, 1, 1), square(0, 0, 1, 1)],
        ['crossing', square(0, 0, 1, 1), square(0.5, -0.5, 0.2, 2)],
        ['far', square(0, 0, 1, 1), square(5, 5, 1, 1)],
        ['collinear offset', square(0, 0, 1, 1), square(0.5, 0, 1, 1)],
      ];
      for (const [what, p, q] of cases) assertSameArea(p, q, what);
      assert.equal(fastKm2(square(0, 0, 1, 1), square(1, 0, 1, 1)), 0);
      assert.equal(fastKm2(square(0, 0, 1, 1), square(1, 1, 1, 1)), 0);
    },
  );

  it('when a concave ring cuts a band into two pieces, then the area is the sum of both pieces', () => {
    assertSameArea(U_SHAPE, square(-1, 2, 5, 0.5), 'two pieces');
  });

  it(
    'when a ring is clockwise or repeats vertices,' +
      ' then it is prepared counter-clockwise without them; holes are refused',
    () => {
      const cw = square(0, 0, 1, 1);
      (cw.coordinates[0] as Position[]).reverse();
      const dup: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      };
      const r = ring(dup);
      assert.equal(r.n, 4);
      assert.ok(Math.abs(ring(cw).areaKm2 - area(cw) / 1e6) <= 1e-9 * (area(cw) / 1e6));
      assertSameArea(cw, square(0.5, 0.5, 1, 1), 'clockwise');
      const holed: Polygon = {
        type: 'Polygon',
        coordinates: [...square(0, 0, 2, 2).coordinates, ...square(0.5, 0.5, 0.5, 0.5).coordinates],
      };
      assert.equal(prepareRing(holed), null);
    },
  );

  it(
    'when the overlap polygon is built from the boundary pieces, then its Turf area is the area returned ' +
      "and it covers exactly polygon-clipping's intersection",
    () => {
      const coords = (g: Polygon | MultiPolygon): [number, number][][][] =>
        (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as [number, number][][][];
      for (let i = 0; i < 400; i++) {
        const p = footprint(108 + rnd() * 0.4, 12.5 + rnd() * 0.4);
        const q = i % 5 === 0 ? p : footprint(108 + rnd() * 0.4, 12.5 + rnd() * 0.4);
        const ours = overlapWithPolygon(ring(p), ring(q));
        const theirs = intersectPolygons(p, q);
        assert.equal(ours.polygon === null, theirs === null, `pair ${i}: empty together`);
        if (ours.polygon === null || theirs === null) continue;
        const km2 = area(ours.polygon) / 1e6;
        assert.ok(Math.abs(km2 - ours.areaKm2) <= 1e-9 * ours.areaKm2, `pair ${i}: ${km2} vs ${ours.areaKm2}`);
        const theirsKm2 = area(theirs) / 1e6;
        const xor = polygonClipping.xor(coords(ours.polygon), coords(theirs));
        const xorKm2 = area({ type: 'MultiPolygon', coordinates: xor }) / 1e6;
        assert.ok(xorKm2 <= 1e-9 * theirsKm2 + 1e-12, `pair ${i}: they differ by ${xorKm2} km² of ${theirsKm2}`);
      }
      const two = overlapWithPolygon(ring(U_SHAPE), ring(square(-1, 2, 5, 0.5)));
      assert.equal(two.polygon?.type, 'MultiPolygon');
      assert.equal(two.polygon?.type === 'MultiPolygon' ? two.polygon.coordinates.length : 0, 2);
    },
  );
});
