/** Readings taken on an inspection: added with the inspection or one by one, deleted by its inspectors. */
import type { Transaction } from 'sequelize';
import type { Actor, CurrentUser } from '../../lib/actor';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { parseInput } from '../../lib/validation';
import { Measurement } from '../../models/Measurement';
import { recordAudit } from '../audit/audit.service';
import { check, getInspection, startIfPlanned, type InspectionCtx } from './inspections.core';
import { hasReadings, MeasurementInput, type MeasurementInput as Readings } from './inspections.schema';

/** Stores one set of readings on an inspection, with its audit row. */
export async function addReadings(
  transaction: Transaction,
  inspectionId: number,
  m: Readings,
  userId: number,
  actor: Actor,
): Promise<Measurement> {
  const created = await Measurement.create(
    {
      inspectionId,
      frequencyHz: m.frequencyHz,
      frequencyErrorHz: m.frequencyErrorHz,
      bandwidthHz: m.bandwidthHz,
      fieldStrengthDbuv: m.fieldStrengthDbuv,
      distanceM: m.distanceM,
      erpW: m.erpW,
      antennaHeightM: m.antennaHeightM,
      azimuthDeg: m.azimuthDeg,
      equipmentSeen: m.equipmentSeen,
      note: m.note,
      createdById: userId,
    },
    { transaction },
  );
  await recordAudit(transaction, {
    actor,
    entity: 'inspection',
    entityId: inspectionId,
    action: 'measurement.add',
    changes: { measurement: { before: null, after: measurementPlain(created) } },
  });
  return created;
}

function measurementPlain(m: Measurement): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = m.get({ plain: true });
  return rest;
}
export async function addMeasurement(
  ctx: InspectionCtx,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Measurement> {
  return ctx.sequelize.transaction(async (transaction) => {
    const i = await getInspection(id, transaction);
    await check(user, 'record', i, transaction);
    const input = parseInput(MeasurementInput, body);
    if (!hasReadings(input)) throw new ValidationError({ frequencyHz: { key: 'v.measurementEmpty' } });
    await startIfPlanned(i, transaction);
    return addReadings(transaction, i.id, input, user.id, actor);
  });
}

export async function deleteMeasurement(
  ctx: InspectionCtx,
  id: number,
  measurementId: number,
  user: CurrentUser,
  actor: Actor,
): Promise<void> {
  await ctx.sequelize.transaction(async (transaction) => {
    const i = await getInspection(id, transaction);
    await check(user, 'record', i, transaction);
    const m = await Measurement.findOne({ where: { id: measurementId, inspectionId: i.id }, transaction });
    if (!m) throw new NotFoundError('inspections.measurementNotFound');
    await recordAudit(transaction, {
      actor,
      entity: 'inspection',
      entityId: i.id,
      action: 'measurement.delete',
      changes: { measurement: { before: measurementPlain(m), after: null } },
    });
    await m.destroy({ transaction });
  });
}
