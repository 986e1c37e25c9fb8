import assert from 'node:assert/strict';
import type { BBoxDeg, ScanAssignment } from '../../../geo/conflicts';
import { BinnedIndex } from '../../../geo/conflicts/binned';
import { frequencyRelation } from '../../../geo/frequency/relation';
import { mulberry32 } from '../../../server/lib/prng';

const meets = (a: BBoxDeg, b: BBoxDeg): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

describe('geo/conflicts BinnedIndex', () => {
  it(
    'when 3 000 assignments of mixed widths, guards and wide outliers are queried, then every box-meeting ' +
      'entry related in frequency either way comes back, and nothing outside the box',
    () => {
      const rnd = mulberry32(99);
      const items: { item: ScanAssignment; box: BBoxDeg }[] = [];
      for (let id = 1; id <= 3000; id++) {
        const width = rnd() < 0.03 ? 8e6 * rnd() : [6250, 12500, 25000, 200000][Math.floor(rnd() * 4)]!;
        const low = 150e6 + Math.floor(rnd() * 400) * 12500 + (rnd() < 0.2 ? rnd() * 1e5 : 0);
        const x = rnd() * 2;
        const y = rnd() * 2;
        const r = 0.02 + rnd() * 0.3;
        const item = {
          id,
          licenseeId: null,
          service: 'x',
          occupiedLowHz: low,
          occupiedHighHz: low + width,
          protectedFieldDbuvM: 40,
          coChannelPrDb: 10,
          adjacentPrDb: -10,
          adjacentGuardHz: rnd() < 0.3 ? null : Math.floor(rnd() * 300000),
          footprint: { type: 'Polygon', coordinates: [] },
          bboxDeg: [x - r, y - r, x + r, y + r],
        } as ScanAssignment;
        items.push({ item, box: item.bboxDeg });
      }
      const index = new BinnedIndex(items);
      let related = 0;
      for (const { item: q } of items.slice(0, 600)) {
        const box: BBoxDeg = [q.bboxDeg[0] - 0.2, q.bboxDeg[1] - 0.2, q.bboxDeg[2] + 0.2, q.bboxDeg[3] + 0.2];
        const got = new Set(index.search(q, box));
        for (const { item: b, box: bb } of items) {
          const inBox = meets(box, bb);
          if (!inBox) assert.ok(!got.has(b), `${b.id} outside the box`);
          else if (frequencyRelation(q, b).kind !== null || frequencyRelation(b, q).kind !== null) {
            related++;
            assert.ok(got.has(b), `query ${q.id} misses ${b.id}`);
          }
        }
      }
      assert.ok(related > 1000, `sanity: ${related} related pairs`);
    },
  );
});
