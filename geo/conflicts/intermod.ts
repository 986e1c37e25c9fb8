/**
 * Third-order intermodulation (SPEC §12, issue 16): products of transmitters within a set distance of
 * each other that fall within the occupied range of a receive or transmit assignment of their neighbourhood.
 * Plain numbers in, findings out; a naive reference and an indexed search that must agree exactly.
 *
 * Products (third order, the ones that land near the carriers):
 * - two-tone  2·f(A) − f(B)         (A ≠ B, f(A) ≠ f(B); ordered: 2·f(B) − f(A) is another product);
 * - three-tone f(A) + f(B) − f(C)   (A, B, C distinct, f(A), f(B), f(C) all different; A, B unordered, A.id < B.id).
 *   With f(A) = f(B) it is 2·f(A) − f(C), already a two-tone product; with f(C) = f(A) it is f(B) itself.
 *
 * Product range. Each carrier occupies [low, high) (SPEC §4.4); the product of ranges is interval arithmetic:
 * 2·A − B occupies [2·A.low − B.high, 2·A.high − B.low), width 2·W(A) + W(B); A + B − C occupies
 * [A.low + B.low − C.high, A.high + B.high − C.low), width W(A) + W(B) + W(C). Both are centred on the product
 * of the centre frequencies (occupied ranges are centred on frequencyHz). A product hits a victim when the two
 * half-open ranges share at least 1 Hz (touching is not a hit, as in SPEC §4.7.4).
 *
 * Neighbourhood. Distances are great-circle between stations (sphere of radius 6371.0088 km, as Turf).
 * Two stations are near when their distance is at most the larger of their services' `intermodDistanceKm`
 * (the more cautious of the two settings). The contributors of a product must be pairwise near (they mix in
 * each other's output stages, combiners and antennas: the co-sited case). A victim (any assignment, TX or RX,
 * not itself a contributor) is in the product's neighbourhood when it is near at least one contributor:
 * a transmitter-generated product is radiated from a contributor's antenna and is strongest around it, and a
 * receiver generates the product itself only when it sits close to the transmitters. The victim's coverage is
 * not used: receive assignments have none, and the product's level is not modelled.
 *
 * Severity (SPEC §4.5's scale, where `high` is certain harm by geometry and blocks issuing): `medium` when
 * the product's centre lies within the victim's occupied range (an on-channel product), `low` when only the
 * product's sidebands reach into it. Never `high`: the product's level depends on the isolation between the
 * transmitters and on their non-linearity, which the register does not hold, so this is a screening result.
 */
import { distance } from '@turf/turf';
import RBush from 'rbush';

export interface IntermodSite {
  /** Unique within one search. */
  id: number;
  /** Transmitters contribute and can suffer; receivers only suffer. */
  direction: 'tx' | 'rx';
  latDeg: number;
  lonDeg: number;
  /** Centre frequency, Hz. */
  frequencyHz: number;
  /** Half-open occupied range [occupiedLowHz, occupiedHighHz), Hz. */
  occupiedLowHz: number;
  occupiedHighHz: number;
  /** The service's `intermodDistanceKm`. */
  distanceKm: number;
  licenseeId: number | null;
  /**
   * The service's `intermodWindowPercent` (migration 017): as a victim, only products whose every contributor
   * lies within ± this % of its centre frequency count. 0 or absent: no window (the SPEC's literal rule).
   */
  windowPercent?: number;
}

export type IntermodType = 'two_tone' | 'three_tone';

export interface IntermodFinding {
  victimId: number;
  type: IntermodType;
  /** two_tone: [A, B] for 2·f(A) − f(B); three_tone: [A, B, C] for f(A) + f(B) − f(C), with A < B. */
  contributorIds: number[];
  /** The product of the centre frequencies, Hz. */
  productHz: number;
  productLowHz: number;
  productHighHz: number;
  /** productHz − the victim's centre frequency, Hz. */
  frequencyOffsetHz: number;
  /** Width shared by the product's range and the victim's, Hz (> 0). */
  overlapHz: number;
  /** overlapHz / the victim's occupied width, in (0, 1]. */
  overlapFraction: number;
  severity: 'medium' | 'low';
  /** The victim and every contributor have the same non-null licensee (still reported, SPEC §4.5). */
  sameLicensee: boolean;
}

