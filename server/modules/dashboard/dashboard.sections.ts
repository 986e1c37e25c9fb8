/**
 * The dashboard's sections, one function each (figures → table with its links, and chart spec), in the order
 * of the page. First what they share: the colours, the link builders and the cell makers (`Section`).
 * presentDashboard (dashboard.presenter.ts) builds the `Section` once and calls every section with it.
 */
import type { Formatter } from '../../lib/format';
import { LICENCE_STATUSES } from '../../models/Licence';
import { SERVICE_CODES } from '../../models/Service';
import { SEVERITIES } from '../../models/Conflict';
import { dueListHref, FINDING_COLUMNS, FINDING_SEVERITIES, findingQuery } from './dashboard.inspections';
import type { DashCell, DashTable, Translate } from './dashboard.presenter';
import { CONFLICT_KINDS, IN_FORCE, type DashboardFigures, type DistrictStatusChoice } from './dashboard.service';

// ----------------------------------------------------------------------------------------------------
// Shared: colours, links, cells
// ----------------------------------------------------------------------------------------------------

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

/** A list's address with its filters as query parameters (empty ones left out). */
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

/** What every section reads: the figures, the language, and the cell makers and labels they share. */
export interface Section {
  d: DashboardFigures;
  t: Translate;
  fmt: Formatter;
  /** A number cell (formatted in the user's language) linking to the list it counts, or to nothing. */
  n(value: number, href: string | null): DashCell;
  /** A text cell. */
  text(s: string): DashCell;
  status(s: string): string;
  service(s: string): string;
  /** The label of a totals row or column. */
  total: string;
}

export function section(d: DashboardFigures, t: Translate, fmt: Formatter): Section {
  return {
    d,
    t,
    fmt,
    n: (value, href) => ({ text: fmt.number(value, 0), value, href }),
    text: (s) => ({ text: s, value: null, href: null }),
    status: (s) => t(`licences.statuses.${s}`),
    service: (s) => t(`services.codes.${s}`),
    total: t('dashboard.total'),
  };
}

// ----------------------------------------------------------------------------------------------------
// Licences: by status, by service and status, by district and service, expiring
// ----------------------------------------------------------------------------------------------------

export function statusTable({ d, t, n, status, total }: Section): DashTable {
  return {
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
}

export function serviceTable({ d, t, n, status, service, total }: Section): DashTable {
  return {
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
}

export function districtTable({ d, t, n, status, service, total }: Section): DashTable {
  const ds = d.districts.status;
  const districtName = (code: string | null, name: string | null) =>
    code === null ? t('dashboard.district.none') : name ? `${name} (${code})` : code;
  return {
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
}

export function expiringTable({ d, t, fmt, n }: Section): DashTable {
  return {
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
}

// ----------------------------------------------------------------------------------------------------
// Open conflicts by severity and kind
// ----------------------------------------------------------------------------------------------------

/** Kinds after the first (coloured by severity): adjacent channel, intermodulation. */
const KIND_COLOURS = ['#8fa3b8', '#6b4fa0'];

export function conflictsTable({ d, t, n, total }: Section): DashTable {
  const kind = (k: string) => t(`conflicts.kinds.${k}`);
  const severity = (s: string) => t(`conflicts.severities.${s}`);
  return {
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
        color:
          i === 0
            ? SEVERITIES.map((s) => SEVERITY_COLOURS[s] ?? '#000')
            : SEVERITIES.map(() => KIND_COLOURS[i - 1] ?? '#8fa3b8'),
      })),
    },
  };
}

// ----------------------------------------------------------------------------------------------------
// Spectrum in use: band occupancy, assignments per channel
// ----------------------------------------------------------------------------------------------------

export function bandsTable({ d, t, fmt, n, text, status, service }: Section): DashTable {
  const band = (lowHz: number, highHz: number) => `${fmt.frequency(lowHz)} – ${fmt.frequency(highHz)}`;
  return {
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
}

export function channelsTable({ d, t, fmt, n, status }: Section): DashTable {
  return {
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
}

// ----------------------------------------------------------------------------------------------------
// Inspections: findings by severity, inspections by district
// ----------------------------------------------------------------------------------------------------

export function findingsTable({ d, t, fmt, n, total }: Section): DashTable {
  const findingColumn = (c: string) => t(`dashboard.findings.columns.${c}`);
  const findingSeverity = (s: string) => t(`dashboard.findings.severities.${s}`);
  const fi = d.inspections.findings;
  return {
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
}

const VISIT_COLUMNS = ['overdue', 'due', 'done'] as const;

export function inspectionsTable({ d, t, n }: Section): DashTable {
  const visits = d.inspections.districts;
  // "Done this year" counts inspections completed (or since closed) from 1 January: the list's completedFrom filter.
  // Overdue and due count stations due for inspection: the due list filtered by district and state.
  const yearStart = `${d.today.slice(0, 4)}-01-01`;
  const visitHref = (c: (typeof VISIT_COLUMNS)[number], district: string | null) =>
    c === 'done' ? q('/inspections', { district, completedFrom: yearStart }) : dueListHref({ district, state: c });
  return {
    id: 'inspections',
    title: t('dashboard.visits.title'),
    caption: t('dashboard.visits.caption'),
    rowHeader: t('licences.district'),
    columns: VISIT_COLUMNS.map((c) => t(`dashboard.visits.columns.${c}`)),
    rows: [
      ...visits.map((r) => ({
        head: r.name ? `${r.name} (${r.code})` : r.code,
        cells: VISIT_COLUMNS.map((c) => n(r[c], visitHref(c, r.code))),
      })),
      {
        head: t('dashboard.district.allDistricts'),
        total: true,
        cells: VISIT_COLUMNS.map((c) =>
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
      datasets: VISIT_COLUMNS.map((c, i) => ({
        label: t(`dashboard.visits.columns.${c}`),
        data: visits.map((r) => r[c]),
        color: ['#b42318', '#9a6700', '#1e7b34'][i] ?? '#000',
      })),
    },
  };
}
