/**
 * The field margin of a pair (geo/conflicts/margin.ts; definition in geo/README.md "Field margin of a pair"):
 * the hand-worked example of the README, the field model against the footprints it must agree with (the
 * field at each radial's end is the contour's threshold), and the settling of the sign to the engine's decision.
 */
import assert from 'node:assert/strict';
import { bearing, distance } from '@turf/turf';
import type { Polygon } from 'geojson';
import { coverageFootprint, type ReceptionParams, type TxSite } from '../../../geo/coverage/footprint';
import {
  effectiveThresholdDbuvM,
  fieldModel,
  MARGIN_RESOLUTION_DB,
  pairMarginDb,
  pathsTo,
  settleMarginDb,
  worstFieldDbuvM,
} from '../../../geo/conflicts/margin';

const KM_PER_DEG = (Math.PI / 180) * 6371.0088;

describe('geo field margin of a pair', () => {
  // README example: a 1 W e.r.p. transmitter at 2400 MHz (free space), 30 m, at 12° N 108° E; the victim's
  // footprint a square whose nearest vertex is 0.09° due north (10.0076 km).
  const site: TxSite = {
    latDeg: 12,
    lonDeg: 108,
    antennaHeightM: 30,
    erpW: 1,
    azimuthDeg: null,
    beamwidthDeg: null,
    frequencyHz: 2_400_000_000,
  };
  const rx: Omit<ReceptionParams, 'thresholdDbuvM'> = { receiverHeightM: 1.5, environment: 'open' };
  const square: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [108, 12.09],
        [108.05, 12.14],
        [108, 12.19],
        [107.95, 12.14],
        [108, 12.09],
      ],
    ],
  };

  it('when worked by hand (free space, omni), then the margin is Teff − E at the nearest vertex', () => {
    const d = 0.09 * KM_PER_DEG; // 10.0076 km
    assert.ok(Math.abs(d - 10.0076) < 1e-4);
    // E = EIRP + 74.8 − 20·log10 d = (0 + 2.15) + 74.8 − 20.0066 = 56.943 dBµV/m.
    const e = 2.15 + 74.8 - 20 * Math.log10(d);
    assert.ok(Math.abs(e - 56.943) < 1e-3);
    const model = fieldModel(site, rx);
    const paths = pathsTo([site.lonDeg, site.latDeg], square);
    assert.equal(paths.inside, false);
    assert.ok(Math.abs(worstFieldDbuvM(model, paths) - e) < 1e-6);
    // Victim protected 70 dBµV/m, co-channel PR 8 dB → T = 62; the interferer's own protected field 70 → Teff 62.
    const t = effectiveThresholdDbuvM(
      { protectedFieldDbuvM: 70, coChannelPrDb: 8, adjacentPrDb: -20 },
      70,
      'co_channel',
    );
    assert.equal(t, 62);
    const m = pairMarginDb(t, model, paths);
    assert.ok(Math.abs(m - 5.057) < 1e-3, String(m));
    assert.equal(settleMarginDb(m, false), 5.1);
    // Adjacent: T = 70 + 20 = 90, above the interferer's protected 70 → Teff 70 (its coverage), margin 13.06.
    const adj = effectiveThresholdDbuvM(
      { protectedFieldDbuvM: 70, coChannelPrDb: 8, adjacentPrDb: -20 },
      70,
      'adjacent_channel',
    );
    assert.equal(adj, 70);
    assert.equal(settleMarginDb(pairMarginDb(adj, model, paths), false), 13.1);
  });

  it('when the interferer points away (azimuth 180°, beamwidth 60°), then its back lobe adds 25 dB', () => {
    const model = fieldModel({ ...site, azimuthDeg: 180, beamwidthDeg: 60 }, rx);
    const paths = pathsTo([site.lonDeg, site.latDeg], square);
    // Due north: Δθ = 180°, min(12·3², 25) = 25 dB. The square's vertices off north are farther and also at 25 dB.
    assert.ok(Math.abs(pairMarginDb(62, model, paths) - (5.057 + 25)) < 1e-3);
  });

  it('when the interferer stands inside the victim’s footprint, then its field at 1 m counts', () => {
    const model = fieldModel(site, rx);
    const paths = pathsTo([108, 12.14], square);
    assert.equal(paths.inside, true);
    // 2.15 + 74.8 − 20·log10(0.001) = 136.95 dBµV/m.
    assert.ok(Math.abs(worstFieldDbuvM(model, paths) - 136.95) < 1e-9);
    assert.ok(pairMarginDb(62, model, paths) < -70);
  });

  it('when every vertex is beyond the radio horizon, then there is no figure (+∞)', () => {
    const model = fieldModel(site, rx);
    // Horizon 4.12·(√30 + √1.5) = 27.61 km; the square moved 1° north (≥ 111 km).
    const far: Polygon = {
      type: 'Polygon',
      coordinates: [(square.coordinates[0] ?? []).map(([x, y]) => [x as number, (y as number) + 1])],
    };
    assert.ok(Math.abs(model.reachKm - 27.612) < 1e-3);
    assert.equal(pairMarginDb(62, model, pathsTo([site.lonDeg, site.latDeg], far)), Infinity);
    assert.equal(settleMarginDb(Infinity, false), Infinity);
    assert.equal(settleMarginDb(Infinity, true), 0);
  });

  for (const [name, s, r] of [
    ['Hata at 160 MHz, directional', { ...site, frequencyHz: 160e6, erpW: 25, azimuthDeg: 40, beamwidthDeg: 65 }, rx],
    ['Hata suburban at 450 MHz, omni', { ...site, frequencyHz: 450e6, erpW: 50 }, { ...rx, environment: 'suburban' }],
    [
      'P.1546 at 98 MHz',
      { ...site, frequencyHz: 98e6, erpW: 1000, antennaHeightM: 80 },
      { ...rx, receiverHeightM: 10, propagationModel: 'p1546' },
    ],
  ] as const) {
    it(`when a footprint is drawn (${name}), then the field at each radial's end is its threshold`, () => {
      const threshold = 40;
      const fp = coverageFootprint(s, { ...r, thresholdDbuvM: threshold });
      const model = fieldModel(s, r);
      const p1546 = 'propagationModel' in r;
      let checked = 0;
      fp.radiiKm.forEach((km, i) => {
        if (fp.limitedBy[i] !== 'threshold') return;
        const e = model.fieldDbuvM(km, fp.bearingsDeg[i] as number);
        // Closed form: to the last bits; P.1546: the bisection's 0.01 km tolerance.
        assert.ok(Math.abs(e - threshold) < (p1546 ? 0.05 : 1e-9), `${name} radial ${i}: ${e}`);
        checked++;
      });
      assert.ok(checked > 0);
    });
  }

  it('when paths are drawn, then each distance and bearing is Turf’s to the bit', () => {
    const fp = coverageFootprint(
      { ...site, frequencyHz: 160e6, erpW: 25, azimuthDeg: 40, beamwidthDeg: 65 },
      {
        ...rx,
        thresholdDbuvM: 30,
      },
    );
    for (const from of [
      [108.3, 12.4],
      [107.91, 12.02],
      [108, 12],
    ]) {
      const paths = pathsTo(from, fp.polygon);
      const ring = fp.polygon.coordinates[0] ?? [];
      assert.equal(paths.distanceKm.length, ring.length - 1);
      ring.slice(0, -1).forEach((p, i) => {
        assert.equal(paths.distanceKm[i], distance(from, p), `distance ${i}`);
        assert.equal(paths.bearingDeg[i], bearing(from, p), `bearing ${i}`);
      });
      assert.equal(paths.maxKm, Math.max(...paths.distanceKm));
    }
  });

  it('when settled, then a conflicting pair is ≤ 0 and a clear one ≥ the resolution, rounded to 0.1 dB', () => {
    assert.equal(settleMarginDb(-3.26, true), -3.3);
    assert.equal(settleMarginDb(0.04, true), 0);
    assert.equal(Object.is(settleMarginDb(-0.01, true), -0), false, 'no negative zero');
    assert.equal(settleMarginDb(2.5, true), 0);
    assert.equal(settleMarginDb(-0.02, false), MARGIN_RESOLUTION_DB);
    assert.equal(settleMarginDb(0.04, false), MARGIN_RESOLUTION_DB);
    assert.equal(settleMarginDb(17.349, false), 17.3);
  });
});
