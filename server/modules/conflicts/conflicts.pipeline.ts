/**
 * The one conflict pipeline (SPEC §4.5), for every caller: the upkeep on save (saved assignments by id),
 * the live check (an unsaved site built from form input) and the full scan (the whole register).
 *
 *   candidates → their footprints (engine) → the register around them (queries) → pairs (geo engine)
 *
 * Saved candidates and the full scan keep stored footprints current; an unsaved candidate writes nothing.
 * The findings come back with the assignments they settle (their scope); what happens to them is the
 * caller's: reconciled into the Conflict table (conflicts.service.ts) or returned (conflicts.check.ts).
 */
import type { Sequelize, Transaction } from 'sequelize';
import {
  checkCandidate,
  compactPolygon,
  newSharedCaches,
  pairGeometry,
  prepareIndex,
  victimFindings,
  type ConflictFinding,
  type ScanAssignment,
} from '../../../geo/conflicts';
import {
  contourSource,
  footprintHandler,
  footprintSource,
  footprintThreadSpec,
  storable,
  type DrawnFootprints,
  type FootprintJob,
  protectedFootprint,
  scanItem,
  type ComputedFootprint,
  type ServiceParams,
  type SiteFacts,
} from './conflicts.engine';
import {
  activeTxSites,
  activeTxSitesAfter,
  storedFootprintsAfter,
  storedFootprintSources,
  countActiveTx,
  deleteFootprint,
  deleteInactiveFootprints,
  inactiveVictims,
  loadNeighbours,
  saveFootprint,
  saveFootprints,
  serviceParams,
  pairConflictVictims,
  type OtherSide,
} from './conflicts.queries';
import { contourRelease, VictimThreads } from '../../../geo/conflicts/victims';
import { ThreadPool } from '../../../geo/threads';
import { intermodBatches, intermodOfSaved, intermodOfUnsaved, type IntermodConflict } from './conflicts.intermod';

/** The id an unsaved candidate carries through the engine. */
export const UNSAVED_ID = -1;

/** Saved candidates and the full scan write their footprints in the caller's transaction. */
export type Candidates =
  | { kind: 'saved'; ids: number[]; transaction: Transaction }
  /** `site.assignmentId` is UNSAVED_ID; `excludeId` is the saved assignment it edits (0 for a new one). */
  | { kind: 'unsaved'; site: SiteFacts; excludeId: number };

/** Which stored conflicts a batch of findings settles: all involving these assignments, or all with these victims. */
export type Scope = Set<number> | { victims: Set<number> };

export interface Findings {
  /** The assignments whose conflicts these are, all of them (one candidate), or the victims of a scan batch. */
  scope: Scope;
  findings: ConflictFinding[];
  /** The candidate's protected footprint (null for the whole register, or a candidate no longer active). */
  footprint: ComputedFootprint | null;
  /**
   * When the findings came without their overlap polygons (the full scan): one finding's polygon, computed
   * on demand, for the conflicts the reconciliation stores anew or changes.
   */
  geometryOf?: (f: ConflictFinding) => ConflictFinding['geometry'];
  /** The intermodulation conflicts of the scope (conflicts.intermod.ts), when the batch settles them. */
  intermod?: IntermodConflict[];
  /**
   * Which stored conflicts of the scope the batch settles: 'pairs' (co- and adjacent-channel: the full scan's
   * pairs and sweep), 'intermod' (its intermodulation phase) or 'all' (default: one assignment's upkeep).
   */
  settles?: 'pairs' | 'intermod' | 'all';
}

export interface PipelineResult {
  /** In candidate order: one per saved id (none for an unknown service), or one unsaved. */
  batches: Findings[];
  /** The other side of every neighbour loaded, by assignment id. */
  others: Map<number, OtherSide>;
}

