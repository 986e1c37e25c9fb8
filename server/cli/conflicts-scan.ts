/**
 * npm run conflicts:scan [-- --inline]          the full scan of the register in DATABASE_URL (a job)
 * npm run conflicts:scan -- --csv REG.csv [--services SERVICES.json] [--out PAIRS.csv] [--threads N]
 *   a foreign register: one TX assignment a row, headed with SPEC §2 field names (below)
 * npm run conflicts:scan -- --csv FILE --map lat=…,lon=…,frequency_mhz=…,erp_w=…[,height_m=…][,id=…]
 *         [,licensee=…][,bandwidth_khz=…] [--bandwidth-khz 200] [--service fm_broadcast] [--filter status=LIC]
 *         [--out conflicts.csv] [--limit N] [--threads N]
 *   a file in another shape (the FCC extracts): one service for every row, omni antennas, no designators,
 *   Hata-chain footprints whatever the service's propagation model
 *
 * Both CSV scans run without the database, through the server's own assignment → engine mapping
 * (server/modules/conflicts/conflicts.engine.ts: protectedFootprint, scanItem, contourSource), so a row is
 * scanned exactly as the same station and assignment saved in the register would be.
 *
 * The register (REG.csv, comma-separated, UTF-8 with or without BOM): columns `externalRef, service,
 * latitude, longitude, frequencyHz, bandwidthHz, emissionDesignator, erpW, antennaHeightM, azimuthDeg,
 * beamwidthDeg` (`frequencyMhz` may stand for `frequencyHz`; `txPowerW` + `antennaGainDbi` [+ `feederLossDb`]
 * for `erpW`; `farEndLatitude`/`farEndLongitude` for fixed links). Each value is read with the forms' own
 * rules (coordinates in decimal degrees or DMS, widths with a unit or in Hz); an empty azimuth is an omni
 * antenna; the occupied range is centre ± max(bandwidthHz, the designator's necessary bandwidth)/2, and a
 * row may give only one of the two. The service of each row comes from the seeded services, or from
 * SERVICES.json (which replaces them): `{ "services": { "<code>": { protectedFieldDbuv, receiverHeightM,
 * environment, coChannelPrDb, adjacentPrDb, adjacentGuardHz[, propagationModel] } } }`.
 * A row that cannot be used is reported on stderr with its line, column and reason, and skipped; the
 * exit code is then 2. PAIRS.csv (stdout without --out): victimRef, interfererRef, kind, mechanism,
 * overlapKm2, fraction, severity; one row per ordered pair, sorted by victimRef then interfererRef
 * (code-unit order), numbers with at least 9 significant digits. The summary goes to stderr.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { scanConflictsParallel, type ConflictFinding, type ScanAssignment, type ScanResult } from '../../geo/conflicts';
import { occupiedRangeHz } from '../../geo/bandplan/check';
import { erpW as erpFromTx } from '../../geo/power';
import { SERVICE_SEEDS } from '../db/seeds/reference-data';
import { jobHandlers } from '../jobs';
import { enqueue } from '../jobs/queue';
import { JobRunner } from '../jobs/runner';
import { createI18n } from '../lib/i18n';
import { createLogger } from '../lib/logger';
import { numberIn, optionalNumberIn, requiredText, frequencyInput } from '../lib/schema-helpers';
import { fieldErrorsOf } from '../lib/validation';
import { Job } from '../models/Job';
import { designatorInput, widthInput } from '../modules/assignments/assignments.schema';
import {
  contourSource,
  protectedFootprint,
  scanItem,
  serviceParamsOf,
  type ServiceParams,
  type SiteFacts,
} from '../modules/conflicts/conflicts.engine';
import { SCAN_JOB_KIND } from '../modules/conflicts/conflicts.service';
import { ServiceUpdate } from '../modules/reference/reference.schema';
import { coordinate, optionalCoordinate } from '../modules/stations/stations.schema';
import { openForCli, parseArgs } from './common';

// ---------------------------------------------------------------------------------------------------------
// Services: the seeded table, or SERVICES.json in its place.

/** One service's engineering figures in SERVICES.json: the admin form's rules, plus the propagation model. */
export const ServiceFigures = ServiceUpdate.pick({
  protectedFieldDbuv: true,
  receiverHeightM: true,
  environment: true,
  coChannelPrDb: true,
  adjacentPrDb: true,
  adjacentGuardHz: true,
})
  .extend({ propagationModel: z.enum(['hata', 'p1546'], { error: 'v.notAllowed' }).optional() })
  .strict();

