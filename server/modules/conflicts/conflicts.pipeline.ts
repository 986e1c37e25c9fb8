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
  PreparedIndex,
  prepareIndex,
  scanConflictsParallel,
  victimFindings,
  type ConflictFinding,
  type ScanAssignment,
} from '../../../geo/conflicts';
import {
  contourSource,
  protectedFootprint,
  scanItem,
  type ComputedFootprint,
  type ServiceParams,
  type SiteFacts,
} from './conflicts.engine';
import {
  activeTxSites,
  activeTxSitesAfter,
  allStoredFootprints,
  countActiveTx,
  deleteFootprint,
  deleteInactiveFootprints,
  inactiveVictims,
  loadNeighbours,
  saveFootprint,
  saveFootprints,
  serviceParams,
  type OtherSide,
} from './conflicts.queries';

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
  return result;
}

/** Where a resumable scan of the whole register stands (kept in its job between batches). */
export interface ScanCursor {
  phase: 'footprints' | 'pairs' | 'sweep' | 'done';
  /** Footprints: the last assignment id stored. */
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
  /** Threads for the pairs (geo scanConflictsParallel); 1 or absent: this thread, batch by batch. */
  threads?: number;
}

export const SCAN_SIZES: ScanSizes = { footprints: 500, victims: 250, sweep: 1000 };

/** Tiles of 0.5° (about 55 km): victims are visited tile by tile, so a batch's neighbours are near each other. */
const TILE_DEG = 0.5;
function tileOf(site: SiteFacts): number {
  return Math.floor((site.latitude + 90) / TILE_DEG) * 1000 + Math.floor((site.longitude + 180) / TILE_DEG);
}
const after = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/**
 * The whole register, in steps that each take well under a second to commit (SPEC §9), resumable from
 * any step's cursor:
 * 1. footprints: stale ones deleted, then every active TX assignment's stored, `sizes.footprints` per
 *    transaction (this function writes them);
 * 2. pairs: the register indexed once from the stored footprints; victims visited tile by tile, each
 *    batch's findings those with a victim in the batch (exactly a full scan's, split by victim: see geo
 *    victimFindings), for the caller to reconcile with scope `{ victims }`;
 * 3. sweep: unresolved conflicts whose victim no longer takes part, for the caller to resolve.
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
    for (;;) {
      const sites = await activeTxSitesAfter(cursor.afterId, sizes.footprints);
      if (sites.length === 0) break;
      const footprints: Parameters<typeof saveFootprints>[0] = [];
      for (const site of sites) {
        const service = services.get(site.service);
        if (service) footprints.push({ assignmentId: site.assignmentId, fp: protectedFootprint(site, service) });
      }
      // Computed before the transaction, written in one upsert: the writer is held only for the writing.
      await sequelize.transaction((t) => saveFootprints(footprints, t));
      done += sites.length;
      cursor = { ...cursor, afterId: sites[sites.length - 1]?.assignmentId ?? cursor.afterId };
      yield { cursor, done, total, batch: null };
    }
    cursor = { ...cursor, phase: 'pairs' };
  }
  if (cursor.phase === 'pairs') {
    const stored = await allStoredFootprints();
    const sites = new Map<number, SiteFacts>();
    const items: ScanAssignment[] = [];
    const order: { item: ScanAssignment; key: [number, number] }[] = [];
    for (const site of await activeTxSites('all')) {
      const service = services.get(site.service);
      const fp = stored.get(site.assignmentId);
      if (!service || !fp) continue;
      // Kept compact (the prepared ring only): the whole register is held for the pairs phase.
      const item = scanItem(site, service, { polygon: compactPolygon(fp.polygon), bboxDeg: fp.bboxDeg });
      stored.delete(site.assignmentId);
      sites.set(site.assignmentId, site);
      items.push(item);
      order.push({ item, key: [tileOf(site), site.assignmentId] });
    }
    order.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
    const src = contourSource(sites, services);
    const todo = order.filter((o) => after(o.key, cursor.afterVictim));
    let done = order.length - todo.length;
    // On several threads the register's findings are computed at once (scanConflictsParallel, off this
    // thread), then reconciled victim batch by victim batch; on one, each batch's as it comes (victimFindings).
    const threads = sizes.threads ?? 1;
    const byVictim = new Map<number, ConflictFinding[]>();
    let index: PreparedIndex | null = null;
    if (threads > 1 && todo.length > 0) {
      for (const f of (await scanConflictsParallel(items, src, { threads })).findings) {
        const list = byVictim.get(f.victimId);
        if (list === undefined) byVictim.set(f.victimId, [f]);
        else list.push(f);
      }
    } else index = prepareIndex(items, src);
    const byId = new Map(items.map((item) => [item.id, item]));
    const caches = index?.caches ?? newSharedCaches();
    const geometryOf = (f: ConflictFinding): ConflictFinding['geometry'] => {
      const victim = byId.get(f.victimId);
      const interferer = byId.get(f.interfererId);
      return victim && interferer ? pairGeometry(victim, interferer, src, caches) : null;
    };
    for (let i = 0; i < todo.length; i += sizes.victims) {
      const part = todo.slice(i, i + sizes.victims);
      const findings = part.flatMap(({ item }) =>
        index ? victimFindings(item, index, src) : (byVictim.get(item.id) ?? []),
      );
      done += part.length;
      const last = part[part.length - 1];
      cursor = { ...cursor, afterVictim: last ? last.key : cursor.afterVictim };
      const victims = new Set(part.map((p) => p.item.id));
      yield { cursor, done, total, batch: { scope: { victims }, findings, footprint: null, geometryOf } };
    }
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
        batch: { scope: { victims: new Set(victims) }, findings: [], footprint: null },
      };
    }
  }
  yield { cursor: { ...cursor, phase: 'done' }, done: total, total, batch: null };
}
