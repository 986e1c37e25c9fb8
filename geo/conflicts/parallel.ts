/**
 * The full scan on several threads (SPEC §4.5): exactly scanConflicts' findings, in the same order, for
 * any thread count.
 *
 * 1. Frequency clusters as in scan.ts; an assignment alone in its cluster has no related partner and
 *    takes no further part. Each other one gets its cluster's lowest threshold tMin.
 * 2. Parts by interferer: the assignments are split into compact spatial parts (k-d halving on their
 *    box centres, about eight parts a thread). A part's victims are every assignment whose footprint
 *    box meets the union of the part's envelopes (source.envelopeBox: a box holding every contour of an
 *    assignment, so also its reach box).
 * 3. Each part goes to the next free thread, which computes the reach box of each of the part's
 *    interferers B (footprint box ∪ box of the contour at tMin, as scan.ts step 2) and evaluates every
 *    victim A whose footprint box meets it, with the per-pair rule of pair.ts: the pairs scan.ts
 *    evaluates (its rbush holds reach boxes and is searched with footprint boxes: the same box test).
 *    Every contour is computed in one thread only, the one holding its assignment as interferer.
 * 4. Merge: the parts' findings concatenated and sorted by victimId, then interfererId. Every number of
 *    a finding is computed the same way whatever thread computes it (coverage overlaps with the lower id
 *    first, contours deterministic), so the result is scanConflicts' to the bit.
 * Threads build the footprint source themselves: the source names a module and a factory export with
 * structured-clonable arguments (`worker`), and gives envelopes. Without them, or with one thread, this
 * is scanConflicts. candidatePairs and exactChecks are summed over parts (the coverage overlap of a pair
 * whose two members are in different parts is computed in both).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ThreadPool } from '../threads';
import RBush from 'rbush';
import { pack, type PackedRegister } from './packed';
import { sortFindings, unionBox } from './pair';
import {
  frequencyClusters,
  indexedBox,
  lowestThresholdOfAllDbuvM,
  scanConflicts,
  searchBox,
  validateRegister,
  type IndexedBox,
} from './scan';
import type { BBoxDeg, ConflictFinding, FootprintSource, ScanAssignment, ScanOptions, ScanResult } from './types';

/** How a thread makes the footprint source: `require(module)[exportName](...args)`. */
export interface WorkerSourceSpec {
  /** Absolute path of the module. */
  module: string;
  exportName: string;
  /** Structured-clonable arguments (Maps and plain objects are). */
  args: unknown[];
}

/** Builds a source from its spec, in a thread (`require(module)[exportName](...args)`). */
export function sourceFrom(spec: WorkerSourceSpec): FootprintSource {
  const factory = (createRequire(__filename)(spec.module) as Record<string, (...args: unknown[]) => FootprintSource>)[
    spec.exportName
  ];
  if (typeof factory !== 'function') throw new Error(`${spec.module} has no ${spec.exportName}`);
  return factory(...spec.args);
}

/** A footprint source a scan thread can rebuild. */
export interface ThreadedSource extends FootprintSource {
  worker?: WorkerSourceSpec;
  /** A box holding every contour of `b` at any threshold (and its footprint). */
  envelopeBox?(b: ScanAssignment): BBoxDeg;
}

export interface WorkerSetup {
  source: WorkerSourceSpec;
  geometry: boolean;
  areas: 'fast' | 'library';
  register: PackedRegister;
}

/** One part: its interferers (with their tMin) and every other victim they may meet, as register indexes. */
export interface ScanTask {
  interferers: Int32Array;
  thresholds: Float64Array;
  victims: Int32Array;
}

export interface ScanTaskResult {
  findings: ConflictFinding[];
  candidatePairs: number;
  exactChecks: number;
}

/** Threads for a full scan by default: the available cores less one (for the web or the caller), at least 1. */
export function defaultScanThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

interface Member {
  item: ScanAssignment;
  index: number;
}