export const ServicesFile = z
  .object({
    services: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/, 'v.invalid'), ServiceFigures)
      .refine((m) => Object.keys(m).length > 0, 'v.required'),
  })
  .strict();

/** A service as the CLI scans it: the engine's parameters, plus the propagation model when one is named. */
export type ScanService = ServiceParams & { propagationModel?: 'hata' | 'p1546' };
export type ServiceTable = Map<string, ScanService>;

/** The service's propagation model, when its type has one (kept as it is). */
function modelOf(s: object): { propagationModel?: 'hata' | 'p1546' } {
  return 'propagationModel' in s && (s.propagationModel === 'hata' || s.propagationModel === 'p1546')
    ? { propagationModel: s.propagationModel }
    : {};
}

/** The services seeded on first start (server/db/seeds/reference-data.ts), as the engine takes them. */
export function seededServices(): ServiceTable {
  return new Map(SERVICE_SEEDS.map((s) => [s.code, { ...serviceParamsOf(s), ...modelOf(s) } as ScanService]));
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The messages of the forms' schemas (i18n keys), in English, or in Vietnamese when LANG says vi. */
async function translator(): Promise<Translate> {
  const i18n = await createI18n();
  const t = i18n.getFixedT(/^vi\b/i.test(process.env.LANG ?? '') ? 'vi' : 'en');
  return (key, params) => t(key, params ?? {});
}

/** SERVICES.json text → the service table, or an Error listing every problem (one a line, by JSON path). */
export function parseServicesFile(text: string, file: string, t: Translate): ServiceTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const r = ServicesFile.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const where = i.path.map(String).join('.') || '(top)';
      const msg = fieldErrorsOf(new z.ZodError([i]))[i.path.map(String).join('.') || '_form'];
      const text =
        i.code === 'unrecognized_keys'
          ? `unknown key(s) ${i.keys.join(', ')}`
          : msg
            ? t(msg.key, msg.params)
            : i.message;
      return `  ${where}: ${text}`;
    });
    throw new Error(
      `${file}: not a services file ({ "services": { "<code>": { protectedFieldDbuv, receiverHeightM, ` +
        `environment, coChannelPrDb, adjacentPrDb, adjacentGuardHz[, propagationModel] } } }):\n${lines.join('\n')}`,
    );
  }
  return new Map(
    Object.entries(r.data.services).map(([code, s]) => [
      code,
      { code, ...s } as unknown as ScanService, // a foreign register may name its own codes
    ]),
  );
}

// ---------------------------------------------------------------------------------------------------------
// The register: one row → one engine site, read with the forms' rules.

/** Columns the register may have (SPEC §2 field names); others are ignored (and named once on stderr). */
export const REGISTER_COLUMNS = [
  'externalRef',
  'service',
  'latitude',
  'longitude',
  'frequencyHz',
  'frequencyMhz',
  'bandwidthHz',
  'emissionDesignator',
  'erpW',
  'txPowerW',
  'antennaGainDbi',
  'feederLossDb',
  'antennaHeightM',
  'azimuthDeg',
  'beamwidthDeg',
  'farEndLatitude',
  'farEndLongitude',
] as const;
type Column = (typeof REGISTER_COLUMNS)[number];

/** A bare number from the file is Hz (a JSON number for the forms' schema); text with a unit stays text. */
const hz = (v: string): string | number => (/^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v);
const emptyToNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), schema.nullable());

/** What every row holds, with the station and assignment forms' rules (their messages are i18n keys). */
const RegisterRow = z.object({
  externalRef: requiredText(100),
  latitude: coordinate('lat'),
  longitude: coordinate('lon'),
  frequencyHz: frequencyInput,
  bandwidthHz: emptyToNull(widthInput),
  emissionDesignator: emptyToNull(designatorInput),
  antennaHeightM: numberIn(0, 1000),
  azimuthDeg: optionalNumberIn(0, 360),
  beamwidthDeg: optionalNumberIn(1, 360),
  farEndLatitude: optionalCoordinate('lat'),
  farEndLongitude: optionalCoordinate('lon'),
});
/** Radiated power: ERP as given (W, > 0), or worked out from the transmitter as the station form does. */
const ErpRow = z.object({ erpW: numberIn(0, 1e10).refine((n) => n > 0, 'v.positive') });
const TxRow = z.object({
  txPowerW: numberIn(0, 2_000_000).refine((n) => n > 0, 'v.positive'),
  antennaGainDbi: numberIn(-20, 60),
  feederLossDb: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), numberIn(0, 50)),
});

