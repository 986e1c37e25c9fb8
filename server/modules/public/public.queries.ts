/**
 * The public register's SQL (through the one SQL helper). Only the columns the public presenter needs are
 * read: a licensee's contact columns (address, phone, e-mail, contact person, ID number) are never selected.
 * Search by licensee name never looks at an individual's row, and a map box compares an individual's
 * station at its rounded position, so neither can be used to find out what the public pages hide.
 * On SQLite the reads go through the SQL helper's read connections (`readRows`: beside Sequelize's one
 * connection, in parallel, without its per-statement overhead); a past date's reads (`asOf`) stay in their
 * transaction.
 */
import type { Polygon } from 'geojson';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { CountRow, readOne as selectOne, readRows as selectRows, render, sql, type Sql } from '../../db/sql';
import {
  LISTED_STATUSES,
  PUBLIC_STATUSES,
  type AssignmentRow,
  type LicenceRow,
  type StationRow,
} from './public.presenter';
import type { PublicCache } from './public.cache';
import { nameWords, plainWord, typedNumber, type PublicQuery } from './public.schema';
import { CLASS_UPPER_HZ, widthClassSql } from '../../db/width-class';
import { concat, orderedMatches, shownCoord, SORT_KEYS, type LivePublicIndex } from './public.index';

const Num = z.coerce.number();
const NumOrNull = z.coerce.number().nullable();
const DateText = z
  .union([z.string(), z.date()])
  .transform((v) => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10)));

export const LicenceRowSchema = z.object({
  id: Num,
  number: z.string().nullable(),
  revision: Num,
  type: z.string(),
  service: z.string(),
  status: z.string(),
  validFrom: DateText,
  validTo: DateText,
  licenseeName: z.string(),
  licenseeKind: z.string(),
});

export const StationRowSchema = z.object({
  id: Num,
  licenceId: Num,
  name: z.string(),
  callsign: z.string().nullable(),
  service: z.string(),
  stationClass: z.string(),
  districtCode: z.string(),
  latitude: Num,
  longitude: Num,
  antennaHeightM: Num,
  azimuthDeg: NumOrNull,
  erpW: Num,
});

export const AssignmentRowSchema = z.object({
  id: Num,
  stationId: Num,
  direction: z.string(),
  frequencyHz: Num,
  bandwidthHz: Num,
  emissionDesignator: z.string(),
});

// Row schemas are made once: a zod schema made per call is compiled again at its first parse (a tenth of a
// licence page's CPU went to making and compiling schemas).
const IdOnly = z.object({ id: Num });
const NumberChars = z.object({ chars: z.string().nullable() });
const IdList = z.object({ ids: z.string().nullable() });
const ListedRow = LicenceRowSchema.extend({ districtCodes: z.string().nullable() });
const StationOfLicence = StationRowSchema.extend({ number: z.string(), licenseeKind: z.string() });

export const LICENCE_COLUMNS = sql`l.id, l.number, l.revision, l.type, l.service, l.status, l."validFrom", l."validTo",
  le.name AS "licenseeName", le.kind AS "licenseeKind"`;
export const STATION_COLUMNS = sql`s.id, s."licenceId", s.name, s.callsign, s.service, s."stationClass",
  s."districtCode", s.latitude, s.longitude, s."antennaHeightM", s."azimuthDeg", s."erpW"`;
export const ASSIGNMENT_COLUMNS = sql`a.id, a."stationId", a.direction, a."frequencyHz", a."bandwidthHz",
  a."emissionDesignator"`;

const likeWord = (w: string) => `%${plainWord(w)}%`;

/** Patterns with 3 characters or more between their wildcards: the ones a trigram index can answer. */
const trigramPattern = (p: string) => [...p].length >= 5;

/** The words typed as a licensee's name, folded (no diacritics, lower case), as LIKE patterns. */
function namePatterns(q: PublicQuery): string[] {
  return nameWords(q).map((w) => `%${w}%`);
}