export const INTERMOD_EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance, km: Turf `distance` (haversine on a sphere of radius 6371.0088 km). */
export function distanceKm(a: Pick<IntermodSite, 'latDeg' | 'lonDeg'>, b: Pick<IntermodSite, 'latDeg' | 'lonDeg'>) {
  return distance([a.lonDeg, a.latDeg], [b.lonDeg, b.latDeg], { units: 'kilometers' });
}

/**
 * The window of the file comment: `c` may contribute to a product on victim `v` when its centre frequency is
 * within ± v.windowPercent % of v's (inclusive; compared as |Δf| · 100 ≤ w · f(v), exact on whole hertz).
 */
export function inWindow(v: IntermodSite, c: IntermodSite): boolean {
  const w = v.windowPercent ?? 0;
  return w <= 0 || Math.abs(c.frequencyHz - v.frequencyHz) * 100 <= w * v.frequencyHz;
}

/** The rule of the file comment: within the larger of the two services' distances. */
export function areNear(a: IntermodSite, b: IntermodSite): boolean {
  return distanceKm(a, b) <= Math.max(a.distanceKm, b.distanceKm);
}

interface Product {
  type: IntermodType;
  contributors: IntermodSite[];
  productHz: number;
  lowHz: number;
  highHz: number;
}

function twoTone(a: IntermodSite, b: IntermodSite): Product {
  return {
    type: 'two_tone',
    contributors: [a, b],
    productHz: 2 * a.frequencyHz - b.frequencyHz,
    lowHz: 2 * a.occupiedLowHz - b.occupiedHighHz,
    highHz: 2 * a.occupiedHighHz - b.occupiedLowHz,
  };
}

function threeTone(a: IntermodSite, b: IntermodSite, c: IntermodSite): Product {
  return {
    type: 'three_tone',
    contributors: [a, b, c],
    productHz: a.frequencyHz + b.frequencyHz - c.frequencyHz,
    lowHz: a.occupiedLowHz + b.occupiedLowHz - c.occupiedHighHz,
    highHz: a.occupiedHighHz + b.occupiedHighHz - c.occupiedLowHz,
  };
}

/** The finding of product `p` on victim `v` (not a contributor, in its neighbourhood), or null when it misses. */
function hit(p: Product, v: IntermodSite): IntermodFinding | null {
  if (!p.contributors.every((c) => inWindow(v, c))) return null;
  const overlapHz = Math.min(p.highHz, v.occupiedHighHz) - Math.max(p.lowHz, v.occupiedLowHz);
  if (overlapHz <= 0) return null;
  const width = v.occupiedHighHz - v.occupiedLowHz;
  const lic = v.licenseeId;
  return {
    victimId: v.id,
    type: p.type,
    contributorIds: p.contributors.map((c) => c.id),
    productHz: p.productHz,
    productLowHz: p.lowHz,
    productHighHz: p.highHz,
    frequencyOffsetHz: p.productHz - v.frequencyHz,
    overlapHz,
    overlapFraction: width > 0 ? Math.min(1, overlapHz / width) : 1,
    severity: p.productHz >= v.occupiedLowHz && p.productHz < v.occupiedHighHz ? 'medium' : 'low',
    sameLicensee: lic !== null && p.contributors.every((c) => c.licenseeId === lic),
  };
}

/** Findings in one order: victim, then type, then contributors. */
export function compareIntermod(a: IntermodFinding, b: IntermodFinding): number {
  if (a.victimId !== b.victimId) return a.victimId - b.victimId;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  const n = Math.min(a.contributorIds.length, b.contributorIds.length);
  for (let i = 0; i < n; i++) {
    const d = (a.contributorIds[i] as number) - (b.contributorIds[i] as number);
    if (d !== 0) return d;
  }
  return a.contributorIds.length - b.contributorIds.length;
}

function checkIds(sites: readonly IntermodSite[]): void {
  const seen = new Set<number>();
  for (const s of sites) {
    if (seen.has(s.id)) throw new RangeError(`duplicate intermod site id ${s.id}`);
    seen.add(s.id);
  }
}