/** A problem with one row: its line in the file, the column (1-based, 0 when the file lacks it) and why. */
export interface RowProblem {
  line: number;
  column: string;
  columnNo: number;
  reason: string;
}

export interface RegisterSite {
  ref: string;
  line: number;
  site: SiteFacts;
}

/**
 * One register row → an engine site (as conflicts.queries builds one from a saved station and assignment:
 * ERP rounded to the mW as the station service stores it, occupied range as deriveAssignment makes it),
 * or its problems. `id` is the engine's id for the row (unique in the scan).
 */
export function registerSite(
  rec: Partial<Record<Column, string>>,
  at: { line: number; id: number; columnNo: (c: string) => number },
  services: ServiceTable,
  t: Translate,
): RegisterSite | RowProblem[] {
  const problems: RowProblem[] = [];
  const problem = (column: string, reason: string) =>
    problems.push({ line: at.line, column, columnNo: at.columnNo(column), reason });
  const v = (c: Column) => (rec[c] ?? '').trim();
  const freqColumn: Column = v('frequencyHz') === '' && v('frequencyMhz') !== '' ? 'frequencyMhz' : 'frequencyHz';
  const frequency =
    freqColumn === 'frequencyMhz'
      ? /^\s*\d+([.,]\d+)?\s*$/.test(v('frequencyMhz'))
        ? `${v('frequencyMhz')} MHz`
        : v('frequencyMhz')
      : hz(v('frequencyHz'));
  const input = {
    externalRef: v('externalRef'),
    latitude: v('latitude'),
    longitude: v('longitude'),
    frequencyHz: frequency,
    bandwidthHz: v('bandwidthHz') === '' ? '' : hz(v('bandwidthHz')),
    emissionDesignator: v('emissionDesignator'),
    antennaHeightM: v('antennaHeightM'),
    azimuthDeg: v('azimuthDeg'),
    beamwidthDeg: v('beamwidthDeg'),
    farEndLatitude: v('farEndLatitude'),
    farEndLongitude: v('farEndLongitude'),
  };
  const columnOf = (field: string): string => (field === 'frequencyHz' ? freqColumn : field);
  const report = (error: z.ZodError) => {
    for (const [field, m] of Object.entries(fieldErrorsOf(error))) problem(columnOf(field), t(m.key, m.params));
  };
  const row = RegisterRow.safeParse(input);
  if (!row.success) report(row.error);

  const serviceCode = v('service');
  const service = services.get(serviceCode);
  if (!serviceCode) problem('service', t('v.required'));
  else if (!service) problem('service', `unknown service "${serviceCode}" (known: ${[...services.keys()].join(', ')})`);

  let erp: number | null = null;
  if (v('erpW') !== '') {
    const p = ErpRow.safeParse({ erpW: v('erpW') });
    if (p.success) erp = p.data.erpW;
    else report(p.error);
  } else if (v('txPowerW') !== '') {
    const p = TxRow.safeParse({
      txPowerW: v('txPowerW'),
      antennaGainDbi: v('antennaGainDbi'),
      feederLossDb: v('feederLossDb'),
    });
    if (p.success)
      erp = Math.round(erpFromTx(p.data.txPowerW, p.data.antennaGainDbi, p.data.feederLossDb) * 1000) / 1000;
    else report(p.error);
  } else problem('erpW', 'enter erpW, or txPowerW with antennaGainDbi (and feederLossDb)');

  if (row.success && row.data.bandwidthHz === null && row.data.emissionDesignator === null)
    problem('bandwidthHz', 'enter bandwidthHz or an emissionDesignator (or both)');
  if (problems.length || !row.success || !service || erp === null) return problems;

  const r = row.data;
  const necessary = r.emissionDesignator ? Math.max(1, Math.round(r.emissionDesignator.necessaryBandwidthHz)) : null;
  const occ = occupiedRangeHz(r.frequencyHz, r.bandwidthHz ?? 0, necessary);
  return {
    ref: r.externalRef,
    line: at.line,
    site: {
      assignmentId: at.id,
      licenseeId: null,
      service: service.code,
      frequencyHz: r.frequencyHz,
      occupiedLowHz: occ.lowHz,
      occupiedHighHz: occ.highHz,
      latitude: r.latitude,
      longitude: r.longitude,
      antennaHeightM: r.antennaHeightM,
      erpW: erp,
      azimuthDeg: r.azimuthDeg, // empty = omni
      beamwidthDeg: r.azimuthDeg === null ? null : r.beamwidthDeg,
      farEndLatitude: r.farEndLatitude,
      farEndLongitude: r.farEndLongitude,
    },
  };
}