/** `loaded`: the service parameters by code, when the caller has them already. */
export async function findConflicts(
  candidates: Candidates,
  loaded?: Map<string, ServiceParams>,
): Promise<PipelineResult> {
  const tx = candidates.kind === 'unsaved' ? undefined : candidates.transaction;
  const services = loaded ?? (await serviceParams(tx));
  const result: PipelineResult = { batches: [], others: new Map() };
  const [ids, candidateSites] =
    candidates.kind === 'saved'
      ? [candidates.ids, await activeTxSites(candidates.ids, tx)]
      : [[UNSAVED_ID], [candidates.site]];
  const byId = new Map(candidateSites.map((s) => [s.assignmentId, s]));
  for (const id of ids) {
    const site = byId.get(id);
    if (!site && tx) {
      // A saved id that is receive-only, deleted, or of a licence no longer active: its conflicts no longer hold.
      await deleteFootprint(id, tx);
      result.batches.push({ scope: new Set([id]), findings: [], footprint: null });
    }
    const service = site && services.get(site.service);
    if (!site || !service) continue;
    const fp = protectedFootprint(site, service);
    const own = tx ? await saveFootprint(id, fp, tx) : fp;
    const excludeId = candidates.kind === 'saved' ? id : candidates.excludeId;
    const around = { site, footprintBox: fp.bboxDeg, envelopeDeg: fp.envelopeDeg };
    const neighbours = await loadNeighbours(around, excludeId, services, tx);
    const sites = new Map([[id, site]]);
    const register: ScanAssignment[] = [];
    for (const n of neighbours) {
      result.others.set(n.site.assignmentId, n.other);
      // Every active TX assignment has a stored footprint (kept on save). One missing or from before migration
      // 004 is stored here by the upkeep, and skipped by the live check, which writes nothing.
      const stored =
        tx && !n.footprint?.envelopeDeg
          ? await saveFootprint(n.site.assignmentId, protectedFootprint(n.site, n.service), tx)
          : n.footprint;
      if (!stored) continue;
      sites.set(n.site.assignmentId, n.site);
      register.push(scanItem(n.site, n.service, stored));
    }
    const findings = checkCandidate(scanItem(site, service, own), register, contourSource(sites, services), {
      geometry: true,
    });
    result.batches.push({ scope: new Set([id]), findings, footprint: fp });
  }
  await addIntermod(candidates, result);
  return result;
}

/** Each candidate's intermodulation conflicts, beside its pair findings (conflicts.intermod.ts). */
async function addIntermod(candidates: Candidates, result: PipelineResult): Promise<void> {
  if (candidates.kind === 'saved') {
    const found = await intermodOfSaved(candidates.ids, candidates.transaction);
    for (const b of result.batches)
      if (b.scope instanceof Set && b.scope.size === 1) for (const id of b.scope) b.intermod = found.get(id) ?? [];
    return;
  }
  const batch = result.batches[0];
  if (!batch) return;
  const { site, excludeId } = candidates;
  const { conflicts, sites } = await intermodOfUnsaved(
    {
      id: UNSAVED_ID,
      direction: 'tx',
      service: site.service,
      latDeg: site.latitude,
      lonDeg: site.longitude,
      frequencyHz: site.frequencyHz,
      occupiedLowHz: site.occupiedLowHz,
      occupiedHighHz: site.occupiedHighHz,
      licenseeId: site.licenseeId,
    },
    excludeId,
  );
  batch.intermod = conflicts;
  for (const s of sites.values())
    result.others.set(s.id, { stationName: s.stationName, licenceId: s.licenceId, frequencyHz: s.frequencyHz });
}

/** Where a resumable scan of the whole register stands (kept in its job between batches). */
export interface ScanCursor {
  phase: 'footprints' | 'pairs' | 'intermod' | 'sweep' | 'done';
  /** Footprints: the last assignment id stored; intermod: the last victim done. */
  afterId: number;
  /** Pairs: the last victim done, as [tile, id] in the scan's order. */
  afterVictim: [number, number];
}

export const SCAN_START: ScanCursor = { phase: 'footprints', afterId: 0, afterVictim: [-1, 0] };

