/**
 * The live public register's search index (issue 13): what a public search looks at, read once from the
 * database into compact arrays, so that a search finds and orders its matches in memory instead of joining
 * assignments, stations, licences and licensees for every match (a busy VHF band or a one-letter name
 * matches thousands of licences: 5 to 60 ms of SQLite each, which 50 concurrent visitors queue behind).
 *
 * The same rules as the SQL search (public.queries.ts `searchConditions`, which stays the reference and
 * answers the register as of a past date, and any search while this index is not known to be current):
 * - a listed licence is issued or suspended; a search by number also finds expired and revoked ones;
 * - a whole number (of any licence) is matched exactly, a part of one anywhere in the number;
 * - every word typed as a name is in the licence's number or in its licensee's folded name, and an
 *   individual is never found by name;
 * - district, map box and frequency range hold for one station of the licence; an individual's station is
 *   in a box at its rounded position (computed by the database, the same expression as the SQL search);
 * - the order is the database's own (each sort key's order is read with `ORDER BY`, so collation and ties
 *   are the SQL search's): descending is the ascending order reversed (ties by id, in the same direction).
 *
 * Freshness: the index is used only while it is known to be current: no register change committed by this
 * process since it was read (lib/register-changes.ts), and the database's change marks (latest audit event,
 * rows, highest id and latest update of the four tables) as they were when it was read. Those marks are
 * checked at most every `ttlMs` (the public answers' age, PUBLIC_CACHE_SECONDS; 0 in the app: no index), so a
 * change made by another process shows within that time, as the answer cache already allows. While the index
 * is stale the search runs in SQL and a new index is read in the background, on the read connections.
 */
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { readOne, sql, type Sql } from '../../db/sql';
import { registerGeneration } from '../../lib/register-changes';
import { LISTED_STATUSES, PUBLIC_STATUSES } from './public.presenter';
import { nameWords, plainWord, typedNumber, type PublicQuery, type PublicSort } from './public.schema';
import { PUBLIC_SORTS } from './public.schema';

/** One read of the register, in arrays indexed by position (of a licence, licensee, station, assignment). */
export interface PublicIndex {
  /** Increases with each index read (part of cache keys). */
  readonly serial: number;
  /** This process's register changes and the database's marks when it was read (see the file's comment). */
  readonly generation: number;
  readonly marks: string;
  /** Licences in a public status with a number: id, listed (issued, suspended), service, number, licensee. */
  readonly licenceId: Int32Array;
  readonly listed: Uint8Array;
  readonly service: string[];
  readonly number: string[];
  readonly numberUpper: string[];
  readonly numberLower: string[];
  /** The position of each number. */
  readonly numberPos: Map<string, number>;
  /** Every character of the lower-case numbers: a word with any other is in no number. */
  readonly numberChars: Set<string>;
  readonly licensee: Int32Array;
  /** Licensees (positions): folded name, individual. */
  readonly nameFolded: string[];
  readonly individual: Uint8Array;
  /** Every licence number in the database, whatever its status: decides whether a typed number is whole. */
  readonly allNumbers: Set<string>;
  /** Stations of those licences, by shown latitude (map boxes): licence position, district, shown position. */
  readonly stationLicence: Int32Array;
  readonly district: string[];
  readonly shownLat: Float64Array;
  readonly shownLon: Float64Array;
  /** Station positions per district. */
  readonly byDistrict: Map<string, Int32Array>;
  /** Assignments of those stations, by lower occupied edge: station position, edges (Hz), widest width. */
  readonly assignmentStation: Int32Array;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly maxWidth: number;
  /**
   * Working arrays of a search, reused by the next (a search runs to its end without yielding): no 100 KB of
   * new arrays per search for the collector.
   */
  readonly scratch: { hit: Uint8Array; masks: Int32Array; out: Int32Array };
  /** Words searched lately, with the licensees whose name holds each (filled by searches). */
  readonly words: Map<string, Uint8Array>;
  /** Licence positions in each sort key's ascending order (ties by id). */
  readonly order: Record<PublicSort, Int32Array>;
}

const RS = '\u001e';
const Texts = z.record(z.string(), z.string().nullable());

