/**
 * The Sequelize instance for SQLite or PostgreSQL, with per-connection SQLite settings, and the migrator.
 */
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { Sequelize, Transaction, type Options } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { DatabaseTarget } from '../config';
import type { Logger } from '../lib/logger';
import { initModels } from '../models/associations';
import { migrations } from './migrations';

// int8 (BIGINT, COUNT(*)) as numbers: every value we store (Hz up to 3e12, counts) is below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

interface SqliteConnection {
  configure(option: 'busyTimeout', ms: number): void;
  run(sql: string, callback?: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  /** Set by a Sequelize transaction while it holds the connection. */
  uuid?: string;
}
interface SqliteConnectionManager {
  connections: Record<string, SqliteConnection>;
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): void;
}

/** Idle transaction connections kept per SQLite database file. */
const SQLITE_IDLE_TRANSACTION_CONNECTIONS = 2;

export const SQLITE_BUSY_TIMEOUT_MS = 15000;
/** Page cache per SQLite connection, KiB (taken as pages are used). */
const SQLITE_CACHE_KB = 32_768;
/** WAL pages after which a commit checkpoints by itself (4 KiB pages: 64 MiB). */
const SQLITE_AUTOCHECKPOINT_PAGES = 16_384;
/** How long after a write ends its checkpoint starts (the writes ending meanwhile share it). */
const SQLITE_CHECKPOINT_MS = 200;
/** Per SQLite database: the checkpoint to start after each of this process's writes (checkpointAfterWrites). */
const checkpoints = new WeakMap<Sequelize, () => void>();

/**
 * Copies committed WAL pages back into the database file on a connection of its own, SQLITE_CHECKPOINT_MS
 * after a write of this process's queue (queueWrite) ends, one at a time (a write ending while one waits
 * shares it; one ending while one runs asks for one more after it); nothing runs while nothing is written.
 * PASSIVE: it never waits for or blocks readers and writers. So the commits of a long batched write (a full
 * scan commits a few MB every fraction of a second) do not each stop to checkpoint and sync the file
 * (measured: 20 s of a 100 000-assignment scan's 93 s of pairs); it runs in libuv's pool, beside the writer.
 * Other processes' writes are checkpointed by theirs, or by the commit past SQLITE_AUTOCHECKPOINT_PAGES.
 */
function checkpointAfterWrites(sequelize: Sequelize, storage: string): void {
  const db = new sqlite3.Database(storage, sqlite3.OPEN_READWRITE);
  // Idle, waiting (a write ended: one starts SQLITE_CHECKPOINT_MS later, however many writes end meanwhile),
  // or running (a write ending now asks for one more after it).
  let state: 'idle' | 'waiting' | 'running' = 'idle';
  let again = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const run = (): void => {
    state = 'running';
    db.run('PRAGMA wal_checkpoint(PASSIVE)', () => {
      state = 'idle';
      if (again) {
        again = false;
        checkpoint();
      }
    });
  };
  const checkpoint = (): void => {
    if (closed || state === 'waiting') return;
    if (state === 'running') {
      again = true;
      return;
    }
    state = 'waiting';
    timer = setTimeout(run, SQLITE_CHECKPOINT_MS);
    timer.unref();
  };
  checkpoints.set(sequelize, checkpoint);
  const close = sequelize.close.bind(sequelize);
  sequelize.close = async () => {
    closed = true;
    clearTimeout(timer);
    await new Promise<void>((resolve) => db.close(() => resolve()));
    return close();
  };
}

/**
 * Sequelize's SQLite dialect opens one connection per transaction and runs no afterConnect hook,
 * so per-connection settings (busy timeout, synchronous) are applied here on every new connection.
 * On a database file, a transaction's connection is kept when it ends and given to the next transaction
 * (up to SQLITE_IDLE_TRANSACTION_CONNECTIONS idle): a new one opens the file, reads the schema and starts with
 * an empty page cache, which cost a full scan's short transactions about 50 ms each. A kept connection is
 * first sent a ROLLBACK (refused, harmlessly, when its transaction ended as it should), so that none is handed
 * on inside a transaction a failed COMMIT left open.
 */
