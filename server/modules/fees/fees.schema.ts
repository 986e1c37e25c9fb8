/** Input of the fee schedule, exemptions, settings, payments and waivers (SPEC §11). */
import { z } from 'zod';
import { isoDate, optionalNumberIn, requiredText, textOrEmpty, versionField } from '../../lib/schema-helpers';
import { FEE_KINDS, NOTICE_STATUSES } from '../../models/fee-models';
import { LICENCE_TYPES } from '../../models/Licence';
import { LICENSEE_KINDS } from '../../models/Licensee';
import { SERVICE_CODES } from '../../models/Service';

/** A whole number of đồng typed by a person: "1 500 000", "1.500.000" or "1,500,000" (separators dropped). */
const vnd = (min: number) =>
  z.preprocess(
    (v) => {
      if (typeof v === 'number') return v;
      if (typeof v !== 'string') return v;
      const s = v.replace(/[\s.,_\u00a0]/g, '').replace(/(đ|₫|vnd)$/i, '');
      if (s === '') return undefined;
      return /^\d+$/.test(s) ? Number(s) : NaN;
    },
    z
      .number({ error: (iss) => (iss.input === undefined ? 'v.required' : 'v.integer') })
      .int('v.integer')
      .min(min, 'v.tooSmall')
      .max(1e13, 'v.tooBig'),
  );

const nullIfEmpty = (v: unknown) => (v === '' || v === undefined ? null : v);
const checkbox = z.preprocess(
  (v) => (Array.isArray(v) ? v.includes('true') || v.includes('on') : v === true || v === 'true' || v === 'on'),
  z.boolean(),
);

export const ScheduleRowInput = z.object({
  effectiveFrom: isoDate,
  kind: z.enum(FEE_KINDS, { error: 'v.notAllowed' }),
  licenceType: z.enum(LICENCE_TYPES, { error: 'v.notAllowed' }),
  service: z.enum(SERVICE_CODES, { error: 'v.notAllowed' }),
  bandwidthMinHz: optionalNumberIn(0, 3e12).pipe(z.number().int('v.integer').nullable()),
  bandwidthMaxHz: optionalNumberIn(1, 3e12).pipe(z.number().int('v.integer').nullable()),
  erpMinW: optionalNumberIn(0, 1e7),
  erpMaxW: optionalNumberIn(0, 1e7),
  amountVnd: vnd(0),
  placeholder: checkbox,
  legalBasis: requiredText(500),
});
export type ScheduleRowInput = z.output<typeof ScheduleRowInput>;
export const ScheduleRowUpdate = ScheduleRowInput.extend({ version: versionField });

export const ExemptionInput = z.object({
  effectiveFrom: isoDate,
  service: z.preprocess(nullIfEmpty, z.enum(SERVICE_CODES, { error: 'v.notAllowed' }).nullable()),
  licenseeKind: z.preprocess(nullIfEmpty, z.enum(LICENSEE_KINDS, { error: 'v.notAllowed' }).nullable()),
  legalBasis: requiredText(500),
  note: textOrEmpty(500),
});
export type ExemptionInput = z.output<typeof ExemptionInput>;
export const ExemptionUpdate = ExemptionInput.extend({ version: versionField });

export const SettingsUpdate = z.object({
  requirePaymentBeforeIssue: checkbox,
  dueDays: optionalNumberIn(1, 365).pipe(z.number({ error: 'v.required' }).int('v.integer')),
  version: versionField,
});

export const PaymentInput = z.object({
  amountVnd: vnd(1),
  paidOn: isoDate,
  reference: requiredText(120),
  version: z.unknown().optional(),
});
export type PaymentInput = z.output<typeof PaymentInput>;

export const WaiveInput = z.object({
  reason: requiredText(2000),
  version: z.unknown().optional(),
});

export const NoticeFilterStatus = z.enum(NOTICE_STATUSES);
