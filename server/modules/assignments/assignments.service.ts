/**
 * Frequency assignments of a station: necessary bandwidth decoded from the emission designator,
 * occupied range, and the band-plan check for transmitters (SPEC §2, §4.6).
 */
import type { Sequelize, Transaction } from 'sequelize';
import { checkBandPlan, occupiedRangeHz, type BandPlanCheck } from '../../../geo/bandplan/check';
import type { EmissionDesignator } from '../../../geo/emission/designator';
import type { Actor, CurrentUser } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { parseInput } from '../../lib/validation';
import { Assignment } from '../../models/Assignment';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { Licence } from '../../models/Licence';
import { Licensee } from '../../models/Licensee';
import { Station } from '../../models/Station';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import { refreshConflictsFor, resolveConflictsOf } from '../conflicts/conflicts.service';
import { checkLicenceEditable, getStation } from '../stations/stations.service';
import { assertLicenceRole } from '../licences/licences.service';
import { AssignmentInput, AssignmentUpdate } from './assignments.schema';

export { checkUnsaved } from './assignments.check';

const FIELDS = [
  'direction',
  'frequencyHz',
  'bandwidthHz',
  'emissionDesignator',
  'necessaryBandwidthHz',
  'occupiedLowHz',
  'occupiedHighHz',
  'status',
] as const;

export function assignmentPlain(a: Assignment): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [f, a[f]]));
}

export async function getAssignment(id: number, transaction?: Transaction): Promise<Assignment> {
  const a = Number.isInteger(id)
    ? await Assignment.findByPk(id, {
        include: [
          {
            model: Station,
            as: 'station',
            include: [{ model: Licence, as: 'licence', include: [{ model: Licensee, as: 'licensee' }] }],
          },
        ],
        transaction,
      })
    : null;
  if (!a) throw new NotFoundError('errors.assignmentNotFound');
  return a;
}

/** The band plan as deriveAssignment reads it (a bulk caller loads it once and passes it in). */
export async function bandPlanRows(transaction?: Transaction) {
  return (await BandPlanEntry.findAll({ transaction })).map((e) => ({
    id: e.id,
    lowHz: e.lowHz,
    highHz: e.highHz,
    services: e.services,
    channelRasterHz: e.channelRasterHz,
    note: e.note,
  }));
}

/** The derived fields of an assignment (pure apart from reading the band plan, unless `loaded` is given). */
export async function deriveAssignment(
  service: string,
  input: { direction: 'tx' | 'rx'; frequencyHz: number; bandwidthHz: number; emissionDesignator: EmissionDesignator },
  transaction?: Transaction,
  loaded?: Awaited<ReturnType<typeof bandPlanRows>>,
) {
  const necessaryBandwidthHz = Math.max(1, Math.round(input.emissionDesignator.necessaryBandwidthHz));
  const occ = occupiedRangeHz(input.frequencyHz, input.bandwidthHz, necessaryBandwidthHz);
  let bandPlanCheck: BandPlanCheck | null = null;
  if (input.direction === 'tx') {
    const bands = loaded ?? (await bandPlanRows(transaction));
    bandPlanCheck = checkBandPlan(
      { service, frequencyHz: input.frequencyHz, bandwidthHz: input.bandwidthHz, necessaryBandwidthHz },
      bands,
    );
  }
  return {
    emissionDesignator: input.emissionDesignator.designator,
    necessaryBandwidthHz,
    occupiedLowHz: occ.lowHz,
    occupiedHighHz: occ.highHz,
    bandPlanCheck,
  };
}

export async function createAssignment(
  sequelize: Sequelize,
  stationId: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Assignment> {
  assertLicenceRole(user, 'edit');
  const input = parseInput(AssignmentInput, body);
  const id = await sequelize.transaction(async (transaction) => {
    const s = await getStation(stationId, transaction);
    checkLicenceEditable(user, s.licence as Licence);
    const derived = await deriveAssignment(s.service, input, transaction);
    const a = await Assignment.create(
      {
        stationId: s.id,
        direction: input.direction,
        frequencyHz: input.frequencyHz,
        bandwidthHz: input.bandwidthHz,
        ...derived,
        status: 'active',
      },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'assignment',
      entityId: a.id,
      action: 'create',
      after: { stationId: s.id, ...assignmentPlain(a), bandPlan: a.bandPlanCheck?.status ?? null },
    });
    await refreshConflictsFor([a.id], transaction, actor);
    return a.id;
  });
  return getAssignment(id);
}

export async function updateAssignment(
  sequelize: Sequelize,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Assignment> {
  const audited = (a: Assignment) => ({ ...assignmentPlain(a), bandPlan: a.bandPlanCheck?.status ?? null });
  await sequelize.transaction(async (transaction) => {
    const a = await updateAudited({
      transaction,
      actor,
      entity: 'assignment',
      load: (tx) => getAssignment(id, tx),
      check: (a) => checkLicenceEditable(user, a.station?.licence as Licence),
      values: assignmentPlain,
      body,
      schema: AssignmentUpdate,
      apply: async (a, change) => {
        const derived = await deriveAssignment((a.station as Station).service, change, transaction);
        const { direction, frequencyHz, bandwidthHz } = change;
        await a.update({ direction, frequencyHz, bandwidthHz, ...derived }, { transaction });
      },
      audit: { before: audited, after: audited },
    });
    await refreshConflictsFor([a.id], transaction, actor);
  });
  return getAssignment(id);
}

export async function deleteAssignment(
  sequelize: Sequelize,
  id: number,
  version: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<number> {
  return sequelize.transaction(async (transaction) => {
    const a = await getAssignment(id, transaction);
    checkLicenceEditable(user, a.station?.licence as Licence);
    assertFresh(version, a);
    await recordAudit(transaction, {
      actor,
      entity: 'assignment',
      entityId: a.id,
      action: 'delete',
      before: assignmentPlain(a),
      after: null,
    });
    await resolveConflictsOf([a.id], transaction, actor);
    await a.destroy({ transaction });
    return a.stationId;
  });
}

export function assignmentsOfStation(stationId: number): Promise<Assignment[]> {
  return Assignment.findAll({
    where: { stationId },
    order: [
      ['frequencyHz', 'ASC'],
      ['id', 'ASC'],
    ],
  });
}
