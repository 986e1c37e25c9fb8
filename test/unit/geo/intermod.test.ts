import assert from 'node:assert/strict';
import {
  distanceKm,
  indexedIntermod,
  inWindow,
  intermodByVictim,
  intermodIndex,
  naiveIntermod,
  type IntermodFinding,
  type IntermodSite,
} from '../../../geo/conflicts/intermod';
import { mulberry32 } from '../../../server/lib/prng';

const CENTRE = { latDeg: 12.67, lonDeg: 108.04 };
/** km per degree of latitude on the sphere of radius 6371.0088 km. */
const KM_PER_DEG = (6371.0088 * Math.PI) / 180;
const MHZ = 1_000_000;

/** A site `northKm` north and `eastKm` east of the centre, on a 12.5 kHz channel by default. */
function site(
  id: number,
  direction: 'tx' | 'rx',
  frequencyHz: number,
  [northKm, eastKm]: [number, number] = [0, 0],
  extra: Partial<IntermodSite> = {},
): IntermodSite {
  const widthHz = 12_500;
  const latDeg = CENTRE.latDeg + northKm / KM_PER_DEG;
  const lonDeg = CENTRE.lonDeg + eastKm / (KM_PER_DEG * Math.cos((latDeg * Math.PI) / 180));
  return {
    id,
    direction,
    latDeg,
    lonDeg,
    frequencyHz,
    occupiedLowHz: frequencyHz - widthHz / 2,
    occupiedHighHz: frequencyHz + widthHz / 2,
    distanceKm: 1,
    licenseeId: 7,
    ...extra,
  };
}

const brief = (f: IntermodFinding) => `${f.victimId} ${f.type} ${f.contributorIds.join(',')} ${f.severity}`;