export interface RegisterRead {
  sites: RegisterSite[];
  rows: number;
  problems: RowProblem[];
  ignoredColumns: string[];
}

/** Every row of the register: the usable ones as sites, the others' problems (one per column at fault). */
export async function readRegister(file: string, services: ServiceTable, t: Translate): Promise<RegisterRead> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  createReadStream(file)
    .on('error', (e) => parser.destroy(new Error(`${file}: ${e.message}`)))
    .pipe(parser);
  let header: string[] | null = null;
  const sites: RegisterSite[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  let ignoredColumns: string[] = [];
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    // csv-parse counts the line a record ends on; a quoted field may hold line breaks (each \r and \n counted).
    const line = info.lines - record.reduce((n, f) => n + (f.match(/[\r\n]/g)?.length ?? 0), 0);
    if (header === null) {
      header = record.map((h) => h.trim());
      ignoredColumns = header.filter((h) => h !== '' && !(REGISTER_COLUMNS as readonly string[]).includes(h));
      const has = (c: string) => header?.includes(c);
      const missing = [
        ...['externalRef', 'service', 'latitude', 'longitude', 'antennaHeightM'].filter((c) => !has(c)),
        ...(has('frequencyHz') || has('frequencyMhz') ? [] : ['frequencyHz (or frequencyMhz)']),
        ...(has('erpW') || has('txPowerW') ? [] : ['erpW (or txPowerW + antennaGainDbi)']),
        ...(has('bandwidthHz') || has('emissionDesignator') ? [] : ['bandwidthHz (or emissionDesignator)']),
      ];
      if (missing.length)
        throw new Error(
          `${file}: the header lacks ${missing.join(', ')}; the columns are SPEC §2 field names: ` +
            `${REGISTER_COLUMNS.join(', ')}`,
        );
      continue;
    }
    rows++;
    const h = header;
    const columnNo = (c: string) => h.indexOf(c) + 1;
    if (record.length !== h.length) {
      problems.push({
        line: line,
        column: record.length > h.length ? '' : (h[record.length] ?? ''),
        columnNo: h.length < record.length ? h.length + 1 : record.length + 1,
        reason: `the row has ${record.length} fields, the header ${h.length}`,
      });
      continue;
    }
    const rec: Partial<Record<Column, string>> = {};
    h.forEach((c, i) => {
      if ((REGISTER_COLUMNS as readonly string[]).includes(c)) rec[c as Column] = record[i] ?? '';
    });
    const r = registerSite(rec, { line: line, id: rows, columnNo }, services, t);
    if (Array.isArray(r)) {
      problems.push(...r);
      continue;
    }
    const first = seen.get(r.ref);
    if (first !== undefined) {
      problems.push({
        line: line,
        column: 'externalRef',
        columnNo: columnNo('externalRef'),
        reason: `externalRef "${r.ref}" is already used on line ${first}`,
      });
      continue;
    }
    seen.set(r.ref, line);
    sites.push(r);
  }
  if (header === null) throw new Error(`${file}: empty file (no header)`);
  return { sites, rows, problems, ignoredColumns };
}

// ---------------------------------------------------------------------------------------------------------
// The scan: the server's mapping, then the engine.

export interface SiteScan {
  result: ScanResult;
  footprintsMs: number;
  scanMs: number;
  maxHorizonKm: number;
}

/** Protected footprints and scan items as the full scan makes them, contours on demand, then the engine. */
export async function scanSites(
  sites: SiteFacts[],
  services: Map<string, ServiceParams>,
  threads?: number,
): Promise<SiteScan> {
  const t0 = performance.now();
  let maxHorizonKm = 0;
  const items: ScanAssignment[] = sites.map((site) => {
    const service = services.get(site.service);
    if (!service) throw new Error(`no service ${site.service}`);
    const fp = protectedFootprint(site, service);
    maxHorizonKm = Math.max(maxHorizonKm, fp.details.horizonKm);
    return scanItem(site, service, fp);
  });
  const src = contourSource(new Map(sites.map((s) => [s.assignmentId, s])), services);
  const t1 = performance.now();
  const result = await scanConflictsParallel(items, src, threads === undefined ? {} : { threads });
  return { result, footprintsMs: t1 - t0, scanMs: performance.now() - t1, maxHorizonKm };
}