const centreX = (m: Member): number => (m.item.bboxDeg[0] + m.item.bboxDeg[2]) / 2;
const centreY = (m: Member): number => (m.item.bboxDeg[1] + m.item.bboxDeg[3]) / 2;

/** Compact spatial parts of at most `size` members: k-d halving on box centres, the wider side first. */
function spatialParts(members: Member[], size: number): Member[][] {
  if (members.length <= size) return [members];
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const m of members) {
    minX = Math.min(minX, centreX(m));
    maxX = Math.max(maxX, centreX(m));
    minY = Math.min(minY, centreY(m));
    maxY = Math.max(maxY, centreY(m));
  }
  const by = maxX - minX >= maxY - minY ? centreX : centreY;
  const sorted = [...members].sort((a, b) => by(a) - by(b) || a.item.id - b.item.id);
  const half = Math.floor(sorted.length / 2);
  return [...spatialParts(sorted.slice(0, half), size), ...spatialParts(sorted.slice(half), size)];
}

/**
 * Every conflict among `items`, on `opts.threads` threads (see the file comment); the same result as
 * scanConflicts. onProgress is called as parts finish. Throws a RangeError on an invalid register.
 */
export async function scanConflictsParallel(
  items: ScanAssignment[],
  src: ThreadedSource,
  opts: ScanOptions = {},
): Promise<ScanResult> {
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  const envelopeBox = src.envelopeBox?.bind(src);
  if (threads <= 1 || src.worker === undefined || envelopeBox === undefined) return scanConflicts(items, src, opts);
  validateRegister(items);
  const total = items.length;
  const clusters = frequencyClusters(items).filter((c) => c.length > 1);
  let done = total - clusters.reduce((n, c) => n + c.length, 0);
  opts.onProgress?.(done, total);
  const taking = clusters.flat();
  const register = pack(taking);
  const partSize = Math.max(100, Math.ceil(taking.length / (threads * 8)));
  const tasks: ScanTask[] = [];
  let offset = 0;
  for (const cluster of clusters) {
    const t = lowestThresholdOfAllDbuvM(cluster);
    const members = cluster.map((item, k) => ({ item, index: offset + k }));
    offset += cluster.length;
    const footprints = new RBush<IndexedBox & { index: number }>().load(
      members.map((m) => ({ ...indexedBox(m.item.bboxDeg, m.item), index: m.index })),
    );
    for (const part of spatialParts(members, partSize)) {
      const own = new Set(part.map((m) => m.index));
      const reach = part.map((m) => envelopeBox(m.item)).reduce(unionBox);
      const victims = footprints
        .search(searchBox(reach))
        .map((h) => h.index)
        .filter((i) => !own.has(i));
      tasks.push({
        interferers: Int32Array.from(part, (m) => m.index),
        thresholds: new Float64Array(part.length).fill(t),
        victims: Int32Array.from(victims),
      });
    }
  }
  const setup: WorkerSetup = {
    source: src.worker,
    geometry: opts.geometry === true,
    areas: opts.areas ?? 'fast',
    register,
  };
  const pool = new ThreadPool<ScanTask, ScanTaskResult>(
    { module: path.join(__dirname, 'scan-worker.ts'), exportName: 'scanHandler', data: setup },
    threads,
  );
  try {
    const findings: ConflictFinding[] = [];
    let candidatePairs = 0;
    let exactChecks = 0;
    // One part in flight per thread, the next to whichever thread is free (the pool's least busy).
    let next = 0;
    const feed = async (): Promise<void> => {
      while (next < tasks.length) {
        const i = next++;
        const task = tasks[i] as ScanTask;
        const r = await pool.run(task);
        for (const f of r.findings) findings.push(f);
        candidatePairs += r.candidatePairs;
        exactChecks += r.exactChecks;
        done += task.interferers.length;
        opts.onProgress?.(done, total);
      }
    };
    await Promise.all(Array.from({ length: threads }, feed));
    return { findings: sortFindings(findings), candidatePairs, exactChecks };
  } finally {
    await pool.close();
  }
}
