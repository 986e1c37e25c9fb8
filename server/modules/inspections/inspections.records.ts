/**
 * Changing an inspection: the plan (managers, while planned), the record (its inspectors, until it is
 * completed), its status (complete, cancel, close) and corrections once completed.
 */
import { OptimisticLockError } from 'sequelize';
import type { Actor, CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError } from '../../lib/errors';
import { parseInput } from '../../lib/validation';
import { Inspection } from '../../models/Inspection';
import { InspectionCorrection } from '../../models/InspectionCorrection';
import { InspectionInspector } from '../../models/InspectionInspector';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import { check, getInspection, inspectionPlain, inspectorIdsOf, type InspectionCtx } from './inspections.core';
import { resolvePlan } from './inspections.create';
import {
  CancelInput,
  CompleteInput,
  CorrectionInput,
  InspectionUpdate,
  PLAN_ONLY_FIELDS,
  RECORD_ONLY_FIELDS,
  ReplanInput,
  VersionOnly,
} from './inspections.schema';

const PLAN_FIELDS = [
  'type',
  'stationId',
  'licenceId',
  'districtCode',
  'place',
  'latitude',
  'longitude',
  'positionSource',
  'scheduledFor',
] as const;

/** The plan of an inspection as the plan form and ReplanInput see it (inspectors sorted by id). */
export function planOf(i: Inspection, inspectorIds: readonly number[]): Record<string, unknown> {
  return {
    type: i.type,
    stationId: i.stationId,
    districtCode: i.districtCode,
    place: i.place,
    latitude: i.latitude,
    longitude: i.longitude,
    scheduledFor: i.scheduledFor,
    inspectorIds: [...inspectorIds].sort((a, b) => a - b),
  };
}

/**
 * A manager reschedules a planned inspection (date, type, station or place/district) and reassigns its
 * inspectors, who must cover its district as when planning. Only while planned (409 once started,
 * completed or cancelled); a stale version is 409 with the record as it stands. One transaction: the
 * row, the inspectors and an audit row with before/after of what changed.
 */
export async function replanInspection(
  ctx: InspectionCtx,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Inspection> {
  if (user.role !== 'manager') throw new ForbiddenError('inspections.refused.role');
  const pick = (i: Inspection): Record<string, unknown> => Object.fromEntries(PLAN_FIELDS.map((f) => [f, i[f]]));
  try {
    await ctx.sequelize.transaction(async (transaction) => {
      let beforeIds: number[] = [];
      let afterIds: number[] = [];
      await updateAudited({
        transaction,
        actor,
        entity: 'inspection',
        action: 'replan',
        load: (tx) => getInspection(id, tx),
        check: async (i) => {
          await check(user, 'replan', i, transaction);
          beforeIds = await inspectorIdsOf(i.id, transaction);
        },
        values: (i) => planOf(i, beforeIds),
        body,
        schema: ReplanInput,
        apply: async (i, _change, input) => {
          const { districtCode, licenceId } = await resolvePlan(ctx, input, transaction);
          afterIds = [...new Set(input.inspectorIds)].sort((a, b) => a - b);
          i.set({
            type: input.type,
            stationId: input.stationId,
            licenceId,
            districtCode,
            place: input.place,
            latitude: input.latitude,
            longitude: input.longitude,
            positionSource:
              input.latitude === null
                ? null
                : input.latitude === i.latitude && input.longitude === i.longitude
                  ? i.positionSource
                  : 'manual',
            scheduledFor: input.scheduledFor,
          });
          const removed = beforeIds.filter((x) => !afterIds.includes(x));
          const added = afterIds.filter((x) => !beforeIds.includes(x));
          if (!i.changed() && !removed.length && !added.length) return 'unchanged';
          // The version moves even when only the inspectors change, so a concurrent edit is refused.
          if (!i.changed()) i.changed('updatedAt', true);
          await i.save({ transaction });
          if (removed.length)
            await InspectionInspector.destroy({ where: { inspectionId: i.id, userId: removed }, transaction });
          for (const userId of added) await InspectionInspector.create({ inspectionId: i.id, userId }, { transaction });
        },
        audit: {
          before: (i) => ({ ...pick(i), inspectorIds: [...beforeIds].sort((a, b) => a - b) }),
          after: (i) => ({ ...pick(i), inspectorIds: afterIds }),
        },
      });
    });
  } catch (err) {
    // Another edit committed between our read and our write (the UPDATE matched no row at our version).
    if (err instanceof OptimisticLockError) throw new ConflictError('errors.conflict', {}, await getInspection(id));
    throw err;
  }
  return getInspection(id);
}

/**
 * PATCH /api/v1/inspections/:id: a manager changes the plan (replanInspection); its inspectors record
 * results (updateInspection). Fields of the other role are refused (403) rather than silently dropped.
 */
export async function patchInspection(
  ctx: InspectionCtx,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Inspection> {
  const keys = body && typeof body === 'object' ? Object.keys(body) : [];
  if (user.role === 'manager') {
    if (keys.some((k) => (RECORD_ONLY_FIELDS as readonly string[]).includes(k)))
      throw new ForbiddenError('inspections.refused.notInspector');
    return replanInspection(ctx, id, body, user, actor);
  }
  if (keys.some((k) => (PLAN_ONLY_FIELDS as readonly string[]).includes(k)))
    throw new ForbiddenError('inspections.refused.role');
  return updateInspection(ctx, id, body, user, actor);
}

/** Its inspectors correct notes, type and position while it is not completed. */
export async function updateInspection(
  ctx: InspectionCtx,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Inspection> {
  await ctx.sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'inspection',
      load: (tx) => getInspection(id, tx),
      check: (i) => check(user, 'record', i, transaction),
      values: inspectionPlain,
      body,
      schema: InspectionUpdate,
      apply: async (i, _change, input) => {
        await i.update(
          {
            type: input.type,
            place: input.place,
            latitude: input.latitude,
            longitude: input.longitude,
            positionAccuracyM: input.positionAccuracyM,
            positionSource:
              input.latitude === null
                ? null
                : (input.positionSource ?? (input.latitude === i.latitude ? i.positionSource : 'manual')),
            notes: input.notes,
            ...(i.status === 'planned' ? { status: 'in_progress' as const, performedAt: new Date() } : {}),
          },
          { transaction },
        );
      },
    }),
  );
  return getInspection(id);
}

