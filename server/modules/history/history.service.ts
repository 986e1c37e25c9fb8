/**
 * The register as it stood on a past day (SPEC §12, issue 16): licences, stations, assignments and their
 * footprints, read as of the end of a day.
 *
 * Design, and why. The kept revisions (licence_revisions: a snapshot at amend and renew) and the audit trail
 * (only the fields that changed) are not enough on their own: a suspension, a revocation, an expiry or an edit
 * of a draft makes no revision, and rebuilding a record from audit diffs backwards is fragile (derived columns
 * such as `erpW`, `occupiedLowHz` or a footprint are not all in the diffs, and rows written by bulk paths have
 * none). So every version of these records is kept whole in one temporal table, `record_versions`
 * (migration 014): `(entity, entityId, validFrom, validTo, data)`, `data` being the row exactly as stored.
 * - Written by `recordVersions`, called by `recordAudit` (the one audit writer every change of a licence,
 *   station or assignment already passes, in the same transaction: no service can forget it) and by the
 *   footprint writers (conflicts.queries). It closes the open version (`validTo` = now) and copies the row as
 *   it now stands (none once deleted). Times come from `clock` (lib/dates), so tests can move them.
 * - Back-filled by the migration from the rows there were (validFrom = createdAt). A row that has no version
 *   at all (written by a bulk path that bypasses the audit, e.g. a benchmark's synthetic register) counts as
 *   unchanged since its `createdAt`.
 * - Read by `readAsOf`: one read-only transaction in which temporary views named `licences`, `stations`,
 *   `assignments` and `assignment_footprints` show the rows valid at the instant, shadowing the real tables
 *   (SQLite and PostgreSQL both resolve an unqualified name to the temporary object first): rows unchanged
 *   since then straight from the real table, the others rebuilt from their version. The lists (and their
 *   exports), the map and the public register then run their OWN unchanged query builders (filters, sorting,
 *   paging, the public presenter's privacy rule) inside that transaction; it is rolled back, so nothing is
 *   written and nothing leaks to another request. One as-of query builder, every reader; no second copy of
 *   any list's logic. (Views rather than copies: a copy of the four tables cost ~1 s per read at 20 000
 *   assignments.) The end of a day is history.time.ts's `endOfDay` (Asia/Ho_Chi_Minh by default).
 * Licensees, districts and users are read as they are now (out of scope of issue 16; the banner says so).
 * Conflicts keep no versions, so a past day shows none rather than today's: the map's conflicts layer answers an
 * empty collection marked `asOfHidden`, its controls and the conflict/inspection shading are disabled, and the
 * map's banner says why (map.routes.ts); the district shading counts that day's stations (map.districts.ts).
 */
