/**
 * What every inspection use case shares: the context, the record as audited, the policy check (403/409)
 * and loading an inspection (404). A leaf of the module: it imports none of the other use-case files.
 */
import type { Sequelize, Transaction } from 'sequelize';
import type { CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import { Finding } from '../../models/Finding';
import { Inspection } from '../../models/Inspection';
import { InspectionInspector } from '../../models/InspectionInspector';
import { InspectionPhoto } from '../../models/InspectionPhoto';
import { Licence } from '../../models/Licence';
import { Licensee } from '../../models/Licensee';
import { Measurement } from '../../models/Measurement';
import { Station } from '../../models/Station';
import { User } from '../../models/User';
import { type DistrictService } from '../districts/districts.service';
import { canInspection, canSee, type InspectionAction, type InspectionFacts, type Verdict } from './inspections.policy';

export interface InspectionCtx {
  sequelize: Sequelize;
  districts: DistrictService;
  uploadDir: string;
}

const FIELDS = [
  'reference',
  'type',
  'status',
  'districtCode',
  'stationId',
  'licenceId',
  'place',
  'latitude',
  'longitude',
  'positionAccuracyM',
  'positionSource',
  'scheduledFor',
  'performedAt',
  'notes',
  'outcome',
  'cancelReason',
  'completedById',
  'completedAt',
] as const;

export function inspectionPlain(i: Inspection): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [f, i[f]]));
}

export function refuse(v: Verdict): void {
  if (v.ok) return;
  if (v.status === 403) throw new ForbiddenError(v.key, v.params);
  throw new ConflictError(v.key, v.params);
}

export async function inspectorIdsOf(inspectionId: number, transaction?: Transaction): Promise<number[]> {
  return (await InspectionInspector.findAll({ where: { inspectionId }, transaction })).map((r) => r.userId);
}

export async function factsOf(i: Inspection, transaction?: Transaction): Promise<InspectionFacts> {
  return {
    status: i.status,
    districtCode: i.districtCode,
    inspectorIds: i.inspectors ? i.inspectors.map((u) => u.id) : await inspectorIdsOf(i.id, transaction),
  };
}

export async function check(
  user: CurrentUser,
  action: InspectionAction,
  i: Inspection,
  transaction: Transaction,
): Promise<void> {
  refuse(canInspection(user, action, await factsOf(i, transaction)));
}

export async function getInspection(id: number, transaction?: Transaction): Promise<Inspection> {
  const i = Number.isInteger(id)
    ? await Inspection.findByPk(id, {
        include: [
          {
            model: Station,
            as: 'station',
            include: [{ model: Licence, as: 'licence', include: [{ model: Licensee, as: 'licensee' }] }],
          },
          { model: User, as: 'inspectors', attributes: ['id', 'username', 'fullName'], through: { attributes: [] } },
          { model: Measurement, as: 'measurements' },
          { model: InspectionPhoto, as: 'photos' },
          { model: Finding, as: 'findings' },
        ],
        order: [
          [{ model: Measurement, as: 'measurements' }, 'id', 'ASC'],
          [{ model: InspectionPhoto, as: 'photos' }, 'id', 'ASC'],
          [{ model: Finding, as: 'findings' }, 'id', 'ASC'],
        ],
        transaction,
      })
    : null;
  if (!i) throw new NotFoundError('inspections.notFound');
  return i;
}

/** An inspection as this user may read it: 404 when it is in a district they do not see (inspections.policy canSee). */
export async function getInspectionFor(user: CurrentUser, id: number): Promise<Inspection> {
  const i = await getInspection(id);
  if (!canSee(user, i.districtCode)) throw new NotFoundError('inspections.notFound');
  return i;
}

export async function startIfPlanned(i: Inspection, transaction: Transaction): Promise<void> {
  if (i.status === 'planned') await i.update({ status: 'in_progress', performedAt: new Date() }, { transaction });
}
