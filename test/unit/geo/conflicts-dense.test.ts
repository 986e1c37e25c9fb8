/**
 * Fast = naive on the dense national mix (issue 18): the indexed scan with the prepared-ring areas against
 * every ordered pair with the general clipper (polygon-clipping + Turf area), on seeded registers with real
 * §4.3 footprints (FM, TV, land mobile, loudspeakers, amateurs; 20 % directional).
 */
import assert from 'node:assert/strict';
import { naiveScan, scanConflicts, scanConflictsParallel, type ConflictFinding } from '../../../geo/conflicts';
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

describe('geo/conflicts: the scan on several threads', () => {
  const title =
    'when a dense register is scanned on 1, 2 and 3 threads, then every result equals the one-thread scan to the bit';
  it(title, async function () {
    this.timeout(300_000);
    const reg = engineRegister(syntheticRegister(1500, 116, 13, 'dense'));
    const one = scanConflicts(reg.items, reg.source);
    assert.ok(one.findings.length > 500, `sanity: ${one.findings.length} conflicts`);
    let progressed = 0;
    for (const threads of [2, 3]) {
      const many = await scanConflictsParallel(reg.items, reg.source, {
        threads,
        onProgress: (done, total) => {
          assert.ok(done <= total);
          progressed = done;
        },
      });
      assert.deepEqual(many.findings, one.findings, `${threads} threads`);
      assert.equal(progressed, reg.items.length, 'progress reaches the whole register');
    }
    const withGeometry = await scanConflictsParallel(reg.items.slice(0, 400), reg.source, {
      threads: 2,
      geometry: true,
    });
    assert.deepEqual(
      withGeometry.findings,
      scanConflicts(reg.items.slice(0, 400), reg.source, { geometry: true }).findings,
    );
  });
});
