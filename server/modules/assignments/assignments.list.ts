/**
 * The assignments list (JSON API) and its export (SPEC §10.3): one filter and order for both. With a
 * `transaction` (the register as of a day, history.service's readAsOf), the reads run in it.
 */
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { inListOrder, mapBatches, type ExportSource, type ListQuery } from '../../lib/export';
import type { PageRequest } from '../../lib/pagination';
import { Assignment } from '../../models/Assignment';
import { AssignmentFootprint } from '../../models/AssignmentFootprint';
import { Licence } from '../../models/Licence';
import { Station } from '../../models/Station';

export interface AssignmentFilter {
  stationId?: unknown;
  licenceId?: unknown;
  direction?: unknown;
  bandPlan?: unknown;
}

const idOf = (v: unknown) => (typeof v === 'string' && v !== '' && Number.isInteger(Number(v)) ? Number(v) : null);

/** The list's filter (station, licence, direction, band-plan warning) and order (frequency, then id). */
function assignmentListQuery(f: AssignmentFilter): ListQuery {
  const and: WhereOptions[] = [];
  const stationId = idOf(f.stationId);
  if (stationId !== null) and.push({ stationId });
  if (f.direction === 'tx' || f.direction === 'rx') and.push({ direction: f.direction });
  if (f.bandPlan === 'warning') and.push({ bandPlanCheck: { [Op.like]: '%"status":"warning"%' } });
  const licenceId = idOf(f.licenceId);
  return {
    where: { [Op.and]: and },
    include: [{ model: Station, as: 'station', where: licenceId !== null ? { licenceId } : undefined }],
    order: [
      ['frequencyHz', 'ASC'],
      ['id', 'ASC'],
    ],
  };
}

export async function listAssignments(
  f: AssignmentFilter,
  page: PageRequest,
  transaction?: Transaction,
): Promise<{ rows: Assignment[]; total: number }> {
  const { rows, count } = await Assignment.findAndCountAll({
    ...assignmentListQuery(f),
    limit: page.pageSize,
    offset: page.offset,
    transaction,
  });
  return { rows, total: count };
}

/** An assignment as exported: with its station and licence, and its stored footprint when asked for. */
export interface AssignmentExportRow {
  assignment: Assignment;
  /** The stored footprint polygon as its stored GeoJSON text (a GeoJSON export writes it as it is). */
  footprint: string | null;
}

/** What an export row shows of an assignment's station and licence. */
const STATION_ATTRIBUTES = ['id', 'licenceId', 'name', 'service', 'latitude', 'longitude', 'externalRef'];
const LICENCE_ATTRIBUTES = ['id', 'number', 'externalRef'];

/**
 * The whole filtered list, batch by batch, each assignment with its station and licence (the keys an import
 * matches on) and, when asked (GeoJSON, KML), its stored footprint. A batch reads each table once by id (a
 * join would repeat every station's and licence's columns on each of its assignments' rows).
 */
export async function exportAssignments(
  f: AssignmentFilter,
  options: { footprints?: boolean; transaction?: Transaction } = {},
): Promise<ExportSource<AssignmentExportRow>> {
  const { transaction } = options;
  const source = await inListOrder(Assignment, assignmentListQuery(f), { include: [], transaction });
  return mapBatches(source, async (batch) => {
    const stationIds = [...new Set(batch.map((a) => a.stationId))];
    const stations = stationIds.length
      ? await Station.findAll({ where: { id: stationIds }, attributes: STATION_ATTRIBUTES, transaction })
      : [];
    const licenceIds = [...new Set(stations.map((s) => s.licenceId))];
    const licences = licenceIds.length
      ? await Licence.findAll({ where: { id: licenceIds }, attributes: LICENCE_ATTRIBUTES, transaction })
      : [];
    const footprints =
      options.footprints && batch.length
        ? await AssignmentFootprint.findAll({
            where: { assignmentId: batch.map((a) => a.id) },
            attributes: ['assignmentId', 'polygon'],
            transaction,
          })
        : [];
    const licenceById = new Map(licences.map((l) => [l.id, l]));
    const stationById = new Map(
      stations.map((s) => [s.id, Object.assign(s, { licence: licenceById.get(s.licenceId) })]),
    );
    // The polygon's stored text, not parsed (the column's getter would parse it; GeoJSON writes it as it is).
    const footprintById = new Map(footprints.map((fp) => [fp.assignmentId, String(fp.getDataValue('polygon'))]));
    return batch.map((assignment) => ({
      assignment: Object.assign(assignment, { station: stationById.get(assignment.stationId) }),
      footprint: footprintById.get(assignment.id) ?? null,
    }));
  });
}
