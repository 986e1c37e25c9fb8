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
 * The indexed search: transmitters clustered by distance with an rbush of station points (each near list
 * checked exactly), every near list sorted by frequency, each product's victims found by binary search in the
 * near lists of its contributors. Same findings as naiveIntermod, in the same order. With `focusId`, only the
 * products involving that site are formed (focusedSearch).
 */
export function indexedIntermod(sites: readonly IntermodSite[], options: IndexedOptions = {}): IntermodFinding[] {
  checkIds(sites);
  let maxKm = 0;
  for (const s of sites) maxKm = Math.max(maxKm, s.distanceKm);
  const tree = new RBush<PointEntry>();
  tree.load(sites.map((s) => ({ minX: s.lonDeg, minY: s.latDeg, maxX: s.lonDeg, maxY: s.latDeg, site: s })));
  const degLat = (1.01 * maxKm) / ((INTERMOD_EARTH_RADIUS_KM * Math.PI) / 180) + 1e-9;
  const focus = options.focusId === undefined ? undefined : sites.find((s) => s.id === options.focusId);
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
  if (options.focusId !== undefined) {
    if (focus) focusedSearch(focus, near, victimsOf, out);
    return out.sort(compareIntermod);
  }
  for (const a of sites) {
    const na = near.get(a.id);
    if (!na || a.direction !== 'tx') continue;
    for (const b of na.tx) {
      if (a.frequencyHz === b.frequencyHz) continue;
      victimsOf(twoTone(a, b));
      if (a.id > b.id) continue;
      const nb = near.get(b.id);
      if (!nb) continue;
      for (const c of na.tx) {
        if (c === b || c.frequencyHz === a.frequencyHz || c.frequencyHz === b.frequencyHz) continue;
        if (nb.txIds.has(c.id)) victimsOf(threeTone(a, b, c));
      }
    }
  }
  return out.sort(compareIntermod);
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