/**
 * The reference: every ordered pair and every triple of transmitters, each product against every site.
 * O(T³·N); for tests on small registers only.
 */
export function naiveIntermod(sites: readonly IntermodSite[]): IntermodFinding[] {
  checkIds(sites);
  const tx = sites.filter((s) => s.direction === 'tx');
  const out: IntermodFinding[] = [];
  const emit = (p: Product) => {
    for (const v of sites) {
      if (p.contributors.includes(v) || !p.contributors.some((c) => areNear(c, v))) continue;
      const f = hit(p, v);
      if (f) out.push(f);
    }
  };
  for (const a of tx)
    for (const b of tx) {
      if (a === b || a.frequencyHz === b.frequencyHz || !areNear(a, b)) continue;
      emit(twoTone(a, b));
      if (a.id > b.id) continue;
      for (const c of tx) {
        if (c === a || c === b || c.frequencyHz === a.frequencyHz || c.frequencyHz === b.frequencyHz) continue;
        if (areNear(a, c) && areNear(b, c)) emit(threeTone(a, b, c));
      }
    }
  return out.sort(compareIntermod);
}

/** Sites near one site, sorted by occupied low edge, with the widest occupied width (for the binary search). */
interface NearList {
  sites: IntermodSite[];
  lows: Float64Array;
  maxWidthHz: number;
}

function nearList(sites: IntermodSite[]): NearList {
  sites.sort((x, y) => x.occupiedLowHz - y.occupiedLowHz || x.id - y.id);
  let maxWidthHz = 0;
  for (const s of sites) maxWidthHz = Math.max(maxWidthHz, s.occupiedHighHz - s.occupiedLowHz);
  return { sites, lows: Float64Array.from(sites, (s) => s.occupiedLowHz), maxWidthHz };
}

/** Calls `visit` for every site of `list` whose range meets [lowHz, highHz): binary search, then a short walk. */
function inRange(list: NearList, lowHz: number, highHz: number, visit: (s: IntermodSite) => void): void {
  const from = lowHz - list.maxWidthHz; // a site meeting the range has low > lowHz − its width ≥ lowHz − maxWidth
  let lo = 0;
  let hi = list.lows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list.lows[mid] as number) <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.sites.length && (list.lows[i] as number) < highHz; i++) {
    const s = list.sites[i] as IntermodSite;
    if (s.occupiedHighHz > lowHz) visit(s);
  }
}

export interface IndexedOptions {
  /**
   * Only the findings involving this site id (as victim or contributor): the upkeep on save and the live
   * check. The sites must then hold everything within 2 × the largest distance of it (see the pipeline).
   */
  focusId?: number;
}

type PointEntry = { minX: number; minY: number; maxX: number; maxY: number; site: IntermodSite };

/** The sites near one site: all of them by frequency (victims), the transmitters by id and by frequency. */
interface Near {
  all: NearList;
  tx: IntermodSite[];
  txIds: Set<number>;
  txByFrequency: NearList;
}

const NO_SITES: NearList = { sites: [], lows: new Float64Array(0), maxWidthHz: 0 };
const NOBODY: Near = { all: NO_SITES, tx: [], txIds: new Set(), txByFrequency: NO_SITES };

function nearOf(a: IntermodSite, tree: RBush<PointEntry>, degLat: number): Near {
  // A box a little larger than the distance (1 % and the latitude of the far edge): the exact test follows.
  const edgeLat = Math.min(89.9, Math.abs(a.latDeg) + degLat);
  const degLon = degLat / Math.cos((edgeLat * Math.PI) / 180);
  const box = { minX: a.lonDeg - degLon, minY: a.latDeg - degLat, maxX: a.lonDeg + degLon, maxY: a.latDeg + degLat };
  const all: IntermodSite[] = [];
  for (const e of tree.search(box)) if (e.site !== a && areNear(a, e.site)) all.push(e.site);
  if (all.length === 0) return NOBODY; // most sites of a national register: no allocation for them
  const tx = all.filter((s) => s.direction === 'tx').sort((x, y) => x.id - y.id);
  return { all: nearList(all), tx, txIds: new Set(tx.map((s) => s.id)), txByFrequency: nearList([...tx]) };
}