/** A licence number holding a word (SQLite's LIKE ignores ASCII case; PostgreSQL's does not). */
const numberLike = (dialect: string, p: string) =>
  dialect === 'postgres' ? sql`LOWER(ln.number) LIKE ${p}` : sql`ln.number LIKE ${p}`;

/** Past this many licences whose number holds a typed word, they are found again inside the search. */
const NUMBERED_LIST_MAX = 500;

/** What a search reads before its main query. */
export interface SearchContext {
  dialect: string;
  /** The typed number is a licence's whole number: read from the unique index. */
  exactNumber: boolean;
  /** Licences (ids) whose number holds one of the typed name's words; null when there are too many to list. */
  numbered: number[] | null;
}

export async function searchContext(
  sequelize: Sequelize,
  q: PublicQuery,
  options: SearchOptions = {},
): Promise<SearchContext> {
  const dialect = sequelize.getDialect();
  let patterns = namePatterns(q);
  let numbered: number[] | null = [];
  // A word with a character that no licence number holds (in either case) is in no number: not looked for.
  if (patterns.length && options.matches && options.matches.ttlMs > 0) {
    const alphabet = await options.matches.get('numberAlphabet', () => numberAlphabet(sequelize));
    patterns = patterns.filter((p) => [...p.replace(/%/g, '')].every((c) => alphabet.has(c)));
  }
  if (patterns.length) {
    // Usually none (words of a name are seldom in a licence number): then the search reads names only. One
    // pass over the (status, number) index; on PostgreSQL the number's trigram index (migration 015).
    const rows = await selectRows(
      sequelize,
      sql`SELECT ln.id FROM licences ln WHERE ln.status IN (${[...(q.number ? PUBLIC_STATUSES : LISTED_STATUSES)]})
        AND (${sql.join(
          patterns.map((p) => numberLike(dialect, p)),
          ' OR ',
        )}) LIMIT ${NUMBERED_LIST_MAX + 1}`,
      IdOnly,
    );
    numbered = rows.length > NUMBERED_LIST_MAX ? null : rows.map((r) => r.id);
  }
  return { dialect, exactNumber: await isWholeNumber(sequelize, q), numbered };
}

/** Every character of the public licences' numbers, with its lower and upper case. */
async function numberAlphabet(sequelize: Sequelize): Promise<Set<string>> {
  const row = await selectOne(
    sequelize,
    sql`SELECT ${concat(sequelize.getDialect(), sql`number`, '')} AS chars FROM licences
      WHERE status IN (${[...PUBLIC_STATUSES]}) AND number IS NOT NULL`,
    NumberChars,
  );
  const out = new Set<string>();
  for (const c of new Set(row?.chars ?? '')) for (const v of [c, c.toLowerCase(), c.toUpperCase()]) out.add(v);
  return out;
}

/**
 * Licences (alias l) found by the words typed as a licensee's name: every word is in the licence's number or in
 * its licensee's folded name, and the licensee is not an individual (an individual is never found by name). As
 * before migration 015, when the search read the start of the licence's search text ("number name"), but from
 * indexes: the licensees whose folded name holds every word come from the trigram index (SQLite's FTS5 table;
 * PostgreSQL's planner reads its GIN index for the LIKE itself), then their licences from `licences_licensee`;
 * the licences whose number holds a word were found before (searchContext). The LIKE on the row decides on both
 * databases, so both find the same licences whatever the index narrows.
 */
