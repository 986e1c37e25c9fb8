import { addYears } from '../../lib/dates';
import { z } from 'zod';
import { LICENCE_TYPES } from '../../models/Licence';
import { SERVICE_CODES } from '../../models/Service';
import { isoDate, optionalText, requiredText, textOrEmpty, versionField } from '../../lib/schema-helpers';
import { TERM_LIMIT_YEARS } from './licences.policy';

/** validTo after validFrom and within the term limit of the licence type. */
export function termProblem(
  type: string,
  validFrom: string,
  validTo: string,
): { key: string; params?: Record<string, number> } | null {
  if (validTo <= validFrom) return { key: 'v.validToAfter' };
  const years = TERM_LIMIT_YEARS[type] ?? 10;
  if (validTo > addYears(validFrom, years)) return { key: 'v.termTooLong', params: { years } };
  return null;
}

const base = z.object({
  licenseeId: z.coerce.number({ error: 'v.required' }).int('v.required').positive('v.required'),
  type: z.enum(LICENCE_TYPES, { error: 'v.notAllowed' }),
  service: z.enum(SERVICE_CODES, { error: 'v.notAllowed' }),
  validFrom: isoDate,
  validTo: isoDate,
  conditions: textOrEmpty(4000),
});

function checkTerm(v: { type: string; validFrom: string; validTo: string }, ctx: z.RefinementCtx): void {
  const p = termProblem(v.type, v.validFrom, v.validTo);
  if (p) ctx.addIssue({ code: 'custom', path: ['validTo'], message: p.key, params: p.params });
}

export const LicenceInput = base.superRefine(checkTerm);
export type LicenceInput = z.output<typeof LicenceInput>;
export const LicenceUpdate = base.extend({ version: versionField }).superRefine(checkTerm);

export const ReasonInput = z.object({ reason: requiredText(2000), version: versionField.optional() });
export const IssueInput = z.object({
  note: optionalText(2000),
  acknowledgeWarnings: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean()),
  version: versionField.optional(),
});
export const RenewInput = z.object({ validTo: isoDate, version: versionField.optional() });
export const PlainActionInput = z.object({ note: optionalText(2000), version: versionField.optional() });
