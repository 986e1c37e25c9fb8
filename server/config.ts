/**
 * Environment → typed, validated configuration. Fails fast with one clear message per bad variable.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defaultScanThreads } from '../geo/conflicts/parallel';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const DATA_DIR = path.join(PROJECT_ROOT, 'data');

export type DatabaseTarget = { dialect: 'sqlite'; storage: string; url: string } | { dialect: 'postgres'; url: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  database: DatabaseTarget;
  sessionSecret: string;
  sessionSecretSource: 'environment' | 'generated' | 'file';
  districtsGeojson: string | null;
  tileUrl: string;
  logLevel: string;
  demoPassword: string;
  trustProxy: boolean;
  licencePrefix: string;
  /** Where inspection photos are stored: outside the web root, served only through a signed-in route. */
  uploadDir: string;
  /** `inline`: this web process also runs a job runner and the schedules; `off`: web only (SPEC §9). */
  jobs: 'inline' | 'off';
  /** The jurisdiction's time zone, for schedules. */
  timeZone: string;
  /** How long a runner holds a job without renewing its lease before another runner may take it over. */
  jobLeaseMs: number;
  /** Victims per batch of the full scan (each batch one short transaction; about four conflicts a victim). */
  scanBatch: number;
  /** Engine threads beside the full scan's own (SCAN_THREADS; 0: none; default: the cores less one, at least 1). */
  scanThreads: number;
  /** The public address of the register, for links and QR codes on certificates (no trailing slash). */
  publicUrl: string;
  /** The licensing authority's name and address, printed on certificates and shown on the public register. */
  authorityName: string;
  authorityAddress: string;
  /** Where the open-data files are written (outside the web root; served by /register/data/FILE). */
  openDataDir: string;
  /** Requests per minute per client address to the public API. */
  publicRateLimit: number;
  /** How long a public answer may be served from memory (0: never). */
  publicCacheMs: number;
  /** SMTP server for the licensees' reminder e-mails (SMTP_URL); null: the outbox keeps them unsent. */
  smtpUrl: string | null;
  /** The sender of those e-mails (MAIL_FROM). */
  mailFrom: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses DATABASE_URL: `sqlite:relative/path.sqlite`, `sqlite:/absolute/path.sqlite`, `postgres://…`. */
export function parseDatabaseUrl(raw: string, root = PROJECT_ROOT): DatabaseTarget {
  if (raw.startsWith('sqlite:')) {
    let file = raw.slice('sqlite:'.length);
    if (file.startsWith('//')) file = file.slice(2); // sqlite:///abs/path → /abs/path
    if (!file) throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/tanso.sqlite');
    if (file === ':memory:') return { dialect: 'sqlite', storage: ':memory:', url: raw };
    const storage = path.isAbsolute(file) ? file : path.resolve(root, file);
    return { dialect: 'sqlite', storage, url: raw };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const u = new URL(raw);
      if (!u.hostname) throw new Error('no host');
      if (u.pathname.length < 2) throw new Error('no database name');
    } catch (e) {
      throw new Error(
        `DATABASE_URL is not a valid PostgreSQL URL (${(e as Error).message}); expected postgres://user@host:5432/db`,
      );
    }
    return { dialect: 'postgres', url: raw };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${raw.slice(0, 40)}")`);
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'PORT must be a number' }).int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default('sqlite:data/tanso.sqlite'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  DISTRICTS_GEOJSON: z.string().min(1).optional(),
  TILE_URL: z
    .string()
    .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'TILE_URL must be an http(s) URL with {z}, {x} and {y}')
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD must be at least 8 characters').default('tanso-demo'),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  LICENCE_PREFIX: z
    .string()
    .regex(/^[A-Z]{2,6}$/, 'LICENCE_PREFIX must be 2–6 capital letters')
    .default('DLK'),
  UPLOAD_DIR: z.string().min(1).default('data/uploads'),
  JOBS: z.enum(['inline', 'off'], { error: 'JOBS must be inline or off' }).default('inline'),
  TIME_ZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'TIME_ZONE must be an IANA time zone such as Asia/Ho_Chi_Minh')
    .default('Asia/Ho_Chi_Minh'),
  JOB_LEASE_MS: z.coerce.number({ error: 'JOB_LEASE_MS must be a number' }).int().min(1000).default(60_000),
  SCAN_BATCH: z.coerce.number({ error: 'SCAN_BATCH must be a number' }).int().min(1).max(10_000).default(250),
  SCAN_THREADS: z.coerce
    .number({ error: 'SCAN_THREADS must be a number' })
    .int()
    .min(0)
    .max(256)
    .default(() => defaultScanThreads()),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'PUBLIC_URL must be an http(s) URL such as https://tanso.example.vn')
    .optional(),
  AUTHORITY_NAME: z.string().min(1).max(200).default('Trung tâm Tần số Vô tuyến điện khu vực'),
  AUTHORITY_ADDRESS: z.string().min(1).max(300).default('Buôn Ma Thuột, Đắk Lắk'),
  OPEN_DATA_DIR: z.string().min(1).default('data/open-data'),
  PUBLIC_RATE_LIMIT: z.coerce
    .number({ error: 'PUBLIC_RATE_LIMIT must be a number' })
    .int()
    .min(1)
    .max(1_000_000)
    .default(300),
  PUBLIC_CACHE_SECONDS: z.coerce
    .number({ error: 'PUBLIC_CACHE_SECONDS must be a number' })
    .min(0)
    .max(86_400)
    .default(30),
  SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^\s/]+/,
      'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example:587',
    )
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^([^<>\n]*<)?[^\s@<>]+@[^\s@<>]+>?$/, 'MAIL_FROM must be an e-mail address such as tanso@so-tttt.example')
    .default('tanso@localhost'),
});

