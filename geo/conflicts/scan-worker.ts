/**
 * One thread of the parallel full scan (parallel.ts). It builds its footprint source once from the
 * spec it is given, then answers parts in order: for each interferer of the part, its reach box at its
 * threshold, and the findings of every victim whose footprint box meets it (one conflict context a part).
 */
import { BinnedIndex } from './binned';
import { ConflictContext, evaluateInContext, newSharedCaches } from './pair';
import { reachBox } from './scan';
import { unpack } from './packed';
import type { ConflictFinding, ScanAssignment } from './types';
import { sourceFrom, type ScanTask, type ScanTaskResult, type WorkerSetup } from './parallel';

/** Assignments kept per thread before its memo starts afresh. */
const ITEM_CACHE_MAX = 40_000;

/** A thread's handler (geo/threads.ts): parts answered in turn, over the register in shared memory. */
export function scanHandler(setup: WorkerSetup): (task: ScanTask) => ScanTaskResult {
  const src = sourceFrom(setup.source);
  // Assignments rebuilt from the shared register, with their memo (prepared rings, contours), across parts.
  let items = new Map<number, ScanAssignment>();
  let caches = newSharedCaches();
  const item = (i: number): ScanAssignment => {
    let a = items.get(i);
    if (a === undefined) {
      a = unpack(setup.register, i);
      items.set(i, a);
    }
    return a;
  };
  return (task) => {
    if (items.size > ITEM_CACHE_MAX) {
      items = new Map();
      caches = newSharedCaches();
    }
    const ctx = new ConflictContext(src, setup.geometry, caches, setup.areas);
    const interferers = Array.from(task.interferers, item);
    const victims = new BinnedIndex(
      [...interferers, ...Array.from(task.victims, item)].map((a) => ({ item: a, box: a.bboxDeg })),
    );
    const findings: ConflictFinding[] = [];
    interferers.forEach((b, k) => {
      for (const a of victims.search(b, reachBox(b, task.thresholds[k] as number, ctx))) {
        if (a === b) continue;
        const f = evaluateInContext(a, b, ctx);
        if (f !== null) findings.push(f);
      }
    });
    return { findings, candidatePairs: ctx.candidatePairs, exactChecks: ctx.exactChecks };
  };
}