/**
 * Every row's `expr` as one text joined by `sep` (a column's values, not a row each), in `order` if given.
 * The aggregates of one SELECT see its rows in the same order, so its columns line up without one (a sort per
 * column cost 100 to 200 ms at 100 000 stations).
 */
export function concat(dialect: string, expr: Sql, sep: string, order?: Sql): Sql {
  const by = order ? sql` ORDER BY ${order}` : sql``;
  return dialect === 'postgres'
    ? sql`string_agg(CAST(${expr} AS TEXT), ${sep}${by})`
    : sql`group_concat(${expr}, ${sep}${by})`;
}

/** A number as text that reads back as the same double (SQLite prints 15 digits unless asked). */
function exactText(dialect: string, expr: Sql): Sql {
  return dialect === 'postgres' ? sql`CAST(${expr} AS TEXT)` : sql`printf('%.17g', ${expr})`;
}

const split = (s: string | null | undefined, sep = ','): string[] => (s ? s.split(sep) : []);

const PUBLIC_LICENCE = sql`l.number IS NOT NULL AND l.status IN (${[...PUBLIC_STATUSES]})`;

/** A station's position as the public sees it (alias s, licensee alias le): the SQL search's expression. */
export function shownCoord(column: 'latitude' | 'longitude'): Sql {
  const c = sql.raw(`s.${column}`);
  return sql`(CASE WHEN le.kind = 'individual' THEN ROUND(CAST(${c} AS NUMERIC), 2) ELSE ${c} END)`;
}

/** Each sort key of the public search (the SQL search's ORDER BY expressions). */
export const SORT_KEYS: Record<PublicSort, Sql> = {
  number: sql`l.number`,
  licensee: sql`(CASE WHEN le.kind = 'individual' THEN '' ELSE le.name END)`,
  service: sql`l.service`,
  status: sql`l.status`,
  validTo: sql`l."validTo"`,
};

/**
 * The database's change marks (see the file's comment): the latest audit event, and each table's rows, highest
 * id and latest update (an update made without the services, such as a bulk one, still sets `updatedAt`).
 */
async function changeMarks(sequelize: Sequelize): Promise<string> {
  const tables = ['licences', 'licensees', 'stations', 'assignments'];
  const parts = tables.map((t) =>
    sql.raw(
      `(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' ||
        COALESCE(CAST(MAX("updatedAt") AS TEXT), '') FROM ${t})`,
    ),
  );
  const row = await readOne(
    sequelize,
    sql`SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_events) || '/' || ${sql.join(parts, ` || '/' || `)} AS marks`,
    z.object({ marks: z.coerce.string() }),
  );
  return row?.marks ?? '';
}

let serials = 0;