function configureSqliteConnections(sequelize: Sequelize, storage: string): void {
  const cm = sequelize.connectionManager as unknown as SqliteConnectionManager;
  const original = cm.getConnection.bind(cm);
  const release = cm.releaseConnection.bind(cm);
  const configured = new WeakSet<SqliteConnection>();
  const keep = storage !== ':memory:' && !storage.startsWith('file:');
  const idle: SqliteConnection[] = [];
  let closed = false;
  cm.getConnection = async (options) => {
    const uuid = options?.uuid;
    const kept = keep && uuid && uuid !== 'default' ? idle.pop() : undefined;
    if (kept && uuid) {
      cm.connections[uuid] = kept;
      return kept;
    }
    const conn = await original(options);
    if (!configured.has(conn)) {
      conn.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
      conn.run('PRAGMA synchronous=NORMAL');
      // A transaction of a thousand conflicts touches thousands of index pages: kept in memory (SQLite's 2 MB
      // default spills them to the WAL mid-transaction, some more than once).
      conn.run(`PRAGMA cache_size=-${SQLITE_CACHE_KB}`);
      // The WAL is copied back into the database by the checkpoint after each write (above), not by the commit
      // that crosses SQLite's default 1000 pages; past this many, a commit still does it (a safety net).
      conn.run(`PRAGMA wal_autocheckpoint=${SQLITE_AUTOCHECKPOINT_PAGES}`);
      configured.add(conn);
    }
    return conn;
  };
  cm.releaseConnection = (connection, force) => {
    const uuid = connection.uuid;
    if (!keep || !uuid || closed) return release(connection, force);
    delete cm.connections[uuid];
    connection.run('ROLLBACK', () => {
      if (!closed && idle.length < SQLITE_IDLE_TRANSACTION_CONNECTIONS) idle.push(connection);
      else connection.close();
    });
  };
  const close = sequelize.close.bind(sequelize);
  sequelize.close = async () => {
    closed = true;
    await Promise.all(idle.splice(0).map((c) => new Promise<void>((resolve) => c.close(() => resolve()))));
    return close();
  };
}

/** Per SQLite database: the last of its process's queued writes (managed transactions, session writes). */
const writeQueues = new WeakMap<Sequelize, { tail: Promise<unknown> }>();

/**
 * Runs `write` after this process's managed transactions and queued writes before it, alone. For writes
 * outside a transaction on the shared connection (the session store): one waiting in SQLite's busy handler
 * for a transaction's lock, with more statements of that connection queued behind it, can hold every libuv
 * thread while the transaction needs one to commit; both then wait out the busy timeout (seen with twelve
 * sign-ins at once). On PostgreSQL (no queue) it runs at once.
 */
export function queueWrite<T>(sequelize: Sequelize, write: () => Promise<T>): Promise<T> {
  const queue = writeQueues.get(sequelize);
  if (!queue) return write();
  const result = queue.tail.then(write, write);
  queue.tail = result.catch(() => undefined).then(() => checkpoints.get(sequelize)?.());
  return result;
}

/**
 * SQLite has one writer. Managed transactions of this process run one after another, so that waiting
 * writers never hold every libuv thread in SQLite's busy handler while the lock holder needs one to
 * commit. Other processes still queue on the busy timeout.
 */
function serialiseSqliteTransactions(sequelize: Sequelize): void {
  writeQueues.set(sequelize, { tail: Promise.resolve() });
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  const queued = (...args: unknown[]): Promise<unknown> => {
    if (typeof args[args.length - 1] !== 'function') return original(...args); // unmanaged: not queued
    return queueWrite(sequelize, () => original(...args));
  };
  (sequelize as unknown as { transaction: typeof queued }).transaction = queued;
}

export interface Database {
  sequelize: Sequelize;
  dialect: 'sqlite' | 'postgres';
  migrator: Umzug<Sequelize>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget, logger?: Logger): Promise<Database> {
  const logging = logger && logger.isLevelEnabled('trace') ? (sql: string) => logger.trace({ sql }, 'sql') : false;
  let sequelize: Sequelize;
  if (target.dialect === 'sqlite') {
    const options: Options = {
      dialect: 'sqlite',
      storage: target.storage,
      logging,
      // One writer at a time: take the write lock at BEGIN, so two writers queue on the busy timeout
      // instead of failing when a reader upgrades.
      transactionType: Transaction.TYPES.IMMEDIATE,
      retry: { max: 3 },
    };
    sequelize = new Sequelize(options);
    configureSqliteConnections(sequelize, target.storage);
    serialiseSqliteTransactions(sequelize);
    if (target.storage !== ':memory:') {
      await sequelize.query('PRAGMA journal_mode=WAL');
      if (!target.storage.startsWith('file:')) checkpointAfterWrites(sequelize, target.storage);
    }
    await sequelize.query('PRAGMA foreign_keys=ON');
  } else {
    sequelize = new Sequelize(target.url, {
      dialect: 'postgres',
      logging,
      pool: { max: 10, min: 0, idle: 10000 },
    });
    await sequelize.authenticate();
  }
  initModels(sequelize);
  const migrator = new Umzug({
    migrations: migrations.map((m) => ({
      name: m.name,
      up: () => m.up(sequelize.getQueryInterface(), sequelize),
      down: () => m.down(sequelize.getQueryInterface(), sequelize),
    })),
    context: sequelize,
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: logger
      ? {
          info: (m) => logger.debug(m, 'migration'),
          warn: (m) => logger.warn(m),
          error: (m) => logger.error(m),
          debug: () => undefined,
        }
      : undefined,
  });
  return {
    sequelize,
    dialect: target.dialect,
    migrator,
    close: () => sequelize.close(),
  };
}