describe('geo/conflicts intermodulation', () => {
  // Three co-sited transmitters on 12.5 kHz channels, A = 150.000, B = 150.050, C = 150.200 MHz. Their products:
  //   2A − B = 300.000 − 150.050 = 149.950      2B − A = 300.100 − 150.000 = 150.100
  //   2A − C = 300.000 − 150.200 = 149.800      2C − A = 300.400 − 150.000 = 150.400
  //   2B − C = 300.100 − 150.200 = 149.900      2C − B = 300.400 − 150.050 = 150.350
  //   A + B − C = 300.050 − 150.200 = 149.850   A + C − B = 300.200 − 150.050 = 150.150
  //   B + C − A = 300.250 − 150.000 = 150.250   (MHz)
  // Receivers: R1 150.100 (co-sited), R2 150.260 (co-sited), R3 149.950 at 1.5 km, R4 150.150 at 0.999 km north.
  const A = site(1, 'tx', 150.0 * MHZ);
  const B = site(2, 'tx', 150.05 * MHZ, [0, 0.2]);
  const C = site(3, 'tx', 150.2 * MHZ, [0.2, 0]);
  const R1 = site(11, 'rx', 150.1 * MHZ);
  const R2 = site(12, 'rx', 150.26 * MHZ, [0, 0], { licenseeId: 8 });
  const R3 = site(13, 'rx', 149.95 * MHZ, [-1.5, 0]);
  const R4 = site(14, 'rx', 150.15 * MHZ, [0.999, 0]);
  const register = [A, B, C, R1, R2, R3, R4];

  it('when three co-sited transmitters are worked by hand, then each product hit is found with its figures', () => {
    const found = indexedIntermod(register);
    assert.deepEqual(found.map(brief), [
      // 2B − A = 150.100 MHz: range [2·150.04375 − 150.00625, 2·150.05625 − 149.99375) = [150.08125, 150.11875),
      // 37.5 kHz = 2·12.5 + 12.5; R1 [150.09375, 150.10625) lies inside it, centre on channel: medium.
      '11 two_tone 2,1 medium',
      // B + C − A = 150.250 MHz: [150.04375 + 150.19375 − 150.00625, 150.05625 + 150.20625 − 149.99375)
      // = [150.23125, 150.26875); R2 [150.25375, 150.26625) shares 12.5 kHz, the centre 150.250 is outside: low.
      '12 three_tone 2,3,1 low',
      // A + C − B = 150.150 MHz on R4 (0.999 km from A, 0.8 km from C): medium.
      '14 three_tone 1,3,2 medium',
    ]);
    const onR1 = found[0] as IntermodFinding;
    assert.equal(onR1.productHz, 150_100_000);
    assert.equal(onR1.productLowHz, 150_081_250);
    assert.equal(onR1.productHighHz, 150_118_750);
    assert.equal(onR1.overlapHz, 12_500);
    assert.equal(onR1.overlapFraction, 1);
    assert.equal(onR1.frequencyOffsetHz, 0);
    assert.equal(onR1.sameLicensee, true);
    const onR2 = found[1] as IntermodFinding;
    assert.equal(onR2.productHz, 150_250_000);
    assert.deepEqual([onR2.productLowHz, onR2.productHighHz], [150_231_250, 150_268_750]);
    assert.equal(onR2.overlapHz, 150_266_250 - 150_253_750);
    assert.equal(onR2.frequencyOffsetHz, -10_000);
    assert.equal(onR2.sameLicensee, false, 'R2 has another licensee');
    // R3 (149.950 = 2A − B) is 1.5 km from every contributor: outside the neighbourhood.
    assert.ok(distanceKm(R3, A) > 1 && distanceKm(R3, B) > 1);
    assert.deepEqual(naiveIntermod(register), found);
  });

  it('when a receiver sits just over the distance from every contributor, then no finding; just inside, one', () => {
    // South of A (C is 0.2 km north, B 0.2 km east): A is the closest contributor.
    const far = site(14, 'rx', 150.15 * MHZ, [-1.0015, 0]);
    const near = site(14, 'rx', 150.15 * MHZ, [-0.9985, 0]);
    assert.ok(distanceKm(far, A) > 1 && distanceKm(far, C) > 1 && distanceKm(far, B) > 1);
    assert.deepEqual(indexedIntermod([A, B, C, far]).map(brief), []);
    assert.deepEqual(indexedIntermod([A, B, C, near]).map(brief), ['14 three_tone 1,3,2 medium']);
  });

  it('when a transmitter is just over the distance from the others, then it contributes nothing', () => {
    const cFar = site(3, 'tx', 150.2 * MHZ, [1.0015, 0]);
    const victims = [site(11, 'rx', 150.4 * MHZ), site(12, 'rx', 150.1 * MHZ)];
    // 2C − A = 150.400 would hit the first receiver, but C is 1.0015 km from A: only 2B − A remains.
    assert.deepEqual(indexedIntermod([A, B, cFar, ...victims]).map(brief), ['12 two_tone 2,1 medium']);
    // A service distance of 2 km on C's service makes C near (the larger of the two distances applies).
    const cWide = { ...cFar, distanceKm: 2 };
    assert.deepEqual(indexedIntermod([A, B, cWide, ...victims]).map(brief), [
      '11 two_tone 3,1 medium',
      '12 two_tone 2,1 medium',
    ]);
  });

  it('when two transmitters share a frequency, then 2·f1 − f2 = f1 is not a product', () => {
    const twin = site(4, 'tx', 150.0 * MHZ, [0, 0.1]);
    const victim = site(11, 'rx', 150.0 * MHZ, [0, 0.05]);
    assert.deepEqual(indexedIntermod([A, twin, victim]), []);
    assert.deepEqual(naiveIntermod([A, twin, victim]), []);
  });

  it('when no product falls on any assignment, then nothing is found', () => {
    const victim = site(11, 'rx', 151 * MHZ);
    assert.deepEqual(indexedIntermod([A, B, C, victim]), []);
  });

  it('when a transmitter is itself the victim, then the product on its channel is found; none on a contributor', () => {
    const t = site(4, 'tx', 149.95 * MHZ, [0, 0.3]);
    const found = indexedIntermod([A, B, t]).map(brief);
    assert.deepEqual(naiveIntermod([A, B, t]).map(brief), found);
    // 2A − B = 149.950 on T; T's own products (2T − A = 149.900 …) land on nobody.
    assert.ok(found.includes('4 two_tone 1,2 medium'));
    assert.ok(indexedIntermod([A, B, t]).every((f) => !f.contributorIds.includes(f.victimId)));
  });

  it('when only one site is of interest (focusId), then exactly the findings involving it come back', () => {
    const all = indexedIntermod(register);
    for (const id of [1, 2, 11, 12, 13]) {
      const involving = all.filter((f) => f.victimId === id || f.contributorIds.includes(id));
      assert.deepEqual(indexedIntermod(register, { focusId: id }), involving, `focus ${id}`);
    }
  });

  it('when a seeded register of 250 sites on 40 towers is searched, then indexed and naive searches agree', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = mulberry32(seed);
      const towers = Array.from({ length: 40 }, () => [(rnd() - 0.5) * 10, (rnd() - 0.5) * 10] as [number, number]);
      const sites: IntermodSite[] = [];
      for (let id = 1; id <= 250; id++) {
        const [n, e] = towers[Math.floor(rnd() * towers.length)] as [number, number];
        const width = [6_250, 12_500, 25_000][Math.floor(rnd() * 3)] as number;
        const f = 150 * MHZ + Math.floor(rnd() * 120) * 12_500;
        sites.push({
          ...site(id, rnd() < 0.6 ? 'tx' : 'rx', f, [n + (rnd() - 0.5) * 0.4, e + (rnd() - 0.5) * 0.4]),
          occupiedLowHz: f - width / 2,
          occupiedHighHz: f + width / 2,
          distanceKm: [0.5, 1, 1, 2][Math.floor(rnd() * 4)] as number,
          licenseeId: rnd() < 0.1 ? null : 1 + Math.floor(rnd() * 3),
        });
      }
      const naive = naiveIntermod(sites);
      assert.ok(naive.length > 50, `seed ${seed}: ${naive.length} findings`);
      assert.ok(naive.some((f) => f.type === 'three_tone') && naive.some((f) => f.type === 'two_tone'));
      assert.ok(naive.some((f) => f.severity === 'low') && naive.some((f) => f.severity === 'medium'));
      assert.deepEqual(indexedIntermod(sites), naive, `seed ${seed}`);
      // The focused search (upkeep on save, live check) returns exactly the findings involving its site.
      for (const { id } of seed === 1 ? sites : sites.slice(0, 25)) {
        const involving = naive.filter((f) => f.victimId === id || f.contributorIds.includes(id));
        assert.deepEqual(indexedIntermod(sites, { focusId: id }), involving, `seed ${seed}, focus ${id}`);
      }
    }
  });

  it('when a victim has a window, then a product from a far-off contributor is not formed and a near one is', () => {
    // R receives 150.100 MHz with a ±10 % window: contributors within [135.090, 165.110] MHz only.
    // 2B − A = 2·150.050 − 150.000 = 150.100 (both in the window): kept.
    // A + F − G = 150.000 + 200.000 − 199.900 = 150.100, on R's channel too, but F and G are ~50 MHz off: dropped.
    const w = { windowPercent: 10 };
    const F = site(3, 'tx', 200 * MHZ, [0.2, 0], w);
    const G = site(4, 'tx', 199.9 * MHZ, [0, -0.2], w);
    const R = site(11, 'rx', 150.1 * MHZ, [0, 0], w);
    const windowed = [{ ...A, ...w }, { ...B, ...w }, F, G, R];
    assert.deepEqual(naiveIntermod(windowed).map(brief), ['11 two_tone 2,1 medium']);
    assert.deepEqual(indexedIntermod(windowed).map(brief), ['11 two_tone 2,1 medium']);
    assert.deepEqual(indexedIntermod(windowed, { focusId: 3 }), [], 'F contributes nothing');
    // Without a window (0, the SPEC's literal rule), the three-tone product counts.
    const open = windowed.map((s) => ({ ...s, windowPercent: 0 }));
    const onR = (list: IntermodFinding[]) => list.filter((f) => f.victimId === 11).map(brief);
    assert.deepEqual(onR(indexedIntermod(open)), ['11 three_tone 1,3,4 medium', '11 two_tone 2,1 medium']);
    assert.deepEqual(indexedIntermod(open), naiveIntermod(open));
    // The edge is inclusive, on the victim's centre frequency: 100 MHz ± 10 % is [90, 110] MHz.
    const v = site(1, 'rx', 100 * MHZ, [0, 0], w);
    assert.equal(inWindow(v, site(2, 'tx', 110 * MHZ)), true);
    assert.equal(inWindow(v, site(2, 'tx', 110 * MHZ + 1)), false);
    assert.equal(inWindow(v, site(2, 'tx', 90 * MHZ)), true);
    assert.equal(inWindow(v, site(2, 'tx', 90 * MHZ - 1)), false);
    assert.equal(inWindow({ ...v, windowPercent: 0 }, site(2, 'tx', 7000 * MHZ)), true);
  });

  it('when seeded registers over three bands with windows and mixed widths are searched, then indexed = naive', () => {
    for (const seed of [4, 5]) {
      const rnd = mulberry32(seed);
      const towers = Array.from({ length: 25 }, () => [(rnd() - 0.5) * 6, (rnd() - 0.5) * 6] as [number, number]);
      const sites: IntermodSite[] = [];
      for (let id = 1; id <= 220; id++) {
        const [n, e] = towers[Math.floor(rnd() * towers.length)] as [number, number];
        const band = rnd();
        // 150 MHz and 160 MHz land mobile (12.5 / 25 kHz), and a few 200 kHz carriers around 168 MHz.
        const [base, step, width] =
          band < 0.45
            ? [150 * MHZ, 12_500, 12_500]
            : band < 0.9
              ? [160 * MHZ, 12_500, 25_000]
              : [168 * MHZ, 100_000, 200_000];
        const f = base + Math.floor(rnd() * 80) * step;
        sites.push({
          ...site(id, rnd() < 0.6 ? 'tx' : 'rx', f, [n + (rnd() - 0.5) * 0.4, e + (rnd() - 0.5) * 0.4]),
          occupiedLowHz: f - width / 2,
          occupiedHighHz: f + width / 2,
          distanceKm: [0.5, 1, 1, 2][Math.floor(rnd() * 4)] as number,
          windowPercent: [0, 0.5, 4, 10][Math.floor(rnd() * 4)] as number,
          licenseeId: 1 + Math.floor(rnd() * 3),
        });
      }
      const naive = naiveIntermod(sites);
      assert.ok(naive.length > 50, `seed ${seed}: ${naive.length} findings`);
      assert.deepEqual(indexedIntermod(sites), naive, `seed ${seed}`);
      // Streamed victim by victim: the same findings, grouped, in victim order; resumable after a victim.
      const streamed = [...intermodByVictim(intermodIndex(sites))];
      assert.deepEqual(
        streamed.flatMap(([, found]) => found),
        naive,
      );
      assert.ok(streamed.every(([id, found]) => found.every((f) => f.victimId === id)));
      const middle = streamed[Math.floor(streamed.length / 2)]?.[0] ?? 0;
      assert.deepEqual(
        [...intermodByVictim(intermodIndex(sites), middle)].flatMap(([, found]) => found),
        naive.filter((f) => f.victimId > middle),
      );
      for (const { id } of sites.slice(0, 20)) {
        const involving = naive.filter((f) => f.victimId === id || f.contributorIds.includes(id));
        assert.deepEqual(indexedIntermod(sites, { focusId: id }), involving, `seed ${seed}, focus ${id}`);
      }
    }
  });
});
