import { z } from 'zod';
import { LICENSEE_KINDS } from '../../models/Licensee';
import { optionalText, requiredText, textOrEmpty, versionField } from '../../lib/schema-helpers';

const base = z.object({
  name: requiredText(200),
  kind: z.enum(LICENSEE_KINDS, { error: 'v.notAllowed' }),
  taxCode: optionalText(20).refine((s) => s === null || /^\d{10}(-\d{3})?$/.test(s), 'v.taxCode'),
  idNumber: optionalText(20).refine((s) => s === null || /^\d{9}(\d{3})?$/.test(s), 'v.idNumber'),
  address: textOrEmpty(300),
  contactPerson: optionalText(120),
  phone: optionalText(40).refine((s) => s === null || /^\+?[\d\s().-]{6,20}$/.test(s), 'v.phone'),
  email: optionalText(120).refine((s) => s === null || z.email().safeParse(s).success, 'v.email'),
});

function individualsNeedId(v: { kind: string; idNumber: string | null }, ctx: z.RefinementCtx): void {
  if (v.kind === 'individual' && !v.idNumber)
    ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'v.idNumberRequired' });
}

export const LicenseeInput = base.superRefine(individualsNeedId);
export type LicenseeInput = z.output<typeof LicenseeInput>;
export const LicenseeUpdate = base.extend({ version: versionField }).superRefine(individualsNeedId);