/**
 * The indexed search: every finding of the register (naiveIntermod's, in the same order), or with `focusId`
 * only the products involving that site (focusedSearch). The whole register goes victim by victim
 * (intermodByVictim), so it holds one victim's findings at a time besides the index.
 */
export function indexedIntermod(sites: readonly IntermodSite[], options: IndexedOptions = {}): IntermodFinding[] {
  checkIds(sites);
  if (options.focusId === undefined) {
    const out: IntermodFinding[] = [];
    for (const [, found] of intermodByVictim(intermodIndex(sites))) for (const f of found) out.push(f);
    return out;
  }
  let maxKm = 0;
  for (const s of sites) maxKm = Math.max(maxKm, s.distanceKm);
  const tree = new RBush<PointEntry>();
  tree.load(sites.map((s) => ({ minX: s.lonDeg, minY: s.latDeg, maxX: s.lonDeg, maxY: s.latDeg, site: s })));
  const degLat = degLatOf(maxKm);
  const focus = sites.find((s) => s.id === options.focusId);
  // Every transmitter's near sites (itself excluded), and the focus's.
  const near = new Map<number, Near>();
  for (const a of sites) if (a.direction === 'tx' || a === focus) near.set(a.id, nearOf(a, tree, degLat));
  const out: IntermodFinding[] = [];
  // Every victim of a product: the sites near its contributors that its range meets (binary search).
  const victimsOf = (p: Product) => {
    const seen = new Set<number>();
    for (const c of p.contributors) {
      const list = near.get(c.id)?.all;
      if (!list) continue;
      inRange(list, p.lowHz, p.highHz, (v) => {
        if (seen.has(v.id) || p.contributors.includes(v)) return;
        seen.add(v.id);
        const f = hit(p, v);
        if (f) out.push(f);
      });
    }
  };
  if (focus) focusedSearch(focus, near, victimsOf, out);
  return out.sort(compareIntermod);
}

/** Half the side, in degrees of latitude, of a box a little larger than `km` (1 %): the exact test follows. */
function degLatOf(km: number): number {
  return (1.01 * km) / ((INTERMOD_EARTH_RADIUS_KM * Math.PI) / 180) + 1e-9;
}

/**
 * The register ready for the victim-driven search: every site ranked by occupied low edge (then id), and for
 * each site the ranks of the transmitters near it, ascending (so sorted by low edge too), in a typed array:
 * about 4 bytes per near pair, the only memory that grows with the crowding.
 */
export interface IntermodIndex {
  /** By rank. */
  readonly sites: readonly IntermodSite[];
  readonly rankOf: ReadonlyMap<number, number>;
  readonly lows: Float64Array;
  readonly highs: Float64Array;
  readonly freqs: Float64Array;
  readonly ids: Float64Array;
  readonly nearTx: readonly Int32Array[];
  /** The widest occupied width of any site, Hz. */
  readonly maxWidthHz: number;
  /** Scratch: 1 for the transmitters near the victim being searched. */
  readonly mark: Uint8Array;
}

type RankEntry = { minX: number; minY: number; maxX: number; maxY: number; rank: number };

export function intermodIndex(sites: readonly IntermodSite[]): IntermodIndex {
  checkIds(sites);
  const ranked = [...sites].sort((x, y) => x.occupiedLowHz - y.occupiedLowHz || x.id - y.id);
  const n = ranked.length;
  const lows = Float64Array.from(ranked, (s) => s.occupiedLowHz);
  const highs = Float64Array.from(ranked, (s) => s.occupiedHighHz);
  let maxKm = 0;
  let maxWidthHz = 0;
  for (const s of ranked) {
    maxKm = Math.max(maxKm, s.distanceKm);
    maxWidthHz = Math.max(maxWidthHz, s.occupiedHighHz - s.occupiedLowHz);
  }
  const tree = new RBush<RankEntry>();
  const entries: RankEntry[] = [];
  ranked.forEach((s, rank) => {
    if (s.direction === 'tx') entries.push({ minX: s.lonDeg, minY: s.latDeg, maxX: s.lonDeg, maxY: s.latDeg, rank });
  });
  tree.load(entries);
  const degLat = degLatOf(maxKm);
  const nearTx: Int32Array[] = [];
  const buffer: number[] = [];
  for (let r = 0; r < n; r++) {
    const a = ranked[r] as IntermodSite;
    const edgeLat = Math.min(89.9, Math.abs(a.latDeg) + degLat);
    const degLon = degLat / Math.cos((edgeLat * Math.PI) / 180);
    buffer.length = 0;
    const box = { minX: a.lonDeg - degLon, minY: a.latDeg - degLat, maxX: a.lonDeg + degLon, maxY: a.latDeg + degLat };
    for (const e of tree.search(box)) {
      if (e.rank !== r && areNear(a, ranked[e.rank] as IntermodSite)) buffer.push(e.rank);
    }
    nearTx.push(Int32Array.from(buffer).sort());
  }
  return {
    sites: ranked,
    rankOf: new Map(ranked.map((s, r) => [s.id, r])),
    lows,
    highs,
    freqs: Float64Array.from(ranked, (s) => s.frequencyHz),
    ids: Float64Array.from(ranked, (s) => s.id),
    nearTx,
    maxWidthHz,
    mark: new Uint8Array(n),
  };
}

