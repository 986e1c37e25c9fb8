import { z } from 'zod';
import { parseEmissionDesignator } from '../../../geo/emission/designator';
import { parseBandwidthHz } from '../../../geo/units';
import { frequencyInput, versionField } from '../../lib/schema-helpers';

/** A channel width typed with its unit ("12.5 kHz") or integer Hz from JSON. */
export const widthInput = z.union([z.number(), z.string()], { error: 'v.required' }).transform((v, ctx) => {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1 && v <= 10_000_000_000) return v;
    ctx.addIssue({ code: 'custom', message: 'v.bandwidthRange' });
    return z.NEVER;
  }
  if (v.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'v.required' });
    return z.NEVER;
  }
  const r = parseBandwidthHz(v);
  if (r.ok && r.hz <= 10_000_000_000) return r.hz;
  ctx.addIssue({ code: 'custom', message: r.ok || r.reason === 'range' ? 'v.bandwidthRange' : 'v.frequency' });
  return z.NEVER;
});

export const designatorInput = z.string({ error: 'v.required' }).transform((v, ctx) => {
  if (!v.trim()) {
    ctx.addIssue({ code: 'custom', message: 'v.required' });
    return z.NEVER;
  }
  const r = parseEmissionDesignator(v, { requireClass: true });
  if (r.ok) return r.value;
  ctx.addIssue({
    code: 'custom',
    message: `v.emission.${r.code}`,
    params: { char: '', allowed: '', ...(r.params ?? {}) },
  });
  return z.NEVER;
});

const base = z.object({
  direction: z.enum(['tx', 'rx'], { error: 'v.notAllowed' }),
  frequencyHz: frequencyInput,
  bandwidthHz: widthInput,
  emissionDesignator: designatorInput,
});

export const AssignmentInput = base;
export type AssignmentInput = z.output<typeof AssignmentInput>;
export const AssignmentUpdate = base.extend({ version: versionField });