function nameMatches(patterns: string[], ctx: SearchContext, statuses: readonly string[]): Sql {
  const nameAll = patterns.map((p) => sql`n."nameFolded" LIKE ${p}`);
  const indexed = patterns.filter(trigramPattern);
  if (ctx.dialect !== 'postgres' && indexed.length) {
    const fts = indexed.map((p) => sql`"nameFolded" LIKE ${p}`);
    nameAll.push(sql`n.id IN (SELECT rowid FROM licensee_names WHERE ${sql.join(fts, ' AND ')})`);
  }
  // Licence ids from the covering (licensee, id) index: the rows are then read in id order, not one licensee's
  // after another's (on SQLite 76 ms against 30 ms for 21 000 matches).
  const byName = sql`SELECT ln.id FROM licences ln WHERE ln."licenseeId" IN
    (SELECT n.id FROM licensees n WHERE n.kind <> 'individual' AND ${sql.join(nameAll, ' AND ')})`;
  if (ctx.numbered?.length === 0) return sql`l.id IN (${byName})`;
  // A licence with a word in its number: every other word in its number or its licensee's name.
  const numbered =
    ctx.numbered ??
    sql`SELECT ln.id FROM licences ln WHERE ln.status IN (${[...statuses]})
      AND (${sql.join(
        patterns.map((p) => numberLike(ctx.dialect, p)),
        ' OR ',
      )})`;
  const eachWord = patterns.map((p) => sql`(${numberLike(ctx.dialect, p)} OR n."nameFolded" LIKE ${p})`);
  const byNumber = sql`SELECT ln.id FROM licences ln JOIN licensees n ON n.id = ln."licenseeId"
    WHERE ln.id IN (${numbered}) AND n.kind <> 'individual' AND ${sql.join(eachWord, ' AND ')}`;
  return sql`l.id IN (${byName} UNION ${byNumber})`;
}

/** The search conditions on a licence (alias l) and its licensee (alias le). */
export function searchConditions(q: PublicQuery, ctx: SearchContext): Sql[] {
  const where: Sql[] = [sql`l.number IS NOT NULL`];
  // A number finds expired and revoked licences too; the list otherwise holds licences in force.
  const statuses = q.number ? PUBLIC_STATUSES : LISTED_STATUSES;
  where.push(sql`l.status IN (${[...statuses]})`);
  if (q.number) {
    // A whole licence number is read from the unique index; a part ("DLK-2026", "00042") matches any number
    // containing it.
    const n = typedNumber(q) as string;
    if (ctx.exactNumber) where.push(sql`l.number = ${n}`);
    else where.push(sql`UPPER(l.number) LIKE ${likeWord(n)}`);
  }
  if (q.q) {
    const patterns = namePatterns(q);
    if (patterns.length) where.push(nameMatches(patterns, ctx, statuses));
  }
  if (q.service) where.push(sql`l.service = ${q.service}`);
  // Station conditions hold for one station of the licence: one subquery on the indexed station columns.
  const joins: Sql[] = [];
  const stationWhere: Sql[] = [];
  if (q.district) stationWhere.push(sql`s."districtCode" = ${q.district}`);
  if (q.bbox) {
    // The index narrows to the box widened by the rounding; an individual's station must lie in the box at
    // its rounded position, anyone else's at its exact one. A station more than the rounding (0.005°, with a
    // margin for floating point) inside the box's edges is in the box at both positions, so only a station
    // near an edge reads its licence and licensee for the licensee's kind: two reads saved for most stations.
    const [w, so, e, n] = q.bbox;
    const pad = 0.005;
    const margin = 0.006;
    stationWhere.push(
      sql`s.latitude >= ${so - pad} AND s.latitude <= ${n + pad} AND s.longitude >= ${w - pad}
        AND s.longitude <= ${e + pad}`,
    );
    const lat = shownCoord('latitude');
    const lon = shownCoord('longitude');
    stationWhere.push(
      sql`((s.latitude >= ${so + margin} AND s.latitude <= ${n - margin} AND s.longitude >= ${w + margin}
        AND s.longitude <= ${e - margin})
        OR EXISTS (SELECT 1 FROM licences lb JOIN licensees le ON le.id = lb."licenseeId" WHERE lb.id = s."licenceId"
          AND ${lon} >= ${w} AND ${lon} <= ${e} AND ${lat} >= ${so} AND ${lat} <= ${n}))`,
    );
  }
  if (typeof q.fromMhz === 'number' || typeof q.toMhz === 'number') {
    const lo = Math.round((q.fromMhz ?? 0) * 1e6);
    const hi = Math.round((q.toMhz ?? 3_000_000) * 1e6);
    joins.push(sql`JOIN assignments a ON a."stationId" = s.id`);
    stationWhere.push(bandMeets(lo, hi));
  }
  if (stationWhere.length)
    where.push(
      sql`l.id IN (SELECT s."licenceId" FROM stations s ${sql.join(joins, ' ')}
        WHERE ${sql.join(stationWhere, ' AND ')})`,
    );
  return where;
}

