/**
 * New inspections: logged in the field by an inspector (idempotent by clientKey) or planned by a manager,
 * and where they point (a station's district, a position's, or the district chosen).
 */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Actor, CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors';
import { parseInput } from '../../lib/validation';
import { Inspection } from '../../models/Inspection';
import { InspectionInspector } from '../../models/InspectionInspector';
import { Station } from '../../models/Station';
import { User } from '../../models/User';
import { UserDistrict } from '../../models/UserDistrict';
import { recordAudit } from '../audit/audit.service';
import { getInspection, inspectionPlain, refuse, type InspectionCtx } from './inspections.core';
import { addReadings } from './inspections.measurements';
import { addPhotoRows, withFiles } from './inspections.photos';
import { canCreate } from './inspections.policy';
import { hasReadings, InspectionInput, PlanInput } from './inspections.schema';
import { nextInspectionReference } from './reference';

async function districtOf(
  ctx: InspectionCtx,
  lat: number | null,
  lon: number | null,
  field = 'latitude',
): Promise<string> {
  const d = lat !== null && lon !== null ? await ctx.districts.lookup(lat, lon) : null;
  if (!d) throw new ValidationError({ [field]: { key: 'v.outsideJurisdiction' } });
  return d.code;
}

export interface Logged {
  inspection: Inspection;
  created: boolean;
}

/**
 * An inspector logs an inspection: at a station (its district) or at a place (the district of the
 * position). The same clientKey sent twice (an offline queue retrying) makes one inspection.
 */
export async function logInspection(
  ctx: InspectionCtx,
  body: unknown,
  files: readonly Express.Multer.File[],
  user: CurrentUser,
  actor: Actor,
): Promise<Logged> {
  if (user.role !== 'inspector') throw new ForbiddenError('inspections.refused.role');
  const input = parseInput(InspectionInput, body);
  const again = async (): Promise<Logged | null> => {
    if (!input.clientKey) return null;
    const found = await Inspection.findOne({ where: { clientKey: input.clientKey } });
    if (!found) return null;
    if (found.createdById !== user.id) throw new ConflictError('inspections.refused.clientKey');
    return { inspection: await getInspection(found.id), created: false };
  };
  const earlier = await again();
  if (earlier) return earlier;
  try {
    const id = await withFiles(ctx, (written) =>
      ctx.sequelize.transaction(async (transaction) => {
        const { districtCode, licenceId } = await stationOrPosition(
          ctx,
          input.stationId,
          input.latitude,
          input.longitude,
          transaction,
        );
        refuse(canCreate(user, districtCode));
        const now = new Date();
        const i = await Inspection.create(
          {
            reference: await nextInspectionReference(ctx.sequelize, transaction, now.getFullYear()),
            type: input.type,
            status: 'in_progress',
            districtCode,
            stationId: input.stationId,
            licenceId,
            place: input.place,
            latitude: input.latitude,
            longitude: input.longitude,
            positionAccuracyM: input.positionAccuracyM,
            positionSource: input.latitude === null ? null : (input.positionSource ?? 'manual'),
            scheduledFor: null,
            performedAt: now,
            notes: input.notes,
            outcome: null,
            clientKey: input.clientKey,
            createdById: user.id,
          },
          { transaction },
        );
        await InspectionInspector.create({ inspectionId: i.id, userId: user.id }, { transaction });
        await recordAudit(transaction, {
          actor,
          entity: 'inspection',
          entityId: i.id,
          action: 'create',
          after: { ...inspectionPlain(i), inspectorIds: [user.id] },
        });
        if (hasReadings(input)) await addReadings(transaction, i.id, input, user.id, actor);
        await addPhotoRows(ctx, transaction, i.id, files, user.id, written, actor);
        return i.id;
      }),
    );
    return { inspection: await getInspection(id), created: true };
  } catch (err) {
    // Two copies of the same submission raced: the other one made it.
    if (err instanceof UniqueConstraintError) {
      const made = await again();
      if (made) return made;
    }
    throw err;
  }
}

interface PlanTarget {
  stationId: number | null;
  districtCode: string | null;
  latitude: number | null;
  longitude: number | null;
  inspectorIds: number[];
}

/** The district (and licence) of an inspection at a station, else at a position: 422 on an unknown station. */
async function stationOrPosition(
  ctx: InspectionCtx,
  stationId: number | null,
  latitude: number | null,
  longitude: number | null,
  transaction: Transaction,
): Promise<{ districtCode: string; licenceId: number | null }> {
  if (stationId !== null) {
    const s = await Station.findByPk(stationId, { transaction });
    if (!s) throw new ValidationError({ stationId: { key: 'v.stationUnknown' } });
    return { districtCode: s.districtCode, licenceId: s.licenceId };
  }
  return { districtCode: await districtOf(ctx, latitude, longitude), licenceId: null };
}

/**
 * Where a plan points (a station's district, a position's, or the district chosen) and whether every
 * inspector named is an active inspector covering it; 422 on the field at fault otherwise.
 */
export async function resolvePlan(
  ctx: InspectionCtx,
  input: PlanTarget,
  transaction: Transaction,
): Promise<{ districtCode: string; licenceId: number | null }> {
  let districtCode: string;
  let licenceId: number | null = null;
  if (input.stationId !== null || input.latitude !== null) {
    ({ districtCode, licenceId } = await stationOrPosition(
      ctx,
      input.stationId,
      input.latitude,
      input.longitude,
      transaction,
    ));
  } else {
    districtCode = input.districtCode ?? '';
    if (!(await ctx.districts.current()).some((d) => d.code === districtCode))
      throw new ValidationError({ districtCode: { key: 'v.districtUnknown' } });
  }
  const ids = [...new Set(input.inspectorIds)];
  const covering = await UserDistrict.findAll({ where: { districtCode, userId: ids }, transaction });
  const inspectors = await User.findAll({ where: { id: ids, role: 'inspector', active: true }, transaction });
  const ok = new Set(covering.map((c) => c.userId));
  if (inspectors.length !== ids.length || ids.some((x) => !ok.has(x)))
    throw new ValidationError({ inspectorIds: { key: 'v.inspectorNotInDistrict' } });
  return { districtCode, licenceId };
}

/** A manager plans an inspection: a station or a place, a date, inspectors who cover the district. */
export async function planInspection(
  ctx: InspectionCtx,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Inspection> {
  if (user.role !== 'manager') throw new ForbiddenError('inspections.refused.role');
  const input = parseInput(PlanInput, body);
  const id = await ctx.sequelize.transaction(async (transaction) => {
    const { districtCode, licenceId } = await resolvePlan(ctx, input, transaction);
    refuse(canCreate(user, districtCode));
    const i = await Inspection.create(
      {
        reference: await nextInspectionReference(ctx.sequelize, transaction, new Date().getFullYear()),
        type: input.type,
        status: 'planned',
        districtCode,
        stationId: input.stationId,
        licenceId,
        place: input.place,
        latitude: input.latitude,
        longitude: input.longitude,
        positionAccuracyM: null,
        positionSource: input.latitude === null ? null : 'manual',
        scheduledFor: input.scheduledFor,
        performedAt: null,
        notes: '',
        outcome: null,
        clientKey: null,
        createdById: user.id,
      },
      { transaction },
    );
    for (const userId of new Set(input.inspectorIds))
      await InspectionInspector.create({ inspectionId: i.id, userId }, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'inspection',
      entityId: i.id,
      action: 'plan',
      after: { ...inspectionPlain(i), inspectorIds: [...new Set(input.inspectorIds)] },
    });
    return i.id;
  });
  return getInspection(id);
}
