/**
 * zod → per-field messages as i18n keys. Schemas may give their own key as the message
 * (`z.string().min(1, 'v.required')`); other issues map to generic keys with parameters.
 */
import type { z } from 'zod';
import { ValidationError, type FieldErrors, type FieldMessage } from './errors';

function messageOf(issue: z.core.$ZodIssue): FieldMessage {
  if (issue.message && (issue.message.startsWith('v.') || issue.message.startsWith('input.'))) {
    const params: Record<string, string | number> = {};
    if ('minimum' in issue && issue.minimum !== undefined) params.min = Number(issue.minimum);
    if ('maximum' in issue && issue.maximum !== undefined) params.max = Number(issue.maximum);
    if (issue.code === 'custom' && issue.params) Object.assign(params, issue.params);
    return { key: issue.message, params };
  }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? { key: 'v.required' }
          : { key: 'v.tooShort', params: { min: Number(issue.minimum) } };
      if (issue.origin === 'array') return { key: 'v.chooseAtLeast', params: { min: Number(issue.minimum) } };
      return { key: 'v.tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'v.tooLong', params: { max: Number(issue.maximum) } };
      return { key: 'v.tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_value':
      return { key: 'v.notAllowed' };
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? { key: 'v.required' }
        : { key: 'v.invalid' };
    default:
      return { key: 'v.invalid' };
  }
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : '_form';
    if (!out[field]) out[field] = messageOf(issue);
  }
  return out;
}

/** Parses or throws a ValidationError (422) with one message per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(fieldErrorsOf(r.error));
  return r.data;
}
