/**
 * The one way to write raw SQL in Tanso: a tagged template whose `${values}` become named replacements
 * (never text), fragments that compose, and typed rows checked by a zod schema. The same SQL runs on
 * SQLite and PostgreSQL, so keep to what both accept (quoted camelCase columns, `ON CONFLICT`, `RETURNING`).
 *
 *   const rows = await selectRows(sequelize, sql`SELECT id FROM stations WHERE "districtCode" = ${code}`, IdRow);
 *   const where = sql.join([sql`a = ${1}`, sql`b IN (${[2, 3]})`], ' AND ');
 *
 * An array value expands to a comma list (for `IN (…)`; never pass an empty one). `sql.raw` is for
 * text written in the code (column names, fixed expressions), never for a value that came from outside.
 */
import { types as utilTypes } from 'node:util';
import sqlite3 from 'sqlite3';
import {
  literal,
  QueryTypes,
  type CreationAttributes,
  type Model,
  type ModelAttributeColumnOptions,
  type ModelStatic,
  type Sequelize,
  type Transaction,
} from 'sequelize';
import { z } from 'zod';

export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** True when the fragment holds no text (e.g. an empty `sql.join`). */
  get isEmpty(): boolean {
    return this.values.length === 0 && this.strings.every((s) => s.trim() === '');
  }
}

function build(strings: readonly string[], values: readonly unknown[]): Sql {
  return new Sql(strings, values);
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return build([...strings], values);
}

/** Text written in the code, inserted as it is (identifiers, constant expressions). Never user input. */
sql.raw = (text: string): Sql => build([text], []);

/** Fragments joined by a separator (`' AND '`, `', '`); empty fragments are left out. */
sql.join = (parts: readonly Sql[], separator: string): Sql => {
  const kept = parts.filter((p) => !p.isEmpty);
  if (kept.length === 0) return sql.raw('');
  const strings = [''];
  const values: unknown[] = [];
  kept.forEach((p, i) => {
    if (i > 0) strings[strings.length - 1] += separator;
    values.push(p);
    strings.push('');
  });
  return build(strings, values);
};

export interface Rendered {
  text: string;
  replacements: Record<string, unknown>;
}

/** The SQL text with `:p0, :p1 …` placeholders, and their values. */
export function render(q: Sql): Rendered {
  const replacements: Record<string, unknown> = {};
  let n = 0;
  const walk = (f: Sql): string => {
    let text = f.strings[0] ?? '';
    f.values.forEach((v, i) => {
      if (v instanceof Sql) text += walk(v);
      else {
        const key = `p${n++}`;
        replacements[key] = v;
        text += `:${key}`;
      }
      text += f.strings[i + 1] ?? '';
    });
    return text;
  };
  return { text: walk(q), replacements };
}

/**
 * A fragment as a Sequelize literal, for a `where` of a model query (`{ id: { [Op.in]: sqlLiteral(…) } }`):
 * the values are escaped by Sequelize for the connection's dialect.
 */
export function sqlLiteral(sequelize: Sequelize, q: Sql): ReturnType<typeof literal> {
  const { text, replacements } = render(q);
  const escaped = text.replace(/:(p\d+)\b/g, (_m, key: string) => {
    const v = replacements[key];
    return Array.isArray(v)
      ? v.map((x) => sequelize.escape(x as string | number)).join(', ')
      : sequelize.escape(v as string);
  });
  return literal(escaped);
}

export interface QueryOptions {
  transaction?: Transaction | null;
}

/** Rows of a SELECT, each checked and typed by `row` (numbers that a driver returns as text are coerced there). */
export async function selectRows<T>(
  sequelize: Sequelize,
  q: Sql,
  row: z.ZodType<T>,
  options: QueryOptions = {},
): Promise<T[]> {
  const { text, replacements } = render(q);
  const rows = await sequelize.query(text, { type: QueryTypes.SELECT, replacements, transaction: options.transaction });
  return z.array(row).parse(rows);
}

/** The first row of a SELECT, or null. */
export async function selectOne<T>(
  sequelize: Sequelize,
  q: Sql,
  row: z.ZodType<T>,
  options: QueryOptions = {},
): Promise<T | null> {
  return (await selectRows(sequelize, q, row, options))[0] ?? null;
}