type StatusAction = 'complete' | 'cancel' | 'close';

/** complete (its inspectors, with the outcome), cancel (a manager, with a reason), close (a manager). */
export async function inspectionTransition(
  ctx: InspectionCtx,
  id: number,
  action: StatusAction,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Inspection> {
  await ctx.sequelize.transaction(async (transaction) => {
    const i = await getInspection(id, transaction);
    await check(user, action, i, transaction);
    const before = inspectionPlain(i);
    const sent = (body as { version?: unknown } | undefined)?.version;
    assertFresh(sent, i);
    if (action === 'complete') {
      const { outcome } = parseInput(CompleteInput, body ?? {});
      await i.update(
        {
          status: 'completed',
          outcome,
          completedAt: new Date(),
          completedById: user.id,
          performedAt: i.performedAt ?? new Date(),
        },
        { transaction },
      );
    } else if (action === 'cancel') {
      const { reason } = parseInput(CancelInput, body ?? {});
      await i.update({ status: 'cancelled', cancelReason: reason }, { transaction });
    } else {
      parseInput(VersionOnly, body ?? {});
      await i.update({ status: 'closed' }, { transaction });
    }
    await recordAudit(transaction, {
      actor,
      entity: 'inspection',
      entityId: i.id,
      action,
      before,
      after: inspectionPlain(i),
    });
  });
  return getInspection(id);
}

/** A completed inspection is read-only: a correction is a new entry by one of its inspectors. */
export async function addCorrection(
  ctx: InspectionCtx,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<InspectionCorrection> {
  return ctx.sequelize.transaction(async (transaction) => {
    const i = await getInspection(id, transaction);
    await check(user, 'correct', i, transaction);
    const { text } = parseInput(CorrectionInput, body);
    const c = await InspectionCorrection.create({ inspectionId: i.id, authorId: user.id, text }, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'inspection',
      entityId: i.id,
      action: 'correct',
      changes: { correction: { before: null, after: text } },
    });
    return c;
  });
}

export function correctionsOf(inspectionId: number): Promise<InspectionCorrection[]> {
  return InspectionCorrection.findAll({ where: { inspectionId }, order: [['id', 'ASC']] });
}