/**
 * An assignment (alias a) whose occupied band meets [lo, hi] Hz. `low <= hi AND high >= lo` alone reads every
 * assignment below `hi` from the index; per width class w the lower edge also lies in [lo - w, hi], so each
 * class reads only that window of the (class, lower edge) index; the widest class (over 64 MHz, rare) is open.
 */
function bandMeets(lo: number, hi: number): Sql {
  const cls = sql.raw(widthClassSql('a'));
  const terms = CLASS_UPPER_HZ.map(
    (w, i) =>
      sql`((${cls}) = ${i + 1} AND a."occupiedLowHz" BETWEEN ${lo - w} AND ${hi} AND a."occupiedHighHz" >= ${lo})`,
  );
  terms.push(
    sql`((${cls}) = ${CLASS_UPPER_HZ.length + 1} AND a."occupiedLowHz" <= ${hi} AND a."occupiedHighHz" >= ${lo})`,
  );
  return sql`(${sql.join(terms, ' OR ')})`;
}

/** Whether the typed number is a licence's whole number (then the search reads the unique index). */
async function isWholeNumber(sequelize: Sequelize, q: PublicQuery): Promise<boolean> {
  if (!q.number) return false;
  const row = await selectOne(
    sequelize,
    sql`SELECT COUNT(*) AS n FROM licences WHERE number = ${typedNumber(q)}`,
    CountRow,
  );
  return (row?.n ?? 0) > 0;
}

const FROM_LICENCES = sql`FROM licences l JOIN licensees le ON le.id = l."licenseeId"`;

/**
 * The districts of a licence (alias l) as one comma list, read in the licence's row (the presenter sorts them).
 */
function districtList(dialect: string): Sql {
  return dialect === 'postgres'
    ? sql`(SELECT string_agg(DISTINCT sd."districtCode", ',') FROM stations sd WHERE sd."licenceId" = l.id)`
    : sql`(SELECT group_concat(DISTINCT sd."districtCode") FROM stations sd WHERE sd."licenceId" = l.id)`;
}

const ShownRow = ListedRow.extend({ total: Num });

export interface SearchOptions {
  /** Keeps each search's ordered matches for a while (off when its TTL is 0): other pages are read by id. */
  matches?: PublicCache;
  /** The live register's search index: matches found in memory while it is current (public.index.ts). */
  index?: LivePublicIndex;
}