/** A statement that changes rows; with `RETURNING … ` and `row`, the rows it returns, checked by `row`. */
export async function execute<T = unknown>(
  sequelize: Sequelize,
  q: Sql,
  options: QueryOptions & { row?: z.ZodType<T> } = {},
): Promise<T[]> {
  const { text, replacements } = render(q);
  if (!options.row) {
    await sequelize.query(text, { replacements, transaction: options.transaction });
    return [];
  }
  // Read as a SELECT so that both dialects hand back the RETURNING rows. Sequelize's SQLite dialect runs
  // any text that starts with "insert into" with `run`, which returns no rows: a leading comment avoids that.
  const rows = await sequelize.query(`/* rows */ ${text}`, {
    type: QueryTypes.SELECT,
    replacements,
    transaction: options.transaction,
  });
  return z.array(options.row).parse(rows);
}

/** What `insertRows` uses of Sequelize's query generator: the conversion `Model.create` applies to a value. */
interface ValueFormatter {
  format(
    value: unknown,
    field: ModelAttributeColumnOptions,
    options: object,
    bindParam: (v: unknown) => string,
  ): string;
}

/** Bound values per INSERT: under SQLite's limit of 32 766 variables, and statements of a few MB at most. */
const MAX_BOUND = 20_000;
const MAX_ROWS = 500;

/**
 * Inserts many rows of a model in few statements (for batches of thousands: one statement a row would
 * hold SQLite's writer long). Rows are built as the model builds them (setters, defaults, timestamps), and
 * their values are bound parameters converted as `Model.create` converts them, so the rows stored are
 * those `create` would store (`bulkCreate` instead writes numbers into the SQL text, and SQLite can read a
 * decimal one unit in the last place off). `upsert`: on a duplicate primary key, these columns are updated
 * (`ON CONFLICT … DO UPDATE`, both dialects). Returns nothing: read ids back by a unique key if needed.
 */
export async function insertRows<M extends Model>(
  model: ModelStatic<M>,
  rows: CreationAttributes<M>[],
  options: { transaction?: Transaction | null; upsert?: string[] } = {},
): Promise<void> {
  const { sequelize } = model;
  if (!sequelize) throw new Error('the models are not initialised');
  if (rows.length === 0) return;
  const attributes = model.getAttributes() as Record<string, ModelAttributeColumnOptions>;
  const formatter = sequelize.getQueryInterface().queryGenerator as unknown as ValueFormatter;
  const quote = (attribute: string) =>
    sequelize.getQueryInterface().quoteIdentifier(attributes[attribute]?.field ?? attribute);
  const now = new Date();
  const build = (r: CreationAttributes<M>) => {
    const values = { ...model.build(r).dataValues } as Record<string, unknown>;
    if (model.options.timestamps !== false)
      for (const c of ['createdAt', 'updatedAt']) if (c in attributes && values[c] === undefined) values[c] = now;
    return values;
  };
  const key = Object.keys(attributes).filter((c) => attributes[c]?.primaryKey);
  const onConflict = options.upsert?.length
    ? ` ON CONFLICT (${key.map(quote).join(', ')}) DO UPDATE SET ` +
      options.upsert.map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`).join(', ')
    : '';
  const table = sequelize.getQueryInterface().quoteIdentifier(model.getTableName() as string);
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_BOUND / Object.keys(attributes).length)));
  const positional = sequelize.getDialect() === 'sqlite';
  const dates = new Map<string, unknown>();
  let running: Promise<unknown> = Promise.resolve();
  // Statement by statement, each built (rows, values) while the database runs the one before (in order, on the
  // transaction's connection): the building and the writing overlap. A failure waits for the running one.
  try {
    for (let i = 0; i < rows.length; i += perStatement) {
      const built = rows.slice(i, i + perStatement).map(build);
      const columns = Object.keys(attributes).filter((c) => {
        const a = attributes[c];
        return built.some((v) => v[c] !== undefined) && !(a?.autoIncrement && built.every((v) => v[c] == null));
      });
      const bind: unknown[] = [];
      const param = (v: unknown) => {
        bind.push(v);
        return positional ? '?' : `$${bind.length}`;
      };
      const tuples = built.map((v) => {
        const cells = columns.map((c) => {
          const value = v[c] ?? null;
          // NULL written as such: the same as a bound null, and one value less to bind (a conflict has six).
          if (value === null) return 'NULL';
          if (!(value instanceof Date))
            return formatter.format(value, attributes[c] as never, { context: 'INSERT' }, param);
          // A date is converted once per column and instant (Sequelize formats each with moment: most rows of
          // a batch share their timestamps).
          const k = `${c} ${value.getTime()}`;
          if (!dates.has(k)) {
            let converted: unknown = null;
            const plain = formatter.format(value, attributes[c] as never, { context: 'INSERT' }, (x) => {
              converted = x;
              return '';
            });
            // Only a value bound as it is (no cast or function around it) is kept; every other is formatted each time.
            if (plain !== '') return formatter.format(value, attributes[c] as never, { context: 'INSERT' }, param);
            dates.set(k, converted);
          }
          return param(dates.get(k));
        });
        return `(${cells.join(', ')})`;
      });
      const text = `INSERT INTO ${table} (${columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')}${onConflict}`;
      await running;
      running = runBound(sequelize, text, bind, options.transaction);
      running.catch(() => undefined); // awaited above or below, where a failure is thrown
    }
  } catch (e) {
    await running.catch(() => undefined);
    throw e;
  }
  await running;
}

