/**
 * The photos of an inspection as records: stored with their audit rows in the write's transaction (the
 * files themselves are handled by ./photos), and read back by those who see the inspection.
 */
import type { Transaction } from 'sequelize';
import type { Actor, CurrentUser } from '../../lib/actor';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { Inspection } from '../../models/Inspection';
import { InspectionPhoto } from '../../models/InspectionPhoto';
import { recordAudit } from '../audit/audit.service';
import { check, getInspection, startIfPlanned, type InspectionCtx } from './inspections.core';
import { canSee } from './inspections.policy';
import { checkPhotos, MAX_PHOTOS, removePhotos, storePhotos, tooManyPhotos } from './photos';

/** Stores checked photos for an inspection inside the transaction; the caller removes the files if it fails. */
export async function addPhotoRows(
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
export async function withFiles<T>(ctx: InspectionCtx, work: (written: string[]) => Promise<T>): Promise<T> {
  const written: string[] = [];
  try {
    return await work(written);
  } catch (err) {
    await removePhotos(ctx.uploadDir, written);
    throw err;
  }
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
