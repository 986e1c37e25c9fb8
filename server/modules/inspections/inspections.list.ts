/** The inspections list (page and API): filters, sorting and paging, within the districts the viewer sees. */
import { intOf } from '../../lib/schema-helpers';
import { Op, type WhereOptions } from 'sequelize';
import type { CurrentUser } from '../../lib/actor';
import { todayIso } from '../../lib/dates';
import { inListOrder, type ExportSource, type ListQuery } from '../../lib/export';
import type { PageRequest } from '../../lib/pagination';
import { Inspection, INSPECTION_STATUSES, INSPECTION_TYPES } from '../../models/Inspection';
import { InspectionInspector } from '../../models/InspectionInspector';
import { Station } from '../../models/Station';
import { User } from '../../models/User';
import { visibleDistricts } from './inspections.policy';

export const INSPECTION_SORTS = [
  'reference',
  'scheduledFor',
  'performedAt',
  'status',
  'districtCode',
  'updatedAt',
  'createdAt',
] as const;

export interface InspectionFilter {
  q?: unknown;
  district?: unknown;
  status?: unknown;
  type?: unknown;
  inspector?: unknown;
  overdue?: unknown;
  stationId?: unknown;
  licenceId?: unknown;
  /** YYYY-MM-DD: completed (or since closed) on or after that day, as the dashboard's "done this year" counts. */
  completedFrom?: unknown;
  sort: { field: (typeof INSPECTION_SORTS)[number]; dir: 'ASC' | 'DESC' };
}

/** The list's filter (within the viewer's districts) and order, shared by the page, the JSON list and the export. */
async function inspectionListQuery(f: InspectionFilter, viewer: CurrentUser): Promise<ListQuery> {
  const and: WhereOptions[] = [];
  const visible = visibleDistricts(viewer);
  if (visible) and.push({ districtCode: visible });
  if (typeof f.q === 'string' && f.q.trim())
    and.push({
      [Op.or]: [
        { reference: { [Op.like]: `%${f.q.trim().toUpperCase()}%` } },
        { place: { [Op.like]: `%${f.q.trim()}%` } },
      ],
    });
  if (typeof f.district === 'string' && f.district) and.push({ districtCode: f.district });
  if (typeof f.status === 'string' && (INSPECTION_STATUSES as readonly string[]).includes(f.status))
    and.push({ status: f.status });
  if (typeof f.type === 'string' && (INSPECTION_TYPES as readonly string[]).includes(f.type))
    and.push({ type: f.type });
  if (f.overdue === '1' || f.overdue === 'true')
    and.push({ status: ['planned', 'in_progress'], scheduledFor: { [Op.lt]: todayIso() } });
  if (typeof f.completedFrom === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(f.completedFrom))
    and.push({
      status: ['completed', 'closed'],
      completedAt: { [Op.gte]: new Date(`${f.completedFrom}T00:00:00Z`) },
    });
  const stationId = intOf(f.stationId);
  if (stationId !== null) and.push({ stationId });
  const licenceId = intOf(f.licenceId);
  if (licenceId !== null) and.push({ licenceId });
  const inspector = intOf(f.inspector);
  if (inspector !== null)
    and.push({ id: (await InspectionInspector.findAll({ where: { userId: inspector } })).map((r) => r.inspectionId) });
  return {
    where: { [Op.and]: and },
    include: [
      { model: Station, as: 'station', attributes: ['id', 'name', 'licenceId'] },
      { model: User, as: 'inspectors', attributes: ['id', 'username', 'fullName'], through: { attributes: [] } },
    ],
    distinct: true,
    order: [
      [f.sort.field, f.sort.dir],
      ['id', 'DESC'],
    ],
  };
}

/** The inspections list (page and API) as `viewer` may see it: an inspector their districts only (as on the map). */
export async function listInspections(
  f: InspectionFilter,
  page: PageRequest,
  viewer: CurrentUser,
): Promise<{ rows: Inspection[]; total: number }> {
  const { rows, count } = await Inspection.findAndCountAll({
    ...(await inspectionListQuery(f, viewer)),
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
}

/** The whole filtered and sorted list as `viewer` may see it, batch by batch (SPEC §10.3). */
export async function exportInspections(f: InspectionFilter, viewer: CurrentUser): Promise<ExportSource<Inspection>> {
  return inListOrder(Inspection, await inspectionListQuery(f, viewer));
}
