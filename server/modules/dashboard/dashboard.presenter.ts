/**
 * Dashboard figures → tables (with the link behind every figure), chart specs for public/js/dashboard.js,
 * and CSV rows. The page, the CSV exports and the JSON API read the same figures.
 */
import type { Formatter } from '../../lib/format';
import { LICENCE_STATUSES } from '../../models/Licence';
import { SERVICE_CODES } from '../../models/Service';
import { SEVERITIES } from '../../models/Conflict';
import { dueListHref, FINDING_COLUMNS, FINDING_SEVERITIES, findingQuery } from './dashboard.inspections';
import { CONFLICT_KINDS, IN_FORCE, type DashboardFigures, type DistrictStatusChoice } from './dashboard.service';

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

/** UI.md colours: status and severity colours as in public/css/app.css; a qualitative palette for series. */
const STATUS_COLOURS: Record<string, string> = {
  draft: '#5f6b7a',
  submitted: '#1f5fbf',
  issued: '#1e7b34',
  rejected: '#b42318',
  suspended: '#9a6700',
  revoked: '#7a1a12',
  expired: '#3d4450',
};
const SEVERITY_COLOURS: Record<string, string> = { high: '#b42318', medium: '#9a6700', low: '#d4b800' };
const PALETTE = ['#0b5cad', '#e07b00', '#1e7b34', '#8e44ad', '#b42318', '#00838f', '#6d4c41', '#c2185b', '#5f6b7a'];

function q(path: string, params: Record<string, string | number | null | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}
const mhz = (hz: number) => `${hz / 1e6} MHz`;
/** The licences list behind a figure. `status: 'all'` means no status filter. */
export function licencesHref(f: {
  status?: DistrictStatusChoice | null;
  service?: string | null;
  district?: string | null;
  expiring?: number | null;
  freqFromHz?: number;
  freqToHz?: number;
}): string {
  return q('/licences', {
    status: f.status === 'all' ? null : f.status,
    service: f.service,
    district: f.district,
    expiring: f.expiring,
    freqFrom: f.freqFromHz === undefined ? null : mhz(f.freqFromHz),
    freqTo: f.freqToHz === undefined ? null : mhz(f.freqToHz),
  });
}
export function conflictsHref(f: { severity?: string | null; kind?: string | null }): string {
  return q('/conflicts', { status: 'open', severity: f.severity, kind: f.kind });
}