/** At least 9 significant digits, never fewer than the shortest exact form (which may have up to 17). */
export function formatNumber(n: number): string {
  const exact = String(n);
  const digits = exact
    .replace(/e.*$/i, '')
    .replace(/[^0-9]/g, '')
    .replace(/^0+/, '');
  return digits.length >= 9 ? exact : n.toPrecision(9);
}

export const PAIR_COLUMNS = [
  'victimRef',
  'interfererRef',
  'kind',
  'mechanism',
  'overlapKm2',
  'fraction',
  'severity',
] as const;

/** The findings as PAIRS.csv rows, sorted by victimRef then interfererRef (code-unit order). */
export function pairRows(findings: ConflictFinding[], refOf: Map<number, string>): string[][] {
  const ref = (id: number) => refOf.get(id) as string;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return findings
    .map((f) => [
      ref(f.victimId),
      ref(f.interfererId),
      f.kind,
      f.mechanism,
      formatNumber(f.overlapKm2),
      formatNumber(f.overlapFraction),
      f.severity,
    ])
    .sort((a, b) => cmp(a[0] as string, b[0] as string) || cmp(a[1] as string, b[1] as string));
}

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function writeText(file: string | null, text: string): Promise<void> {
  if (file === null) {
    await new Promise<void>((r) => (process.stdout.write(text) ? r() : process.stdout.once('drain', () => r())));
    return;
  }
  const out = createWriteStream(file);
  out.end(text);
  await new Promise<void>((resolve, reject) => {
    out.on('finish', () => resolve());
    out.on('error', reject);
  });
}

interface RegisterScanOptions {
  file: string;
  servicesFile: string | null;
  out: string | null;
  threads: number | undefined;
}

/** The register scan: read, report the rows that cannot be used, scan, write PAIRS.csv; 2 if rows were skipped. */
async function scanRegisterCsv(opts: RegisterScanOptions): Promise<number> {
  const started = performance.now();
  const t = await translator();
  const services = opts.servicesFile
    ? parseServicesFile(readFileSync(opts.servicesFile, 'utf8'), opts.servicesFile, t)
    : seededServices();
  const read = await readRegister(opts.file, services, t);
  if (read.ignoredColumns.length) console.error(`${opts.file}: columns ignored: ${read.ignoredColumns.join(', ')}`);
  for (const p of read.problems)
    console.error(
      `${opts.file}: line ${p.line}, column ${p.columnNo || '-'}${p.column ? ` (${p.column})` : ''}: ${p.reason}`,
    );
  const skippedLines = new Set(read.problems.map((p) => p.line)).size;
  const scan = await scanSites(
    read.sites.map((s) => s.site),
    services,
    opts.threads,
  );
  const refOf = new Map(read.sites.map((s) => [s.site.assignmentId, s.ref]));
  const rows = pairRows(scan.result.findings, refOf);
  const csv = stringify(rows, { header: true, columns: [...PAIR_COLUMNS] });
  await writeText(opts.out, csv.endsWith('\n') ? csv : `${csv}\n`);
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `${opts.file}: rows ${read.rows} (${read.sites.length} scanned, ${skippedLines} skipped), pairs ${rows.length}, ` +
      `seconds ${seconds.toFixed(2)} (footprints ${(scan.footprintsMs / 1000).toFixed(2)}, ` +
      `scan ${(scan.scanMs / 1000).toFixed(2)}), peak memory ${peakMb().toFixed(0)} MB` +
      `${opts.out ? `; written ${opts.out}` : ''}`,
  );
  return skippedLines > 0 ? 2 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// --map: a file in another shape (the FCC extracts), one service for every row.

const FIELDS = ['id', 'lat', 'lon', 'frequency_mhz', 'erp_w', 'height_m', 'bandwidth_khz', 'licensee'] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: Field[] = ['lat', 'lon', 'frequency_mhz', 'erp_w'];

export interface ScanRow {
  /** Row number in the file (1 = first data row): unique, used by the engine. */
  id: number;
  /** The file's own id column, when mapped (may repeat: one facility, several records). */
  sourceId: string | null;
  latDeg: number;
  lonDeg: number;
  frequencyHz: number;
  erpW: number;
  heightM: number;
  bandwidthHz: number;
  licensee: string | null;
}

export function parseMap(spec: string): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const pair of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [k, v] = pair.split('=', 2).map((s) => s.trim());
    if (!k || !v || !(FIELDS as readonly string[]).includes(k))
      throw new Error(`--map: "${pair}" is not field=column with a field among ${FIELDS.join(', ')}`);
    out[k as Field] = v;
  }
  for (const f of REQUIRED) if (!out[f]) throw new Error(`--map needs ${f}=<column>`);
  return out;
}

