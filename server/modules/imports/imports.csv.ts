/**
 * Reading an uploaded CSV file as a stream (csv-parse): UTF-8 with or without a BOM, comma or semicolon
 * (detected from the header line), quoted fields; every cell NFC-normalised and trimmed. At most
 * MAX_IMPORT_ROWS data rows; beyond that, a clear refusal.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { ValidationError } from '../../lib/errors';

export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** ';' when the first line holds more semicolons than commas outside quotes, else ','. */
export function detectDelimiter(firstLine: string): ',' | ';' {
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas += 1;
    else if (!quoted && ch === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/** The first line of a file (up to 64 kB), without a BOM. */
export async function firstLineOf(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return text.split(/\r?\n/, 1)[0] ?? '';
  } finally {
    await fh.close();
  }
}

const clean = (s: string) => s.normalize('NFC').trim();

/**
 * The header and then every data row (1-based row numbers, empty lines skipped), as NFC text.
 * Throws a ValidationError on the `file` field for an unreadable file or one over the row limit.
 */
export async function* readCsv(
  file: string,
  delimiter: string,
): AsyncGenerator<{ headers: string[] } | { row: number; cells: string[] }> {
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }),
  );
  let row = -1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (row === 0) {
        yield { headers: record.map(clean) };
        continue;
      }
      if (row > MAX_IMPORT_ROWS)
        throw new ValidationError({ file: { key: 'imports.tooManyRows', params: { max: MAX_IMPORT_ROWS } } });
      yield { row, cells: record.map(clean) };
    }
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    const line = err && typeof err === 'object' && 'lines' in err ? Number(err.lines) : 0;
    throw new ValidationError({ file: { key: 'imports.unreadable', params: { line } } });
  } finally {
    parser.destroy();
  }
  if (row < 0) throw new ValidationError({ file: { key: 'imports.empty_file' } });
}

/**
 * The header row, then each data row's cells by field, through a mapping from field to header name (fields
 * mapped to no column of the file are left out): what the dry run of every record type reads.
 */
export async function* readMapped(
  file: string,
  delimiter: string,
  fields: readonly string[],
  mapping: Readonly<Record<string, string | null | undefined>>,
): AsyncGenerator<{ headers: string[] } | { row: number; values: Record<string, string | undefined> }> {
  let index: [string, number][] = [];
  for await (const item of readCsv(file, delimiter)) {
    if ('headers' in item) {
      index = fields
        .map((f): [string, number] => [f, mapping[f] === undefined ? -1 : item.headers.indexOf(mapping[f] ?? '')])
        .filter(([, i]) => i >= 0);
      yield item;
      continue;
    }
    const values: Record<string, string | undefined> = {};
    for (const [f, i] of index) values[f] = item.cells[i] ?? '';
    yield { row: item.row, values };
  }
}