/** One step of the scan: footprints stored, or the findings of a batch of victims to reconcile. */
export interface ScanStep {
  cursor: ScanCursor;
  done: number;
  total: number;
  /** Findings to reconcile in the caller's transaction (the pairs and sweep phases). */
  batch: Findings | null;
}

export interface ScanSizes {
  /** Footprints stored per transaction. */
  footprints: number;
  /** Victims per batch of findings (about four conflicts each on a national register). */
  victims: number;
  /** Victims of vanished assignments resolved per batch. */
  sweep: number;
  /**
   * Worker threads drawing the footprints (geo/threads.ts) and computing the pairs' findings
   * (geo/conflicts/victims.ts) while this thread writes and reconciles; 0 or absent: this thread does all.
   */
  threads?: number;
}

export const SCAN_SIZES: ScanSizes = { footprints: 500, victims: 250, sweep: 1000 };

/** Stored footprints read per query when the pairs phase indexes the register. */
const STORED_CHUNK = 2000;

/** Tiles of 0.5° (about 55 km): victims are visited tile by tile, so a batch's neighbours are near each other. */
const TILE_DEG = 0.5;
function tileOf(site: SiteFacts): number {
  return Math.floor((site.latitude + 90) / TILE_DEG) * 1000 + Math.floor((site.longitude + 180) / TILE_DEG);
}
const after = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/**
 * Per item, the row of tiles after which it reaches no victim as an interferer: victims come by rows of tiles,
 * south to north, and a victim's footprint box meets an interferer's reach envelope only if the victim's row is
 * at most the envelope's north edge plus the deepest any footprint box reaches south of its site. Null when the
 * source gives no envelopes. The contours memoised for an item can be dropped once every victim up to its row
 * is done (the memo is weak per assignment, but the register is held to the end: a national register's
 * contours would all stay); a contour asked for again is drawn again, the same.
 */
function lastRows(
  items: ScanAssignment[],
  sites: Map<number, SiteFacts>,
  src: ReturnType<typeof contourSource>,
): Int32Array | null {
  const envelope = src.envelopeBox;
  if (!envelope) return null;
  let south = 0;
  for (const item of items) {
    const site = sites.get(item.id);
    if (site) south = Math.max(south, site.latitude - item.bboxDeg[1]);
  }
  return Int32Array.from(items, (item) => Math.floor((envelope(item)[3] + south + 90) / TILE_DEG));
}

/**
 * The whole register, in steps that each take well under a second to commit (SPEC §9), resumable from
 * any step's cursor:
 * 1. footprints: stale ones deleted, then every active TX assignment's stored, `sizes.footprints` per
 *    transaction (this function writes them);
 * 2. pairs: the register indexed once from the stored footprints; victims visited tile by tile, each
 *    batch's findings those with a victim in the batch (exactly a full scan's, split by victim: see geo
 *    victimFindings), for the caller to reconcile with scope `{ victims }` (pair conflicts only);
 * 3. intermod: every intermodulation product of the register (conflicts.intermod.ts), streamed and settled
 *    victim batch by victim batch (those hit now and those of stored unresolved ones), resumable after the
 *    last victim done;
 * 4. sweep: unresolved pair conflicts whose victim no longer takes part, for the caller to resolve.
 */