export async function searchLicenceRows(
  sequelize: Sequelize,
  q: PublicQuery,
  options: SearchOptions = {},
): Promise<{ rows: LicenceRow[]; total: number }> {
  // The licensee is joined only where a condition or the order reads it, and the page's ids come with the
  // count in one pass over the matches (a window count): the matching set is found once, from the licences'
  // and stations' indexes (migration 011), and only the page's rows are read whole, with their districts, in
  // the same statement.
  const from = q.sortField === 'licensee' ? FROM_LICENCES : sql`FROM licences l`;
  const dir = sql.raw(q.sortDir);
  const sortKeys = sql`${SORT_KEYS[q.sortField]} ${dir}, l.id ${dir}`;
  const order = sql`ORDER BY ${sortKeys}`;
  const offset = (q.page - 1) * q.pageSize;
  const columns = sql`${LICENCE_COLUMNS}, ${districtList(sequelize.getDialect())} AS "districtCodes"`;
  const pageOf = async (ids: Int32Array) => {
    const pageIds = [...ids.subarray(offset, offset + q.pageSize)];
    const rows = pageIds.length
      ? await selectRows(
          sequelize,
          sql`SELECT ${columns} ${FROM_LICENCES} WHERE l.id IN (${pageIds})
            AND l.status IN (${[...(q.number ? PUBLIC_STATUSES : LISTED_STATUSES)]}) ${order}`,
          ListedRow,
        )
      : [];
    return { rows, total: ids.length };
  };
  // The live register while the index is current: every match's id in order from memory, then the page's
  // rows by id. A licence that left the list since is left out of the page.
  const live = options.index ? await options.index.current() : null;
  if (live) {
    const search = JSON.stringify({ ...q, page: undefined, pageSize: undefined });
    const find = async () => orderedMatches(live, q);
    return pageOf(await (options.matches ? options.matches.get(`index:${live.serial}:${search}`, find) : find()));
  }
  const ctx = await searchContext(sequelize, q, options);
  const where = sql.join(searchConditions(q, ctx), ' AND ');
  // The matches carry their sort key (read with the row the conditions read anyway): sorted without reading
  // each licence again.
  const matched = sql`SELECT l.id, ${SORT_KEYS[q.sortField]} AS k ${from} WHERE ${where}`;
  const matches = sql`WITH matches AS MATERIALIZED (${matched})`;
  const keyOrder = sql`ORDER BY m.k ${dir}, m.id ${dir}`;
  if (options.matches && options.matches.ttlMs > 0) {
    // Every match's id in order, once per search (as one text: a row per id costs more to read than to find),
    // then the page's rows by id.
    const { text, replacements } = render(sql`${where} ${order}`);
    const ids = await options.matches.get(`matches:${text}:${JSON.stringify(replacements)}`, async () => {
      const agg = concat(ctx.dialect, sql`m.id`, ',', sql`m.k ${dir}, m.id ${dir}`);
      // Aggregated straight from the matching rows (a subquery, not the materialised CTE: no temporary table
      // written and read again; 5 to 20 % of the statement on SQLite for 600 to 19 000 matches).
      const row = await selectOne(sequelize, sql`SELECT ${agg} AS ids FROM (${matched}) m`, IdList);
      return Int32Array.from((row?.ids ?? '').split(',').filter(Boolean), Number);
    });
    return pageOf(ids);
  }
  const count = async () =>
    (await selectOne(sequelize, sql`SELECT COUNT(*) AS n ${from} WHERE ${where}`, CountRow))?.n ?? 0;
  // Without a station or name condition the count is read from the status index alone, cheaper than a window.
  const windowed = Boolean(q.q || q.district || q.bbox || typeof q.fromMhz === 'number' || typeof q.toMhz === 'number');
  // With a condition the count needs every match anyway: the matches are found first, whole (a materialised
  // CTE is planned for all its rows), then sorted. Asked in one query, PostgreSQL's planner walked the whole
  // register in the order's index to stop at the page (LIMIT), probing stations and assignments for each
  // licence: 366 000 buffers for a 5 MHz band at 100 000 stations, against 4 400 this way.
  const page = sql`${order} LIMIT ${q.pageSize} OFFSET ${offset}`;
  const shown = windowed
    ? sql`${matches}, shown AS (SELECT m.id, COUNT(*) OVER () AS total FROM matches m ${keyOrder}
        LIMIT ${q.pageSize} OFFSET ${offset})`
    : sql`WITH shown AS (SELECT l.id, 0 AS total ${from} WHERE ${where} ${page})`;
  const rows = await selectRows(
    sequelize,
    sql`${shown} SELECT ${columns}, p.total
      FROM shown p JOIN licences l ON l.id = p.id JOIN licensees le ON le.id = l."licenseeId" ${order}`,
    ShownRow,
  );
  // A page past the end has no row to carry the count: counted apart (rare: a hand-made URL).
  const total = windowed ? (rows[0]?.total ?? (offset === 0 ? 0 : await count())) : await count();
  return { rows: rows.map(({ total: _total, ...r }) => r), total };
}