export function presentDashboard(d: DashboardFigures, t: Translate, fmt: Formatter): DashTable[] {
  const n = (value: number, href: string | null): DashCell => ({ text: fmt.number(value, 0), value, href });
  const text = (s: string): DashCell => ({ text: s, value: null, href: null });
  const status = (s: string) => t(`licences.statuses.${s}`);
  const service = (s: string) => t(`services.codes.${s}`);
  const total = t('dashboard.total');

  const statusTable: DashTable = {
    id: 'status',
    title: t('dashboard.status.title'),
    caption: t('dashboard.status.caption'),
    rowHeader: t('licences.status'),
    columns: [t('dashboard.licences')],
    rows: [
      ...LICENCE_STATUSES.map((s) => ({
        head: status(s),
        cells: [n(d.licences.byStatus[s], licencesHref({ status: s }))],
      })),
      { head: total, total: true, cells: [n(d.licences.total, '/licences')] },
    ],
    chart: {
      type: 'bar',
      labels: LICENCE_STATUSES.map(status),
      datasets: [
        {
          label: t('dashboard.licences'),
          data: LICENCE_STATUSES.map((s) => d.licences.byStatus[s]),
          color: LICENCE_STATUSES.map((s) => STATUS_COLOURS[s] ?? PALETTE[0] ?? '#000'),
        },
      ],
    },
  };

  const serviceTable: DashTable = {
    id: 'service',
    title: t('dashboard.service.title'),
    caption: t('dashboard.service.caption'),
    rowHeader: t('licences.service'),
    columns: [...LICENCE_STATUSES.map(status), total],
    wide: true,
    rows: [
      ...SERVICE_CODES.map((sv) => ({
        head: service(sv),
        cells: [
          ...LICENCE_STATUSES.map((s) =>
            n(d.licences.byServiceStatus[sv][s], licencesHref({ status: s, service: sv })),
          ),
          n(d.licences.byService[sv], licencesHref({ service: sv })),
        ],
      })),
      {
        head: total,
        total: true,
        cells: [
          ...LICENCE_STATUSES.map((s) => n(d.licences.byStatus[s], licencesHref({ status: s }))),
          n(d.licences.total, '/licences'),
        ],
      },
    ],
    chart: {
      type: 'bar',
      stacked: true,
      horizontal: true,
      labels: SERVICE_CODES.map(service),
      datasets: LICENCE_STATUSES.map((s) => ({
        label: status(s),
        data: SERVICE_CODES.map((sv) => d.licences.byServiceStatus[sv][s]),
        color: STATUS_COLOURS[s] ?? '#000',
      })),
    },
  };

  const ds = d.districts.status;
  const districtName = (code: string | null, name: string | null) =>
    code === null ? t('dashboard.district.none') : name ? `${name} (${code})` : code;
  const districtTable: DashTable = {
    id: 'district',
    title: t('dashboard.district.title'),
    caption: t('dashboard.district.caption', {
      status: ds === 'all' ? t('dashboard.district.allStatuses') : status(ds),
    }),
    rowHeader: t('licences.district'),
    columns: [...SERVICE_CODES.map(service), total],
    wide: true,
    rows: [
      ...d.districts.rows.map((r) => {
        const district = r.code ?? 'none';
        return {
          head: districtName(r.code, r.name),
          cells: [
            ...SERVICE_CODES.map((sv) => n(r.byService[sv], licencesHref({ status: ds, service: sv, district }))),
            n(r.total, licencesHref({ status: ds, district })),
          ],
        };
      }),
      {
        head: t('dashboard.district.allDistricts'),
        total: true,
        cells: [
          ...SERVICE_CODES.map((sv) => n(d.districts.byService[sv], licencesHref({ status: ds, service: sv }))),
          n(d.districts.total, licencesHref({ status: ds })),
        ],
      },
    ],
    chart: {
      type: 'bar',
      stacked: true,
      horizontal: true,
      labels: d.districts.rows.map((r) => (r.code === null ? t('dashboard.district.none') : (r.name ?? r.code))),
      datasets: SERVICE_CODES.map((sv, i) => ({
        label: service(sv),
        data: d.districts.rows.map((r) => r.byService[sv]),
        color: PALETTE[i % PALETTE.length] ?? '#000',
      })),
    },
  };

  const expiringTable: DashTable = {
    id: 'expiring',
    title: t('dashboard.expiring.title'),
    caption: t('dashboard.expiring.caption', { date: fmt.date(d.today) }),
    rowHeader: t('dashboard.expiring.window'),
    columns: [t('dashboard.licences')],
    rows: d.expiring.map((e) => ({
      head: t('dashboard.expiring.within', { count: e.days }),
      cells: [n(e.count, licencesHref({ expiring: e.days }))],
    })),
    chart: {
      type: 'bar',
      labels: d.expiring.map((e) => t('dashboard.expiring.within', { count: e.days })),
      datasets: [
        {
          label: t('dashboard.licences'),
          data: d.expiring.map((e) => e.count),
          color: STATUS_COLOURS.suspended ?? '#000',
        },
      ],
    },
  };

  const kind = (k: string) => t(`conflicts.kinds.${k}`);
  const severity = (s: string) => t(`conflicts.severities.${s}`);
  const conflictTable: DashTable = {
    id: 'conflicts',
    title: t('dashboard.conflicts.title'),
    caption: t('dashboard.conflicts.caption'),
    rowHeader: t('conflicts.severity'),
    columns: [...CONFLICT_KINDS.map(kind), total],
    rows: [
      ...SEVERITIES.map((s) => ({
        head: severity(s),
        cells: [
          ...CONFLICT_KINDS.map((k) => n(d.conflicts.open[s][k], conflictsHref({ severity: s, kind: k }))),
          n(d.conflicts.bySeverity[s], conflictsHref({ severity: s })),
        ],
      })),
      {
        head: total,
        total: true,
        cells: [
          ...CONFLICT_KINDS.map((k) =>
            n(
              SEVERITIES.reduce((sum, s) => sum + d.conflicts.open[s][k], 0),
              conflictsHref({ kind: k }),
            ),
          ),
          n(d.conflicts.total, conflictsHref({})),
        ],
      },
    ],
    chart: {
      type: 'bar',
      stacked: true,
      labels: SEVERITIES.map(severity),
      datasets: CONFLICT_KINDS.map((k, i) => ({
        label: kind(k),
        data: SEVERITIES.map((s) => d.conflicts.open[s][k]),
        color: i === 0 ? SEVERITIES.map((s) => SEVERITY_COLOURS[s] ?? '#000') : SEVERITIES.map(() => '#8fa3b8'),
      })),
    },
  };

  const band = (lowHz: number, highHz: number) => `${fmt.frequency(lowHz)} – ${fmt.frequency(highHz)}`;
  const bandsTable: DashTable = {
    id: 'bands',
    title: t('dashboard.bands.title'),
    caption: t('dashboard.bands.caption', { status: status(IN_FORCE) }),
    rowHeader: t('dashboard.bands.band'),
    columns: [t('dashboard.bands.services'), t('dashboard.bands.assignments'), t('dashboard.licences')],
    rows: d.bands.map((b) => {
      const href = licencesHref({ status: IN_FORCE, freqFromHz: b.lowHz, freqToHz: b.highHz });
      return {
        head: band(b.lowHz, b.highHz),
        // No list counts assignments (the licences list counts licences): the assignments figure is not a link.
        cells: [text(b.services.map(service).join(', ')), n(b.assignments, null), n(b.licences, href)],
      };
    }),
    chart: {
      type: 'bar',
      labels: d.bands.map((b) => band(b.lowHz, b.highHz)),
      datasets: [
        {
          label: t('dashboard.bands.assignments'),
          data: d.bands.map((b) => b.assignments),
          color: PALETTE[0] ?? '#000',
        },
      ],
      yTitle: t('dashboard.bands.assignments'),
    },
  };

  const channelsTable: DashTable = {
    id: 'channels',
    title: t('dashboard.channels.title'),
    caption: t('dashboard.channels.caption', { status: status(IN_FORCE) }),
    rowHeader: t('dashboard.channels.frequency'),
    columns: [t('dashboard.bands.assignments')],
    folded: true,
    rows: d.channels.map((c) => ({
      head: fmt.frequency(c.frequencyHz),
      // Assignments on one channel: no list counts them (the licences list counts licences overlapping it).
      cells: [n(c.assignments, null)],
    })),
    chart: {
      type: 'scatter',
      logX: true,
      labels: [],
      xTitle: t('dashboard.channels.axisMhz'),
      yTitle: t('dashboard.bands.assignments'),
      datasets: [
        {
          label: t('dashboard.bands.assignments'),
          data: d.channels.map((c) => ({ x: c.frequencyHz / 1e6, y: c.assignments })),
          color: PALETTE[0] ?? '#000',
        },
      ],
    },
  };

  const findingColumn = (c: string) => t(`dashboard.findings.columns.${c}`);
  const findingSeverity = (s: string) => t(`dashboard.findings.severities.${s}`);
  const fi = d.inspections.findings;
  const findingsTable: DashTable = {
    id: 'findings',
    title: t('dashboard.findings.title'),
    caption: t('dashboard.findings.caption', { date: fmt.date(d.today) }),
    rowHeader: t('dashboard.findings.severity'),
    columns: FINDING_COLUMNS.map(findingColumn),
    rows: [
      ...FINDING_SEVERITIES.map((s) => ({
        head: findingSeverity(s),
        cells: FINDING_COLUMNS.map((c) => n(fi.bySeverity[s][c], q('/findings', findingQuery(c, s)))),
      })),
      {
        head: total,
        total: true,
        cells: FINDING_COLUMNS.map((c) => n(fi.total[c], q('/findings', findingQuery(c, null)))),
      },
    ],
    chart: {
      type: 'bar',
      labels: FINDING_SEVERITIES.map(findingSeverity),
      datasets: FINDING_COLUMNS.map((c, i) => ({
        label: findingColumn(c),
        data: FINDING_SEVERITIES.map((s) => fi.bySeverity[s][c]),
        color: ['#9a6700', '#1f5fbf', '#b42318'][i] ?? '#000',
      })),
    },
  };

  const visitColumns = ['overdue', 'due', 'done'] as const;
  const visits = d.inspections.districts;
  // "Done this year" counts inspections completed (or since closed) from 1 January: the list's completedFrom filter.
  // Overdue and due count stations due for inspection: the due list filtered by district and state.
  const yearStart = `${d.today.slice(0, 4)}-01-01`;
  const visitHref = (c: (typeof visitColumns)[number], district: string | null) =>
    c === 'done' ? q('/inspections', { district, completedFrom: yearStart }) : dueListHref({ district, state: c });
  const inspectionsTable: DashTable = {
    id: 'inspections',
    title: t('dashboard.visits.title'),
    caption: t('dashboard.visits.caption'),
    rowHeader: t('licences.district'),
    columns: visitColumns.map((c) => t(`dashboard.visits.columns.${c}`)),
    rows: [
      ...visits.map((r) => ({
        head: r.name ? `${r.name} (${r.code})` : r.code,
        cells: visitColumns.map((c) => n(r[c], visitHref(c, r.code))),
      })),
      {
        head: t('dashboard.district.allDistricts'),
        total: true,
        cells: visitColumns.map((c) =>
          n(
            visits.reduce((sum, r) => sum + r[c], 0),
            visitHref(c, null),
          ),
        ),
      },
    ],
    chart: {
      type: 'bar',
      horizontal: true,
      labels: visits.map((r) => r.name ?? r.code),
      datasets: visitColumns.map((c, i) => ({
        label: t(`dashboard.visits.columns.${c}`),
        data: visits.map((r) => r[c]),
        color: ['#b42318', '#9a6700', '#1e7b34'][i] ?? '#000',
      })),
    },
  };

  return [
    statusTable,
    serviceTable,
    districtTable,
    expiringTable,
    conflictTable,
    bandsTable,
    channelsTable,
    findingsTable,
    inspectionsTable,
  ];
}

/** Header row and data rows of one table for CSV: numbers unformatted, texts as shown. */
export function csvRecords(table: DashTable): (string | number)[][] {
  return [
    [table.rowHeader, ...table.columns],
    ...table.rows.map((r) => [r.head, ...r.cells.map((c) => c.value ?? c.text)]),
  ];
}
