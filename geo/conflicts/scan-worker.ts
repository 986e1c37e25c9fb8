/**
 * One thread of the parallel full scan (parallel.ts). It builds its footprint source once from the
 * spec in workerData, then answers parts in order: for each interferer of the part, its reach box at its
 * threshold, and the findings of every victim whose footprint box meets it (one conflict context a part).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BinnedIndex } from './binned';
import { ConflictContext, evaluateInContext, newSharedCaches } from './pair';
import { reachBox } from './scan';
import { unpack } from './packed';
import type { ConflictFinding, ScanAssignment } from './types';
import { sourceFrom, type ScanTask, type ScanTaskResult, type WorkerSetup } from './parallel';

const setup = workerData as WorkerSetup;
const src = sourceFrom(setup.source);

/** Assignments rebuilt from the shared register, with their memo (prepared rings, contours), across parts. */
const ITEM_CACHE_MAX = 40_000;
let items = new Map<number, ScanAssignment>();
let caches = newSharedCaches();
function item(i: number): ScanAssignment {
  let a = items.get(i);
  if (a === undefined) {
    a = unpack(setup.register, i);
    items.set(i, a);
  }
  return a;
}

function run(task: ScanTask): ScanTaskResult {
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
}

parentPort?.on('message', (task: ScanTask) => {
  try {
    parentPort?.postMessage({ ok: true, result: run(task) });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
