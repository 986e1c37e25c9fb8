import assert from 'node:assert/strict';
import { area, feature, featureCollection, intersect } from '@turf/turf';
import type { Polygon } from 'geojson';
import { intersectPolygons } from '../../../geo/conflicts';
import { coverageFootprint } from '../../../geo/coverage/footprint';
import { mulberry32 } from '../../../server/lib/prng';

function turfKm2(p: Polygon, q: Polygon): number {
  const inter = intersect(featureCollection([feature(p), feature(q)]));
  return inter === null ? 0 : area(inter) / 1e6;
}

function oursKm2(p: Polygon, q: Polygon): number {
  const inter = intersectPolygons(p, q);
  return inter === null ? 0 : area(inter) / 1e6;
}

describe('geo/conflicts intersectPolygons (polygon-clipping) against Turf intersect', () => {
  const rnd = mulberry32(20261126);
  const footprint = (lonDeg: number, latDeg: number): Polygon => {
    const directional = rnd() < 0.4;
    return coverageFootprint(
      {
        latDeg,
        lonDeg,
        antennaHeightM: 10 + rnd() * 150,
        erpW: 1 + rnd() * 5000,
        azimuthDeg: directional ? rnd() * 360 : null,
        beamwidthDeg: directional ? 30 + rnd() * 90 : null,
        frequencyHz: 80e6 + rnd() * 800e6,
      },
      { thresholdDbuvM: 40 + rnd() * 30, receiverHeightM: 1.5 + rnd() * 8.5, environment: 'suburban' },
    ).polygon;
  };

  it(
    'when 300 random pairs of 72-radial footprints (omni and directional, some far apart) are clipped, ' +
      "then the area equals Turf's to 1e-9 relative, and both are empty together",
    () => {
      let overlapping = 0;
      for (let i = 0; i < 300; i++) {
        const p = footprint(108 + rnd() * 0.5, 12.5 + rnd() * 0.5);
        const q = footprint(108 + rnd() * 0.5, 12.5 + rnd() * 0.5);
        const expected = turfKm2(p, q);
        const got = oursKm2(p, q);
        if (expected > 0) overlapping++;
        assert.ok(Math.abs(got - expected) <= 1e-9 * Math.max(1, expected), `pair ${i}: ${got} vs ${expected}`);
      }
      assert.ok(overlapping > 100, `sanity: ${overlapping} overlapping pairs`);
    },
  );

  it(
    'when a footprint is clipped with itself, a copy of itself, or one inside it, ' +
      'then the result is the smaller polygon',
    () => {
      const p = footprint(108.2, 12.7);
      assert.ok(Math.abs(oursKm2(p, p) - area(p) / 1e6) < 1e-9 * (area(p) / 1e6));
      assert.ok(Math.abs(oursKm2(p, structuredClone(p)) - area(p) / 1e6) < 1e-9 * (area(p) / 1e6));
      const square: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [108.19, 12.69],
            [108.21, 12.69],
            [108.21, 12.71],
            [108.19, 12.71],
            [108.19, 12.69],
          ],
        ],
      };
      assert.ok(Math.abs(oursKm2(p, square) - area(square) / 1e6) < 1e-9);
    },
  );

  it(
    'when two squares share only an edge or are far apart, ' +
      'then the intersection is null; when they cross in two pieces, a MultiPolygon',
    () => {
      const sq = (x: number, y: number, w: number, h: number): Polygon => ({
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
      assert.equal(intersectPolygons(sq(0, 0, 1, 1), sq(1, 0, 1, 1)), null);
      assert.equal(intersectPolygons(sq(0, 0, 1, 1), sq(5, 5, 1, 1)), null);
      const u: Polygon = {
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
      const r = intersectPolygons(u, sq(-1, 2, 5, 0.5));
      assert.equal(r?.type, 'MultiPolygon');
      assert.equal(r?.type === 'MultiPolygon' ? r.coordinates.length : 0, 2);
      assert.ok(Math.abs(area(r ?? sq(0, 0, 0, 0)) - turfKm2(u, sq(-1, 2, 5, 0.5)) * 1e6) < 1e-3);
    },
  );
});