async function readIndex(sequelize: Sequelize): Promise<PublicIndex> {
  const generation = registerGeneration();
  const marks = await changeMarks(sequelize);
  const d = sequelize.getDialect();
  const licences = await readOne(
    sequelize,
    sql`SELECT ${concat(d, sql`l.id`, ',')} AS ids, ${concat(d, sql`l."licenseeId"`, ',')} AS licensees,
      ${concat(d, sql`l.status`, ',')} AS statuses, ${concat(d, sql`l.service`, ',')} AS services,
      ${concat(d, sql`l.number`, RS)} AS numbers
      FROM licences l WHERE ${PUBLIC_LICENCE}`,
    Texts,
  );
  const others = await readOne(
    sequelize,
    sql`SELECT ${concat(d, sql`l.number`, RS)} AS numbers FROM licences l
      WHERE l.number IS NOT NULL AND l.status NOT IN (${[...PUBLIC_STATUSES]})`,
    Texts,
  );
  const licensees = await readOne(
    sequelize,
    sql`SELECT ${concat(d, sql`n.id`, ',')} AS ids, ${concat(d, sql`n.kind`, ',')} AS kinds,
      ${concat(d, sql`n."nameFolded"`, RS)} AS names
      FROM licensees n WHERE n.id IN (SELECT l."licenseeId" FROM licences l WHERE ${PUBLIC_LICENCE})`,
    Texts,
  );
  // Sorted by the database (on its thread, not the web process's): stations by shown latitude, assignments by
  // lower edge.
  const byLat = sql`${shownCoord('latitude')}, s.id`;
  const byLow = sql`a."occupiedLowHz", a.id`;
  const stationFrom = sql`FROM stations s JOIN licences l ON l.id = s."licenceId"
    JOIN licensees le ON le.id = l."licenseeId" WHERE ${PUBLIC_LICENCE}`;
  const stations = await readOne(
    sequelize,
    sql`SELECT ${concat(d, sql`s.id`, ',', byLat)} AS ids, ${concat(d, sql`s."licenceId"`, ',', byLat)} AS licences,
      ${concat(d, sql`s."districtCode"`, RS, byLat)} AS districts,
      ${concat(d, exactText(d, shownCoord('latitude')), ',', byLat)} AS lats,
      ${concat(d, exactText(d, shownCoord('longitude')), ',', byLat)} AS lons ${stationFrom}`,
    Texts,
  );
  const assignments = await readOne(
    sequelize,
    sql`SELECT ${concat(d, sql`a."stationId"`, ',', byLow)} AS stations,
      ${concat(d, exactText(d, sql`a."occupiedLowHz"`), ',', byLow)} AS lows,
      ${concat(d, exactText(d, sql`a."occupiedHighHz"`), ',', byLow)} AS highs
      FROM assignments a WHERE a."stationId" IN (SELECT s.id ${stationFrom})`,
    Texts,
  );
  const orders: Partial<Record<PublicSort, string | null>> = {};
  for (const field of PUBLIC_SORTS) {
    const row = await readOne(
      sequelize,
      sql`SELECT ${concat(d, sql`l.id`, ',', sql`${SORT_KEYS[field]}, l.id`)} AS ids
        FROM licences l JOIN licensees le ON le.id = l."licenseeId" WHERE ${PUBLIC_LICENCE}`,
      Texts,
    );
    orders[field] = row?.ids ?? null;
  }
  const built = await buildIndex(generation, marks, {
    licences: licences ?? {},
    otherNumbers: others?.numbers ?? null,
    licensees: licensees ?? {},
    stations: stations ?? {},
    assignments: assignments ?? {},
    orders,
  });
  return built;
}

interface IndexTexts {
  licences: Record<string, string | null>;
  otherNumbers: string | null;
  licensees: Record<string, string | null>;
  stations: Record<string, string | null>;
  assignments: Record<string, string | null>;
  orders: Partial<Record<PublicSort, string | null>>;
}

/** A table from id to position (−1: absent): a typed array, as a Map of 100 000 entries costs more to fill. */
function positions(ids: Int32Array): Int32Array {
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  const pos = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < ids.length; i++) pos[ids[i] as number] = i;
  return pos;
}

const at = (pos: Int32Array, id: number) => (id >= 0 && id < pos.length ? (pos[id] as number) : -1);

/** Rows handled between two turns of the event loop while an index is built (a few milliseconds' work). */
const BREATHE = 10_000;

/** Lets the event loop answer other requests between the parts of a long piece of work on it. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Numbers of a joined text, parsed a part at a time between turns of the event loop. */
async function parsed<A extends Int32Array | Float64Array>(
  make: (n: number) => A,
  text: string | null | undefined,
): Promise<A> {
  const parts = split(text);
  const out = make(parts.length);
  for (let i = 0; i < parts.length; i++) {
    out[i] = Number(parts[i]);
    if (i % BREATHE === BREATHE - 1) await breathe();
  }
  return out;
}
const intsOf = (text: string | null | undefined) => parsed((n) => new Int32Array(n), text);
const doublesOf = (text: string | null | undefined) => parsed((n) => new Float64Array(n), text);

