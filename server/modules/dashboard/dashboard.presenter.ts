/**
 * Dashboard figures → tables (with the link behind every figure), chart specs for public/js/dashboard.js,
 * and CSV rows. The page, the CSV exports and the JSON API read the same figures.
 */
import type { Formatter } from '../../lib/format';
import {
  bandsTable,
  channelsTable,
  conflictsTable,
  districtTable,
  expiringTable,
  findingsTable,
  inspectionsTable,
  section,
  serviceTable,
  statusTable,
} from './dashboard.sections';
import type { DashboardFigures } from './dashboard.service';

export { conflictsHref, licencesHref } from './dashboard.sections';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export const TABLE_IDS = [
  'status',
  'service',
  'district',
  'expiring',
  'conflicts',
  'bands',
  'channels',
  'findings',
  'inspections',
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export interface DashCell {
  /** What the page shows (a formatted number or a text). */
  text: string;
  /** The number itself (null for text cells); CSV writes it unformatted. */
  value: number | null;
  href: string | null;
}
export interface DashRow {
  head: string;
  cells: DashCell[];
  /** The totals row, shown in <tfoot>. */
  total?: boolean;
}
export interface ChartSpec {
  type: 'bar' | 'scatter';
  /** Horizontal bars (long labels such as district names). */
  horizontal?: boolean;
  stacked?: boolean;
  /** Logarithmic x axis (frequencies from kHz to GHz). */
  logX?: boolean;
  labels: string[];
  datasets: { label: string; data: number[] | { x: number; y: number }[]; color: string | string[] }[];
  xTitle?: string;
  yTitle?: string;
}
export interface DashTable {
  id: TableId;
  title: string;
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: DashRow[];
  chart: ChartSpec | null;
  /** A long table folds into <details> under its chart. */
  folded?: boolean;
  /** A wide table (a cross table) goes under its chart rather than beside it. */
  wide?: boolean;
}

/**
 * The dashboard's tables in the order of the page, one section function each (dashboard.sections.ts, which
 * also holds the link builders and cell makers they share).
 */
export function presentDashboard(d: DashboardFigures, t: Translate, fmt: Formatter): DashTable[] {
  const s = section(d, t, fmt);
  return [
    statusTable(s),
    serviceTable(s),
    districtTable(s),
    expiringTable(s),
    conflictsTable(s),
    bandsTable(s),
    channelsTable(s),
    findingsTable(s),
    inspectionsTable(s),
  ];
}

/** Header row and data rows of one table for CSV: numbers unformatted, texts as shown. */
export function csvRecords(table: DashTable): (string | number)[][] {
  return [
    [table.rowHeader, ...table.columns],
    ...table.rows.map((r) => [r.head, ...r.cells.map((c) => c.value ?? c.text)]),
  ];
}