import { DataTypes, Model, QueryTypes, Transaction, type ModelStatic, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { execute, selectRows, sql, type Sql } from '../../db/sql';
import { clock } from '../../lib/dates';
import { Licence } from '../../models/Licence';

/** The versioned records: their table and key column. */
export const VERSIONED = {
  licence: { table: 'licences', key: 'id' },
  station: { table: 'stations', key: 'id' },
  assignment: { table: 'assignments', key: 'id' },
  footprint: { table: 'assignment_footprints', key: 'assignmentId' },
} as const;
export type VersionedEntity = keyof typeof VERSIONED;

export function isVersioned(entity: string): entity is VersionedEntity {
  return Object.hasOwn(VERSIONED, entity);
}

function sequelizeOf(): Sequelize {
  if (!Licence.sequelize) throw new Error('the models are not initialised');
  return Licence.sequelize;
}

const Column = z.object({ name: z.string(), type: z.string().nullable() });
type Column = z.infer<typeof Column>;

/** The stored columns of a table, in order (read before any temporary table shadows it). */
export async function columnsOf(sequelize: Sequelize, table: string, tx?: Transaction): Promise<Column[]> {
  if (sequelize.getDialect() === 'postgres')
    return selectRows(
      sequelize,
      sql`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
        WHERE a.attrelid = to_regclass(${table}) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      Column,
      { transaction: tx },
    );
  const rows = await sequelize.query(`PRAGMA main.table_info("${table}")`, {
    type: QueryTypes.SELECT,
    transaction: tx,
  });
  return z.array(Column).parse(rows);
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** SQL text for the row `t` as one JSON text, as stored (same on both dialects up to date formatting). */
export function rowJsonSql(dialect: string, columns: Column[]): string {
  if (dialect === 'postgres') return 'row_to_json(t)::text';
  return `json_object(${columns.map((c) => `'${c.name}', t.${q(c.name)}`).join(', ')})`;
}

/** What goes with a deleted record without an audit row of its own (a licence's stations' assignments). */
const CHILDREN: Record<VersionedEntity, VersionedEntity[]> = {
  licence: ['station', 'assignment', 'footprint'],
  station: ['assignment', 'footprint'],
  assignment: [],
  footprint: [],
};

/**
 * Closes the open version of each record and, unless `deleted`, stores the row as it now stands, valid from
 * `at`. Runs in the caller's transaction, after the change (for a delete, before or after the row goes).
 */
export async function recordVersions(
  tx: Transaction,
  entity: VersionedEntity,
  ids: readonly (number | string)[],
  options: { at?: Date; deleted?: boolean } = {},
): Promise<void> {
  const keys = [...new Set(ids.map(Number))].filter((n) => Number.isInteger(n));
  if (keys.length === 0) return;
  const at = options.at ?? clock.now();
  const sequelize = sequelizeOf();
  const close = (e: VersionedEntity, which: Sql) =>
    execute(
      sequelize,
      sql`UPDATE record_versions SET "validTo" = ${at} WHERE entity = ${e} AND "validTo" IS NULL AND ${which}`,
      { transaction: tx },
    );
  await close(entity, sql`"entityId" IN (${keys})`);
  if (options.deleted) {
    // An assignment's footprint shares its key; other children are those whose row is gone.
    if (entity === 'assignment') await close('footprint', sql`"entityId" IN (${keys})`);
    for (const child of CHILDREN[entity]) {
      const { table, key } = VERSIONED[child];
      await close(
        child,
        sql`NOT EXISTS (SELECT 1 FROM ${sql.raw(q(table))} t WHERE t.${sql.raw(q(key))} = record_versions."entityId")`,
      );
    }
    return;
  }
  const { table, key } = VERSIONED[entity];
  const json = rowJsonSql(sequelize.getDialect(), await columnsOf(sequelize, table, tx));
  await execute(
    sequelize,
    sql`INSERT INTO record_versions (entity, "entityId", "validFrom", "validTo", data)
      SELECT ${entity}, t.${sql.raw(q(key))}, ${at}, NULL, ${sql.raw(json)} FROM ${sql.raw(q(table))} t
      WHERE t.${sql.raw(q(key))} IN (${keys})`,
    { transaction: tx },
  );
}

/** One field of the JSON `v.data` as the column it came from. */
function fieldSql(dialect: string, c: Column): string {
  if (dialect === 'postgres') return `CAST(v.j ->> '${c.name}' AS ${c.type ?? 'text'}) AS ${q(c.name)}`;
  return `json_extract(v.data, '$.${q(c.name)}') AS ${q(c.name)}`;
}

/**
 * Creates the temporary view shadowing one versioned table with the rows valid at `at`: a row whose open version
 * began before `at` is read as it stands (most rows, when `at` is recent: no JSON to read, the real table's
 * indexes); a record changed or deleted since is rebuilt from its version valid at `at` (closed at or after
 * `at`: the index on entity, validTo). A view, not a copy: each reader's query reads only the rows it needs.
 */
async function shadow(sequelize: Sequelize, tx: Transaction, entity: VersionedEntity, columns: Column[], at: Date) {
  const postgres = sequelize.getDialect() === 'postgres';
  const { table, key } = VERSIONED[entity];
  const source = postgres
    ? '(SELECT data::jsonb AS j, entity, "validFrom", "validTo" FROM record_versions) v'
    : 'record_versions v';
  const changed = `SELECT ${columns.map((c) => fieldSql(postgres ? 'postgres' : 'sqlite', c)).join(', ')}
    FROM ${source}
    WHERE v.entity = :entity AND v."validTo" >= :at AND v."validFrom" < :at`;
  // Rows with a version begun at or after `at` (changed or made since) are not read as they stand; one set per
  // query, not a probe per row. A row with no version at all (written by a path that bypasses the audit) is as
  // it was created.
  const real = `${postgres ? '' : 'main.'}${q(table)}`;
  const since = `SELECT s."entityId" FROM record_versions s WHERE s.entity = :entity AND s."validFrom" >= :at`;
  const older = `SELECT o."entityId" FROM record_versions o WHERE o.entity = :entity AND o."validFrom" < :at`;
  const unchanged = `SELECT ${columns.map((c) => `t.${q(c.name)}`).join(', ')} FROM ${real} t
    WHERE t.${q(key)} NOT IN (${since})
      AND (t."createdAt" < :at OR t.${q(key)} IN (${older}))`;
  const versions = `${unchanged} UNION ALL ${changed}`
    .replace(/:entity\b/g, sequelize.escape(entity))
    .replace(/:at\b/g, sequelize.escape(at));
  await sequelize.query(`CREATE TEMP VIEW ${q(table)} AS ${versions}`, { transaction: tx });
}

/** The same Sequelize, with every query it runs (models' and raw SQL alike) inside `transaction`. */
function bound(sequelize: Sequelize, transaction: Transaction): Sequelize {
  return new Proxy(sequelize, {
    get(target, prop) {
      if (prop === 'query')
        return (text: unknown, options?: { transaction?: Transaction | null }) =>
          Reflect.apply(target.query, target, [text, { ...options, transaction: options?.transaction ?? transaction }]);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The transactions of past reads (their model reads get their types back, see `typedReads`). */
const asOfTransactions = new WeakSet<Transaction>();
const typed = new WeakSet<Sequelize>();

function isModelClass(x: unknown): x is ModelStatic<Model> {
  return typeof x === 'function' && 'getAttributes' in x;
}

/** Dates and flags of a model instance read from a view, as Sequelize reads them from the table; includes too. */
function retype(instance: Model): void {
  const model = instance.constructor;
  if (!isModelClass(model)) return;
  const attributes = model.getAttributes();
  const values: Record<string, unknown> = instance.dataValues;
  for (const [name, value] of Object.entries(values)) {
    if (value instanceof Model) retype(value);
    else if (Array.isArray(value)) for (const v of value) if (v instanceof Model) retype(v);
    const key = attributes[name]?.type instanceof DataTypes.ABSTRACT ? attributes[name]?.type.key : undefined;
    if (key === 'DATE' && typeof value === 'string') values[name] = new Date(value);
    if (key === 'BOOLEAN' && typeof value === 'number') values[name] = value === 1;
  }
}

/**
 * SQLite gives a view's columns no declared types, so Sequelize would hand a model read from one its dates as
 * text: one hook (added once) turns them back, for the reads of a past day only.
 */
function typedReads(sequelize: Sequelize): void {
  if (sequelize.getDialect() !== 'sqlite' || typed.has(sequelize)) return;
  typed.add(sequelize);
  sequelize.addHook('afterFind', 'asOfTypes', (result: unknown, options: { transaction?: Transaction | null }) => {
    if (!options.transaction || !asOfTransactions.has(options.transaction)) return;
    for (const r of Array.isArray(result) ? result : [result]) if (r instanceof Model) retype(r);
  });
}

/** What a reader of the register gets: the database to query, and the transaction to pass to model queries. */
export interface RegisterScope {
  sequelize: Sequelize;
  transaction: Transaction | undefined;
}

/**
 * Runs `read` against the register as it stood at `at` (the end of a day, see history.time.ts), or against
 * the live register when `at` is null. Raw SQL through `scope.sequelize` is bound to the as-of transaction on
 * its own; model queries must pass `scope.transaction`. Nothing is written: the transaction is rolled back.
 */
export async function readAsOf<T>(
  sequelize: Sequelize,
  at: Date | null | undefined,
  read: (scope: RegisterScope) => Promise<T>,
): Promise<T> {
  if (!at) return read({ sequelize, transaction: undefined });
  // Deferred, and outside the queue of managed transactions: a reader must not take SQLite's write lock.
  const tx = await sequelize.transaction({ type: Transaction.TYPES.DEFERRED });
  try {
    typedReads(sequelize);
    asOfTransactions.add(tx);
    const entities = Object.keys(VERSIONED).filter(isVersioned);
    const columns: Column[][] = [];
    for (const e of entities) columns.push(await columnsOf(sequelize, VERSIONED[e].table, tx));
    for (const [i, e] of entities.entries()) await shadow(sequelize, tx, e, columns[i] ?? [], at);
    return await read({ sequelize: bound(sequelize, tx), transaction: tx });
  } finally {
    await tx.rollback();
  }
}

/** The Sequelize instance of the models (for services that hold none). */
export function registerDatabase(): Sequelize {
  return sequelizeOf();
}
