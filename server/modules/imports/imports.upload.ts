/**
 * Multipart upload of an import file (multer, on disk under the upload directory), parsed before the CSRF
 * check so that it finds the form's `_csrf`. Over 50 MB: 413 with a clear message.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { AppError } from '../../lib/errors';
import { MAX_IMPORT_BYTES } from './imports.csv';
import { importDir } from './imports.storage';

const PATHS = [/^\/imports$/, /^\/api\/v1\/imports$/];

export function importUploads(uploadDir: string): RequestHandler {
  const dir = importDir(uploadDir);
  const parse = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => {
        mkdirSync(dir, { recursive: true });
        cb(null, dir);
      },
      filename: (_req, _file, cb) => cb(null, `${randomUUID()}.csv`),
    }),
    defParamCharset: 'utf8',
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 20, fieldSize: 256 * 1024 },
  }).single('file');
  return (req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'POST' ||
      !req.currentUser ||
      !req.is('multipart/form-data') ||
      !PATHS.some((p) => p.test(req.path))
    )
      return next();
    parse(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE')
        return next(new AppError(413, 'payload_too_large', 'imports.tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
      if (err instanceof multer.MulterError) return next(new AppError(400, 'bad_request', 'input.badUpload'));
      next(new AppError(400, 'bad_request', 'input.badUpload'));
    });
  };
}
