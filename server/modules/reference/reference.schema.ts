import { z } from 'zod';
import { parseBandwidthHz } from '../../../geo/units';
import {
  bandwidthInput,
  frequencyInput,
  numberInput,
  requiredText,
  textOrEmpty,
  versionField,
} from '../../lib/schema-helpers';
import { ENVIRONMENTS, PROPAGATION_MODELS, SERVICE_CODES } from '../../models/Service';

const servicesInput = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(SERVICE_CODES, { error: 'v.notAllowed' })).min(1, 'v.chooseAtLeast'),
);

export const BandPlanInput = z.object({
  lowHz: frequencyInput,
  highHz: frequencyInput,
  services: servicesInput,
  channelRasterHz: bandwidthInput,
  note: textOrEmpty(500),
  source: textOrEmpty(500),
});
export type BandPlanInput = z.output<typeof BandPlanInput>;

export const BandPlanUpdate = BandPlanInput.extend({ version: versionField });

export const ServiceUpdate = z.object({
  nameVi: requiredText(120),
  nameEn: requiredText(120),
  protectedFieldDbuv: numberInput().pipe(z.number().min(-50, 'v.tooSmall').max(200, 'v.tooBig')),
  receiverHeightM: numberInput().pipe(z.number().min(0, 'v.tooSmall').max(20000, 'v.tooBig')),
  environment: z.enum(ENVIRONMENTS, { error: 'v.notAllowed' }),
  propagationModel: z.enum(PROPAGATION_MODELS, { error: 'v.notAllowed' }),
  coChannelPrDb: numberInput().pipe(z.number().min(-100, 'v.tooSmall').max(100, 'v.tooBig')),
  adjacentPrDb: numberInput().pipe(z.number().min(-100, 'v.tooSmall').max(100, 'v.tooBig')),
  adjacentGuardHz: z
    .union([z.number(), z.string(), z.null()])
    .optional()
    .transform((v, ctx) => {
      if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
      if (typeof v === 'number') {
        if (Number.isInteger(v) && v >= 0) return v;
        ctx.addIssue({ code: 'custom', message: 'v.frequency' });
        return z.NEVER;
      }
      if (/^\s*0\s*([a-zA-Z]*)\s*$/.test(v)) return 0;
      const r = parseBandwidthHz(v);
      if (r.ok) return r.hz;
      ctx.addIssue({ code: 'custom', message: 'v.frequency' });
      return z.NEVER;
    }),
  /**
   * Transmitters this close mix into intermodulation products (SPEC §12), km; 0 turns the search off.
   * Absent (a client from before migration 013): unchanged.
   */
  intermodDistanceKm: numberInput().pipe(z.number().min(0, 'v.tooSmall').max(50, 'v.tooBig')).optional(),
  /**
   * Intermodulation window (issue 16, migration 017): contributors within ± this % of the victim's centre
   * frequency; 0 = no window. Absent (a client from before migration 017): unchanged.
   */
  intermodWindowPercent: numberInput().pipe(z.number().min(0, 'v.tooSmall').max(100, 'v.tooBig')).optional(),
  inspectionIntervalMonths: numberInput('v.integer').pipe(
    z.number().int('v.integer').min(1, 'v.tooSmall').max(240, 'v.tooBig'),
  ),
  source: textOrEmpty(2000),
  version: versionField,
});
export type ServiceUpdate = z.output<typeof ServiceUpdate>;
