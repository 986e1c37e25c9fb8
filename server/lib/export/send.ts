/**
 * Staff exports (SPEC §10.3) written to the response as they are read: CSV (csv-stringify, UTF-8 with BOM, its
 * default record delimiter, formulas escaped in text columns only), GeoJSON (a FeatureCollection written as
 * text, feature by feature) and KML (tokml placemarks with the shared styles). File names carry the date.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { Feature, Geometry } from 'geojson';
import { stringify, type CastingContext } from 'csv-stringify';
import { todayIso } from '../dates';
import type { ExportSource } from './batches';
import { placemark, xmlText } from './kml';

export const EXPORT_FORMATS = ['csv', 'geojson', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  kml: 'application/vnd.google-earth.kml+xml; charset=utf-8',
};

/** The export asked for by `?format=`, if the list offers it; null for the page or the JSON list. */
export function exportFormatOf(query: unknown, offered: readonly ExportFormat[]): ExportFormat | null {
  const format = typeof query === 'object' && query !== null && 'format' in query ? query.format : undefined;
  return offered.find((f) => f === format) ?? null;
}

/** `stations-2026-12-07.csv` */
export const exportFileName = (base: string, format: ExportFormat) => `${base}-${todayIso()}.${format}`;

/** The columns of a CSV export: headers are the JSON field names; `text` ones hold what people typed. */
export interface CsvSpec<R> {
  columns: readonly string[];
  /** Columns whose values are free text: a leading =, +, -, @ is escaped there (never in a number column). */
  text: readonly string[];
  row: (r: R) => Record<string, unknown>;
}

export interface FeatureSpec<R> {
  feature: (r: R) => Feature<Geometry | null> | null;
  /**
   * The feature as GeoJSON text, when the row holds its geometry as stored JSON text (featureJson): GeoJSON
   * writes it as it is, without parsing and re-serialising it (KML still reads `feature`).
   */
  featureText?: (r: R) => string | null;
  /** The KML document's name and its <Style> elements, and the style of each placemark. */
  kml: { title: string; styles: string; styleOf: (r: R) => string };
}

function startDownload(res: Response, format: ExportFormat, base: string, total: number): void {
  res.status(200);
  res.set({
    'Content-Type': CONTENT_TYPES[format],
    'Cache-Control': 'private, no-store',
    'X-Total-Count': String(total),
  });
  res.attachment(exportFileName(base, format));
}

/** True when the client closed the download (nothing to answer then); any other error cuts the response. */
function closedByClient(err: unknown, res: Response): boolean {
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' && res.destroyed && !res.writableFinished;
}

/** Streams text to the response, waiting whenever the client reads slower than the database. */
async function send(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  try {
    // A byte stream (not object mode, whose buffer holds 16 chunks): at most one batch's text waits here.
    await pipeline(Readable.from(chunks, { objectMode: false }), res);
  } catch (err) {
    if (!closedByClient(err, res)) throw err;
  }
}

/** What csv-stringify's escape_formulas escapes: =, +, -, @, tab, CR and their full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export async function sendCsv<R>(res: Response, base: string, spec: CsvSpec<R>, source: ExportSource<R>) {
  const text = new Set(spec.text);
  const csv = stringify({
    bom: true,
    header: true,
    columns: [...spec.columns],
    cast: {
      boolean: (b) => (b ? 'true' : 'false'),
      date: (d) => d.toISOString(),
      object: (o) => JSON.stringify(o),
      // escape_formulas per field, in text columns only (it would turn a negative number held as text into text);
      // asked only where a value starts like a formula, since per-field options cost csv-stringify a lot.
      string: (value: string, ctx: CastingContext) =>
        FORMULA_START.test(value) && typeof ctx.column === 'string' && text.has(ctx.column)
          ? { value, escape_formulas: true }
          : value,
    },
  });
  async function* records(): AsyncGenerator<Record<string, unknown>> {
    for await (const batch of source.batches) for (const r of batch) yield spec.row(r);
  }
  startDownload(res, 'csv', base, source.total);
  try {
    await pipeline(Readable.from(records()), csv, res);
  } catch (err) {
    if (!closedByClient(err, res)) throw err;
  }
}

/**
 * A GeoJSON Feature's text around a geometry already held as GeoJSON text (e.g. a footprint as stored): the
 * geometry is written as it is. The text comes from our own JSON columns, never from a request.
 */
