/**
 * The dry run of an import file (SPEC §10.5): every row through the rules of its record type
 * (imports.rows.ts), with its outcome (create, update, unchanged, error) and each error's column. The
 * commit runs the very same check inside its transaction and keeps the rows' plans to write.
 */
import type { Transaction } from 'sequelize';
import type { ImportCounts, ImportKind, ImportMappingValue, ImportRowError } from '../../models/import-models';
import type { DistrictService } from '../districts/districts.service';
import { readMapped } from './imports.csv';
import { IMPORT_FIELDS } from './imports.fields';
import { externalRefOf, loadRules, sameValue, type RowPlan, type Values } from './imports.rows';

export const OUTCOME_LETTERS = { create: 'c', update: 'u', unchanged: 'n', error: 'e' } as const;
export type Outcome = keyof typeof OUTCOME_LETTERS;

export interface PlannedRow {
  row: number;
  ref: string;
  action: 'create' | 'update';
  plan: RowPlan;
  /** A `register` file's assignment: the externalRef of its station (written first, in the same commit). */
  stationRef?: string;
}

export interface CheckResult {
  headers: string[];
  rowCount: number;
  counts: ImportCounts;
  outcomes: string;
  errors: ImportRowError[];
  /** Rows to write (kept only when asked: the commit). */
  planned: PlannedRow[];
}

export interface CheckOptions {
  kind: ImportKind;
  file: string;
  delimiter: string;
  /** field → header; fields left out are not read. */
  mapping: ImportMappingValue;
  districts: DistrictService;
  transaction?: Transaction;
  keepPlans?: boolean;
  onProgress?: (rows: number) => Promise<void>;
}

export async function checkFile(o: CheckOptions): Promise<CheckResult> {
  const kind = o.kind;
  if (kind === 'register') throw new Error('a register file is checked by checkRegisterFile (imports.register.ts)');
  const rules = await loadRules(kind, o.districts, o.transaction);
  const result: CheckResult = {
    headers: [],
    rowCount: 0,
    counts: { create: 0, update: 0, unchanged: 0, error: 0 },
    outcomes: '',
    errors: [],
    planned: [],
  };
  const letters: string[] = [];
  const fields = IMPORT_FIELDS[kind].map((s) => s.field);
  const seen = new Map<string, number>();
  const columnOf = (field: string) => {
    const f = rules.columnOf?.[field] ?? field;
    return o.mapping[f] ?? o.mapping[field] ?? f;
  };
  const headerOf = { field: (f: string) => o.mapping[f] ?? null };
  for await (const item of readMapped(o.file, o.delimiter, fields, o.mapping)) {
    if ('headers' in item) {
      result.headers = item.headers;
      continue;
    }
    const v: Values = item.values;
    const rowErrors: ImportRowError[] = [];
    const add = (field: string, key: string, params?: Record<string, string | number>) => {
      const column = columnOf(field);
      if (!rowErrors.some((e) => e.column === column)) rowErrors.push({ row: item.row, column, key, params });
    };
    const ref = externalRefOf(v);
    if ('error' in ref) add('externalRef', ref.error.key, ref.error.params);
    else if (seen.has(ref.ref)) add('externalRef', 'imports.duplicateRef', { row: seen.get(ref.ref) ?? 0 });
    else seen.set(ref.ref, item.row);
    const outcome = await rules.row(v, headerOf);
    if ('errors' in outcome)
      for (const [field, m] of Object.entries(outcome.errors))
        add(field === '_form' ? 'externalRef' : field, m.key, m.params);
    let action: Outcome = 'error';
    if (!rowErrors.length && 'plan' in outcome && 'ref' in ref) {
      const { plan } = outcome;
      const existing = plan.existing as unknown as Record<string, unknown> | null;
      action = !existing
        ? 'create'
        : Object.entries(plan.compare).every(([k, val]) => sameValue(existing[k], val))
          ? 'unchanged'
          : 'update';
      if (o.keepPlans && action !== 'unchanged') result.planned.push({ row: item.row, ref: ref.ref, action, plan });
    }
    result.errors.push(...rowErrors);
    result.counts[action] += 1;
    letters.push(OUTCOME_LETTERS[action]);
    result.rowCount = item.row;
    if (o.onProgress && item.row % 1000 === 0) await o.onProgress(item.row);
  }
  result.outcomes = letters.join('');
  return result;
}
