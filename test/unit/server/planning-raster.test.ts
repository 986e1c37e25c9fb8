/** The channels of the band plan's raster in a range (server/modules/planning/planning.raster.ts). */
import assert from 'node:assert/strict';
import { channelCentresHz, countChannelsAtMost, entriesFor } from '../../../server/modules/planning/planning.raster';

const LM = { lowHz: 148_000_000, highHz: 156_000_000, services: ['land_mobile'], channelRasterHz: 12_500 };
const TV = { lowHz: 470_000_000, highHz: 694_000_000, services: ['tv_broadcast'], channelRasterHz: 8_000_000 };
const AM = { lowHz: 144_000_000, highHz: 148_000_000, services: ['amateur'], channelRasterHz: 12_500 };

describe('the channel raster of the finder', () => {
  it('when a land-mobile range is asked, then raster lines from the band edge where the channel fits', () => {
    const c = channelCentresHz([LM], 12_500, 11_000, 148_000_000, 148_050_000);
    assert.deepEqual(c, [148_012_500, 148_025_000, 148_037_500, 148_050_000]);
    assert.ok(countChannelsAtMost([LM], 12_500, 11_000, 148_000_000, 148_050_000) >= c.length);
  });

  it('when a television range is asked, then the 8 MHz slots centred half a step from the edge (474 MHz)', () => {
    assert.deepEqual(channelCentresHz([TV], 8_000_000, 7_600_000, 470_000_000, 490_000_000), [474e6, 482e6, 490e6]);
  });

  it('when a band has no raster, then channels of the asked width side by side from its edge', () => {
    const band = { ...LM, channelRasterHz: null };
    assert.deepEqual(channelCentresHz([band], 25_000, null, 148_000_000, 148_060_000), [148_012_500, 148_037_500]);
  });

  it('when no entry in the range allows the service, then all overlapping entries are used (to say why)', () => {
    assert.deepEqual(entriesFor([LM, AM], 'land_mobile', 147e6, 149e6), [LM]);
    assert.deepEqual(entriesFor([LM, AM], 'fm_broadcast', 147e6, 149e6), [LM, AM]);
    assert.deepEqual(entriesFor([LM, AM], 'land_mobile', 600e6, 601e6), []);
  });

  it('when two entries give the same centre, then it is listed once, in ascending order', () => {
    const c = channelCentresHz([LM, { ...LM, services: ['fixed_link'] }], 12_500, null, 150e6, 150.1e6);
    assert.equal(new Set(c).size, c.length);
    assert.deepEqual(
      [...c].sort((a, b) => a - b),
      c,
    );
  });
});
