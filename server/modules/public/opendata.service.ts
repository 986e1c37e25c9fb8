/**
 * Open data (SPEC §10.2): licences.csv, stations.csv, assignments.csv (UTF-8 with BOM, ids that join),
 * stations.geojson and register.kml (stations as placemarks styled by service, footprints as polygons), made by
 * a job (at start, daily, on demand by an administrator) and served from `/register/data/FILE`. Rows come
 * through the public presenter, batch by batch (keyset on id), and are streamed to a temporary file that
 * replaces the published one when complete, so memory stays flat at any register size.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { Feature, Point, Polygon } from 'geojson';
import { stringify } from 'csv-stringify';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../../config';
import { selectRows, sql } from '../../db/sql';
import { enqueue } from '../../jobs/queue';
import type { JobContext } from '../../jobs/runner';
import type { CurrentUser } from '../../lib/actor';
import { kmlStyles, placemark, styleKey, xmlText } from '../../lib/export/kml';
import { ForbiddenError, NotFoundError } from '../../lib/errors';
import type { Job } from '../../models/Job';
import {
  LISTED_STATUSES,
  presentPublicAssignment,
  presentPublicFootprint,
  presentPublicLicence,
  presentPublicStation,
  type PublicStation,
} from './public.presenter';
import {
  ASSIGNMENT_COLUMNS,
  AssignmentRowSchema,
  footprintsOf,
  LICENCE_COLUMNS,
  LicenceRowSchema,
  STATION_COLUMNS,
  StationRowSchema,
} from './public.queries';

export const OPEN_DATA_JOB_KIND = 'opendata.refresh';
export const OPEN_DATA_FILES = ['licences.csv', 'stations.csv', 'assignments.csv', 'stations.geojson', 'register.kml'];
const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
};
const BATCH = 1000;

/** The columns of each CSV file, in order (the data dictionary on /register/data names each one). */
export const COLUMNS = {
  'licences.csv': [
    'number',
    'revision',
    'type',
    'service',
    'status',
    'validFrom',
    'validTo',
    'licenseeName',
    'licenseeKind',
    'districtCodes',
  ],
  'stations.csv': [
    'stationId',
    'licenceNumber',
    'name',
    'callsign',
    'service',
    'stationClass',
    'districtCode',
    'latitude',
    'longitude',
    'positionRounded',
    'antennaHeightM',
    'azimuthDeg',
    'erpW',
  ],
  'assignments.csv': [
    'assignmentId',
    'stationId',
    'licenceNumber',
    'direction',
    'frequencyHz',
    'bandwidthHz',
    'emissionDesignator',
  ],
} as const;

interface FileInfo {
  name: string;
  rows: number;
  bytes: number;
  generatedAt: string;
}
const Manifest = z.object({
  files: z.record(
    z.string(),
    z.object({ name: z.string(), rows: z.number(), bytes: z.number(), generatedAt: z.string() }),
  ),
});

const MANIFEST = 'manifest.json';

/** The files as the data page lists them: name, rows, size and when each was made (null before the first run). */
export async function openDataIndex(
  config: Pick<Config, 'openDataDir'>,
): Promise<(FileInfo | { name: string; rows: null })[]> {
  const manifest = await readManifest(config.openDataDir);
  return OPEN_DATA_FILES.map((name) => manifest?.files[name] ?? { name, rows: null });
}

