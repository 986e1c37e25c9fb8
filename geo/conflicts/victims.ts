/**
 * The findings of a register's victims, batch by batch, on worker threads (the database scan's pairs phase,
 * SPEC §4.5 and §9): the calling thread hands out batches of victims and reconciles each batch's findings
 * while the threads compute the next ones, so the engine's work and the database's writes overlap.
 *
 * Each thread holds the whole register (packed once into shared memory, packed.ts) and its own prepared
 * index (candidate.ts prepareIndex), and answers a batch with exactly `victimFindings` of each victim: the
 * same findings, in the same order, as the calling thread would compute. Where the caller asks for them, the
 * overlap polygons come computed in the same pass, already as JSON text (the text the Conflict table stores):
 * neither serialising nor the polygon is then the calling thread's work.
 *
 * Batches go to the threads in turn and come back in the order they were asked for. A thread's memo keeps the
 * contours it drew; `release` drops those of interferers no later victim can reach (see the caller's rows).
 */
import path from 'node:path';
import { ThreadPool } from '../threads';
import { pack, type PackedRegister } from './packed';
import type { SharedCaches } from './pair';
import type { WorkerSourceSpec } from './parallel';
import type { ConflictFinding, ScanAssignment } from './types';

/** A finding as a thread returns it: no polygon object, its polygon's JSON text when asked for. */
export interface TextFinding extends ConflictFinding {
  geometry: null;
  /** The overlap polygon's JSON text, or null for none (asked for); undefined when not asked for. */
  geometryText?: string | null;
}

export interface VictimSetup {
  source: WorkerSourceSpec;
  register: PackedRegister;
  /**
   * Per register index, the row (of the caller's order) after which no victim can be reached by it as an
   * interferer: its contours are dropped once `release(row)` passes it.
   */
  lastRows: Int32Array;
}

export interface VictimRequest {
  /** Register indexes of the victims, in the caller's order. */
  victims: Int32Array;
  /** Per victim: 1 when its findings' polygons are wanted. */
  geometry: Uint8Array;
  /** Contours of interferers whose last row is below this are dropped first (-1: none). */
  releaseBelow: number;
}

/**
 * `release(row)` drops the memoised contours of the items whose last row (`lastRows`, per item) is below `row`:
 * once every victim up to that row is done, no later one can ask for them (a contour asked for again is drawn
 * again, the same). No-op without rows or with a memo that cannot delete.
 */
export function contourRelease(
  items: readonly ScanAssignment[],
  lastRows: Int32Array | null,
  caches: SharedCaches,
): (row: number) => void {
  const memo = caches.contours;
  if (!(memo instanceof WeakMap) || !lastRows) return () => undefined;
  const order = Array.from(items.keys()).sort((a, b) => (lastRows[a] as number) - (lastRows[b] as number));
  let next = 0;
  return (row) => {
    for (; next < order.length && (lastRows[order[next] as number] as number) < row; next++)
      memo.delete(items[order[next] as number] as ScanAssignment);
  };
}

/** `threads` worker threads answering victim batches (geo/threads.ts). */
export class VictimThreads {
  private readonly pool: ThreadPool<VictimRequest, TextFinding[]>;
  private readonly index = new Map<number, number>();

  constructor(items: readonly ScanAssignment[], source: WorkerSourceSpec, lastRows: Int32Array, threads: number) {
    const data: VictimSetup = { source, register: pack(items), lastRows };
    items.forEach((item, i) => this.index.set(item.id, i));
    const module = path.join(__dirname, 'victims-worker.ts');
    this.pool = new ThreadPool({ module, exportName: 'victimHandler', data }, threads);
  }

  /**
   * The findings of these victims (by assignment id, in order), each victim's sorted as victimFindings sorts
   * them; polygons as text for the victims `withGeometry` says. Batches may be asked ahead and awaited in turn.
   */
  findings(
    victimIds: readonly number[],
    withGeometry: (id: number) => boolean,
    releaseBelow = -1,
  ): Promise<TextFinding[]> {
    const victims = Int32Array.from(victimIds, (id) => {
      const i = this.index.get(id);
      if (i === undefined) throw new RangeError(`assignment ${id} is not in the register`);
      return i;
    });
    const geometry = Uint8Array.from(victimIds, (id) => (withGeometry(id) ? 1 : 0));
    return this.pool.run({ victims, geometry, releaseBelow });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
