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
import type { Transaction } from 'sequelize';
import { checkCandidate, scanConflicts, type ConflictFinding, type ScanAssignment } from '../../../geo/conflicts';
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
  deleteFootprint,
  deleteFootprintsExcept,
  loadNeighbours,
  saveFootprint,
  serviceParams,
  type OtherSide,
} from './conflicts.queries';

/** The id an unsaved candidate carries through the engine. */
export const UNSAVED_ID = -1;

/** Saved candidates and the full scan write their footprints in the caller's transaction. */
export type Candidates =
  | { kind: 'saved'; ids: number[]; transaction: Transaction }
  /** `site.assignmentId` is UNSAVED_ID; `excludeId` is the saved assignment it edits (0 for a new one). */
  | { kind: 'unsaved'; site: SiteFacts; excludeId: number }
  | { kind: 'all'; transaction: Transaction; onProgress?: (done: number, total: number) => void };

export interface Findings {
  /** The assignments whose conflicts these are, all of them: one candidate, or the whole register. */
  scope: Set<number> | 'all';
  findings: ConflictFinding[];
  /** The candidate's protected footprint (null for the whole register, or a candidate no longer active). */
  footprint: ComputedFootprint | null;
}

export interface ScanStats {
  assignments: number;
  candidatePairs: number;
  exactChecks: number;
}

export interface PipelineResult {
  /** In candidate order: one per saved id (none for an unknown service), one unsaved, or one for the register. */
  batches: Findings[];
  /** The other side of every neighbour loaded, by assignment id. */
  others: Map<number, OtherSide>;
  /** The full scan's figures (null for single candidates). */
  scan: ScanStats | null;
}

type WholeRegister = Extract<Candidates, { kind: 'all' }>;

/** `loaded`: the service parameters by code, when the caller has them already. */
export function findConflicts(
  candidates: WholeRegister,
  loaded?: Map<string, ServiceParams>,
): Promise<PipelineResult & { scan: ScanStats }>;
export function findConflicts(candidates: Candidates, loaded?: Map<string, ServiceParams>): Promise<PipelineResult>;
export async function findConflicts(
  candidates: Candidates,
  loaded?: Map<string, ServiceParams>,
): Promise<PipelineResult> {
  const tx = candidates.kind === 'unsaved' ? undefined : candidates.transaction;
  const services = loaded ?? (await serviceParams(tx));
  if (candidates.kind === 'all') return scanRegister(candidates, services);
  const result: PipelineResult = { batches: [], others: new Map(), scan: null };
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

/** The whole register: every footprint stored (stale ones deleted), then the indexed scan. */
async function scanRegister(
  { transaction, onProgress }: WholeRegister,
  services: Map<string, ServiceParams>,
): Promise<PipelineResult & { scan: ScanStats }> {
  const sites = new Map<number, SiteFacts>();
  const items: ScanAssignment[] = [];
  for (const site of await activeTxSites('all', transaction)) {
    const service = services.get(site.service);
    if (!service) continue;
    sites.set(site.assignmentId, site);
    items.push(
      scanItem(site, service, await saveFootprint(site.assignmentId, protectedFootprint(site, service), transaction)),
    );
  }
  await deleteFootprintsExcept(
    items.map((i) => i.id),
    transaction,
  );
  const scan = scanConflicts(items, contourSource(sites, services), { geometry: true, onProgress });
  return {
    batches: [{ scope: 'all', findings: scan.findings, footprint: null }],
    others: new Map(),
    scan: { assignments: items.length, candidatePairs: scan.candidatePairs, exactChecks: scan.exactChecks },
  };
}
