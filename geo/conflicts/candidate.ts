/**
 * Incremental check of one candidate assignment against the register (SPEC §4.5, `POST
 * /api/v1/conflicts/check`): exactly the findings a full scan over register + candidate would report
 * with the candidate as victim or as interferer, without scanning register pairs.
 *
 * A {@link PreparedIndex} holds, for the register, two rbush trees: footprint boxes, and reach boxes
 * (footprint box ∪ box of the contour at tMin, tMin = the lowest threshold any register victim asks for,
 * optionally lowered to cover every service, see prepareIndex). Then for candidate C:
 * - C as victim: interferers B whose reach box meets C's footprint box. When C asks for a threshold
 *   below the index's tMin (a service absent from the register), the reach boxes do not bound B's
 *   contours and every register assignment is tried (still exact, slower);
 * - C as interferer: victims A whose footprint box meets C's reach box at the index's tMin (every
 *   register victim asks thresholds ≥ tMin).
 * Each pair then goes through the per-pair rule (frequency relation first). Register assignments with
 * C's id are ignored: an edited assignment is checked as its new self, not against its old self.
 * Contours and footprint areas of register assignments are memoised in the index, weakly per object;
 * the candidate's are memoised for one call only (a caller may edit and re-check the same object).
 */
import { BinnedIndex } from './binned';
import {
  ConflictContext,
  evaluateInContext,
  lowestThresholdDbuvM,
  newSharedCaches,
  sortFindings,
  validateAssignment,
  type MemoTable,
  type SharedCaches,
} from './pair';
import { lowestThresholdOfAllDbuvM, reachBox, validateRegister } from './scan';
import type { ConflictFinding, EvaluateOptions, FootprintSource, ScanAssignment } from './types';

export interface PrepareIndexOptions {
  /**
   * Build the reach boxes for victims asking thresholds down to this value, dBµV/m, when it is below
   * the register's own lowest threshold: e.g. min over all services of protected − max(PR), so that a
   * candidate of a service absent from the register still takes the indexed path.
   */
  minThresholdDbuvM?: number;
}

/**
 * A register made ready for many candidate checks. It keeps references to
 * the assignments (not copies): they must not change while it is in use.
 */
export class PreparedIndex {
  readonly size: number;
  /** Reach boxes are valid for victim thresholds ≥ this, dBµV/m. */
  readonly minThresholdDbuvM: number;
  readonly caches: SharedCaches;
  readonly items: readonly ScanAssignment[];
  /** Register objects and their footprint polygons: the keys whose memo lives in the index. */
  readonly owned: WeakSet<object>;
  readonly footprintTree: BinnedIndex;
  readonly reachTree: BinnedIndex;

  constructor(register: ScanAssignment[], src: FootprintSource, opts: PrepareIndexOptions = {}) {
    validateRegister(register);
    this.items = [...register];
    this.size = register.length;
    this.caches = newSharedCaches();
    this.owned = new WeakSet<object>();
    for (const a of register) {
      this.owned.add(a);
      this.owned.add(a.footprint);
    }
    const own = lowestThresholdOfAllDbuvM(register);
    this.minThresholdDbuvM =
      opts.minThresholdDbuvM !== undefined && Number.isFinite(opts.minThresholdDbuvM)
        ? Math.min(own, opts.minThresholdDbuvM)
        : own;
    const ctx = new ConflictContext(src, false, this.caches);
    this.footprintTree = new BinnedIndex(register.map((b) => ({ item: b, box: b.bboxDeg })));
    this.reachTree = new BinnedIndex(register.map((b) => ({ item: b, box: reachBox(b, this.minThresholdDbuvM, ctx) })));
  }
}

/**
 * Indexes `register` for checkCandidate (see the file comment).
 * Throws a RangeError on an invalid or duplicate assignment.
 */
export function prepareIndex(
  register: ScanAssignment[],
  src: FootprintSource,
  opts: PrepareIndexOptions = {},
): PreparedIndex {
  return new PreparedIndex(register, src, opts);
}