function sessionSecretFrom(
  envSecret: string | undefined,
  env: string,
  dataDir: string,
): Pick<Config, 'sessionSecret' | 'sessionSecretSource'> {
  if (envSecret) return { sessionSecret: envSecret, sessionSecretSource: 'environment' };
  if (env === 'production') {
    throw new ConfigError(['SESSION_SECRET is required when NODE_ENV=production (at least 32 random characters)']);
  }
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return { sessionSecret: readFileSync(file, 'utf8').trim(), sessionSecretSource: 'file' };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return { sessionSecret: secret, sessionSecretSource: 'generated' };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, dataDir = DATA_DIR): Config {
  // An empty variable counts as unset (`DISTRICTS_GEOJSON=` in a unit file, say).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  let database: DatabaseTarget;
  try {
    database = parseDatabaseUrl(e.DATABASE_URL);
  } catch (err) {
    throw new ConfigError([(err as Error).message]);
  }
  if (e.DISTRICTS_GEOJSON && !existsSync(e.DISTRICTS_GEOJSON)) {
    throw new ConfigError([`DISTRICTS_GEOJSON: file not found: ${e.DISTRICTS_GEOJSON}`]);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    database,
    ...sessionSecretFrom(e.SESSION_SECRET, e.NODE_ENV, dataDir),
    districtsGeojson: e.DISTRICTS_GEOJSON ?? null,
    tileUrl: e.TILE_URL,
    logLevel: e.LOG_LEVEL,
    demoPassword: e.DEMO_PASSWORD,
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    licencePrefix: e.LICENCE_PREFIX,
    uploadDir: path.resolve(PROJECT_ROOT, e.UPLOAD_DIR),
    jobs: e.JOBS,
    timeZone: e.TIME_ZONE,
    jobLeaseMs: e.JOB_LEASE_MS,
    scanBatch: e.SCAN_BATCH,
    scanThreads: e.SCAN_THREADS,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    authorityName: e.AUTHORITY_NAME.normalize('NFC'),
    authorityAddress: e.AUTHORITY_ADDRESS.normalize('NFC'),
    openDataDir: path.resolve(PROJECT_ROOT, e.OPEN_DATA_DIR),
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    publicCacheMs: e.PUBLIC_CACHE_SECONDS * 1000,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
  };
}

/** For process entries: the config, or a clear message on stderr and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
