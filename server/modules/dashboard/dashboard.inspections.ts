/**
 * The dashboard's inspection figures (SPEC §6: findings open and overdue; inspections done vs due per
 * district), read through the inspections module's own services so that each figure is counted by the
 * rule of the list it links to. The only file of the dashboard that knows the inspections module.
 */
import { SEVERITIES as FINDING_SEVERITIES } from '../../models/Finding';
import type { PageRequest } from '../../lib/pagination';
import type { DistrictService } from '../districts/districts.service';
import { districtCounts } from '../inspections/due.service';
import { listFindings, type FindingFilter } from '../inspections/findings.service';
import { dueListHref } from '../inspections/inspections.presenter';

/** The list of stations due for inspection behind an overdue or due figure (/inspections/due). */
export { dueListHref };

export { FINDING_SEVERITIES };
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_COLUMNS = ['open', 'action_required', 'overdue'] as const;
export type FindingColumn = (typeof FINDING_COLUMNS)[number];

export interface InspectionFigures {
  /** Findings by severity: status open, status action_required, and overdue (either, past its due date). */
  findings: {
    bySeverity: Record<FindingSeverity, Record<FindingColumn, number>>;
    total: Record<FindingColumn, number>;
  };
  /** Per current district: stations overdue and due soon for inspection, and inspections completed this year. */
  districts: { code: string; name: string | null; overdue: number; due: number; done: number }[];
}

const ONE: PageRequest = { page: 1, pageSize: 1, offset: 0 };

/** The list filter of /findings behind one figure. */
export function findingQuery(column: FindingColumn, severity: FindingSeverity | null): Record<string, string> {
  const q: Record<string, string> = column === 'overdue' ? { overdue: '1' } : { status: column };
  if (severity) q.severity = severity;
  return q;
}

async function findingCount(column: FindingColumn, severity: FindingSeverity | null): Promise<number> {
  const f: FindingFilter = { ...findingQuery(column, severity), sort: { field: 'dueDate', dir: 'ASC' } };
  return (await listFindings(f, ONE)).total;
}

export async function inspectionFigures(districts: DistrictService, today: string): Promise<InspectionFigures> {
  const cells = await Promise.all(
    FINDING_SEVERITIES.flatMap((s) => FINDING_COLUMNS.map(async (c) => ({ s, c, n: await findingCount(c, s) }))),
  );
  const totals = await Promise.all(FINDING_COLUMNS.map(async (c) => ({ c, n: await findingCount(c, null) })));
  const bySeverity: Record<FindingSeverity, Record<FindingColumn, number>> = {
    minor: { open: 0, action_required: 0, overdue: 0 },
    major: { open: 0, action_required: 0, overdue: 0 },
    critical: { open: 0, action_required: 0, overdue: 0 },
  };
  for (const x of cells) bySeverity[x.s][x.c] = x.n;
  const total: Record<FindingColumn, number> = { open: 0, action_required: 0, overdue: 0 };
  for (const x of totals) total[x.c] = x.n;

  const counts = new Map((await districtCounts(today)).map((c) => [c.districtCode, c]));
  const rows: InspectionFigures['districts'] = (await districts.current()).map((d) => ({
    code: d.code,
    name: d.name,
    overdue: counts.get(d.code)?.overdue ?? 0,
    due: counts.get(d.code)?.due ?? 0,
    done: counts.get(d.code)?.done ?? 0,
  }));
  const known = new Set(rows.map((r) => r.code));
  for (const c of counts.values())
    if (!known.has(c.districtCode))
      rows.push({ code: c.districtCode, name: null, overdue: c.overdue, due: c.due, done: c.done });
  return { findings: { bySeverity, total }, districts: rows };
}