/** A memo reading and writing the index's table for register-owned keys, the call's own table for the rest. */
function layered<K extends object, V>(
  owned: WeakSet<object>,
  shared: MemoTable<K, V>,
  local: MemoTable<K, V>,
): MemoTable<K, V> {
  return {
    get: (k) => (owned.has(k) ? shared : local).get(k),
    set: (k, v) => (owned.has(k) ? shared : local).set(k, v),
  };
}

/**
 * The findings involving `candidate`, both directions, sorted by victimId then interfererId. Pass a
 * PreparedIndex built with the same `src` when checking repeatedly; a plain array is indexed on each
 * call. Inputs are not modified.
 */
export function checkCandidate(
  candidate: ScanAssignment,
  register: ScanAssignment[] | PreparedIndex,
  src: FootprintSource,
  opts: EvaluateOptions = {},
): ConflictFinding[] {
  validateAssignment(candidate);
  const index = register instanceof PreparedIndex ? register : prepareIndex(register, src);
  const local = newSharedCaches();
  const caches: SharedCaches = {
    contours: layered(index.owned, index.caches.contours, local.contours),
    rings: layered(index.owned, index.caches.rings, local.rings),
  };
  const ctx = new ConflictContext(src, opts.geometry === true, caches);
  const findings: ConflictFinding[] = [];
  const push = (f: ConflictFinding | null): void => {
    if (f !== null) findings.push(f);
  };

  const interferers =
    lowestThresholdDbuvM(candidate) >= index.minThresholdDbuvM
      ? index.reachTree.search(candidate, candidate.bboxDeg)
      : index.items;
  for (const b of interferers) if (b.id !== candidate.id) push(evaluateInContext(candidate, b, ctx));

  for (const a of index.footprintTree.search(candidate, reachBox(candidate, index.minThresholdDbuvM, ctx))) {
    if (a.id !== candidate.id) push(evaluateInContext(a, candidate, ctx));
  }
  return sortFindings(findings);
}

/**
 * The findings with `victim`, a member of the index's register, as victim: the first half of
 * checkCandidate over the index's own caches. Every finding has one victim, so running this for each
 * register member gives exactly the findings of a full scan of the register, in parts that can be
 * reconciled separately (the resumable scan, victim by victim).
 */
export function victimFindings(
  victim: ScanAssignment,
  index: PreparedIndex,
  src: FootprintSource,
  opts: EvaluateOptions = {},
): ConflictFinding[] {
  return victimFindingsIn(victim, index, new ConflictContext(src, opts.geometry === true, index.caches));
}

/**
 * victimFindings in a given context (built with the index's caches): one context kept across victims also keeps
 * each coverage overlap until the pair's other direction, one victim later or many, has used it (the same
 * numbers: it is computed with the lower id first either way), so a scan computes it once instead of twice.
 */
export function victimFindingsIn(
  victim: ScanAssignment,
  index: PreparedIndex,
  ctx: ConflictContext,
): ConflictFinding[] {
  if (!index.owned.has(victim)) throw new RangeError(`assignment ${victim.id} is not in the index`);
  const findings: ConflictFinding[] = [];
  for (const b of index.reachTree.search(victim, victim.bboxDeg)) {
    if (b.id === victim.id) continue;
    const f = evaluateInContext(victim, b, ctx);
    if (f !== null) findings.push(f);
  }
  return sortFindings(findings);
}

/**
 * The overlap polygon of the finding (victim, interferer), computed on demand (a scan that finds without
 * geometry asks it only for the conflicts it stores anew or changes); null when the pair does not conflict.
 * `caches` (e.g. a prepared index's) keeps contours and rings between calls.
 */
export function pairGeometry(
  victim: ScanAssignment,
  interferer: ScanAssignment,
  src: FootprintSource,
  caches: SharedCaches = newSharedCaches(),
): ConflictFinding['geometry'] {
  return evaluateInContext(victim, interferer, new ConflictContext(src, true, caches))?.geometry ?? null;
}