export function featureJson(id: number | string, geometryText: string, properties: Record<string, unknown>): string {
  const props = JSON.stringify(properties);
  return `{"type":"Feature","id":${JSON.stringify(id)},"geometry":${geometryText},"properties":${props}}`;
}

/** About how much text a GeoJSON export hands to the response at once. */
const CHUNK_CHARS = 64 * 1024;

export async function sendGeoJson<R>(res: Response, base: string, spec: FeatureSpec<R>, source: ExportSource<R>) {
  const textOf = (r: R): string | null => {
    if (spec.featureText) return spec.featureText(r);
    const f = spec.feature(r);
    return f ? JSON.stringify(f) : null;
  };
  async function* text(): AsyncGenerator<string> {
    yield '{"type":"FeatureCollection","features":[\n';
    let first = true;
    for await (const batch of source.batches) {
      // Joined in pieces of about CHUNK_CHARS (flat strings, not a rope flattened again when written): a
      // batch's ~700 KB at once raised the app's peak RSS by ~40 MB (328 → 287 MB at 100 000 features).
      let parts: string[] = [];
      let size = 0;
      for (const r of batch) {
        const f = textOf(r);
        if (!f) continue;
        parts.push(f);
        size += f.length;
        if (size < CHUNK_CHARS) continue;
        yield `${first ? '' : ',\n'}${parts.join(',\n')}`;
        first = false;
        parts = [];
        size = 0;
      }
      if (!parts.length) continue;
      yield `${first ? '' : ',\n'}${parts.join(',\n')}`;
      first = false;
    }
    yield '\n]}\n';
  }
  startDownload(res, 'geojson', base, source.total);
  await send(res, text());
}

/** A feature's properties as KML ExtendedData holds them: text, without the empty ones. */
function kmlData(p: Feature['properties']): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(p ?? {})) {
    if (v === null || v === undefined || v === '') continue;
    out[k] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  }
  return out;
}

export async function sendKml<R>(res: Response, base: string, spec: FeatureSpec<R>, source: ExportSource<R>) {
  async function* text(): AsyncGenerator<string> {
    yield (
      `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n` +
      `<name>${xmlText(spec.kml.title)}</name>\n${spec.kml.styles}`
    );
    for await (const batch of source.batches) {
      let out = '';
      for (const r of batch) {
        const f = spec.feature(r);
        if (f) out += placemark({ ...f, properties: kmlData(f.properties) }, spec.kml.styleOf(r));
      }
      if (out) yield out;
    }
    yield '</Document></kml>\n';
  }
  startDownload(res, 'kml', base, source.total);
  await send(res, text());
}

/** One list's export in the format asked for: its CSV columns, and its features for GeoJSON and KML. */
export interface ListExport<R> {
  name: string;
  csv: CsvSpec<R>;
  features?: FeatureSpec<R>;
}

/** The formats a list offers: CSV always, GeoJSON and KML where its rows have a place on the map. */
export const formatsOf = (spec: { features?: unknown }): readonly ExportFormat[] =>
  spec.features ? EXPORT_FORMATS : ['csv'];

export async function sendExport<R>(
  res: Response,
  format: ExportFormat,
  spec: ListExport<R>,
  source: ExportSource<R>,
): Promise<void> {
  if (format === 'csv' || !spec.features) return sendCsv(res, spec.name, spec.csv, source);
  if (format === 'geojson') return sendGeoJson(res, spec.name, spec.features, source);
  return sendKml(res, spec.name, spec.features, source);
}

/**
 * The export branch of a list route: when `?format=` names a format the list offers, `open` reads the whole
 * filtered and sorted result and hands it to `send`, which writes the file, and true is returned; otherwise
 * false (the route answers as before). `open` may keep a read open around `send` (e.g. the register as of a
 * past day, read inside one transaction).
 */
export async function exportIfAsked<R>(
  req: Request,
  res: Response,
  spec: ListExport<R>,
  open: (format: ExportFormat, send: (source: ExportSource<R>) => Promise<void>) => Promise<void>,
): Promise<boolean> {
  const format = exportFormatOf(req.query, formatsOf(spec));
  if (!format) return false;
  await open(format, (source) => sendExport(res, format, spec, source));
  return true;
}
