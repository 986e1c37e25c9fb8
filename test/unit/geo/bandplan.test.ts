import assert from 'node:assert/strict';
import { checkBandPlan, occupiedRangeHz, type BandPlanBand, type BandPlanCheck } from '../../../geo/bandplan/check';

const MHZ = 1_000_000;
const KHZ = 1_000;

const FM: BandPlanBand = {
  id: 1,
  lowHz: 87.5 * MHZ,
  highHz: 108 * MHZ,
  services: ['fm_broadcast'],
  channelRasterHz: 100 * KHZ,
  note: 'FM sound broadcasting',
};
const VHF_LM: BandPlanBand = {
  id: 2,
  lowHz: 148 * MHZ,
  highHz: 174 * MHZ,
  services: ['land_mobile'],
  channelRasterHz: 12.5 * KHZ,
  note: 'VHF land mobile',
};
const UHF_TV: BandPlanBand = {
  id: 3,
  lowHz: 470 * MHZ,
  highHz: 694 * MHZ,
  services: ['tv_broadcast'],
  channelRasterHz: 8 * MHZ,
  note: 'UHF television',
};
const LOUDSPEAKER: BandPlanBand = {
  id: 4,
  lowHz: 54 * MHZ,
  highHz: 68 * MHZ,
  services: ['wireless_loudspeaker'],
  channelRasterHz: 25 * KHZ,
  note: 'Wireless loudspeaker',
};

function plan(): BandPlanBand[] {
  return [FM, VHF_LM, UHF_TV, LOUDSPEAKER].map((b) => ({ ...b, services: [...b.services] }));
}

function check(
  service: string,
  frequencyHz: number,
  bandwidthHz: number,
  necessaryBandwidthHz: number | null = null,
  bands = plan(),
): BandPlanCheck {
  return checkBandPlan({ service, frequencyHz, bandwidthHz, necessaryBandwidthHz }, bands);
}

function bandOf(b: BandPlanBand): NonNullable<BandPlanCheck['band']> {
  return { id: b.id, lowHz: b.lowHz, highHz: b.highHz, note: b.note, channelRasterHz: b.channelRasterHz };
}