async function buildIndex(generation: number, marks: string, t: IndexTexts): Promise<PublicIndex> {
  const licenceId = await intsOf(t.licences.ids);
  const licencePos = positions(licenceId);
  const statuses = split(t.licences.statuses);
  const listedSet = new Set<string>(LISTED_STATUSES);
  const listed = Uint8Array.from(statuses, (s) => (listedSet.has(s) ? 1 : 0));
  const number = split(t.licences.numbers, RS);
  const numberLower = number.map((n) => n.toLowerCase());
  const licenseePos = positions(await intsOf(t.licensees.ids));
  const licensee = (await intsOf(t.licences.licensees)).map((id) => at(licenseePos, id));
  const kinds = split(t.licensees.kinds);
  const nameFolded = split(t.licensees.names, RS);
  await breathe();

  // Stations whose licence is in the index (a licence changed between two reads is left out: stale anyway), in
  // plain loops that give the event loop a turn every BREATHE rows: this runs once per read, cold.
  const sIds = await intsOf(t.stations.ids);
  const sLicenceIds = await intsOf(t.stations.licences);
  const sDistrict = split(t.stations.districts, RS);
  const sLat = await doublesOf(t.stations.lats);
  const sLon = await doublesOf(t.stations.lons);
  const stationLicenceAll = new Int32Array(sIds.length);
  const district: string[] = [];
  const shownLatAll = new Float64Array(sIds.length);
  const shownLonAll = new Float64Array(sIds.length);
  const keptIds = new Int32Array(sIds.length);
  const groups = new Map<string, number[]>();
  let ns = 0;
  for (let i = 0; i < sIds.length; i++) {
    const l = at(licencePos, sLicenceIds[i] as number);
    if (l < 0) continue;
    const code = sDistrict[i] ?? '';
    stationLicenceAll[ns] = l;
    district.push(code);
    shownLatAll[ns] = sLat[i] as number;
    shownLonAll[ns] = sLon[i] as number;
    keptIds[ns] = sIds[i] as number;
    let g = groups.get(code);
    if (!g) groups.set(code, (g = []));
    g.push(ns++);
    if (i % BREATHE === BREATHE - 1) await breathe();
  }
  const stationLicence = stationLicenceAll.subarray(0, ns);
  const shownLat = shownLatAll.subarray(0, ns);
  const shownLon = shownLonAll.subarray(0, ns);
  const stationPos = positions(keptIds.subarray(0, ns));
  const byDistrict = new Map([...groups].map(([code, list]) => [code, Int32Array.from(list)]));
  await breathe();

  const aStationIds = await intsOf(t.assignments.stations);
  const aLow = await doublesOf(t.assignments.lows);
  const aHigh = await doublesOf(t.assignments.highs);
  const assignmentStationAll = new Int32Array(aStationIds.length);
  const lowAll = new Float64Array(aStationIds.length);
  const highAll = new Float64Array(aStationIds.length);
  let na = 0;
  for (let i = 0; i < aStationIds.length; i++) {
    const st = at(stationPos, aStationIds[i] as number);
    if (st < 0) continue;
    assignmentStationAll[na] = st;
    lowAll[na] = aLow[i] as number;
    highAll[na++] = aHigh[i] as number;
    if (i % BREATHE === BREATHE - 1) await breathe();
  }
  const assignmentStation = assignmentStationAll.subarray(0, na);
  const low = lowAll.subarray(0, na);
  const high = highAll.subarray(0, na);
  let maxWidth = 0;
  for (let i = 0; i < na; i++) maxWidth = Math.max(maxWidth, (high[i] as number) - (low[i] as number));
  await breathe();

  const order = {} as Record<PublicSort, Int32Array>;
  for (const field of PUBLIC_SORTS)
    order[field] = (await intsOf(t.orders[field])).map((id) => at(licencePos, id)).filter((p) => p >= 0);
  return {
    serial: ++serials,
    generation,
    marks,
    licenceId,
    listed,
    service: split(t.licences.services),
    number,
    numberUpper: number.map((n) => n.toUpperCase()),
    numberLower,
    numberPos: new Map(number.map((n, p) => [n, p])),
    numberChars: new Set(numberLower.join('')),
    licensee,
    nameFolded,
    individual: Uint8Array.from(kinds, (k) => (k === 'individual' ? 1 : 0)),
    allNumbers: new Set([...number, ...split(t.otherNumbers, RS)]),
    stationLicence,
    district,
    shownLat,
    shownLon,
    byDistrict,
    assignmentStation,
    low,
    high,
    maxWidth,
    words: new Map(),
    scratch: {
      hit: new Uint8Array(licenceId.length),
      masks: new Int32Array(nameFolded.length),
      out: new Int32Array(licenceId.length),
    },
    order,
  };
}

