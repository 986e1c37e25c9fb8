/**
 * The due list as a list (page /inspections/due, its CSV, and GET /api/v1/inspections/due): the stations
 * due or overdue for inspection that the viewer may see, filtered by district and state and sorted. The
 * dashboard's overdue and due figures (districtCounts) count the same items, so `district` and `state`
 * give a list whose total is the figure.
 */
import type { CurrentUser } from '../../lib/actor';
import { sortOrder } from '../../lib/pagination';
import { Licence } from '../../models/Licence';
import { Licensee } from '../../models/Licensee';
import { compareDue, type DueState } from './due';
import { dueStations, type DueItem } from './due.service';
import { visibleDistricts } from './inspections.policy';
import { DUE_SORTS, DueListQuery, type DueSort } from './inspections.schema';

export interface DueList {
  /** Every matching item, in the asked order (the page slices it). */
  items: DueItem[];
  /** In the district filter and the viewer's districts, before the state filter: the counts beside the filter. */
  counts: Record<Exclude<DueState, 'later'>, number>;
  filter: { district: string | null; state: 'overdue' | 'due' | null };
  sort: { field: DueSort; dir: 'ASC' | 'DESC'; param: string };
  position: { latitude: number; longitude: number } | null;
}

const byText = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'vi', { numeric: true });

/** Ascending order of one column; equal values fall back to the due order (most overdue, nearest, station). */
const ORDER: Record<DueSort, (a: DueItem, b: DueItem) => number> = {
  dueOn: () => 0,
  station: (a, b) => byText(a.stationName, b.stationName),
  licence: (a, b) => byText(a.licenceNumber, b.licenceNumber),
  district: (a, b) => a.districtCode.localeCompare(b.districtCode),
  // Never inspected first: the longest without a visit.
  lastInspectedOn: (a, b) =>
    a.lastInspectedOn === b.lastInspectedOn
      ? 0
      : a.lastInspectedOn === null
        ? -1
        : b.lastInspectedOn === null
          ? 1
          : a.lastInspectedOn.localeCompare(b.lastInspectedOn),
};

/**
 * Stations due for inspection as `viewer` may see them (an inspector: their districts; others: every
 * district, as the inspections list), from the raw query (district, state, sort, lat, lon).
 */
export async function listDue(query: unknown, viewer: CurrentUser, today: string): Promise<DueList> {
  const raw = (query ?? {}) as Record<string, unknown>;
  const q = DueListQuery.parse({ district: raw.district, state: raw.state, lat: raw.lat, lon: raw.lon });
  const sort = sortOrder(raw.sort, DUE_SORTS, 'dueOn');
  const visible = visibleDistricts(viewer);
  const wanted = q.district ? [q.district] : null;
  const districtCodes = visible ? visible.filter((c) => !wanted || wanted.includes(c)) : wanted;
  const position = q.lat !== null && q.lon !== null ? { latitude: q.lat, longitude: q.lon } : null;
  const all = districtCodes && !districtCodes.length ? [] : await dueStations({ districtCodes, today, position });
  const counts = { overdue: 0, due: 0 };
  for (const it of all) if (it.state !== 'later') counts[it.state] += 1;
  const items = q.state ? all.filter((it) => it.state === q.state) : all;
  const sign = sort.dir === 'ASC' ? 1 : -1;
  items.sort((a, b) => sign * (ORDER[sort.field](a, b) || compareDue(a, b)));
  return { items, counts, filter: { district: q.district, state: q.state }, sort, position };
}

/** The licensee of each licence on a page of the list (or of the whole list, for the CSV). */
export async function licenseesOf(items: DueItem[]): Promise<Map<number, { id: number; name: string }>> {
  const ids = [...new Set(items.map((it) => it.licenceId))];
  const out = new Map<number, { id: number; name: string }>();
  // In slices: the CSV asks for the whole list, and an IN list stays short.
  for (let i = 0; i < ids.length; i += 500) {
    const licences = await Licence.findAll({
      where: { id: ids.slice(i, i + 500) },
      attributes: ['id', 'licenseeId'],
      include: [{ model: Licensee, as: 'licensee', attributes: ['id', 'name'] }],
    });
    for (const l of licences) if (l.licensee) out.set(l.id, { id: l.licensee.id, name: l.licensee.name });
  }
  return out;
}
