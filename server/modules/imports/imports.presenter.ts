/** An import as the page and the API show it: counts, errors in the user's language, the first rows. */
import type { TFunction } from 'i18next';
import type { CurrentUser } from '../../lib/actor';
import type { Import, ImportRowError } from '../../models/import-models';
import { IMPORT_FIELDS } from './imports.fields';

export const PAGE_ROWS = 1000;
const ACTIONS: Record<string, string> = { c: 'create', u: 'update', n: 'unchanged', e: 'error' };

const message = (t: TFunction, e: ImportRowError) => t(e.key, e.params ?? {}) as string;

export function presentImport(imp: Import, t: TFunction, user?: Pick<CurrentUser, 'id' | 'role'>) {
  return {
    id: imp.id,
    kind: imp.kind,
    status: imp.status,
    fileName: imp.fileName,
    rowCount: imp.rowCount,
    counts: imp.counts,
    mapping: imp.mapping,
    jobId: imp.jobId,
    result: imp.result,
    createdById: imp.createdById,
    createdAt: imp.createdAt,
    can: {
      commit: imp.status === 'checked' && imp.counts.error === 0 && user !== undefined,
      remap: imp.status === 'checked' || imp.status === 'failed',
    },
  };
}

/** The API's answer (SPEC §10.5): with every error as { row, column, message }. */
export function presentImportFull(imp: Import, t: TFunction, user?: Pick<CurrentUser, 'id' | 'role'>) {
  return {
    ...presentImport(imp, t, user),
    headers: imp.headers,
    errors: imp.errors.map((e) => ({ row: e.row, column: e.column, message: message(t, e) })),
  };
}

/** The first rows with their outcome and errors, for the page. */
export function firstRows(imp: Import, t: TFunction, limit = PAGE_ROWS) {
  const byRow = new Map<number, { column: string; message: string }[]>();
  for (const e of imp.errors) {
    if (e.row > limit) break;
    const list = byRow.get(e.row) ?? [];
    list.push({ column: e.column, message: message(t, e) });
    byRow.set(e.row, list);
  }
  return [...imp.outcomes.slice(0, limit)].map((letter, i) => ({
    row: i + 1,
    outcome: ACTIONS[letter] ?? 'error',
    errors: byRow.get(i + 1) ?? [],
  }));
}

/** Every row's outcome as CSV records: one line per error, one for a row without any. */
export function* outcomeRecords(imp: Import, t: TFunction): Generator<string[]> {
  yield ['row', 'outcome', 'column', 'message'];
  let next = 0;
  const errors = imp.errors;
  for (let i = 0; i < imp.outcomes.length; i += 1) {
    const row = i + 1;
    const outcome = ACTIONS[imp.outcomes[i] ?? 'e'] ?? 'error';
    let any = false;
    while (next < errors.length && (errors[next]?.row ?? Infinity) <= row) {
      const e = errors[next] as ImportRowError;
      next += 1;
      if (e.row !== row) continue;
      any = true;
      yield [String(row), outcome, e.column, message(t, e)];
    }
    if (!any) yield [String(row), outcome, '', ''];
  }
}

/** The mapping form: every field of the record type with the header chosen for it. */
export function mappingRows(imp: Import) {
  return IMPORT_FIELDS[imp.kind].map((s) => ({ field: s.field, header: imp.mapping[s.field] ?? '' }));
}