/** The first position of a sorted array whose value is ≥ x. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The ids of the licences a search finds, in its order: the SQL search's `searchConditions` and ORDER BY
 * (see the file's comment), every page's.
 */
export function orderedMatches(ix: PublicIndex, q: PublicQuery): Int32Array {
  // Station conditions: the licences with one station meeting all of them.
  const band = typeof q.fromMhz === 'number' || typeof q.toMhz === 'number';
  let hit: Uint8Array | null = null;
  if (band || q.bbox || q.district) {
    hit = ix.scratch.hit.fill(0);
    const lo = Math.round((q.fromMhz ?? 0) * 1e6);
    const hi = Math.round((q.toMhz ?? 3_000_000) * 1e6);
    const inBox = (s: number) => {
      if (!q.bbox) return true;
      const [w, so, e, no] = q.bbox;
      const lat = ix.shownLat[s] as number;
      const lon = ix.shownLon[s] as number;
      return lon >= w && lon <= e && lat >= so && lat <= no;
    };
    // A station found by the first condition (band, else box, else district) meeting the others.
    const station = (s: number) => {
      if (q.district && ix.district[s] !== q.district) return;
      if (!inBox(s)) return;
      (hit as Uint8Array)[ix.stationLicence[s] as number] = 1;
    };
    if (band) {
      // Assignments by lower edge: those meeting [lo, hi] start within the widest width below lo.
      for (let a = lowerBound(ix.low, lo - ix.maxWidth); a < ix.low.length && (ix.low[a] as number) <= hi; a++)
        if ((ix.high[a] as number) >= lo) station(ix.assignmentStation[a] as number);
    } else if (q.bbox) {
      const [, so, , no] = q.bbox;
      for (let st = lowerBound(ix.shownLat, so); st < ix.shownLat.length && (ix.shownLat[st] as number) <= no; st++)
        station(st);
    } else {
      for (const s of ix.byDistrict.get(q.district as string) ?? []) station(s);
    }
  }
  // Licence conditions.
  const listedOnly = !q.number;
  let exact: string | null = null;
  let part: string | null = null;
  if (q.number) {
    const typed = typedNumber(q) as string;
    if (ix.allNumbers.has(typed)) exact = typed;
    else part = plainWord(typed);
  }
  const words = nameWords(q);
  const all = (1 << words.length) - 1;
  // The words that can be in a number (every character of theirs is in one): the others only in a name.
  let inNumbers = 0;
  words.forEach((w, i) => {
    if ([...w].every((c) => ix.numberChars.has(c))) inNumbers |= 1 << i;
  });
  // Per licensee: which words its folded name holds.
  let masks: Int32Array | null = null;
  if (words.length) {
    const m = ix.scratch.masks.fill(0);
    words.forEach((w, i) => {
      const hits = wordHits(ix, w);
      for (let k = 0; k < hits.length; k++) if (hits[k] === 1) m[k] = (m[k] as number) | (1 << i);
    });
    masks = m;
  }
  const service = q.service;
  const order = ix.order[q.sortField];
  const desc = q.sortDir === 'DESC';
  // A whole number is one licence's (numbers are unique): only its position is looked at.
  const only = exact !== null ? (ix.numberPos.get(exact) ?? -1) : null;
  if (only === -1) return new Int32Array(0);
  const out = ix.scratch.out;
  let count = 0;
  // One pass over the licences in the search's order (typed arrays, no call per licence: a tenth of the time).
  for (let k = 0; k < (only === null ? order.length : 1); k++) {
    const p = only ?? (order[desc ? order.length - 1 - k : k] as number);
    if (hit !== null && hit[p] === 0) continue;
    if (listedOnly && ix.listed[p] === 0) continue;
    if (service !== undefined && ix.service[p] !== service) continue;
    if (exact !== null && ix.number[p] !== exact) continue;
    if (part !== null && !(ix.numberUpper[p] as string).includes(part)) continue;
    if (masks !== null) {
      const who = ix.licensee[p] as number;
      if (who < 0 || ix.individual[who] === 1) continue;
      let m = masks[who] as number;
      if (m !== all) {
        if ((m | inNumbers) !== all) continue;
        const num = ix.numberLower[p] as string;
        for (let i = 0; i < words.length; i++)
          if (inNumbers & (1 << i) && num.includes(words[i] as string)) m |= 1 << i;
        if (m !== all) continue;
      }
    }
    out[count++] = ix.licenceId[p] as number;
  }
  return out.slice(0, count);
}

