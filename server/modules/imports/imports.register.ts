/**
 * Stations with their assignments in one file: the `register` record type of an import (issue 14).
 *
 * The form is the one a register already kept in a spreadsheet has: **one row per assignment, carrying its
 * station's columns** (the stations template's columns, the station named by `stationExternalRef`, then the
 * assignment's `externalRef`, `direction`, frequency, width and designator). Rows of one station are grouped by
 * `stationExternalRef`, wherever they stand in the file; its columns are read from its first row, and the
 * following rows either repeat them or leave them empty (so "a station row, then its assignment rows" reads
 * too). A row whose assignment columns are all empty is the station's alone (a site without assignments yet);
 * a station already in the register may be named by its `stationExternalRef` alone (its columns all empty):
 * the rows then add or update its assignments and leave it as it is.
 * Why this form rather than one file mixing record types under a `recordType` column: that is what people
 * export from their old systems and edit by hand (a row per frequency, as the assignments list exports it with
 * its station's keys), filters and sorts like any sheet, and needs no ordering rule between rows; licensees and
 * licences, far fewer and changed rarely, keep their own files (a station names its licence by
 * `licenceNumber` or `licenceExternalRef`, which must exist).
 *
 * The dry run checks the station of a group once, by the stations' rules, then each assignment by the
 * assignments' rules against that station as it will be (new or updated); a bad station marks every row of
 * its group, a later row that changes a station column is refused (the station's values come from one row).
 * A row's outcome is the strongest of its station's (on its first row) and its assignment's. The commit
 * (imports.commit.ts) writes the stations first, then their assignments, in the one transaction.
 */
import { Station } from '../../models/Station';
import type { ImportRowError } from '../../models/import-models';
import { checkFile, OUTCOME_LETTERS, type CheckOptions, type CheckResult, type Outcome } from './imports.check';
import { readMapped } from './imports.csv';
import { IMPORT_FIELDS, REGISTER_ASSIGNMENT_FIELDS, REGISTER_STATION_FIELDS } from './imports.fields';
import { externalRefOf, loadRules, sameValue, type PendingStations, type RowPlan, type Values } from './imports.rows';

interface Group {
  row: number;
  cells: Values;
  ok: boolean;
}

const outcomeOf = (plan: RowPlan): Exclude<Outcome, 'error'> => {
  const existing = plan.existing as unknown as Record<string, unknown> | null;
  if (!existing) return 'create';
  return Object.entries(plan.compare).every(([k, val]) => sameValue(existing[k], val)) ? 'unchanged' : 'update';
};

const RANK: Record<Outcome, number> = { unchanged: 0, update: 1, create: 2, error: 3 };

