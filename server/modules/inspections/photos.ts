/**
 * Inspection photos: jpg, png or webp checked by content (file-type), ≤ 5 MB each and ≤ 20 per
 * inspection, stored in UPLOAD_DIR under generated names (never the uploaded name), served only
 * through a signed-in route.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { AppError, ValidationError } from '../../lib/errors';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 20;
const ALLOWED: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export interface CheckedPhoto {
  buffer: Buffer;
  mimeType: string;
  ext: string;
  originalName: string;
}

export function tooManyPhotos(): AppError {
  return new AppError(413, 'payload_too_large', 'inspections.photos.tooMany', { max: MAX_PHOTOS });
}

/** Each file's type from its first bytes; a renamed executable is refused whatever its name says. */
export async function checkPhotos(files: readonly Express.Multer.File[]): Promise<CheckedPhoto[]> {
  const { fileTypeFromBuffer } = await import('file-type');
  const out: CheckedPhoto[] = [];
  for (const f of files) {
    const type = await fileTypeFromBuffer(f.buffer);
    const ext = type ? ALLOWED[type.mime] : undefined;
    if (!type || !ext)
      throw new ValidationError({ photos: { key: 'v.photoType', params: { name: f.originalname.slice(0, 80) } } });
    out.push({
      buffer: f.buffer,
      mimeType: type.mime,
      ext,
      originalName: f.originalname.normalize('NFC').slice(0, 200),
    });
  }
  return out;
}

/** Writes the files under generated names; returns their names (delete them again if the transaction fails). */
export async function storePhotos(uploadDir: string, photos: readonly CheckedPhoto[]): Promise<string[]> {
  const dir = path.join(uploadDir, 'inspections');
  await mkdir(dir, { recursive: true });
  const names: string[] = [];
  try {
    for (const p of photos) {
      const name = `${randomUUID()}.${p.ext}`;
      await writeFile(path.join(dir, name), p.buffer, { mode: 0o640, flag: 'wx' });
      names.push(name);
    }
  } catch (err) {
    await removePhotos(uploadDir, names);
    throw err;
  }
  return names;
}

export async function removePhotos(uploadDir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((n) => rm(path.join(uploadDir, 'inspections', path.basename(n)), { force: true })));
}

export function photoPath(uploadDir: string, fileName: string): string {
  return path.join(uploadDir, 'inspections', path.basename(fileName));
}

const upload = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_PHOTO_BYTES, files: MAX_PHOTOS, fields: 60, fieldSize: 64 * 1024 },
});
const parse = upload.array('photos', MAX_PHOTOS);

/** The paths that take multipart bodies (the log form, photo uploads, and their API twins). */
const MULTIPART_PATHS = [
  /^\/inspections$/,
  /^\/inspections\/\d+\/photos$/,
  /^\/api\/v1\/inspections$/,
  /^\/api\/v1\/inspections\/\d+\/photos$/,
];

/**
 * Parses multipart bodies of signed-in users before the CSRF check (which then finds `_csrf` in the
 * body, as for any form). Size and count limits answer 413 with a clear message.
 */
export function inspectionUploads(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'POST' ||
      !req.currentUser ||
      !req.is('multipart/form-data') ||
      !MULTIPART_PATHS.some((p) => p.test(req.path))
    )
      return next();
    parse(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE')
          return next(
            new AppError(413, 'payload_too_large', 'inspections.photos.tooLarge', {
              mb: MAX_PHOTO_BYTES / 1024 / 1024,
            }),
          );
        if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE')
          return next(
            err.code === 'LIMIT_FILE_COUNT' ? tooManyPhotos() : new AppError(400, 'bad_request', 'errors.badRequest'),
          );
        if (err.code === 'MISSING_FIELD_NAME') return next(new AppError(400, 'bad_request', 'input.badUpload'));
        return next(new AppError(413, 'payload_too_large', 'errors.payloadTooLarge'));
      }
      // Anything else is the body itself (a multipart stream cut off, a malformed part): the client's fault.
      req.log?.info({ err }, 'unreadable multipart body');
      next(new AppError(400, 'bad_request', 'input.badUpload'));
    });
  };
}

/** The uploaded files of a request (none when it was not multipart). */
export function filesOf(req: Request): Express.Multer.File[] {
  return Array.isArray(req.files) ? req.files : [];
}
