import assert from 'node:assert/strict';
import { destination } from '@turf/turf';
import { radialEndPoints } from '../../../geo/coverage/ring';
import { mulberry32 } from '../../../server/lib/prng';

describe('geo/coverage radialEndPoints', () => {
  it(
    'when 20 000 random radials (any latitude, 0–3000 km, any bearing) are projected, ' +
      "then every end point equals Turf's destination to the bit",
    () => {
      const rnd = mulberry32(7);
      for (let k = 0; k < 200; k++) {
        const lon = -180 + rnd() * 360;
        const lat = -89 + rnd() * 178;
        const radii = Array.from({ length: 100 }, () => (rnd() < 0.05 ? 0.001 : rnd() * 3000));
        const bearings = Array.from({ length: 100 }, (_, i) => (i < 72 ? i * 5 : rnd() * 720 - 360));
        const got = radialEndPoints(lon, lat, radii, bearings);
        radii.forEach((r, i) => {
          const want = destination([lon, lat], r, bearings[i] as number, { units: 'kilometers' }).geometry.coordinates;
          assert.deepEqual(got[i], want, `origin ${lon},${lat} radius ${r} bearing ${bearings[i]}`);
        });
      }
    },
  );
});
