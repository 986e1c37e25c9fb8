/**
 * Inspections: logging in the field (idempotent by clientKey), planning, recording, completion,
 * corrections. Every change runs in one transaction with its audit row; inspectors act only in their
 * districts, and only the inspectors of an inspection record its results until it is completed.
 */
import {
  Op,
  OptimisticLockError,
  UniqueConstraintError,
  type Sequelize,
  type Transaction,
  type WhereOptions,
} from 'sequelize';
import type { Actor, CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import type { PageRequest } from '../../lib/pagination';
import { parseInput } from '../../lib/validation';
import { Finding } from '../../models/Finding';
import { Inspection, INSPECTION_STATUSES, INSPECTION_TYPES } from '../../models/Inspection';
import { InspectionCorrection } from '../../models/InspectionCorrection';
import { InspectionInspector } from '../../models/InspectionInspector';
import { InspectionPhoto } from '../../models/InspectionPhoto';
import { Licence } from '../../models/Licence';
import { Licensee } from '../../models/Licensee';
import { Measurement } from '../../models/Measurement';
import { Station } from '../../models/Station';
import { User } from '../../models/User';
import { UserDistrict } from '../../models/UserDistrict';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import { type DistrictService } from '../districts/districts.service';
import { todayIso } from '../../lib/dates';
import {
  canCreate,
  canInspection,
  canSee,
  visibleDistricts,
  type InspectionAction,
  type InspectionFacts,
  type Verdict,
} from './inspections.policy';
import {
  CancelInput,
  CompleteInput,
  CorrectionInput,
  hasReadings,
  InspectionInput,
  InspectionUpdate,
  MeasurementInput,
  PLAN_ONLY_FIELDS,
  PlanInput,
  RECORD_ONLY_FIELDS,
  ReplanInput,
  VersionOnly,
  type MeasurementInput as Readings,
} from './inspections.schema';
import { checkPhotos, MAX_PHOTOS, removePhotos, storePhotos, tooManyPhotos } from './photos';
import { nextInspectionReference } from './reference';

export interface InspectionCtx {
  sequelize: Sequelize;
  districts: DistrictService;
  uploadDir: string;
}

export const INSPECTION_SORTS = [
  'reference',
  'scheduledFor',
  'performedAt',
  'status',
  'districtCode',
  'updatedAt',
  'createdAt',
] as const;

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

async function check(
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

/** Stores one set of readings on an inspection, with its audit row. */
async function addReadings(
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

/** Stores checked photos for an inspection inside the transaction; the caller removes the files if it fails. */
async function addPhotoRows(
  ctx: InspectionCtx,
  transaction: Transaction,
  inspectionId: number,
  files: readonly Express.Multer.File[],
  userId: number,
  written: string[],
  actor: Actor,
): Promise<void> {
  if (!files.length) return;
  const existing = await InspectionPhoto.count({ where: { inspectionId }, transaction });
  if (existing + files.length > MAX_PHOTOS) throw tooManyPhotos();
  const photos = await checkPhotos(files);
  const names = await storePhotos(ctx.uploadDir, photos);
  written.push(...names);
  for (const [k, p] of photos.entries()) {
    const row = await InspectionPhoto.create(
      {
        inspectionId,
        fileName: names[k] as string,
        mimeType: p.mimeType,
        sizeBytes: p.buffer.length,
        originalName: p.originalName,
        uploadedById: userId,
      },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'inspection',
      entityId: inspectionId,
      action: 'photo.add',
      changes: {
        photo: {
          before: null,
          after: { id: row.id, mimeType: row.mimeType, sizeBytes: row.sizeBytes, originalName: row.originalName },
        },
      },
    });
  }
}

/** Runs a write that may store photo files: on any failure the files written are removed again. */
async function withFiles<T>(ctx: InspectionCtx, work: (written: string[]) => Promise<T>): Promise<T> {
  const written: string[] = [];
  try {
    return await work(written);
  } catch (err) {
    await removePhotos(ctx.uploadDir, written);
    throw err;
  }
}

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
async function resolvePlan(
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

async function startIfPlanned(i: Inspection, transaction: Transaction): Promise<void> {
  if (i.status === 'planned') await i.update({ status: 'in_progress', performedAt: new Date() }, { transaction });
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

export async function addPhotos(
  ctx: InspectionCtx,
  id: number,
  files: readonly Express.Multer.File[],
  user: CurrentUser,
  actor: Actor,
): Promise<InspectionPhoto[]> {
  if (!files.length) throw new ValidationError({ photos: { key: 'v.photoRequired' } });
  await withFiles(ctx, (written) =>
    ctx.sequelize.transaction(async (transaction) => {
      const i = await getInspection(id, transaction);
      await check(user, 'record', i, transaction);
      await startIfPlanned(i, transaction);
      await addPhotoRows(ctx, transaction, i.id, files, user.id, written, actor);
    }),
  );
  return InspectionPhoto.findAll({ where: { inspectionId: id }, order: [['id', 'ASC']] });
}

export async function getPhoto(user: CurrentUser, inspectionId: number, photoId: number): Promise<InspectionPhoto> {
  const i = Number.isInteger(inspectionId)
    ? await Inspection.findByPk(inspectionId, { attributes: ['districtCode'] })
    : null;
  const p =
    i && canSee(user, i.districtCode) && Number.isInteger(photoId)
      ? await InspectionPhoto.findOne({ where: { id: photoId, inspectionId } })
      : null;
  if (!p) throw new NotFoundError('inspections.photoNotFound');
  return p;
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

const intOf = (v: unknown): number | null =>
  v !== undefined && v !== '' && Number.isInteger(Number(v)) ? Number(v) : null;

/** The inspections list (page and API) as `viewer` may see it: an inspector their districts only (as on the map). */
export async function listInspections(
  f: InspectionFilter,
  page: PageRequest,
  viewer: CurrentUser,
): Promise<{ rows: Inspection[]; total: number }> {
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
  const { rows, count } = await Inspection.findAndCountAll({
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
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
}
