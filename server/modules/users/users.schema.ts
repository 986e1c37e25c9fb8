import { z } from 'zod';
import { ROLES } from '../../models/User';
import { MIN_PASSWORD_LENGTH } from '../../lib/passwords';
import { requiredText } from '../../lib/schema-helpers';

export const passwordInput = z
  .string({ error: 'v.required' })
  .min(MIN_PASSWORD_LENGTH, 'v.tooShort')
  .max(200, 'v.tooLong');

const districtCodes = z.preprocess(
  (v) =>
    (v === undefined || v === null ? [] : Array.isArray(v) ? v : String(v).split(',')).filter(
      (x: unknown) => String(x).trim() !== '',
    ),
  z
    .array(z.string().trim().min(1).max(16))
    .max(200)
    .transform((a) => [...new Set(a.filter(Boolean))].sort()),
);

const base = {
  fullName: requiredText(120),
  role: z.enum(ROLES, { error: 'v.notAllowed' }),
  districtCodes,
};

export const UserCreate = z.object({
  username: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.string({ error: 'v.required' }).regex(/^[a-z0-9._-]{3,64}$/, 'v.usernameFormat'),
  ),
  password: passwordInput,
  ...base,
});
export type UserCreate = z.output<typeof UserCreate>;

export const UserUpdate = z.object({
  ...base,
  version: z.coerce.number({ error: 'v.stale' }).int().min(0),
});
export type UserUpdate = z.output<typeof UserUpdate>;

export const PasswordReset = z.object({ password: passwordInput });

export const PasswordChange = z
  .object({
    currentPassword: z.string({ error: 'v.required' }).min(1, 'v.required'),
    newPassword: passwordInput,
    confirmPassword: z.string({ error: 'v.required' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'v.passwordMismatch', path: ['confirmPassword'] });

export const UserFilter = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  active: z.enum(['true', 'false']).optional().catch(undefined),
});