describe('geo/bandplan/check', () => {
  describe('occupiedRangeHz', () => {
    it(
      'when the necessary bandwidth is narrower than the channel (160.0125 MHz, 12.5 kHz, 11 kHz), ' +
        'then the channel width is used: [160 006 250, 160 018 750)',
      () => {
        assert.deepEqual(occupiedRangeHz(160_012_500, 12_500, 11_000), { lowHz: 160_006_250, highHz: 160_018_750 });
      },
    );

    it('when the necessary bandwidth is wider than the channel, then the necessary bandwidth is used', () => {
      assert.deepEqual(occupiedRangeHz(160_012_500, 12_500, 16_000), { lowHz: 160_004_500, highHz: 160_020_500 });
    });

    it('when the necessary bandwidth is null, then the channel width is used', () => {
      assert.deepEqual(occupiedRangeHz(100_500_000, 200_000, null), { lowHz: 100_400_000, highHz: 100_600_000 });
    });

    it('when the half width is a fraction of a Hz, then each edge is rounded with Math.round', () => {
      assert.deepEqual(occupiedRangeHz(1_000_000, 25.3, null), {
        lowHz: Math.round(1_000_000 - 12.65),
        highHz: Math.round(1_000_000 + 12.65),
      });
      assert.deepEqual(occupiedRangeHz(1_000_000, 3, null), { lowHz: 999_999, highHz: 1_000_002 });
    });

    it('when an input is not finite or a width is negative, then a RangeError is thrown', () => {
      assert.throws(() => occupiedRangeHz(Number.NaN, 12_500, null), RangeError);
      assert.throws(() => occupiedRangeHz(160e6, -1, null), RangeError);
      assert.throws(() => occupiedRangeHz(160e6, 12_500, Number.POSITIVE_INFINITY), RangeError);
    });
  });

  describe('checkBandPlan', () => {
    it(
      'when an FM station at 100.5 MHz, 200 kHz sits inside the FM band on its 100 kHz raster, ' +
        'then the check is ok',
      () => {
        assert.deepEqual(check('fm_broadcast', 100.5 * MHZ, 200 * KHZ), {
          status: 'ok',
          band: bandOf(FM),
          allowed: true,
          onRaster: true,
          reasons: [],
        });
      },
    );

    it('when an FM station (200 kHz, wider than the raster) is at 100.55 MHz, then it is off the raster', () => {
      assert.deepEqual(check('fm_broadcast', 100.55 * MHZ, 200 * KHZ), {
        status: 'warning',
        band: bandOf(FM),
        allowed: true,
        onRaster: false,
        reasons: ['off_raster'],
      });
    });

    it('when a land-mobile 11K0F3E carrier sits at 160.0125 MHz in a 12.5 kHz channel, then the check is ok', () => {
      assert.deepEqual(check('land_mobile', 160.0125 * MHZ, 12.5 * KHZ, 11 * KHZ), {
        status: 'ok',
        band: bandOf(VHF_LM),
        allowed: true,
        onRaster: true,
        reasons: [],
      });
    });

    it('when a land-mobile carrier is at 160.006 MHz, then it is off the 12.5 kHz raster', () => {
      const r = check('land_mobile', 160_006_000, 12.5 * KHZ, 11 * KHZ);
      assert.equal(r.status, 'warning');
      assert.equal(r.onRaster, false);
      assert.equal(r.allowed, true);
      assert.deepEqual(r.reasons, ['off_raster']);
    });

    it(
      'when an 8 MHz TV channel is centred at 474 MHz (470–478 MHz), ' +
        'then it is on the raster by the half-raster rule',
      () => {
        assert.deepEqual(check('tv_broadcast', 474 * MHZ, 8 * MHZ), {
          status: 'ok',
          band: bandOf(UHF_TV),
          allowed: true,
          onRaster: true,
          reasons: [],
        });
        assert.equal(check('tv_broadcast', 690 * MHZ, 8 * MHZ).status, 'ok', 'the last channel 686–694 MHz');
      },
    );

    it('when an 8 MHz TV channel is centred at 476 MHz, then it is off the raster', () => {
      const r = check('tv_broadcast', 476 * MHZ, 8 * MHZ);
      assert.equal(r.onRaster, false);
      assert.deepEqual(r.reasons, ['off_raster']);
    });

    it(
      'when a 12.5 kHz land-mobile channel is centred half a raster step from a raster line (160.00625 MHz), ' +
        'then the half-raster rule accepts it',
      () => {
        assert.equal(check('land_mobile', 160_006_250, 12.5 * KHZ).onRaster, true);
      },
    );

    it(
      'when an FM service is placed at 160 MHz, ' + 'then the land-mobile entry is reported with "service_not_allowed"',
      () => {
        assert.deepEqual(check('fm_broadcast', 160 * MHZ, 200 * KHZ), {
          status: 'warning',
          band: bandOf(VHF_LM),
          allowed: false,
          onRaster: null,
          reasons: ['service_not_allowed'],
        });
      },
    );

    it(
      'when an FM station at 107.95 MHz with 200 kHz runs past 108 MHz, ' +
        'then it "straddles_band_edge" of the FM entry',
      () => {
        assert.deepEqual(check('fm_broadcast', 107.95 * MHZ, 200 * KHZ), {
          status: 'warning',
          band: bandOf(FM),
          allowed: false,
          onRaster: null,
          reasons: ['straddles_band_edge'],
        });
      },
    );

    it('when a land-mobile range runs below 148 MHz, then it "straddles_band_edge" of the land-mobile entry', () => {
      assert.deepEqual(check('land_mobile', 147.995 * MHZ, 25 * KHZ), {
        status: 'warning',
        band: bandOf(VHF_LM),
        allowed: false,
        onRaster: null,
        reasons: ['straddles_band_edge'],
      });
    });

    it(
      'when a range straddles the edge of an entry of another service only, ' +
        'then both "straddles_band_edge" and "service_not_allowed" are given',
      () => {
        assert.deepEqual(check('fm_broadcast', 147.995 * MHZ, 25 * KHZ), {
          status: 'warning',
          band: bandOf(VHF_LM),
          allowed: false,
          onRaster: null,
          reasons: ['straddles_band_edge', 'service_not_allowed'],
        });
      },
    );

    it('when a station at 300 MHz falls in no entry, then it is "outside_plan" with no band', () => {
      assert.deepEqual(check('land_mobile', 300 * MHZ, 12.5 * KHZ), {
        status: 'warning',
        band: null,
        allowed: false,
        onRaster: null,
        reasons: ['outside_plan'],
      });
    });

    it(
      "when the range only touches an entry's lower edge from below, " +
        'then it does not overlap it and is "outside_plan"',
      () => {
        // [147 987 500, 148 000 000) ends where VHF_LM begins: half-open ranges that touch do not overlap.
        assert.deepEqual(check('land_mobile', 147_993_750, 12.5 * KHZ).reasons, ['outside_plan']);
      },
    );

    it(
      'when the necessary bandwidth (16 kHz) exceeds the 12.5 kHz channel, ' + 'then "wider_than_channel" is reported',
      () => {
        assert.deepEqual(check('land_mobile', 160.0125 * MHZ, 12.5 * KHZ, 16 * KHZ), {
          status: 'warning',
          band: bandOf(VHF_LM),
          allowed: true,
          onRaster: true,
          reasons: ['wider_than_channel'],
        });
      },
    );

    it(
      "when the occupied range ends exactly at the band's upper edge (67.9875 MHz, 25 kHz → [67.975, 68) MHz), " +
        'then it is inside',
      () => {
        assert.deepEqual(occupiedRangeHz(67_987_500, 25 * KHZ, null), { lowHz: 67_975_000, highHz: 68 * MHZ });
        assert.deepEqual(check('wireless_loudspeaker', 67_987_500, 25 * KHZ), {
          status: 'ok',
          band: bandOf(LOUDSPEAKER),
          allowed: true,
          onRaster: true,
          reasons: [],
        });
        assert.deepEqual(
          check('wireless_loudspeaker', 67_990_000, 25 * KHZ).reasons,
          ['straddles_band_edge'],
          'one more Hz past the edge is not inside',
        );
      },
    );

    it("when the occupied range starts exactly at the band's lower edge, then it is inside", () => {
      assert.deepEqual(check('wireless_loudspeaker', 54_012_500, 25 * KHZ).reasons, []);
    });

    it(
      'when several entries contain the range and allow the service, ' +
        'then the narrowest is chosen and its raster applies',
      () => {
        // 160.0125 MHz is off a 20 kHz raster counted from 136 MHz but on the 12.5 kHz raster from 148 MHz.
        const wide: BandPlanBand = {
          id: 10,
          lowHz: 136 * MHZ,
          highHz: 174 * MHZ,
          services: ['land_mobile'],
          channelRasterHz: 20 * KHZ,
          note: 'wide',
        };
        assert.deepEqual(check('land_mobile', 160.0125 * MHZ, 12.5 * KHZ, null, [wide]).reasons, ['off_raster']);
        const r = check('land_mobile', 160.0125 * MHZ, 12.5 * KHZ, null, [wide, ...plan()]);
        assert.deepEqual(r.band, bandOf(VHF_LM));
        assert.equal(r.onRaster, true);
        assert.equal(r.status, 'ok');
      },
    );

    it(
      'when a wider entry allows the service and a narrower containing one does not, ' +
        'then the allowing entry is chosen',
      () => {
        const narrowOther: BandPlanBand = {
          id: 11,
          lowHz: 160 * MHZ,
          highHz: 161 * MHZ,
          services: ['fixed'],
          channelRasterHz: null,
          note: 'fixed',
        };
        const r = check('land_mobile', 160.0125 * MHZ, 12.5 * KHZ, null, [narrowOther, ...plan()]);
        assert.deepEqual(r.band, bandOf(VHF_LM));
        assert.equal(r.allowed, true);
        const other = check('amateur', 160.0125 * MHZ, 12.5 * KHZ, null, [narrowOther, ...plan()]);
        assert.deepEqual(
          other.band,
          bandOf(narrowOther),
          'with no allowing entry, the narrowest containing one is reported',
        );
        assert.deepEqual(other.reasons, ['service_not_allowed']);
      },
    );

    it('when the chosen entry has no raster, then onRaster is null and no raster reason is given', () => {
      const noRaster: BandPlanBand = {
        id: 12,
        lowHz: 400 * MHZ,
        highHz: 410 * MHZ,
        services: ['fixed'],
        channelRasterHz: null,
        note: 'no raster',
      };
      assert.deepEqual(check('fixed', 405_001_234, 50 * KHZ, null, [noRaster]), {
        status: 'ok',
        band: bandOf(noRaster),
        allowed: true,
        onRaster: null,
        reasons: [],
      });
    });

    it('when the plan is empty, then the assignment is outside the plan', () => {
      assert.deepEqual(check('land_mobile', 160 * MHZ, 12.5 * KHZ, null, []).reasons, ['outside_plan']);
    });

    it('when the plan is checked, then the input array and its entries are not mutated', () => {
      const bands = plan().reverse();
      const before = structuredClone(bands);
      const r = check('land_mobile', 160.0125 * MHZ, 12.5 * KHZ, 16 * KHZ, bands);
      check('fm_broadcast', 107.95 * MHZ, 200 * KHZ, null, bands);
      check('amateur', 160 * MHZ, 12.5 * KHZ, null, bands);
      assert.deepEqual(bands, before);
      assert.ok(
        r.band !== null && bands.every((b) => !Object.is(b, r.band)),
        'the result band is a copy, not the plan entry',
      );
    });
  });
});
