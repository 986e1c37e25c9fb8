/**
 * A spatial index split by frequency, so that a box query returns only assignments that can be related in
 * frequency to the one asking (SPEC §4.4): in a dense band (every FM station of a country in one frequency
 * cluster, interfering contours reaching 150 km) one rbush would hand each victim thousands of stations on
 * other channels, each rejected by the frequency relation after the fact.
 *
 * Frequency reach r(X) = max(X.adjacentGuardHz ?? 0, X's occupied width) (scan.ts): a related pair (A, B)
 * has gap ≤ max(r(A), r(B)). Entries with r ≤ R (R: the 95th percentile of r, so one wide outlier does not
 * widen every bin) go into bins of width W = 2R by their occupied low edge; the others into one "wide"
 * tree that every query searches. A query for X with gap bound g = max(r(X), R) needs narrow entries B
 * whose low edge lies in [low(X) − g − width(B), high(X) + g] ⊂ [low(X) − g − R, high(X) + g] (width(B) ≤
 * r(B) ≤ R): the bins covering that range. Results are exactly the entries a single rbush over all
 * entries would return for the box, less some that cannot be related; callers still apply the exact
 * relation (evaluateInContext), and sort their findings, so the order of hits does not matter.
 */
import RBush from 'rbush';
import { frequencyReachHz } from './pair';
import type { BBoxDeg, ScanAssignment } from './types';

interface Entry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  item: ScanAssignment;
}

export class BinnedIndex {
  private readonly narrowReachHz: number;
  private readonly binHz: number;
  private readonly bins = new Map<number, RBush<Entry>>();
  /** Bin keys in ascending order. */
  private readonly keys: number[];
  private readonly wide = new RBush<Entry>();

  /** Entries: each assignment with the box it is found by. */
  constructor(entries: readonly { item: ScanAssignment; box: BBoxDeg }[]) {
    const reaches = entries.map((e) => frequencyReachHz(e.item)).sort((a, b) => a - b);
    this.narrowReachHz = reaches.length > 0 ? (reaches[Math.floor(0.95 * (reaches.length - 1))] as number) : 0;
    this.binHz = Math.max(1, 2 * this.narrowReachHz);
    const byBin = new Map<number, Entry[]>();
    const wide: Entry[] = [];
    for (const { item, box } of entries) {
      const e = { minX: box[0], minY: box[1], maxX: box[2], maxY: box[3], item };
      if (frequencyReachHz(item) > this.narrowReachHz) {
        wide.push(e);
        continue;
      }
      const k = Math.floor(item.occupiedLowHz / this.binHz);
      const list = byBin.get(k);
      if (list === undefined) byBin.set(k, [e]);
      else list.push(e);
    }
    for (const [k, list] of byBin) this.bins.set(k, new RBush<Entry>().load(list));
    this.keys = [...byBin.keys()].sort((a, b) => a - b);
    this.wide.load(wide);
  }

  /** Every entry whose box meets `box` and whose frequency can be related to `x`'s. */
  search(x: ScanAssignment, box: BBoxDeg): ScanAssignment[] {
    const q = { minX: box[0], minY: box[1], maxX: box[2], maxY: box[3] };
    const out: ScanAssignment[] = [];
    for (const e of this.wide.search(q)) out.push(e.item);
    const g = Math.max(frequencyReachHz(x), this.narrowReachHz);
    const from = Math.floor((x.occupiedLowHz - g - this.narrowReachHz) / this.binHz);
    const to = Math.floor((x.occupiedHighHz + g) / this.binHz);
    // The first key ≥ from (binary search), then every key up to `to`.
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.keys[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.keys.length && (this.keys[i] as number) <= to; i++) {
      for (const e of (this.bins.get(this.keys[i] as number) as RBush<Entry>).search(q)) out.push(e.item);
    }
    return out;
  }
}
