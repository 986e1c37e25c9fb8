import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

/**
 * Synchronizer-token CSRF protection (csrf-sync): the token lives in the session; forms post it as
 * `_csrf`, the JSON API sends header `X-CSRF-Token`. Bearer-token requests carry no cookie and need none.
 */
export const csrf = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const header = req.get('x-csrf-token');
    if (header) return header;
    const body = req.body as Record<string, unknown> | undefined;
    return typeof body?._csrf === 'string' ? body._csrf : undefined;
  },
  skipCsrfProtection: (req: Request) => req.authVia === 'token',
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});