/** What `runBound` uses of Sequelize's dialect: its Query class, as `sequelize.query` builds one. */
interface DialectQuery {
  run(text: string, parameters: unknown[]): Promise<unknown>;
}
type DialectQueryClass = new (connection: unknown, sequelize: Sequelize, options: object) => DialectQuery;
interface ConnectionManager {
  getConnection(options: object): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void> | void;
}

/**
 * Runs an INSERT with its values bound: on PostgreSQL its placeholders are `$1 … $n` (`sequelize.query`
 * with `bind`); on SQLite they are `?`, bound by position. Not through `sequelize.query` there: Sequelize
 * turns the values into `{ $1: …, $2: … }` for `$k` placeholders, and SQLite looks up every named parameter
 * by a linear search of the statement's names, when it parses the statement and again when node-sqlite3
 * binds each value (`sqlite3_bind_parameter_index`): quadratic in their number, about a second for one
 * statement of 10 000 values, against 60 ms with `?` (most of a first full scan's time at 100 000
 * assignments, issue 12). So the statement runs through the dialect's own Query class, as `sequelize.query`
 * runs it (the same connection, logging and error types: a unique violation is still a
 * UniqueConstraintError), with the values as an array.
 */
async function runBound(
  sequelize: Sequelize,
  text: string,
  bind: unknown[],
  transaction: Transaction | null | undefined,
): Promise<void> {
  if (sequelize.getDialect() !== 'sqlite') {
    await sequelize.query(text, { bind, transaction });
    return;
  }
  const Query = (sequelize as unknown as { dialect: { Query: DialectQueryClass } }).dialect.Query;
  const manager = sequelize.connectionManager as unknown as ConnectionManager;
  const own = transaction ? null : await manager.getConnection({});
  const connection: unknown = transaction ? (transaction as unknown as { connection: unknown }).connection : own;
  try {
    // The options `sequelize.query` gives a statement without a model or a type.
    const { logging = false } = (sequelize as unknown as { options: { logging?: unknown } }).options;
    const options = { type: QueryTypes.RAW, raw: true, transaction, logging };
    await new Query(connection, sequelize, options).run(text, bind);
  } finally {
    if (own) await manager.releaseConnection(own);
  }
}

/** Common row shapes. */
export const IdRow = z.object({ id: z.coerce.number().int() });
export const CountRow = z.object({ n: z.coerce.number().int().nonnegative() });

/*
 * Read connections (SQLite). Sequelize's SQLite dialect runs every statement outside a transaction on one
 * connection, so concurrent reads queue on it and use one core, and each statement pays Sequelize's
 * replacement parsing. `readRows` runs a SELECT on one of a few read-only connections of its own to the same
 * file (WAL: readers see the last commit and never block the writer), the least busy one, with positional
 * parameters. It falls back to `selectRows` on PostgreSQL (already a pool), for an in-memory database, inside
 * a transaction, and for a Sequelize bound to a transaction by a proxy (history's `asOf` reads): those must
 * see what their transaction sees. Used by the public register (issue 13): many readers, no transaction.
 */

/** Read connections per SQLite database (the machines have 2 cores; SQLite's reads run in libuv's pool). */
export const SQLITE_READ_CONNECTIONS = 2;

interface ReadConnection {
  db: sqlite3.Database;
  busy: number;
  /** Prepared statements by SQL text, least recently used first. */
  statements: Map<string, sqlite3.Statement>;
}