export async function* scanRegister(
  sequelize: Sequelize,
  from: ScanCursor = SCAN_START,
  sizes: ScanSizes = SCAN_SIZES,
): AsyncGenerator<ScanStep> {
  const services = await serviceParams();
  const total = await countActiveTx();
  let cursor = { ...from };
  if (cursor.phase === 'footprints') {
    if (cursor.afterId === 0) await sequelize.transaction((t) => deleteInactiveFootprints(t));
    let done = 0;
    // Pipelined: the next batches are read and drawn (on `sizes.threads` worker threads, else here) while the
    // database writes this one (SQLite writes on a thread of its own); a batch's step is yielded once its
    // transaction has committed, so a resumed scan redoes none.
    const threads = Math.max(0, Math.floor(sizes.threads ?? 0));
    const pool =
      threads > 0 ? new ThreadPool<FootprintJob, DrawnFootprints>(footprintThreadSpec(services), threads) : null;
    const here = pool ? null : footprintHandler(services);
    const queue: { afterId: number; count: number; existing: Set<number>; drawn: Promise<DrawnFootprints> }[] = [];
    let readAfter = cursor.afterId;
    let exhausted = false;
    const readNext = async (): Promise<void> => {
      const sites = await activeTxSitesAfter(readAfter, sizes.footprints);
      const last = sites[sites.length - 1];
      if (!last) {
        exhausted = true;
        return;
      }
      readAfter = last.assignmentId;
      const stored = await storedFootprintSources(sites.map((s) => s.assignmentId));
      // Drawn again only when what it is drawn from changed (a rescan of an unchanged register draws none).
      const stale = sites.filter((site) => {
        const service = services.get(site.service);
        return service && stored.get(site.assignmentId) !== footprintSource(site, service);
      });
      const drawn =
        stale.length === 0 ? Promise.resolve([]) : pool ? pool.run(stale) : Promise.resolve(here?.(stale) ?? []);
      drawn.catch(() => undefined); // awaited in turn below, where a failure is thrown
      const existing = new Set(stale.filter((site) => stored.has(site.assignmentId)).map((s) => s.assignmentId));
      queue.push({ afterId: readAfter, count: sites.length, existing, drawn });
    };
    let writing: { committed: Promise<unknown>; step: ScanStep } | null = null;
    try {
      for (;;) {
        while (!exhausted && queue.length <= threads) await readNext();
        const next = queue.shift();
        if (!next) break;
        const footprints = storable(await next.drawn);
        if (writing) {
          await writing.committed;
          yield writing.step;
          cursor = writing.step.cursor;
        }
        done += next.count;
        // Drawn before the transaction, written in one upsert: the writer is held only for the writing.
        const committed =
          footprints.length > 0
            ? sequelize.transaction((t) => saveFootprints(footprints, t, next.existing))
            : Promise.resolve();
        committed.catch(() => undefined); // awaited above or below, where a failure is thrown
        writing = { committed, step: { cursor: { ...cursor, afterId: next.afterId }, done, total, batch: null } };
      }
      if (writing) {
        await writing.committed;
        yield writing.step;
        cursor = writing.step.cursor;
      }
    } finally {
      // Stopped early (a cancel, or a failed step): the batch being written ends before the scan returns.
      await writing?.committed.catch(() => undefined);
      await pool?.close();
    }
    cursor = { ...cursor, phase: 'pairs' };
  }
  if (cursor.phase === 'pairs') {
    const sites = new Map<number, SiteFacts>();
    const items: ScanAssignment[] = [];
    const order: { item: ScanAssignment; key: [number, number] }[] = [];
    const active = new Map((await activeTxSites('all')).map((site) => [site.assignmentId, site]));
    // The stored footprints read a chunk at a time and kept compact (the prepared ring only): the whole
    // register is held for the pairs phase, its polygons' text and GeoJSON only a chunk at a time.
    for (let afterId = 0; ;) {
      const chunk = await storedFootprintsAfter(afterId, STORED_CHUNK);
      if (chunk.length === 0) break;
      for (const fp of chunk) {
        const site = active.get(fp.assignmentId);
        const service = site && services.get(site.service);
        if (!site || !service) continue;
        const item = scanItem(site, service, { polygon: compactPolygon(fp.polygon), bboxDeg: fp.bboxDeg });
        sites.set(site.assignmentId, site);
        items.push(item);
        order.push({ item, key: [tileOf(site), site.assignmentId] });
      }
      afterId = chunk[chunk.length - 1]?.assignmentId ?? afterId;
    }
    active.clear();
    order.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
    const src = contourSource(sites, services);
    const todo = order.filter((o) => after(o.key, cursor.afterVictim));
    let done = order.length - todo.length;
    const rows = lastRows(items, sites, src);
    const byId = new Map(items.map((item) => [item.id, item]));
    const rowOf = (part: { key: [number, number] }[]) => Math.floor((part[0]?.key[0] ?? 0) / 1000);
    const parts: (typeof todo)[] = [];
    for (let i = 0; i < todo.length; i += sizes.victims) parts.push(todo.slice(i, i + sizes.victims));
    // On worker threads (sizes.threads ≥ 1, the job's default): each batch's findings computed there, the next
    // batches' while this thread reconciles one, with the overlap polygons (as JSON text) of the victims that
    // have no stored pair conflict — a first scan stores every finding anew. On this thread: each batch's in
    // turn, the polygons drawn for what the reconciliation stores.
    const threads = Math.max(0, Math.floor(sizes.threads ?? 0));
    const pool =
      threads > 0 && src.worker && parts.length > 0
        ? new VictimThreads(items, src.worker, rows ?? new Int32Array(items.length).fill(2 ** 30), threads)
        : null;
    const index = pool ? null : prepareIndex(items, src);
    const stored = pool ? await pairConflictVictims() : null;
    const caches = index?.caches ?? newSharedCaches();
    const release = contourRelease(items, rows, caches);
    // Polygons not computed with the findings: drawn here, only for the conflicts stored anew or changed.
    const geometryOf = (f: ConflictFinding): ConflictFinding['geometry'] => {
      const victim = byId.get(f.victimId);
      const interferer = byId.get(f.interfererId);
      return victim && interferer ? pairGeometry(victim, interferer, src, caches) : null;
    };
    const asked: Promise<ConflictFinding[]>[] = [];
    const ask = (k: number): void => {
      const part = parts[k];
      if (!pool || !part || asked[k]) return;
      const ids = part.map((p) => p.item.id);
      asked[k] = pool.findings(ids, (id) => !stored?.has(id), rowOf(part));
      asked[k].catch(() => undefined); // awaited in turn below; a failure is thrown there
    };
    try {
      for (let k = 0; k < parts.length; k++) {
        const part = parts[k] as typeof todo;
        for (let ahead = k; ahead <= k + threads; ahead++) ask(ahead);
        release(rowOf(part));
        const findings = index
          ? part.flatMap(({ item }) => victimFindings(item, index, src))
          : await (asked[k] as Promise<ConflictFinding[]>);
        delete asked[k];
        done += part.length;
        const last = part[part.length - 1];
        cursor = { ...cursor, afterVictim: last ? last.key : cursor.afterVictim };
        const victims = new Set(part.map((p) => p.item.id));
        const batch: Findings = { scope: { victims }, findings, footprint: null, geometryOf, settles: 'pairs' };
        yield { cursor, done, total, batch };
      }
    } finally {
      await pool?.close();
    }
    cursor = { ...cursor, phase: 'intermod', afterId: 0 };
  }
  if (cursor.phase === 'intermod') {
    // Streamed victim batch by victim batch (conflicts.intermod.ts intermodBatches): those hit now, and those of
    // stored unresolved ones (which no longer hold, or whose victim left the register); memory stays flat.
    for await (const part of intermodBatches(cursor.afterId, sizes.victims)) {
      cursor = { ...cursor, afterId: part.victims[part.victims.length - 1] ?? cursor.afterId };
      const batch: Findings = {
        scope: { victims: new Set(part.victims) },
        findings: [],
        intermod: part.intermod,
        settles: 'intermod',
        footprint: null,
      };
      yield { cursor, done: total, total, batch };
    }
    yield { cursor, done: total, total, batch: null }; // the phase's end, also when no victim needed a batch
    cursor = { ...cursor, phase: 'sweep' };
  }
  if (cursor.phase === 'sweep') {
    for (;;) {
      const victims = await inactiveVictims(sizes.sweep);
      if (victims.length === 0) break;
      yield {
        cursor,
        done: total,
        total,
        batch: { scope: { victims: new Set(victims) }, findings: [], footprint: null, settles: 'pairs' },
      };
    }
  }
  yield { cursor: { ...cursor, phase: 'done' }, done: total, total, batch: null };
}
