/**
 * Fast = naive on the dense national mix (issue 18): the indexed scan with the prepared-ring areas against
 * every ordered pair with the general clipper (polygon-clipping + Turf area), on seeded registers with real
 * §4.3 footprints (FM, TV, land mobile, loudspeakers, amateurs; 20 % directional).
 */
import assert from 'node:assert/strict';
import { naiveScan, scanConflicts, type ConflictFinding } from '../../../geo/conflicts';
import { engineRegister, syntheticRegister } from '../../bench/synthetic';

const key = (f: ConflictFinding): string =>
  `${f.victimId}>${f.interfererId} ${f.kind} ${f.mechanism} ${f.severity} ${f.frequencyOffsetHz} ${f.sameLicensee}`;

describe('geo/conflicts: fast = naive on dense seeded registers', () => {
  for (const [n, sizeKm, seed] of [
    [1000, 95, 11],
    [1500, 116, 12],
  ] as const) {
    const title =
      `when ${n} dense assignments over ${sizeKm} × ${sizeKm} km (seed ${seed}) are scanned both ways, ` +
      'then the same conflicts with areas within 1e-9 relative';
    it(title, function () {
      this.timeout(300_000);
      const reg = engineRegister(syntheticRegister(n, sizeKm, seed, 'dense'));
      const fast = scanConflicts(reg.items, reg.source);
      const naive = naiveScan(reg.items, reg.source, { areas: 'library' });
      assert.ok(naive.length > n / 2, `sanity: a dense register conflicts a lot (${naive.length})`);
      assert.deepEqual(fast.findings.map(key), naive.map(key));
      fast.findings.forEach((f, i) => {
        const g = naive[i] as ConflictFinding;
        for (const k of ['overlapKm2', 'overlapFraction'] as const)
          assert.ok(Math.abs(f[k] - g[k]) <= 1e-9 * g[k], `${key(f)} ${k}: ${f[k]} vs ${g[k]}`);
      });
    });
  }
});