export interface RowProblems {
  skipped: Map<string, number>;
  heightFixed: number;
}

/** One CSV record → a scan row, or the reason it cannot be used. */
export function toScanRow(
  rec: Record<string, string>,
  map: Partial<Record<Field, string>>,
  index: number,
  defaults: { bandwidthKhz: number | null },
  problems: RowProblems,
): ScanRow | null {
  const num = (f: Field): number | null => {
    const col = map[f];
    if (!col) return null;
    const raw = (rec[col] ?? '').trim();
    if (raw === '') return null;
    const n = Number(raw);
    return Number.isFinite(n) ? n : NaN;
  };
  const skip = (reason: string) => {
    problems.skipped.set(reason, (problems.skipped.get(reason) ?? 0) + 1);
    return null;
  };
  const lat = num('lat');
  const lon = num('lon');
  const f = num('frequency_mhz');
  const erp = num('erp_w');
  if (
    lat === null ||
    lon === null ||
    Number.isNaN(lat) ||
    Number.isNaN(lon) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180
  )
    return skip('missing or invalid coordinates');
  if (f === null || Number.isNaN(f) || f <= 0) return skip('missing or invalid frequency');
  if (erp === null || Number.isNaN(erp) || erp <= 0) return skip('missing or non-positive ERP');
  const bwKhz = num('bandwidth_khz') ?? defaults.bandwidthKhz;
  if (bwKhz === null || Number.isNaN(bwKhz) || bwKhz <= 0)
    return skip('missing bandwidth (map bandwidth_khz or pass --bandwidth-khz)');
  let h = num('height_m');
  if (h === null || Number.isNaN(h) || h < 1) {
    problems.heightFixed++;
    h = 1;
  }
  return {
    id: index + 1,
    sourceId: map.id ? (rec[map.id] ?? '').trim() || null : null,
    latDeg: lat,
    lonDeg: lon,
    frequencyHz: Math.round(f * 1e6),
    erpW: erp,
    heightM: h,
    bandwidthHz: Math.round(bwKhz * 1000),
    licensee: map.licensee ? (rec[map.licensee] ?? '').trim() || null : null,
  };
}