/** The first position of `list` whose site's low edge is ≥ `value` (> with `strict`), within [from, to). */
function firstLow(lows: Float64Array, list: Int32Array, value: number, strict: boolean, from = 0, to = list.length) {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = lows[list[mid] as number] as number;
    if (strict ? x <= value : x < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether rank `y` is in the ascending list (binary search). */
function listHas(list: Int32Array, y: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = list[mid] as number;
    if (x === y) return true;
    if (x < y) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * Every product on one victim V (by rank), sorted (compareIntermod); naiveIntermod's findings of V.
 * A product on V has a contributor K near V; each product is formed once, from its lowest-id contributor
 * near V. For each such K (within V's window), its near transmitters X (within the window, ascending by low
 * edge) and, for three-tone products, the third Y found by two pointers moving one way over K's list (the
 * bounds on Y's low edge move monotonically with X's): K + X − Y, and X + Y − K (X before Y). The pointers
 * use the widest width among the window's transmitters around K, the exact overlap is then tested.
 * O(n² + hits) per victim for n transmitters around it (the search of a whole crowded cluster is cubic in
 * its density, the findings too: the window is what thins them).
 */
export function victimFindings(ix: IntermodIndex, v: number): IntermodFinding[] {
  const { lows, highs, freqs, ids, nearTx, mark, sites } = ix;
  const V = sites[v] as IntermodSite;
  const nearV = nearTx[v] as Int32Array;
  if (nearV.length === 0) return [];
  const out: IntermodFinding[] = [];
  const fv = V.frequencyHz;
  const [vLo, vHi] = [V.occupiedLowHz, V.occupiedHighHz];
  const w = V.windowPercent ?? 0;
  const wf = w * fv;
  const inWin = (r: number) => w <= 0 || Math.abs((freqs[r] as number) - fv) * 100 <= wf;
  const site = (r: number) => sites[r] as IntermodSite;
  const emit = (p: Product) => {
    const f = hit(p, V);
    if (f) out.push(f);
  };
  for (const r of nearV) mark[r] = 1;
  for (const k of nearV) {
    if (!inWin(k)) continue;
    const nk = nearTx[k] as Int32Array;
    const idK = ids[k] as number;
    const fk = freqs[k] as number;
    // Another contributor near V with a lower id forms the product instead.
    const later = (x: number) => mark[x] === 0 || (ids[x] as number) > idK;
    // The window's part of K's list (by low edge, loosely), and the widest width in it.
    let w0 = 0;
    let w1 = nk.length;
    if (w > 0) {
      w0 = firstLow(lows, nk, fv - wf / 100 - ix.maxWidthHz / 2 - 1, false);
      w1 = firstLow(lows, nk, fv + wf / 100 + 1, true, w0);
    }
    let maxW = 0;
    for (let i = w0; i < w1; i++) {
      const x = nk[i] as number;
      if (inWin(x)) maxW = Math.max(maxW, (highs[x] as number) - (lows[x] as number));
    }
    if (maxW === 0) continue;
    const kLo = lows[k] as number;
    const kHi = highs[k] as number;
    const ok = (x: number) => x !== v && freqs[x] !== fk && inWin(x);
    // Two-tone, K as A: 2K − X meets V ⇔ x.high > 2·kLo − vHi and x.low < 2·kHi − vLo.
    for (let i = firstLow(lows, nk, 2 * kLo - vHi - maxW, true, w0, w1); i < w1; i++) {
      const x = nk[i] as number;
      if ((lows[x] as number) >= 2 * kHi - vLo) break;
      if (ok(x) && later(x)) emit(twoTone(site(k), site(x)));
    }
    // Two-tone, K as B: 2X − K meets V ⇔ x.high > (vLo + kLo) / 2 and x.low < (vHi + kHi) / 2.
    for (let i = firstLow(lows, nk, (vLo + kLo) / 2 - maxW, true, w0, w1); i < w1; i++) {
      const x = nk[i] as number;
      if ((lows[x] as number) >= (vHi + kHi) / 2) break;
      if (ok(x) && later(x)) emit(twoTone(site(x), site(k)));
    }
    // Three-tone, K summed with X, Y subtracted: y.low ∈ (kLo + xLo − vHi − maxW, kHi + xLo + maxW − vLo).
    let lo = w0;
    let hi = w0;
    for (let i = w0; i < w1; i++) {
      const x = nk[i] as number;
      if (!ok(x)) continue;
      const xLo = lows[x] as number;
      const xHi = highs[x] as number;
      const lower = kLo + xLo - vHi - maxW;
      const upper = kHi + xLo + maxW - vLo;
      while (lo < w1 && (lows[nk[lo] as number] as number) <= lower) lo++;
      if (hi < lo) hi = lo;
      while (hi < w1 && (lows[nk[hi] as number] as number) < upper) hi++;
      const xLater = later(x);
      if (!xLater) continue;
      const nx = nearTx[x] as Int32Array;
      for (let j = lo; j < hi; j++) {
        const y = nk[j] as number;
        if (kLo + xLo - (highs[y] as number) >= vHi || kHi + xHi - (lows[y] as number) <= vLo) continue;
        if (y === x || !ok(y) || freqs[y] === freqs[x] || !later(y) || !listHas(nx, y)) continue;
        emit(idK < (ids[x] as number) ? threeTone(site(k), site(x), site(y)) : threeTone(site(x), site(k), site(y)));
      }
    }
    // Three-tone, X and Y summed (X before Y in the list), K subtracted:
    // y.low ∈ (vLo + kLo − xLo − 2·maxW, vHi + kHi − xLo), both bounds falling as X rises.
    lo = w1;
    hi = w1;
    for (let i = w0; i < w1; i++) {
      const x = nk[i] as number;
      if (!ok(x)) continue;
      const xLo = lows[x] as number;
      const xHi = highs[x] as number;
      const lower = vLo + kLo - xLo - 2 * maxW;
      const upper = vHi + kHi - xLo;
      while (hi > w0 && (lows[nk[hi - 1] as number] as number) >= upper) hi--;
      while (lo > w0 && (lows[nk[lo - 1] as number] as number) > lower) lo--;
      if (!later(x)) continue;
      const nx = nearTx[x] as Int32Array;
      for (let j = Math.max(lo, i + 1); j < hi; j++) {
        const y = nk[j] as number;
        if (xLo + (lows[y] as number) - kHi >= vHi || xHi + (highs[y] as number) - kLo <= vLo) continue;
        if (!ok(y) || freqs[y] === freqs[x] || !later(y) || !listHas(nx, y)) continue;
        const [a, b] = (ids[x] as number) < (ids[y] as number) ? [x, y] : [y, x];
        emit(threeTone(site(a), site(b), site(k)));
      }
    }
  }
  for (const r of nearV) mark[r] = 0;
  return out.sort(compareIntermod);
}

/**
 * The register's findings victim by victim, in ascending victim id, each victim's sorted; victims with none
 * are skipped. Lazy: the caller holds one victim's findings at a time (the full scan settles them batch by
 * batch), whatever the size of the register or the crowding of a cluster.
 */
export function* intermodByVictim(
  ix: IntermodIndex,
  afterId = -Infinity,
): Generator<[victimId: number, findings: IntermodFinding[]]> {
  const order = [...ix.sites.keys()].sort((a, b) => (ix.ids[a] as number) - (ix.ids[b] as number));
  for (const r of order) {
    const id = ix.ids[r] as number;
    if (id <= afterId) continue;
    const found = victimFindings(ix, r);
    if (found.length > 0) yield [id, found];
  }
}

/**
 * The products involving F, in O(n² log n) for n transmitters around it instead of every product of the area:
 * - F a contributor (a transmitter): each product with F in it, against every victim;
 * - F the victim of a product without it: one contributor K is near F; for each K and each other contributor X
 *   near K, the third (Y) must sit in a frequency window, found by binary search in K's transmitters by
 *   frequency, for each of the three roles (K and X summed, K and Y summed, X and Y summed).
 */
function focusedSearch(
  f: IntermodSite,
  near: Map<number, Near>,
  victimsOf: (p: Product) => void,
  out: IntermodFinding[],
): void {
  const nf = near.get(f.id);
  if (!nf) return;
  const isNear = (x: IntermodSite, y: IntermodSite) => near.get(x.id)?.txIds.has(y.id) === true;
  if (f.direction === 'tx') {
    for (const b of nf.tx) {
      if (b.frequencyHz === f.frequencyHz) continue;
      victimsOf(twoTone(f, b));
      victimsOf(twoTone(b, f));
      for (const c of nf.tx) {
        // f and b summed, c subtracted
        if (c === b || c.frequencyHz === f.frequencyHz || c.frequencyHz === b.frequencyHz || !isNear(b, c)) continue;
        victimsOf(f.id < b.id ? threeTone(f, b, c) : threeTone(b, f, c));
      }
      for (const a of nf.tx) {
        // a and b summed (a < b), f subtracted
        if (a.id >= b.id || a.frequencyHz === b.frequencyHz || a.frequencyHz === f.frequencyHz || !isNear(a, b))
          continue;
        victimsOf(threeTone(a, b, f));
      }
    }
  }
  const done = new Set<string>();
  const onF = (p: Product) => {
    const key = `${p.type}:${p.contributors.map((c) => c.id).join(',')}`;
    if (done.has(key)) return;
    done.add(key);
    const found = hit(p, f);
    if (found) out.push(found);
  };
  const three = (s1: IntermodSite, s2: IntermodSite, c: IntermodSite) => {
    if (s1 === s2 || c === s1 || c === s2 || s1 === f || s2 === f || c === f) return;
    if (s1.frequencyHz === s2.frequencyHz || c.frequencyHz === s1.frequencyHz || c.frequencyHz === s2.frequencyHz)
      return;
    if (!isNear(s1, s2) || !isNear(s1, c) || !isNear(s2, c)) return;
    onF(s1.id < s2.id ? threeTone(s1, s2, c) : threeTone(s2, s1, c));
  };
  const [vLo, vHi] = [f.occupiedLowHz, f.occupiedHighHz];
  for (const k of nf.tx) {
    const nk = near.get(k.id);
    if (!nk) continue;
    for (const x of nk.tx) {
      if (x === f) continue;
      if (x.frequencyHz !== k.frequencyHz) {
        onF(twoTone(k, x));
        onF(twoTone(x, k));
      }
      const [kLo, kHi, xLo, xHi] = [k.occupiedLowHz, k.occupiedHighHz, x.occupiedLowHz, x.occupiedHighHz];
      // k + x − y meets F ⇔ y.high > kLo + xLo − vHi and y.low < kHi + xHi − vLo (and likewise below).
      inRange(nk.txByFrequency, kLo + xLo - vHi, kHi + xHi - vLo, (y) => three(k, x, y));
      inRange(nk.txByFrequency, vLo - kHi + xLo, vHi - kLo + xHi, (y) => three(k, y, x));
      inRange(nk.txByFrequency, vLo + kLo - xHi, vHi + kHi - xLo, (y) => three(x, y, k));
    }
  }
}

/** "2·f(A) − f(B)" or "f(A) + f(B) − f(C)", the letters standing for the contributors in order. */
export function intermodFormula(type: IntermodType): string {
  return type === 'two_tone' ? '2·f(A) − f(B)' : 'f(A) + f(B) − f(C)';
}
