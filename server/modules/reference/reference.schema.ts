import { z } from 'zod';
import { parseBandwidthHz, parseFrequencyHz } from '../../../geo/units';
import { ENVIRONMENTS, SERVICE_CODES } from '../../models/Service';

/** A number typed by a person: "12,5" or "12.5"; empty → undefined. */
export const numberInput = (key = 'v.number') =>
  z.preprocess(
    (v) => {
      if (typeof v === 'number') return v;
      if (typeof v !== 'string') return v;
      const s = v.trim().replace(',', '.');
      if (s === '') return undefined;
      return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
    },
    z.number({ error: (iss) => (iss.input === undefined ? 'v.required' : key) }).finite(key),
  );

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.normalize('NFC').trim() : (v ?? '')),
    z.string().max(max, 'v.tooLong'),
  );
const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v),
    z.string({ error: 'v.required' }).min(1, 'v.required').max(max, 'v.tooLong'),
  );

/** A frequency with its unit ("100.5 MHz") or integer Hz from JSON. */
export const frequencyInput = z.union([z.number(), z.string()], { error: 'v.required' }).transform((v, ctx) => {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 9_000 && v <= 3e12) return v;
    ctx.addIssue({ code: 'custom', message: 'v.frequencyRange' });
    return z.NEVER;
  }
  if (v.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'v.required' });
    return z.NEVER;
  }
  const r = parseFrequencyHz(v);
  if (r.ok) return r.hz;
  ctx.addIssue({ code: 'custom', message: r.reason === 'range' ? 'v.frequencyRange' : 'v.frequency' });
  return z.NEVER;
});

const widthInput = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
    if (typeof v === 'number') {
      if (Number.isInteger(v) && v > 0) return v;
      ctx.addIssue({ code: 'custom', message: 'v.frequency' });
      return z.NEVER;
    }
    const r = parseBandwidthHz(v);
    if (r.ok) return r.hz;
    ctx.addIssue({ code: 'custom', message: 'v.frequency' });
    return z.NEVER;
  });

const versionInput = z.coerce.number({ error: 'v.stale' }).int('v.stale').min(0, 'v.stale');

const servicesInput = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(SERVICE_CODES, { error: 'v.notAllowed' })).min(1, 'v.chooseAtLeast'),
);

export const BandPlanInput = z.object({
  lowHz: frequencyInput,
  highHz: frequencyInput,
  services: servicesInput,
  channelRasterHz: widthInput,
  note: optionalText(500),
  source: optionalText(500),
});
export type BandPlanInput = z.output<typeof BandPlanInput>;

export const BandPlanUpdate = BandPlanInput.extend({ version: versionInput });

export const ServiceUpdate = z.object({
  nameVi: text(120),
  nameEn: text(120),
  protectedFieldDbuv: numberInput().pipe(z.number().min(-50, 'v.tooSmall').max(200, 'v.tooBig')),
  receiverHeightM: numberInput().pipe(z.number().min(0, 'v.tooSmall').max(20000, 'v.tooBig')),
  environment: z.enum(ENVIRONMENTS, { error: 'v.notAllowed' }),
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
  inspectionIntervalMonths: numberInput('v.integer').pipe(
    z.number().int('v.integer').min(1, 'v.tooSmall').max(240, 'v.tooBig'),
  ),
  source: optionalText(2000),
  version: versionInput,
});
export type ServiceUpdate = z.output<typeof ServiceUpdate>;
