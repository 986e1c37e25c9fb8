/**
 * Form pages: on a ValidationError the same form comes back with 422, a message per field and every
 * value the user typed; on a stale edit it comes back with 409, the record as it now stands and the
 * user's input kept.
 */
import type { Request, Response } from 'express';
import { ConflictError, ValidationError } from './errors';
import { translateFields } from '../middleware/errors';

export interface FormPage {
  view: string;
  /** Locals of the page (title, record, options); `current` is the record after a conflict. */
  locals: (current?: unknown) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

export async function handleForm(
  req: Request,
  res: Response,
  page: FormPage,
  action: () => Promise<void>,
): Promise<void> {
  try {
    await action();
  } catch (err) {
    const values = { ...(req.body as Record<string, unknown>) };
    delete values._csrf;
    for (const secret of ['password', 'currentPassword', 'newPassword', 'confirmPassword']) delete values[secret];
    if (err instanceof ValidationError) {
      res
        .status(422)
        .render(page.view, { ...(await page.locals()), values, errors: translateFields(req.t, err.fields) });
      return;
    }
    if (err instanceof ConflictError && err.current) {
      const locals = await page.locals(err.current);
      res
        .status(409)
        .render(page.view, { ...locals, currentValues: locals.values, values, errors: {}, conflict: true });
      return;
    }
    throw err;
  }
}