/** The usable rows of the file (up to --limit), with how many were read and filtered out. */
async function readRows(
  opts: CsvScanOptions,
  problems: RowProblems,
): Promise<{ rows: ScanRow[]; read: number; filtered: number }> {
  const rows: ScanRow[] = [];
  let read = 0;
  let filtered = 0;
  const parser = createReadStream(opts.file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  for await (const rec of parser as AsyncIterable<Record<string, string>>) {
    if (rows.length >= opts.limit) break;
    read++;
    if (opts.filters.some(([c, v]) => (rec[c] ?? '') !== v)) {
      filtered++;
      continue;
    }
    const row = toScanRow(rec, opts.map, read - 1, opts.defaults, problems);
    if (row) rows.push(row);
  }
  return { rows, read, filtered };
}

type Flags = Record<string, string | true>;

interface CsvScanOptions {
  file: string;
  map: Partial<Record<Field, string>>;
  service: ScanService;
  filters: [string, string][];
  limit: number;
  defaults: { bandwidthKhz: number | null };
  out: string | null;
  threads: number | undefined;
}

/** A --map row as an engine site: an omnidirectional transmitter of the one service, no designator. */
function mapSite(r: ScanRow, service: string, licenseeId: number | null): SiteFacts {
  const occ = occupiedRangeHz(r.frequencyHz, r.bandwidthHz, null);
  return {
    assignmentId: r.id,
    licenseeId,
    service,
    frequencyHz: r.frequencyHz,
    occupiedLowHz: occ.lowHz,
    occupiedHighHz: occ.highHz,
    latitude: r.latDeg,
    longitude: r.lonDeg,
    antennaHeightM: r.heightM,
    erpW: r.erpW,
    azimuthDeg: null,
    beamwidthDeg: null,
    farEndLatitude: null,
    farEndLongitude: null,
  };
}

function printSummary(
  opts: CsvScanOptions,
  counts: { read: number; filtered: number; scanned: number },
  problems: RowProblems,
  scan: SiteScan,
): void {
  const { service } = opts;
  const { result } = scan;
  console.log(
    `${opts.file}: ${counts.read} rows read, ${counts.filtered} filtered out, ${counts.scanned} scanned as ` +
      `${service.code} (protected ${service.protectedFieldDbuv} dBµV/m).`,
  );
  for (const [reason, n] of problems.skipped) console.log(`  skipped ${n}: ${reason}`);
  if (problems.heightFixed)
    console.log(`  ${problems.heightFixed} rows had a missing or negative antenna height: 1 m used.`);
  const by = (k: (f: ConflictFinding) => string) =>
    [...result.findings.reduce((m, f) => m.set(k(f), (m.get(k(f)) ?? 0) + 1), new Map<string, number>())]
      .map(([a, b]) => `${a} ${b}`)
      .join(', ');
  console.log(
    `footprints ${(scan.footprintsMs / 1000).toFixed(2)} s, scan ${(scan.scanMs / 1000).toFixed(2)} s; ` +
      `candidate pairs ${result.candidatePairs}, exact checks ${result.exactChecks}; ` +
      `largest horizon ${scan.maxHorizonKm.toFixed(1)} km; peak memory ${peakMb().toFixed(0)} MB.`,
  );
  console.log(
    `conflicts: ${result.findings.length}` +
      `${result.findings.length ? ` (${by((f) => f.kind)}; ${by((f) => f.mechanism)}; ${by((f) => f.severity)})` : ''}`,
  );
}

const OUT_COLUMNS = [
  'victim_row',
  'interferer_row',
  'victim_id',
  'interferer_id',
  'kind',
  'mechanism',
  'severity',
  'frequency_offset_hz',
  'overlap_km2',
  'overlap_fraction',
  'same_licensee',
];

/** The findings as CSV, each side named by its row number and the file's own id. */
async function writeFindings(file: string, findings: ConflictFinding[], byId: Map<number, ScanRow>): Promise<void> {
  const out = createWriteStream(file);
  const src = (id: number) => byId.get(id)?.sourceId ?? String(id);
  out.write(
    stringify(
      findings.map((f) => ({
        victim_row: f.victimId,
        interferer_row: f.interfererId,
        victim_id: src(f.victimId),
        interferer_id: src(f.interfererId),
        kind: f.kind,
        mechanism: f.mechanism,
        severity: f.severity,
        frequency_offset_hz: f.frequencyOffsetHz,
        overlap_km2: Number(f.overlapKm2.toPrecision(6)),
        overlap_fraction: Number(f.overlapFraction.toPrecision(6)),
        same_licensee: f.sameLicensee ? 'yes' : 'no',
      })),
      { header: true, columns: OUT_COLUMNS },
    ),
  );
  out.end();
  await new Promise<void>((r) => out.on('finish', () => r()));
  console.log(`written ${file}`);
}

/**
 * Without --csv: the full scan of the register in DATABASE_URL, as the same durable job the managers'
 * button queues (one at a time: a scan already queued or running is followed instead). It waits for the
 * job, printing progress; `--inline` runs it in this process (a job runner for this one job).
 */
async function scanDatabase(inline: boolean): Promise<number> {
  const { db } = await openForCli();
  const sequelize = db.sequelize;
  try {
    const { job, created } = await enqueue(sequelize, { kind: SCAN_JOB_KIND, uniqueKey: SCAN_JOB_KIND });
    console.log(`${created ? 'Queued' : 'Following'} full scan job #${job.id}${inline ? ' (running it here)' : ''}.`);
    const runner = inline ? new JobRunner({ sequelize, handlers: jobHandlers(), logger: createLogger('warn') }) : null;
    const started = Date.now();
    let shown = '';
    for (;;) {
      if (runner) await runner.runOnce();
      const now = await Job.findByPk(job.id);
      if (!now) return 1;
      const p = now.progress;
      const line = `  ${now.status} ${p.text} ${p.done}/${p.total}`;
      if (line !== shown) process.stderr.write(`\r${(shown = line).padEnd(60)}`);
      if (['succeeded', 'failed', 'cancelled'].includes(now.status)) {
        process.stderr.write('\n');
        return report(now);
      }
      if (!runner && now.status === 'queued' && Date.now() - started > 10_000 && !shown.includes('(no runner'))
        process.stderr.write(`\r${(shown = `${line} (no runner yet: is npm start or npm run worker running?)`)}`);
      if (!runner || now.status !== 'queued') await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await db.close();
  }
}

function report(job: Job): number {
  if (job.status !== 'succeeded') {
    console.error(`Job #${job.id} ${job.status}${job.error ? `: ${job.error}` : ''}`);
    return 1;
  }
  const r = job.result ?? {};
  const n = (k: string) => Number(r[k] ?? 0);
  console.log(
    `${n('assignments')} TX assignments scanned in ${n('seconds').toFixed(1)} s: ${n('findings')} conflicts ` +
      `(${n('opened')} opened, ${n('reopened')} reopened, ${n('resolved')} resolved, ${n('updated')} updated).`,
  );
  return 0;
}

/** The --map scan: read the rows, scan them as one service, print the summary, write the findings. */
async function scanMappedCsv(opts: CsvScanOptions): Promise<number> {
  const problems: RowProblems = { skipped: new Map(), heightFixed: 0 };
  const { rows, read, filtered } = await readRows(opts, problems);
  const licensees = new Map<string, number>(); // numbered in order of appearance
  const licenseeOf = (name: string | null) =>
    name === null ? null : (licensees.get(name) ?? licensees.set(name, licensees.size + 1).size);
  const scan = await scanSites(
    rows.map((r) => mapSite(r, opts.service.code, licenseeOf(r.licensee))),
    new Map([[opts.service.code, opts.service]]),
    opts.threads,
  );
  printSummary(opts, { read, filtered, scanned: rows.length }, problems, scan);
  if (opts.out !== null) await writeFindings(opts.out, scan.result.findings, new Map(rows.map((r) => [r.id, r])));
  return 0;
}

const USAGE = [
  'usage: npm run conflicts:scan [-- --inline]',
  '       npm run conflicts:scan -- --csv REG.csv [--services SERVICES.json] [--out PAIRS.csv] [--threads N]',
  '       npm run conflicts:scan -- --csv FILE ' +
    '--map lat=…,lon=…,frequency_mhz=…,erp_w=…[,height_m=…][,id=…][,licensee=…][,bandwidth_khz=…] ' +
    '[--bandwidth-khz N] [--service fm_broadcast] [--filter col=value] [--out FILE] [--limit N] [--threads N]',
].join('\n');

class UsageError extends Error {}

/** --threads N: a whole number ≥ 1, passed to the engine as `threads`; absent → the engine's default. */
export function threadsOf(flags: Flags): number | undefined {
  if (flags.threads === undefined) return undefined;
  const n = Number(flags.threads);
  if (typeof flags.threads !== 'string' || !Number.isInteger(n) || n < 1)
    throw new UsageError('--threads needs a whole number of at least 1');
  return n;
}

const stringFlag = (flags: Flags, name: string): string | null => {
  const v = flags[name];
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v ?? null;
};

/** The --map scan's options from the flags. */
function mapOptions(flags: Flags): CsvScanOptions {
  const file = stringFlag(flags, 'csv');
  const mapSpec = stringFlag(flags, 'map');
  if (file === null || mapSpec === null) throw new UsageError('--map goes with --csv FILE');
  const map = parseMap(mapSpec);
  const serviceCode = stringFlag(flags, 'service') ?? 'fm_broadcast';
  const seeded = seededServices().get(serviceCode);
  if (!seeded) throw new UsageError(`--service must be one of ${SERVICE_SEEDS.map((s) => s.code).join(', ')}`);
  // The --map scan stays on the Hata chain it was built and checked with (test/real/fcc.test.ts bounds every
  // pair by the two radio horizons, which P.1546 footprints are not capped by); a register names its model.
  const { propagationModel: _model, ...service } = seeded;
  const filter = stringFlag(flags, 'filter');
  const filters = (filter === null ? [] : [filter]).map((f) => f.split('=', 2) as [string, string]);
  const limit = flags.limit === undefined ? Infinity : Number(stringFlag(flags, 'limit'));
  const bandwidth = stringFlag(flags, 'bandwidth-khz');
  const defaults = { bandwidthKhz: bandwidth === null ? null : Number(bandwidth) };
  return { file, map, service, filters, limit, defaults, out: stringFlag(flags, 'out'), threads: threadsOf(flags) };
}

async function main(): Promise<number> {
  const { flags } = parseArgs(process.argv.slice(2));
  try {
    if (flags.csv === undefined && flags.map === undefined) return await scanDatabase(flags.inline === true);
    if (flags.map !== undefined) return await scanMappedCsv(mapOptions(flags));
    const file = stringFlag(flags, 'csv') as string;
    for (const f of ['service', 'filter', 'limit', 'bandwidth-khz'])
      if (flags[f] !== undefined) throw new UsageError(`--${f} goes with --map; a register names each row's service`);
    return await scanRegisterCsv({
      file,
      servicesFile: stringFlag(flags, 'services'),
      out: stringFlag(flags, 'out'),
      threads: threadsOf(flags),
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 1;
  }
}

if (require.main === module) {
  main().then(
    (c) => process.exit(c),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
