/**
 * npm run conflicts:scan [-- --inline]          the full scan of the register in DATABASE_URL (a job)
 * npm run conflicts:scan -- --csv FILE
 *   --map lat=latitude,lon=longitude,frequency_mhz=frequency_mhz,erp_w=erp_w,height_m=antenna_height_agl_m
 *         [,id=id][,licensee=licensee][,bandwidth_khz=…]
 *   [--bandwidth-khz 200] [--service fm_broadcast] [--filter status=LIC] [--out conflicts.csv] [--limit N]
 *
 * Scans a register held in a CSV file, without the database: every row becomes a TX assignment with a
 * coverage footprint (SPEC §4.3) and the conflict engine (SPEC §4.5) runs over them. Rows that cannot
 * be used are counted and reported with their reason; missing or negative heights are replaced by 1 m
 * (the lowest height the formulas accept) and reported.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { coverageFootprint, type Footprint, type ReceptionParams, type TxSite } from '../../geo/coverage/footprint';
import {
  scanConflicts,
  type ConflictFinding,
  type FootprintSource,
  type ScanAssignment,
  type ScanResult,
} from '../../geo/conflicts';
import { occupiedRangeHz } from '../../geo/bandplan/check';
import { SERVICE_SEEDS } from '../db/seeds/reference-data';
import { jobHandlers } from '../jobs';
import { enqueue } from '../jobs/queue';
import { JobRunner } from '../jobs/runner';
import { createLogger } from '../lib/logger';
import { Job } from '../models/Job';
import { SCAN_JOB_KIND } from '../modules/conflicts/conflicts.service';
import { openForCli, parseArgs } from './common';

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

const USAGE =
  'usage: npm run conflicts:scan -- --csv FILE ' +
  '--map lat=…,lon=…,frequency_mhz=…,erp_w=…[,height_m=…][,id=…][,licensee=…][,bandwidth_khz=…] ' +
  '[--bandwidth-khz N] [--service fm_broadcast] [--filter col=value] [--out FILE] [--limit N]';

type ServiceSeed = (typeof SERVICE_SEEDS)[number];
type Flags = Record<string, string | true>;

interface CsvScanOptions {
  file: string;
  map: Partial<Record<Field, string>>;
  serviceCode: string;
  service: ServiceSeed;
  filters: [string, string][];
  limit: number;
  defaults: { bandwidthKhz: number | null };
  out: string | null;
}

/** The --csv scan's options from the flags, or the exit code once the usage or the problem is printed. */
function csvOptions(flags: Flags): CsvScanOptions | number {
  if (typeof flags.csv !== 'string' || typeof flags.map !== 'string') {
    console.error(USAGE);
    return 2;
  }
  const map = parseMap(flags.map);
  const serviceCode = typeof flags.service === 'string' ? flags.service : 'fm_broadcast';
  const service = SERVICE_SEEDS.find((s) => s.code === serviceCode);
  if (!service) {
    console.error(`--service must be one of ${SERVICE_SEEDS.map((s) => s.code).join(', ')}`);
    return 2;
  }
  const filters = (typeof flags.filter === 'string' ? [flags.filter] : []).map(
    (f) => f.split('=', 2) as [string, string],
  );
  const limit = typeof flags.limit === 'string' ? Number(flags.limit) : Infinity;
  const defaults = { bandwidthKhz: typeof flags['bandwidth-khz'] === 'string' ? Number(flags['bandwidth-khz']) : null };
  const out = typeof flags.out === 'string' ? flags.out : null;
  return { file: flags.csv, map, serviceCode, service, filters, limit, defaults, out };
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

/** A row as an omnidirectional transmitter site. */
function siteOf(r: ScanRow): TxSite {
  return {
    latDeg: r.latDeg,
    lonDeg: r.lonDeg,
    antennaHeightM: r.heightM,
    erpW: r.erpW,
    azimuthDeg: null,
    beamwidthDeg: null,
    frequencyHz: r.frequencyHz,
  };
}

/** Every row as a scan assignment with its coverage footprint; licensees are numbered in order of appearance. */
function scanItems(
  rows: ScanRow[],
  opts: CsvScanOptions,
  rx: ReceptionParams,
): { items: ScanAssignment[]; footprints: Map<number, Footprint> } {
  const { service, serviceCode } = opts;
  const licensees = new Map<string, number>();
  const footprints = new Map<number, Footprint>();
  const items: ScanAssignment[] = rows.map((r) => {
    const fp = coverageFootprint(siteOf(r), rx);
    footprints.set(r.id, fp);
    if (r.licensee && !licensees.has(r.licensee)) licensees.set(r.licensee, licensees.size + 1);
    return {
      id: r.id,
      licenseeId: r.licensee ? (licensees.get(r.licensee) as number) : null,
      service: serviceCode,
      ...(({ lowHz, highHz }) => ({ occupiedLowHz: lowHz, occupiedHighHz: highHz }))(
        occupiedRangeHz(r.frequencyHz, r.bandwidthHz, null),
      ),
      protectedFieldDbuvM: service.protectedFieldDbuv,
      coChannelPrDb: service.coChannelPrDb,
      adjacentPrDb: service.adjacentPrDb,
      adjacentGuardHz: service.adjacentGuardHz,
      footprint: fp.polygon,
      bboxDeg: fp.bboxDeg,
    };
  });
  return { items, footprints };
}

/** Interference contours at other thresholds, worked out when the engine first asks and then kept. */
function contourSource(byId: Map<number, ScanRow>, rx: ReceptionParams): FootprintSource {
  const contours = new Map<string, { polygon: Footprint['polygon']; bboxDeg: Footprint['bboxDeg'] }>();
  return {
    contourAt(b, thresholdDbuvM) {
      const key = `${b.id}:${thresholdDbuvM}`;
      let c = contours.get(key);
      if (!c) {
        const r = byId.get(b.id) as ScanRow;
        const fp = coverageFootprint(siteOf(r), { ...rx, thresholdDbuvM });
        c = { polygon: fp.polygon, bboxDeg: fp.bboxDeg };
        contours.set(key, c);
      }
      return c;
    },
  };
}

function printSummary(
  opts: CsvScanOptions,
  counts: { read: number; filtered: number; scanned: number },
  problems: RowProblems,
  result: ScanResult,
  timing: { footprintsMs: number; scanMs: number; maxHorizonKm: number },
): void {
  const { service } = opts;
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
    `footprints ${(timing.footprintsMs / 1000).toFixed(2)} s, scan ${(timing.scanMs / 1000).toFixed(2)} s; ` +
      `candidate pairs ${result.candidatePairs}, exact checks ${result.exactChecks}; ` +
      `largest horizon ${timing.maxHorizonKm.toFixed(1)} km.`,
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

/** The --csv scan: read the rows, build their footprints, scan, print the summary, write the findings. */
async function scanCsv(opts: CsvScanOptions): Promise<number> {
  const { service } = opts;
  const problems: RowProblems = { skipped: new Map(), heightFixed: 0 };
  const t0 = performance.now();
  const { rows, read, filtered } = await readRows(opts, problems);
  const rx: ReceptionParams = {
    thresholdDbuvM: service.protectedFieldDbuv,
    receiverHeightM: service.receiverHeightM,
    environment: service.environment,
  };
  const { items, footprints } = scanItems(rows, opts, rx);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const src = contourSource(byId, rx);
  const t1 = performance.now();
  const result = scanConflicts(items, src, {});
  const t2 = performance.now();

  const maxHorizonKm = Math.max(0, ...[...footprints.values()].map((f) => f.horizonKm));
  printSummary(opts, { read, filtered, scanned: rows.length }, problems, result, {
    footprintsMs: t1 - t0,
    scanMs: t2 - t1,
    maxHorizonKm,
  });
  if (opts.out !== null) await writeFindings(opts.out, result.findings, byId);
  return 0;
}

async function main(): Promise<number> {
  const { flags } = parseArgs(process.argv.slice(2));
  if (flags.csv === undefined && flags.map === undefined) return scanDatabase(flags.inline === true);
  const opts = csvOptions(flags);
  return typeof opts === 'number' ? opts : scanCsv(opts);
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
