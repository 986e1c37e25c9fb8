import assert from 'node:assert/strict';
import { coverageFootprint, reachEnvelopeBoxDeg } from '../../../geo/coverage/footprint';
import { radioHorizonKm } from '../../../geo/propagation/horizon';
import { mulberry32 } from '../../../server/lib/prng';

describe('geo/coverage reachEnvelopeBoxDeg', () => {
  const rnd = mulberry32(4242);

  it(
    'when 2 000 random sites (omni and directional, 1 m to 300 m, 1 W to 100 kW, 30 MHz to 3 GHz, ' +
      "latitudes −60..60) are computed at random thresholds, then every footprint box lies inside the site's envelope",
    () => {
      let capped = 0;
      for (let i = 0; i < 2000; i++) {
        const directional = rnd() < 0.5;
        const site = {
          latDeg: -60 + rnd() * 120,
          lonDeg: -179 + rnd() * 358,
          antennaHeightM: rnd() < 0.05 ? 0 : 1 + rnd() * 300,
          erpW: 10 ** (rnd() * 5),
          azimuthDeg: directional ? rnd() * 360 : null,
          beamwidthDeg: directional ? 5 + rnd() * 120 : null,
          frequencyHz: 30e6 + rnd() * 2970e6,
        };
        const receiverHeightM = 1.5 + rnd() * 8.5;
        const env = reachEnvelopeBoxDeg(site, receiverHeightM);
        const fp = coverageFootprint(site, {
          thresholdDbuvM: -20 + rnd() * 100,
          receiverHeightM,
          environment: 'suburban',
        });
        if (fp.limitedBy.includes('horizon')) capped++;
        const [a, b, c, d] = fp.bboxDeg;
        assert.ok(
          a >= env[0] && b >= env[1] && c <= env[2] && d <= env[3],
          `site ${i}: ${fp.bboxDeg.join(',')} outside ${env.join(',')}`,
        );
      }
      assert.ok(capped > 200, `sanity: ${capped} footprints reach the horizon, where the bound is tight`);
    },
  );

  it(
    'when the footprint reaches the horizon on every radial, ' +
      'then the envelope equals its box (the bound is tight)',
    () => {
      const site = {
        latDeg: 12.7,
        lonDeg: 108.05,
        antennaHeightM: 30,
        erpW: 100_000,
        azimuthDeg: null,
        beamwidthDeg: null,
        frequencyHz: 100e6,
      };
      const fp = coverageFootprint(site, { thresholdDbuvM: 0, receiverHeightM: 10, environment: 'open' });
      assert.ok(fp.limitedBy.every((l) => l === 'horizon'));
      assert.deepEqual(reachEnvelopeBoxDeg(site, 10), fp.bboxDeg);
      assert.ok(Math.abs((fp.bboxDeg[3] - 12.7) * 111.195 - radioHorizonKm(30, 10)) < 0.01);
    },
  );
});