/**
 * Bytes of words kept per index with the licensees whose folded name holds them (visitors search the same
 * words): 3,200 words at 5,000 licensees.
 */
const WORD_BYTES_KEPT = 16_000_000;

/** The licensees (1 at their position) whose folded name holds `word`. */
function wordHits(ix: PublicIndex, word: string): Uint8Array {
  let hits = ix.words.get(word);
  if (!hits) {
    hits = Uint8Array.from(ix.nameFolded, (name) => (name.includes(word) ? 1 : 0));
    if (ix.words.size >= Math.max(16, Math.floor(WORD_BYTES_KEPT / Math.max(1, hits.length))))
      ix.words.delete(ix.words.keys().next().value as string);
    ix.words.set(word, hits);
  }
  return hits;
}

/** The live index of one database, read again in the background when it may be stale (see the file's comment). */
export class LivePublicIndex {
  private index: PublicIndex | null = null;
  private reading: Promise<void> | null = null;
  private checking: Promise<void> | null = null;
  private checkedAt = 0;
  /** The database's marks as last seen. */
  private marks = '';
  private nextReadAt = 0;

  constructor(
    private readonly sequelize: Sequelize,
    readonly ttlMs: number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** The index when it is known to be current, else null (the caller searches in SQL) and a new read starts. */
  async current(): Promise<PublicIndex | null> {
    if (this.ttlMs <= 0) await this.check();
    else if (Date.now() - this.checkedAt >= this.ttlMs && !this.checking) void this.check();
    const ix = this.index;
    if (ix && ix.generation === registerGeneration() && ix.marks === this.marks) return ix;
    this.read();
    return null;
  }

  /** Reads the database's marks (one check at a time); a read follows when they changed. */
  private check(): Promise<void> {
    this.checking ??= (async () => {
      try {
        this.checkedAt = Date.now();
        this.marks = await changeMarks(this.sequelize);
        if (this.index && this.index.marks !== this.marks) this.read();
      } catch (err) {
        this.onError(err);
      } finally {
        this.checking = null;
      }
    })();
    return this.checking;
  }

  /**
   * Reads a new index unless one is being read or the last read ended too recently (a search meanwhile runs in
   * SQL): reads take at most a fifth of the time, however often the register changes (a read at 100 000
   * stations costs about 2 s of the database's CPU, beside the web process).
   */
  private read(): void {
    if (this.reading || Date.now() < this.nextReadAt) return;
    const started = Date.now();
    this.reading = (async () => {
      try {
        const ix = await readIndex(this.sequelize);
        this.index = ix;
        if (!this.checking) this.marks = ix.marks;
      } catch (err) {
        this.onError(err);
      } finally {
        this.nextReadAt = Date.now() + 4 * (Date.now() - started);
        this.reading = null;
      }
    })();
  }

  /** Waits for a read in progress (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.reading;
  }
}

const live = new WeakMap<Sequelize, LivePublicIndex>();

/**
 * The live search index of this database (one per database and TTL), or none when `ttlMs` is 0: with the answer
 * cache off every search is read from the database, as asked (checking the marks before each search would cost
 * more than the search: 37 ms at 100 000 stations). `onError`: a failed read (else silent).
 */
export function livePublicIndex(
  sequelize: Sequelize,
  ttlMs: number,
  onError?: (err: unknown) => void,
): LivePublicIndex | undefined {
  if (ttlMs <= 0) return undefined;
  let ix = live.get(sequelize);
  if (!ix || ix.ttlMs !== ttlMs) {
    ix = new LivePublicIndex(sequelize, ttlMs, onError);
    live.set(sequelize, ix);
  }
  return ix;
}