/** The dry run (or the commit's check) of a `register` file. */
export async function checkRegisterFile(o: CheckOptions): Promise<CheckResult> {
  const pending: PendingStations = new Map();
  const stationRules = await loadRules('stations', o.districts, o.transaction);
  const assignmentRules = await loadRules('assignments', o.districts, o.transaction, pending);
  const result: CheckResult = {
    headers: [],
    rowCount: 0,
    counts: { create: 0, update: 0, unchanged: 0, error: 0 },
    outcomes: '',
    errors: [],
    planned: [],
  };
  const letters: string[] = [];
  const fields = IMPORT_FIELDS.register.map((s) => s.field);
  const groups = new Map<string, Group>();
  const seen = new Map<string, number>();
  const headerOf = { field: (f: string) => o.mapping[f] ?? null };
  for await (const item of readMapped(o.file, o.delimiter, fields, o.mapping)) {
    if ('headers' in item) {
      result.headers = item.headers;
      continue;
    }
    const v: Values = item.values;
    const rowErrors: ImportRowError[] = [];
    const add = (field: string, key: string, params?: Record<string, string | number>) => {
      const column = o.mapping[field] ?? field;
      if (!rowErrors.some((e) => e.column === column)) rowErrors.push({ row: item.row, column, key, params });
    };
    let action: Outcome = 'unchanged';
    const raise = (a: Outcome) => {
      if (RANK[a] > RANK[action]) action = a;
    };

    // The station: checked on the first row of its group, compared on the others.
    const sref = externalRefOf({ externalRef: v.stationExternalRef });
    let group: Group | undefined;
    if ('error' in sref) add('stationExternalRef', sref.error.key, sref.error.params);
    else {
      group = groups.get(sref.ref);
      const known = stationRules.existingByRef.get(sref.ref);
      if (!group && known instanceof Station && REGISTER_STATION_FIELDS.every((f) => !v[f])) {
        // A station already in the register, named by its key alone: its assignments are added as it stands.
        group = { row: item.row, cells: {}, ok: true };
        groups.set(sref.ref, group);
        pending.set(sref.ref, { id: known.id, service: known.service });
      } else if (!group) {
        const cells: Values = {};
        for (const f of REGISTER_STATION_FIELDS) cells[f] = v[f];
        const outcome = await stationRules.row({ ...cells, externalRef: sref.ref }, headerOf);
        group = { row: item.row, cells, ok: 'plan' in outcome };
        groups.set(sref.ref, group);
        if ('errors' in outcome) {
          for (const [field, m] of Object.entries(outcome.errors))
            add(field === '_form' ? 'stationExternalRef' : (stationRules.columnOf?.[field] ?? field), m.key, m.params);
          // Its assignments are still checked (their own errors shown), against the station as written.
          pending.set(sref.ref, { id: 0, service: v.service ?? '' });
        } else {
          const { plan } = outcome;
          const stationAction = outcomeOf(plan);
          raise(stationAction);
          const write = plan.kind === 'stations' ? plan.write : null;
          pending.set(sref.ref, { id: plan.existing?.id ?? 0, service: write?.service ?? '' });
          if (o.keepPlans && stationAction !== 'unchanged')
            result.planned.push({ row: item.row, ref: sref.ref, action: stationAction, plan });
        }
      } else if (!group.ok) add('stationExternalRef', 'imports.stationRowBad', { row: group.row });
      else
        for (const f of REGISTER_STATION_FIELDS)
          if (v[f] && v[f] !== group.cells[f]) add(f, 'imports.stationDiffers', { row: group.row });
    }

    // The assignment, unless the row is its station's alone.
    if (!REGISTER_ASSIGNMENT_FIELDS.every((f) => !v[f])) {
      const aref = externalRefOf(v);
      if ('error' in aref) add('externalRef', aref.error.key, aref.error.params);
      else if (seen.has(aref.ref)) add('externalRef', 'imports.duplicateRef', { row: seen.get(aref.ref) ?? 0 });
      else seen.set(aref.ref, item.row);
      const outcome = sref && 'ref' in sref ? await assignmentRules.row(v, headerOf) : null;
      if (outcome && 'errors' in outcome)
        for (const [field, m] of Object.entries(outcome.errors))
          add(field === '_form' ? 'externalRef' : field, m.key, m.params);
      if (outcome && 'plan' in outcome && 'ref' in aref && 'ref' in sref && !rowErrors.length) {
        const a = outcomeOf(outcome.plan);
        raise(a);
        if (o.keepPlans && a !== 'unchanged')
          result.planned.push({ row: item.row, ref: aref.ref, action: a, plan: outcome.plan, stationRef: sref.ref });
      }
    }
    if (rowErrors.length) action = 'error';
    result.errors.push(...rowErrors);
    result.counts[action] += 1;
    letters.push(OUTCOME_LETTERS[action]);
    result.rowCount = item.row;
    if (o.onProgress && item.row % 1000 === 0) await o.onProgress(item.row);
  }
  result.outcomes = letters.join('');
  return result;
}

/** The check of any import file: the `register` form here, the one-record-type files by imports.check.ts. */
export function checkAnyFile(o: CheckOptions): Promise<CheckResult> {
  return o.kind === 'register' ? checkRegisterFile(o) : checkFile(o);
}
