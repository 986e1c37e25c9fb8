/**
 * The one error family. Services throw these; the error handler answers HTML or JSON.
 * Field messages are i18n keys with parameters, translated in the user's language when shown.
 */
export interface FieldMessage {
  key: string;
  params?: Record<string, string | number>;
}
export type FieldErrors = Record<string, FieldMessage>;

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly messageKey: string,
    public readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(key = 'errors.badRequest', params?: Record<string, string | number>) {
    super(400, 'bad_request', key, params);
  }
}
export class UnauthorizedError extends AppError {
  constructor(key = 'errors.unauthorized') {
    super(401, 'unauthorized', key);
  }
}
export class ForbiddenError extends AppError {
  constructor(key = 'errors.forbidden', params?: Record<string, string | number>) {
    super(403, 'forbidden', key, params);
  }
}
export class NotFoundError extends AppError {
  constructor(key = 'errors.notFound', params?: Record<string, string | number>) {
    super(404, 'not_found', key, params);
  }
}
/** 409: a stale version or a forbidden transition. `current` is the record as it now stands. */
export class ConflictError extends AppError {
  constructor(
    key = 'errors.conflict',
    params?: Record<string, string | number>,
    public readonly current?: unknown,
  ) {
    super(409, 'conflict', key, params);
  }
}
export class ValidationError extends AppError {
  constructor(
    public readonly fields: FieldErrors,
    key = 'errors.validation',
  ) {
    super(422, 'validation_failed', key);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(key = 'errors.tooManyRequests', params?: Record<string, string | number>) {
    super(429, 'too_many_requests', key, params);
  }
}
