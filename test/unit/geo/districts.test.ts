import assert from 'node:assert/strict';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { approximateCells, type BBox, type CentrePoint } from '../../../geo/districts/approximate';
import { areaKm2, bboxDeg } from '../../../geo/districts/area';
import { createPointIndex } from '../../../geo/districts/point-index';
import { validateBoundaries, type BoundaryProblem, type BoundaryResult } from '../../../geo/districts/validate';
import { mulberry32 as seededRandom } from '../../../server/lib/prng';

/** Mean Earth radius (IUGG) used by Turf's area. */
const EARTH_RADIUS_KM = 6371.0088;

/** Closed, counter-clockwise ring of the square [lon, lon+size] × [lat, lat+size]. */
function squareRing(lon: number, lat: number, size = 1): Position[] {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

function square(lon: number, lat: number, size = 1): Polygon {
  return { type: 'Polygon', coordinates: [squareRing(lon, lat, size)] };
}

function feature(properties: Record<string, unknown> | null, geometry: Geometry | null): Feature {
  return { type: 'Feature', properties, geometry: geometry as Geometry };
}

function collection(...features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

/** Area of a lon/lat rectangle on a sphere: R² · Δλ · (sin φ2 − sin φ1). */
function sphericalRectangleKm2(minLon: number, minLat: number, maxLon: number, maxLat: number): number {
  const rad = Math.PI / 180;
  return EARTH_RADIUS_KM ** 2 * (maxLon - minLon) * rad * (Math.sin(maxLat * rad) - Math.sin(minLat * rad));
}

function problemsOf(result: BoundaryResult): BoundaryProblem[] {
  assert.equal(result.ok, false, 'expected the file to be refused');
  return result.ok ? [] : result.problems;
}

describe('geo/districts', () => {
  describe('validateBoundaries', () => {
    it(
      'when every feature is a valid polygon with code and name, ' +
        'then the collection is accepted with code, name, nameAscii and type from the properties',
      () => {
        const multi: MultiPolygon = {
          type: 'MultiPolygon',
          coordinates: [square(2, 0).coordinates, square(4, 0).coordinates],
        };
        const result = validateBoundaries(
          collection(
            feature({ code: '643', name: 'Buôn Ma Thuột', name_ascii: 'Buon Ma Thuot', type_en: 'city' }, square(0, 0)),
            feature({ code: 644, name: '  Buôn Hồ ', nameAscii: 'Buon Ho', type: 'town' }, multi),
            feature({ code: '645', name: "Ea H'leo" }, square(0, 2)),
          ),
        );
        assert.ok(result.ok, `refused: ${JSON.stringify(result)}`);
        assert.deepEqual(
          result.features.map(({ code, name, nameAscii, type }) => ({ code, name, nameAscii, type })),
          [
            { code: '643', name: 'Buôn Ma Thuột', nameAscii: 'Buon Ma Thuot', type: 'city' },
            { code: '644', name: 'Buôn Hồ', nameAscii: 'Buon Ho', type: 'town' },
            { code: '645', name: "Ea H'leo", nameAscii: null, type: null },
          ],
        );
        assert.deepEqual(result.features[1]?.geometry, multi);
      },
    );

    it('when a name is written in decomposed Unicode, then it is returned in NFC form', () => {
      const decomposed = 'Lắk'.normalize('NFD');
      const result = validateBoundaries(collection(feature({ code: '656', name: decomposed }, square(0, 0))));
      assert.ok(result.ok);
      assert.equal(result.features[0]?.name, 'Lắk'.normalize('NFC'));
    });

    it('when custom codeProp and nameProp are given, then code and name are read from those properties', () => {
      const result = validateBoundaries(
        collection(feature({ ma: '66001', ten: 'Phường Tân Lợi', code: 'ignored', name: 'ignored' }, square(0, 0))),
        { codeProp: 'ma', nameProp: 'ten' },
      );
      assert.ok(result.ok, `refused: ${JSON.stringify(result)}`);
      assert.equal(result.features[0]?.code, '66001');
      assert.equal(result.features[0]?.name, 'Phường Tân Lợi');
    });

    it('when custom codeProp is given but a feature lacks it, then the problem names that property', () => {
      const problems = problemsOf(
        validateBoundaries(collection(feature({ code: '1', name: 'A' }, square(0, 0))), { codeProp: 'ma' }),
      );
      assert.deepEqual(problems, [{ index: 0, code: null, reason: 'has no "ma" property' }]);
    });

    it('when the input is not a FeatureCollection, then the file itself (index -1) is refused', () => {
      for (const input of [
        null,
        [],
        'text',
        { type: 'Feature', properties: {}, geometry: square(0, 0) },
        { type: 'FeatureCollection' },
      ]) {
        const problems = problemsOf(validateBoundaries(input));
        assert.equal(problems.length, 1);
        assert.equal(problems[0]?.index, -1);
        assert.match(problems[0]?.reason ?? '', /not a GeoJSON FeatureCollection/);
      }
    });

    it('when the FeatureCollection has no features, then the file is refused', () => {
      const problems = problemsOf(validateBoundaries(collection()));
      assert.deepEqual(
        problems.map((p) => p.index),
        [-1],
      );
      assert.match(problems[0]?.reason ?? '', /no features/);
    });

    it('when a ring is not closed, then the file is refused with the feature index and reason', () => {
      const open = square(0, 2);
      open.coordinates[0]?.pop();
      const problems = problemsOf(
        validateBoundaries(
          collection(feature({ code: '1', name: 'A' }, square(0, 0)), feature({ code: '2', name: 'B' }, open)),
        ),
      );
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.index, 1);
      assert.equal(problems[0]?.code, '2');
      assert.match(problems[0]?.reason ?? '', /not closed/);
    });

    it('when a ring has fewer than 4 positions, then the file is refused saying how many it has', () => {
      const tiny: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      };
      const problems = problemsOf(validateBoundaries(collection(feature({ code: '1', name: 'A' }, tiny))));
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.index, 0);
      assert.match(problems[0]?.reason ?? '', /has 3 positions; a ring needs at least 4/);
    });

    it('when a hole ring is not closed, then the reason says it is the hole', () => {
      const withHole: Polygon = {
        type: 'Polygon',
        coordinates: [squareRing(0, 0, 4), squareRing(1, 1, 1).slice(0, 4)],
      };
      const problems = problemsOf(validateBoundaries(collection(feature({ code: '1', name: 'A' }, withHole))));
      assert.equal(problems.length, 1);
      assert.match(problems[0]?.reason ?? '', /ring 1 \(hole\) is not closed/);
    });

    it('when a ring crosses itself (bow tie), then the file is refused with "crosses itself"', () => {
      const bowTie: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      };
      const problems = problemsOf(validateBoundaries(collection(feature({ code: '7', name: 'Bow' }, bowTie))));
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.index, 0);
      assert.equal(problems[0]?.code, '7');
      assert.match(problems[0]?.reason ?? '', /crosses itself/);
    });

    it('when two features share a code, then the second is refused as a duplicate of the first', () => {
      const problems = problemsOf(
        validateBoundaries(
          collection(
            feature({ code: '643', name: 'A' }, square(0, 0)),
            feature({ code: '644', name: 'B' }, square(1, 0)),
            feature({ code: '643', name: 'C' }, square(2, 0)),
          ),
        ),
      );
      assert.deepEqual(problems, [{ index: 2, code: '643', reason: 'duplicates the code of feature 0' }]);
    });

    it('when a feature has no name (missing or blank), then it is refused for the missing name', () => {
      const problems = problemsOf(
        validateBoundaries(
          collection(feature({ code: '1' }, square(0, 0)), feature({ code: '2', name: '   ' }, square(1, 0))),
        ),
      );
      assert.deepEqual(problems, [
        { index: 0, code: '1', reason: 'has no "name" property' },
        { index: 1, code: '2', reason: 'has no "name" property' },
      ]);
    });

    it('when a feature has a Point geometry, then it is refused as not Polygon or MultiPolygon', () => {
      const problems = problemsOf(
        validateBoundaries(collection(feature({ code: '1', name: 'A' }, { type: 'Point', coordinates: [108, 12.6] }))),
      );
      assert.equal(problems.length, 1);
      assert.match(problems[0]?.reason ?? '', /Point is not Polygon or MultiPolygon/);
    });

    it('when a feature has no geometry, then it is refused for it', () => {
      const problems = problemsOf(validateBoundaries(collection(feature({ code: '1', name: 'A' }, null))));
      assert.deepEqual(problems, [{ index: 0, code: '1', reason: 'has no geometry' }]);
    });

    it('when a longitude or latitude is outside WGS84 range, then the file is refused naming the position', () => {
      const badLon = square(179.5, 0);
      const badLat: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [0, 89.5],
            [1, 89.5],
            [1, 90.5],
            [0, 90.5],
            [0, 89.5],
          ],
        ],
      };
      const problems = problemsOf(
        validateBoundaries(
          collection(feature({ code: '1', name: 'A' }, badLon), feature({ code: '2', name: 'B' }, badLat)),
        ),
      );
      assert.deepEqual(
        problems.map((p) => p.index),
        [0, 1],
      );
      assert.match(problems[0]?.reason ?? '', /position 1 is outside WGS84/);
      assert.match(problems[1]?.reason ?? '', /position 2 is outside WGS84/);
    });

    it('when a position is not a pair of finite numbers, then the file is refused', () => {
      const bad = {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, '0'],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      } as unknown as Polygon;
      const problems = problemsOf(validateBoundaries(collection(feature({ code: '1', name: 'A' }, bad))));
      assert.match(problems[0]?.reason ?? '', /position 1 is not a \[longitude, latitude\] pair/);
    });

    it(
      'when several features are bad, ' + 'then every problem of every feature is reported and no feature is returned',
      () => {
        const open = square(0, 2);
        open.coordinates[0]?.pop();
        const result = validateBoundaries(
          collection(
            feature({ code: '1', name: 'A' }, open),
            feature({ code: '2', name: 'B' }, square(0, 0)),
            feature({ name: 'C' }, { type: 'Point', coordinates: [0, 0] }),
          ),
        );
        const problems = problemsOf(result);
        assert.equal('features' in result, false);
        assert.deepEqual(
          problems.map((p) => p.index),
          [0, 2, 2],
        );
        assert.match(problems[0]?.reason ?? '', /not closed/);
        assert.match(problems[1]?.reason ?? '', /has no "code" property/);
        assert.match(problems[2]?.reason ?? '', /Point is not Polygon or MultiPolygon/);
      },
    );
  });

  describe('createPointIndex', () => {
    const donut: Polygon = { type: 'Polygon', coordinates: [squareRing(10, 10, 4), squareRing(11, 11, 2).reverse()] };
    const islands: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[squareRing(20, 0, 4), squareRing(21, 1, 1).reverse()], [squareRing(30, 0, 1)]],
    };
    const index = createPointIndex([
      { geometry: square(0, 0), value: 'west' },
      { geometry: square(1, 0), value: 'east' },
      { geometry: donut, value: 'donut' },
      { geometry: islands, value: 'islands' },
    ]);

    it("when a point lies inside a polygon, then that polygon's value is returned", () => {
      assert.equal(index.size, 4);
      assert.equal(index.lookup(0.5, 0.5), 'west');
      assert.equal(index.lookup(10.5, 13.5), 'donut');
    });

    it('when two squares share an edge, then a point on each side is found in its own square', () => {
      assert.equal(index.lookup(0.5, 0.999), 'west');
      assert.equal(index.lookup(0.5, 1.001), 'east');
      assert.equal(index.lookup(0.999, 1.999), 'east');
    });

    it('when a point lies on the outer boundary, then it counts as inside', () => {
      assert.equal(index.lookup(0, 0.5), 'west');
      assert.equal(index.lookup(10, 12), 'donut');
    });

    it('when a point lies in the hole of a Polygon, then it is not found', () => {
      assert.equal(index.lookup(12, 12), null);
    });

    it('when a point lies in the hole of a MultiPolygon part, then it is not found, but the other part is', () => {
      assert.equal(index.lookup(1.5, 21.5), null);
      assert.equal(index.lookup(0.5, 20.5), 'islands');
      assert.equal(index.lookup(0.5, 30.5), 'islands');
    });

    it(
      'when a point is within a bounding box but outside the polygon, or outside everything, ' +
        'then null is returned',
      () => {
        assert.equal(index.lookup(0.5, 28), null); // between the two MultiPolygon parts
        assert.equal(index.lookup(-5, -5), null);
        assert.equal(index.lookup(45, 100), null);
      },
    );

    it('when a coordinate is NaN or infinite, then null is returned', () => {
      assert.equal(index.lookup(Number.NaN, 0.5), null);
      assert.equal(index.lookup(0.5, Number.NaN), null);
      assert.equal(index.lookup(Number.POSITIVE_INFINITY, 0.5), null);
    });

    it('when the index is empty, then every lookup returns null', () => {
      const empty = createPointIndex<string>([]);
      assert.equal(empty.size, 0);
      assert.equal(empty.lookup(0, 0), null);
    });

    it('when 500 grid cells are indexed, then sampled points are found in the cell they were generated in', () => {
      const rows = 20;
      const cols = 25;
      const size = 0.1;
      const origin = { lon: 107.5, lat: 12.0 };
      const cells: { geometry: Polygon; value: { row: number; col: number } }[] = [];
      for (let row = 0; row < rows; row++) {
        for (let col = 0; col < cols; col++) {
          cells.push({ geometry: square(origin.lon + col * size, origin.lat + row * size, size), value: { row, col } });
        }
      }
      const grid = createPointIndex(cells);
      assert.equal(grid.size, 500);

      const random = seededRandom(20191001);
      let checked = 0;
      for (let row = 0; row < rows; row++) {
        for (let col = 0; col < cols; col++) {
          // Every cell's centre, and two random interior points of every fifth cell (kept off the edges).
          const samples: [number, number][] = [[0.5, 0.5]];
          if ((row * cols + col) % 5 === 0)
            samples.push(
              [0.02 + 0.96 * random(), 0.02 + 0.96 * random()],
              [0.02 + 0.96 * random(), 0.02 + 0.96 * random()],
            );
          for (const [fy, fx] of samples) {
            const lat = origin.lat + (row + fy) * size;
            const lon = origin.lon + (col + fx) * size;
            assert.deepEqual(grid.lookup(lat, lon), { row, col }, `point ${lat}, ${lon}`);
            checked++;
          }
        }
      }
      assert.equal(checked, 500 + 2 * 100);
      assert.equal(grid.lookup(origin.lat - 0.05, origin.lon + 0.05), null);
      assert.equal(grid.lookup(origin.lat + 0.05, origin.lon + cols * size + 0.05), null);
    });
  });

  describe('approximateCells', () => {
    const bbox: BBox = [107.4, 12.1, 109.0, 13.5];
    const centres: CentrePoint[] = [
      { code: '643', latDeg: 12.67, lonDeg: 108.04 },
      { code: '645', latDeg: 13.23, lonDeg: 108.2 },
      { code: '646', latDeg: 13.19, lonDeg: 107.78 },
      { code: '652', latDeg: 12.71, lonDeg: 108.78 },
      { code: '656', latDeg: 12.35, lonDeg: 108.17 },
    ];
    const cells = approximateCells(centres, bbox);

    it(
      'when 5 centre points are given, ' + 'then there is one cell per code and each centre lies inside its own cell',
      () => {
        assert.deepEqual([...cells.keys()].sort(), centres.map((c) => c.code).sort());
        for (const c of centres) {
          const cell = cells.get(c.code);
          assert.ok(cell, `no cell for ${c.code}`);
          assert.ok(
            booleanPointInPolygon(point([c.lonDeg, c.latDeg]), cell),
            `centre of ${c.code} is outside its cell`,
          );
          for (const other of centres.filter((o) => o.code !== c.code)) {
            assert.equal(
              booleanPointInPolygon(point([other.lonDeg, other.latDeg]), cell, { ignoreBoundary: true }),
              false,
              `centre of ${other.code} is inside the cell of ${c.code}`,
            );
          }
        }
      },
    );

    it('when cells are built, then every cell lies within the bounding box', () => {
      const eps = 1e-9;
      for (const [code, cell] of cells) {
        const [minLon, minLat, maxLon, maxLat] = bboxDeg(cell);
        assert.ok(
          minLon >= bbox[0] - eps && minLat >= bbox[1] - eps && maxLon <= bbox[2] + eps && maxLat <= bbox[3] + eps,
          `cell ${code} extends beyond the bbox: ${[minLon, minLat, maxLon, maxLat].join(', ')}`,
        );
      }
    });

    it('when cells are built, then their summed area equals the bounding-box area within 0.5 %', () => {
      const total = [...cells.values()].reduce((sum, cell) => sum + areaKm2(cell), 0);
      const expected = sphericalRectangleKm2(...bbox);
      assert.ok(
        Math.abs(total - expected) / expected < 0.005,
        `cells ${total.toFixed(1)} km² vs bbox ${expected.toFixed(1)} km²`,
      );
    });

    it('when only 3 centre points are given, then each still lies in its own cell and the cells tile the box', () => {
      const three = centres.slice(0, 3);
      const small = approximateCells(three, bbox);
      assert.equal(small.size, 3);
      for (const c of three) {
        const cell = small.get(c.code);
        assert.ok(
          cell && booleanPointInPolygon(point([c.lonDeg, c.latDeg]), cell),
          `centre of ${c.code} is outside its cell`,
        );
      }
      const total = [...small.values()].reduce((sum, cell) => sum + areaKm2(cell), 0);
      const expected = sphericalRectangleKm2(...bbox);
      assert.ok(
        Math.abs(total - expected) / expected < 0.005,
        `cells ${total.toFixed(1)} km² vs bbox ${expected.toFixed(1)} km²`,
      );
    });
  });

  describe('areaKm2 and bboxDeg', () => {
    it(
      'when the square is 1°×1° at the equator, ' +
        'then its area matches the spherical formula within 1 % (≈ 12 364 km²)',
      () => {
        const expected = sphericalRectangleKm2(0, 0, 1, 1);
        const actual = areaKm2(square(0, 0));
        assert.ok(Math.abs(actual - expected) / expected < 0.01, `${actual} vs ${expected}`);
        assert.ok(Math.abs(actual - 12_364) / 12_364 < 0.01, `${actual}`);
      },
    );

    it('when the square is 1°×1° at 60° N, then its area shrinks as the spherical formula says', () => {
      const expected = sphericalRectangleKm2(0, 60, 1, 61);
      const actual = areaKm2(square(0, 60));
      assert.ok(Math.abs(actual - expected) / expected < 0.01, `${actual} vs ${expected}`);
    });

    it('when a polygon has a hole, then the hole area is subtracted', () => {
      const donut: Polygon = { type: 'Polygon', coordinates: [squareRing(0, 0, 2), squareRing(0.5, 0.5, 1).reverse()] };
      const expected = sphericalRectangleKm2(0, 0, 2, 2) - sphericalRectangleKm2(0.5, 0.5, 1.5, 1.5);
      const actual = areaKm2(donut);
      assert.ok(Math.abs(actual - expected) / expected < 0.01, `${actual} vs ${expected}`);
    });

    it('when a MultiPolygon has two parts, then its area is the sum of both', () => {
      const multi: MultiPolygon = {
        type: 'MultiPolygon',
        coordinates: [square(0, 0).coordinates, square(5, 10).coordinates],
      };
      const expected = areaKm2(square(0, 0)) + areaKm2(square(5, 10));
      assert.ok(Math.abs(areaKm2(multi) - expected) < 1e-6);
    });

    it('when a MultiPolygon is given, then bboxDeg is [minLon, minLat, maxLon, maxLat] over all parts', () => {
      const multi: MultiPolygon = {
        type: 'MultiPolygon',
        coordinates: [square(108, 12).coordinates, square(110, 14, 0.5).coordinates],
      };
      assert.deepEqual(bboxDeg(multi), [108, 12, 110.5, 14.5]);
    });
  });
});