async function readManifest(dir: string): Promise<z.output<typeof Manifest> | null> {
  try {
    return Manifest.parse(JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')));
  } catch {
    return null;
  }
}

/** A published file to download; 404 for any other name or before the first run. */
export async function openDataFile(
  config: Pick<Config, 'openDataDir'>,
  name: string,
): Promise<{ path: string; name: string; contentType: string }> {
  if (!OPEN_DATA_FILES.includes(name)) throw new NotFoundError('register.data.notFound');
  const file = path.join(config.openDataDir, name);
  try {
    await stat(file);
  } catch {
    throw new NotFoundError('register.data.notFound');
  }
  return { path: file, name, contentType: CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream' };
}

/** An administrator asks for fresh files: one job at a time (a second request returns the same job). */
export async function requestOpenData(
  sequelize: Sequelize,
  user: CurrentUser,
): Promise<{ job: Job; created: boolean }> {
  if (user.role !== 'admin') throw new ForbiddenError();
  return enqueue(sequelize, { kind: OPEN_DATA_JOB_KIND, uniqueKey: OPEN_DATA_JOB_KIND, createdById: user.id });
}

/** Writes text to a stream, waiting when its buffer is full. */
async function put(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

/** A file being written, beside the published one (per process: two runs never write the same file). */
const tempOf = (dir: string, name: string) => path.join(dir, `.${name}.${process.pid}.tmp`);

interface Sink {
  tmp: string;
  final: string;
  rows: number;
}

function csvSink(
  dir: string,
  name: keyof typeof COLUMNS,
): Sink & { csv: ReturnType<typeof stringify>; done: Promise<void> } {
  const tmp = tempOf(dir, name);
  const file = createWriteStream(tmp);
  const csv = stringify({
    bom: true,
    header: true,
    columns: [...COLUMNS[name]],
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
  csv.pipe(file);
  return { tmp, final: path.join(dir, name), rows: 0, csv, done: finished(file) };
}

async function publish(sinks: Sink[], dir: string, at: string): Promise<Record<string, FileInfo>> {
  const out: Record<string, FileInfo> = {};
  for (const s of sinks) {
    await rename(s.tmp, s.final);
    const name = path.basename(s.final);
    out[name] = { name, rows: s.rows, bytes: (await stat(s.final)).size, generatedAt: at };
  }
  return out;
}

const StationExport = StationRowSchema.extend({ number: z.string(), licenseeKind: z.string() });

/** Makes every file; returns the manifest's entries. Idempotent: a re-run replaces the files whole. */
export async function writeOpenData(
  sequelize: Sequelize,
  dir: string,
  onProgress: (done: number, text: string) => Promise<void> = async () => {},
): Promise<Record<string, FileInfo>> {
  await mkdir(dir, { recursive: true });
  const at = new Date().toISOString();
  // The files are the listed register of SPEC §10.1 (licences in force: issued, suspended), as are the list and
  // the map; an expired or revoked licence stays reachable by its number only (its page and the API), so an
  // old certificate's QR code still opens it, as §10.1 and the data page's intro say.
  const listed = [...LISTED_STATUSES];

  // licences.csv
  const lic = csvSink(dir, 'licences.csv');
  for (let after = 0; ;) {
    const rows = await selectRows(
      sequelize,
      sql`SELECT ${LICENCE_COLUMNS} FROM licences l JOIN licensees le ON le.id = l."licenseeId"
        WHERE l.status IN (${listed}) AND l.number IS NOT NULL AND l.id > ${after} ORDER BY l.id LIMIT ${BATCH}`,
      LicenceRowSchema,
    );
    if (!rows.length) break;
    after = rows[rows.length - 1]?.id ?? after;
    const districts = await selectRows(
      sequelize,
      sql`SELECT DISTINCT "licenceId", "districtCode" FROM stations WHERE "licenceId" IN (${rows.map((r) => r.id)})`,
      z.object({ licenceId: z.coerce.number(), districtCode: z.string() }),
    );
    for (const r of rows) {
      const codes = districts.filter((d) => d.licenceId === r.id).map((d) => d.districtCode);
      const p = presentPublicLicence({ ...r, districtCodes: codes.join(',') });
      if (!p) continue;
      if (
        !lic.csv.write({
          ...p,
          licenseeName: p.licensee.name,
          licenseeKind: p.licensee.kind,
          districtCodes: p.districtCodes.join(' '),
        })
      )
        await new Promise<void>((resolve) => lic.csv.once('drain', () => resolve()));
      lic.rows += 1;
    }
    await onProgress(lic.rows, 'licences');
  }
  lic.csv.end();
  await lic.done;

  // stations.csv, assignments.csv, stations.geojson and register.kml in one pass over the stations
  const st = csvSink(dir, 'stations.csv');
  const as = csvSink(dir, 'assignments.csv');
  const gj: Sink = { tmp: tempOf(dir, 'stations.geojson'), final: path.join(dir, 'stations.geojson'), rows: 0 };
  const km: Sink = { tmp: tempOf(dir, 'register.kml'), final: path.join(dir, 'register.kml'), rows: 0 };
  const gjOut = createWriteStream(gj.tmp);
  const kmOut = createWriteStream(km.tmp);
  await put(gjOut, `{"type":"FeatureCollection","generatedAt":"${at}","features":[\n`);
  await put(
    kmOut,
    `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n` +
      `<name>${xmlText('Tanso public register')}</name>\n${kmlStyles()}`,
  );
  for (let after = 0; ;) {
    const rows = await selectRows(
      sequelize,
      sql`SELECT ${STATION_COLUMNS}, l.number AS number, le.kind AS "licenseeKind"
        FROM stations s JOIN licences l ON l.id = s."licenceId" JOIN licensees le ON le.id = l."licenseeId"
        WHERE l.status IN (${listed}) AND l.number IS NOT NULL AND s.id > ${after} ORDER BY s.id LIMIT ${BATCH}`,
      StationExport,
    );
    if (!rows.length) break;
    after = rows[rows.length - 1]?.id ?? after;
    const ids = rows.map((r) => r.id);
    const shown = new Map<number, PublicStation>(rows.map((r) => [r.id, presentPublicStation(r, r)]));
    const exact = new Map(rows.map((r) => [r.id, r]));
    const assignments = await selectRows(
      sequelize,
      sql`SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a WHERE a."stationId" IN (${ids}) ORDER BY a."stationId", a.id`,
      AssignmentRowSchema,
    );
    let kmlText = '';
    let gjText = '';
    for (const p of shown.values()) {
      const { id, ...rest } = p;
      if (!st.csv.write({ stationId: id, ...rest })) await new Promise<void>((r) => st.csv.once('drain', () => r()));
      st.rows += 1;
      const { latitude, longitude, ...props } = p;
      const point: Feature<Point> = {
        type: 'Feature',
        id: p.id,
        geometry: { type: 'Point', coordinates: [longitude, latitude] },
        properties: props,
      };
      gjText += `${gj.rows ? ',\n' : ''}${JSON.stringify(point)}`;
      gj.rows += 1;
      // The placemark carries the station's main facts (tokml writes them as ExtendedData); empty ones are left out.
      const facts = {
        name: p.name,
        licenceNumber: p.licenceNumber,
        service: p.service,
        stationClass: p.stationClass,
        districtCode: p.districtCode,
        callsign: p.callsign ?? undefined,
        erpW: p.erpW,
        antennaHeightM: p.antennaHeightM,
      };
      const kmlPoint: Feature = { type: 'Feature', geometry: point.geometry, properties: facts };
      kmlText += placemark(kmlPoint, `station-${styleKey(p.service)}`);
      km.rows += 1;
    }
    for (const a of assignments) {
      const p = presentPublicAssignment(a);
      const number = shown.get(a.stationId)?.licenceNumber ?? '';
      if (!as.csv.write({ assignmentId: p.id, licenceNumber: number, ...p }))
        await new Promise<void>((r) => as.csv.once('drain', () => r()));
      as.rows += 1;
    }
    for (const f of await footprintsOf(sequelize, ids, ids.length * 8)) {
      const e = exact.get(f.stationId);
      const s = shown.get(f.stationId);
      if (!e || !s) continue;
      const poly: Feature<Polygon> = {
        type: 'Feature',
        geometry: presentPublicFootprint(f.polygon, e, s),
        properties: {
          name: `${s.name} — coverage`,
          licenceNumber: s.licenceNumber,
          stationId: s.id,
          service: s.service,
        },
      };
      kmlText += placemark(poly, `footprint-${styleKey(s.service)}`);
    }
    await put(gjOut, gjText);
    await put(kmOut, kmlText);
    await onProgress(lic.rows + st.rows, 'stations');
  }
  st.csv.end();
  as.csv.end();
  await put(gjOut, '\n]}\n');
  await put(kmOut, '</Document></kml>\n');
  gjOut.end();
  kmOut.end();
  await Promise.all([st.done, as.done, finished(gjOut), finished(kmOut)]);

  const files = await publish([lic, st, as, gj, km], dir, at);
  const previous = (await readManifest(dir))?.files ?? {};
  await writeFile(path.join(dir, MANIFEST), JSON.stringify({ files: { ...previous, ...files } }, null, 2));
  return files;
}

/** The heap of the files' own process: enough for one batch; garbage is collected instead of piling up. */
export const OPEN_DATA_HEAP_MB = 128;
const CLI = path.resolve(__dirname, '../../cli/open-data.ts');

/**
 * The job: the files written by `server/cli/open-data.ts` in a child process with a small heap (the worker's
 * own heap is sized for scans); progress from its output lines. Without a database URL (a test's handlers),
 * in this process.
 */
export function openDataJob(
  dir: string,
  child?: { databaseUrl: string; sessionSecret: string; env: string; heapMb?: number },
) {
  return async (ctx: JobContext): Promise<Record<string, unknown>> => {
    const started = Date.now();
    const files = child
      ? await filesInChild(ctx, dir, child)
      : await writeOpenData(ctx.sequelize, dir, (done, text) => ctx.progress(done, 0, text));
    return {
      publishedLicences: files['licences.csv']?.rows ?? 0,
      publishedStations: files['stations.csv']?.rows ?? 0,
      publishedAssignments: files['assignments.csv']?.rows ?? 0,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  };
}

const ChildLine = z.union([
  z.object({ done: z.number(), text: z.string() }),
  z.object({
    files: z.record(
      z.string(),
      z.object({ name: z.string(), rows: z.number(), bytes: z.number(), generatedAt: z.string() }),
    ),
  }),
]);

function filesInChild(
  ctx: JobContext,
  dir: string,
  o: { databaseUrl: string; sessionSecret: string; env: string; heapMb?: number },
): Promise<Record<string, FileInfo>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [`--max-old-space-size=${o.heapMb ?? OPEN_DATA_HEAP_MB}`, '--import', 'tsx', CLI, dir],
      {
        env: {
          ...process.env,
          DATABASE_URL: o.databaseUrl,
          SESSION_SECRET: o.sessionSecret,
          NODE_ENV: o.env,
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const stop = () => proc.kill('SIGTERM');
    ctx.signal.addEventListener('abort', stop, { once: true });
    let files: Record<string, FileInfo> | null = null;
    let err = '';
    let interrupted: unknown = null;
    let pending = Promise.resolve();
    createInterface({ input: proc.stdout }).on('line', (line) => {
      let parsed: z.output<typeof ChildLine>;
      try {
        parsed = ChildLine.parse(JSON.parse(line));
      } catch {
        return;
      }
      if ('files' in parsed) files = parsed.files;
      else {
        const { done, text } = parsed;
        pending = pending
          .then(() => ctx.progress(done, 0, text))
          .catch((e: unknown) => {
            interrupted = e;
            stop();
          });
      }
    });
    proc.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString('utf8')).slice(-2000);
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      ctx.signal.removeEventListener('abort', stop);
      void pending.then(() => {
        if (interrupted) reject(interrupted instanceof Error ? interrupted : new Error(String(interrupted)));
        else if (code === 0 && files) resolve(files);
        else reject(new Error(`open-data files: exit ${code}: ${err.trim()}`));
      });
    });
  });
}