/** Prepared statements kept per read connection (preparing a search's SQL cost up to 0.4 ms, per statement). */
const READ_STATEMENTS = 200;
/** The read connections map this much of the file (no copy into each connection's page cache). */
const READ_MMAP_BYTES = 256 * 1024 * 1024;

function preparedOn(conn: ReadConnection, text: string): sqlite3.Statement {
  let st = conn.statements.get(text);
  if (st) conn.statements.delete(text);
  else st = conn.db.prepare(text);
  conn.statements.set(text, st);
  if (conn.statements.size > READ_STATEMENTS) {
    const [oldest, old] = conn.statements.entries().next().value as [string, sqlite3.Statement];
    conn.statements.delete(oldest);
    old.finalize();
  }
  return st;
}

const arrays = new WeakMap<z.ZodType, z.ZodType>();
function arrayOf<T>(row: z.ZodType<T>): z.ZodType<T[]> {
  let a = arrays.get(row);
  if (!a) arrays.set(row, (a = z.array(row)));
  return a as z.ZodType<T[]>;
}

const readPools = new WeakMap<Sequelize, ReadConnection[] | null>();

function sqliteReadPool(sequelize: Sequelize): ReadConnection[] | null {
  const known = readPools.get(sequelize);
  if (known !== undefined) return known;
  // A proxy (a Sequelize bound to a transaction) is never given connections of its own.
  if (utilTypes.isProxy(sequelize)) return null;
  const storage = (sequelize as unknown as { options: { storage?: string } }).options.storage;
  if (sequelize.getDialect() !== 'sqlite' || !storage || storage === ':memory:' || storage.startsWith('file:')) {
    readPools.set(sequelize, null);
    return null;
  }
  const pool = Array.from({ length: SQLITE_READ_CONNECTIONS }, () => {
    const db = new sqlite3.Database(storage, sqlite3.OPEN_READONLY);
    db.configure('busyTimeout', 15_000);
    db.run(`PRAGMA mmap_size = ${READ_MMAP_BYTES}`);
    return { db, busy: 0, statements: new Map<string, sqlite3.Statement>() };
  });
  readPools.set(sequelize, pool);
  const close = sequelize.close.bind(sequelize);
  sequelize.close = async () => {
    readPools.set(sequelize, null);
    for (const c of pool) for (const st of c.statements.values()) st.finalize();
    await Promise.all(pool.map((c) => new Promise<void>((resolve) => c.db.close(() => resolve()))));
    return close();
  };
  return pool;
}

/** The SQL text with `?` placeholders (an array: one each) and their values; null for a value kept to Sequelize. */
function renderPositional(q: Sql): { text: string; params: unknown[] } | null {
  const params: unknown[] = [];
  let plain = true;
  const bindOne = (v: unknown): string => {
    if (v instanceof Date || (typeof v === 'object' && v !== null) || typeof v === 'bigint') plain = false;
    params.push(v === undefined ? null : typeof v === 'boolean' ? Number(v) : v);
    return '?';
  };
  const walk = (f: Sql): string => {
    let text = f.strings[0] ?? '';
    f.values.forEach((v, i) => {
      if (v instanceof Sql) text += walk(v);
      else if (Array.isArray(v)) text += v.map(bindOne).join(', ');
      else text += bindOne(v);
      text += f.strings[i + 1] ?? '';
    });
    return text;
  };
  const text = walk(q);
  return plain ? { text, params } : null;
}

/**
 * Rows of a SELECT outside any transaction, checked by `row`, read on one of the SQLite read connections
 * (see above) or else as `selectRows` reads them. For reads that need not see an open transaction's writes.
 */
export async function readRows<T>(sequelize: Sequelize, q: Sql, row: z.ZodType<T>): Promise<T[]> {
  const pool = sqliteReadPool(sequelize);
  const rendered = pool ? renderPositional(q) : null;
  if (!pool || !rendered) return selectRows(sequelize, q, row);
  const conn = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
  conn.busy++;
  try {
    const rows = await new Promise<unknown[]>((resolve, reject) =>
      preparedOn(conn, rendered.text).all(rendered.params, (err, r) => (err ? reject(err) : resolve(r))),
    );
    return arrayOf(row).parse(rows);
  } finally {
    conn.busy--;
  }
}

/** The first row of `readRows`, or null. */
export async function readOne<T>(sequelize: Sequelize, q: Sql, row: z.ZodType<T>): Promise<T | null> {
  return (await readRows(sequelize, q, row))[0] ?? null;
}