/** The licence with this number in a public status, or null. */
export async function licenceRowByNumber(sequelize: Sequelize, number: string): Promise<LicenceRow | null> {
  return selectOne(
    sequelize,
    sql`SELECT ${LICENCE_COLUMNS}, ${districtList(sequelize.getDialect())} AS "districtCodes" ${FROM_LICENCES}
      WHERE l.number = ${number} AND l.status IN (${[...PUBLIC_STATUSES]})`,
    ListedRow,
  );
}

export function stationRowsOf(sequelize: Sequelize, licenceId: number): Promise<StationRow[]> {
  return selectRows(
    sequelize,
    sql`SELECT ${STATION_COLUMNS} FROM stations s WHERE s."licenceId" = ${licenceId} ORDER BY s.id`,
    StationRowSchema,
  );
}

export async function assignmentRowsOf(sequelize: Sequelize, stationIds: number[]): Promise<AssignmentRow[]> {
  if (!stationIds.length) return [];
  return selectRows(
    sequelize,
    sql`SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a WHERE a."stationId" IN (${stationIds})
      ORDER BY a."stationId", a."frequencyHz", a.id`,
    AssignmentRowSchema,
  );
}

const FootprintRow = z.object({ assignmentId: Num, stationId: Num, polygon: z.unknown() });

/** Stored footprints of these stations' assignments, as GeoJSON polygons. */
export async function footprintsOf(
  sequelize: Sequelize,
  stationIds: number[],
  limit = 500,
): Promise<{ assignmentId: number; stationId: number; polygon: Polygon }[]> {
  if (!stationIds.length) return [];
  const rows = await selectRows(
    sequelize,
    sql`SELECT f."assignmentId", a."stationId", f.polygon FROM assignment_footprints f
      JOIN assignments a ON a.id = f."assignmentId"
      WHERE a."stationId" IN (${stationIds}) AND a.direction = 'tx' ORDER BY a."stationId", a.id LIMIT ${limit}`,
    FootprintRow,
  );
  return rows.flatMap((r) => {
    const polygon = polygonOf(r.polygon);
    return polygon ? [{ assignmentId: r.assignmentId, stationId: r.stationId, polygon }] : [];
  });
}

export function polygonOf(raw: unknown): Polygon | null {
  try {
    const g: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    if (typeof g === 'object' && g !== null && 'type' in g && g.type === 'Polygon' && 'coordinates' in g)
      return g as Polygon;
  } catch {
    return null;
  }
  return null;
}

/** Stations of listed licences matching the search, with their licence's number and licensee kind. */
export async function searchStationRows(
  sequelize: Sequelize,
  q: PublicQuery,
  limit: number,
): Promise<{ rows: (StationRow & { number: string; licenseeKind: string })[]; total: number }> {
  const where = sql.join(searchConditions(q, await searchContext(sequelize, q)), ' AND ');
  const stationWhere: Sql[] = [sql`s."licenceId" IN (SELECT l.id ${FROM_LICENCES} WHERE ${where})`];
  if (q.bbox) {
    const [w, so, e, n] = q.bbox;
    const lat = shownCoord('latitude');
    const lon = shownCoord('longitude');
    stationWhere.push(sql`${lon} >= ${w} AND ${lon} <= ${e} AND ${lat} >= ${so} AND ${lat} <= ${n}`);
  }
  const from = sql`FROM stations s JOIN licences l2 ON l2.id = s."licenceId"
    JOIN licensees le ON le.id = l2."licenseeId"
    WHERE ${sql.join(stationWhere, ' AND ')}`;
  const total = (await selectOne(sequelize, sql`SELECT COUNT(*) AS n ${from}`, CountRow))?.n ?? 0;
  const rows = await selectRows(
    sequelize,
    sql`SELECT ${STATION_COLUMNS}, l2.number AS number, le.kind AS "licenseeKind" ${from} ORDER BY s.id LIMIT ${limit}`,
    StationOfLicence,
  );
  return { rows, total };
}
