/** Parsers for the inspection and finding forms and endpoints: typed values or per-field i18n keys. */
import { z } from 'zod';
import { parseBandwidthHz, parseFrequencyHz } from '../../../geo/units';
import {
  isoDate,
  optionalNumberIn,
  optionalText,
  requiredText,
  textOrEmpty,
  versionField,
} from '../../lib/schema-helpers';
import { FINDING_CATEGORIES, SANCTIONS, SEVERITIES } from '../../models/Finding';
import { INSPECTION_TYPES, OUTCOMES } from '../../models/Inspection';
import { optionalCoordinate } from '../stations/stations.schema';

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/** "100.5 MHz" (MHz when no unit), or integer Hz from JSON; empty → null. */
const optionalFrequency = (kind: 'frequency' | 'bandwidth') =>
  z.preprocess(
    blankToNull,
    z.union([z.number(), z.string(), z.null()]).transform((v, ctx) => {
      if (v === null) return null;
      if (typeof v === 'number') {
        if (Number.isInteger(v) && v >= 1 && v <= 3e12) return v;
        ctx.addIssue({ code: 'custom', message: 'v.frequencyRange' });
        return z.NEVER;
      }
      const r = kind === 'frequency' ? parseFrequencyHz(v, 'MHz') : parseBandwidthHz(/[a-z]/i.test(v) ? v : `${v} kHz`);
      if (r.ok) return r.hz;
      ctx.addIssue({ code: 'custom', message: r.reason === 'range' ? 'v.frequencyRange' : 'v.frequency' });
      return z.NEVER;
    }),
  );

const optionalId = z.preprocess(
  blankToNull,
  z.coerce.number({ error: 'v.invalid' }).int('v.invalid').positive('v.invalid').nullable(),
);
const optionalDate = z.preprocess(blankToNull, isoDate.nullable());

export const MEASUREMENT_FIELDS = [
  'frequencyHz',
  'frequencyErrorHz',
  'bandwidthHz',
  'fieldStrengthDbuv',
  'distanceM',
  'erpW',
  'antennaHeightM',
  'azimuthDeg',
  'equipmentSeen',
] as const;

export const MeasurementInput = z.object({
  frequencyHz: optionalFrequency('frequency'),
  frequencyErrorHz: optionalNumberIn(-1e9, 1e9),
  bandwidthHz: optionalFrequency('bandwidth'),
  fieldStrengthDbuv: optionalNumberIn(-50, 200),
  distanceM: optionalNumberIn(0, 1e6),
  erpW: optionalNumberIn(0, 2_000_000),
  antennaHeightM: optionalNumberIn(0, 1000),
  azimuthDeg: optionalNumberIn(0, 360),
  equipmentSeen: optionalText(200),
  note: optionalText(2000),
});
export type MeasurementInput = z.output<typeof MeasurementInput>;

/** True when at least one reading was given (an empty measurement block adds nothing). */
export function hasReadings(m: MeasurementInput): boolean {
  return MEASUREMENT_FIELDS.some((f) => m[f] !== null) || m.note !== null;
}

const position = {
  latitude: optionalCoordinate('lat'),
  longitude: optionalCoordinate('lon'),
  positionAccuracyM: optionalNumberIn(0, 100_000),
  positionSource: z.preprocess(blankToNull, z.enum(['gps', 'manual'], { error: 'v.notAllowed' }).nullable()),
};

function bothOrNeither(v: { latitude: number | null; longitude: number | null }, ctx: z.RefinementCtx): void {
  if ((v.latitude === null) !== (v.longitude === null))
    ctx.addIssue({ code: 'custom', path: [v.latitude === null ? 'latitude' : 'longitude'], message: 'v.required' });
}

/** An inspector logs an inspection in the field (a station, or a place with no licence). */
export const InspectionInput = MeasurementInput.extend({
  clientKey: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'v.invalid')
      .nullable(),
  ),
  type: z.enum(INSPECTION_TYPES, { error: 'v.notAllowed' }),
  stationId: optionalId,
  place: textOrEmpty(300),
  ...position,
  notes: textOrEmpty(4000),
}).superRefine((v, ctx) => {
  bothOrNeither(v, ctx);
  if (v.stationId === null && v.latitude === null)
    ctx.addIssue({ code: 'custom', path: ['latitude'], message: 'v.placeNeedsPosition' });
});
export type InspectionInput = z.output<typeof InspectionInput>;

/** The fields of a plan: a station, a place or a district; a date; inspectors. */
const planFields = {
  type: z.enum(INSPECTION_TYPES, { error: 'v.notAllowed' }),
  stationId: optionalId,
  districtCode: z.preprocess(blankToNull, z.string().max(16).nullable()),
  place: textOrEmpty(300),
  latitude: optionalCoordinate('lat'),
  longitude: optionalCoordinate('lon'),
  scheduledFor: isoDate,
  inspectorIds: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]),
    z.array(z.coerce.number({ error: 'v.invalid' }).int('v.invalid').positive('v.invalid')).min(1, 'v.chooseInspector'),
  ),
};

function planTarget(
  v: { stationId: number | null; districtCode: string | null; latitude: number | null; longitude: number | null },
  ctx: z.RefinementCtx,
): void {
  bothOrNeither(v, ctx);
  if (v.stationId === null && v.districtCode === null && v.latitude === null)
    ctx.addIssue({ code: 'custom', path: ['districtCode'], message: 'v.required' });
}

/** A manager plans an inspection for a date and names its inspectors. */
export const PlanInput = z.object(planFields).superRefine(planTarget);
export type PlanInput = z.output<typeof PlanInput>;

/** A manager changes the plan of an inspection not yet started (PATCH semantics: the rest is kept). */
export const ReplanInput = z.object({ ...planFields, version: versionField }).superRefine(planTarget);
export type ReplanInput = z.output<typeof ReplanInput>;

/** Fields only a manager sets (the plan); an inspector's PATCH carrying one of them is refused. */
export const PLAN_ONLY_FIELDS = ['scheduledFor', 'inspectorIds', 'stationId', 'districtCode'] as const;
/** Fields only the inspectors of an inspection set (their results); a manager's PATCH carrying one is refused. */
export const RECORD_ONLY_FIELDS = ['notes', 'positionAccuracyM', 'positionSource', 'outcome'] as const;

export const InspectionUpdate = z
  .object({
    type: z.enum(INSPECTION_TYPES, { error: 'v.notAllowed' }),
    place: textOrEmpty(300),
    ...position,
    notes: textOrEmpty(4000),
    version: versionField,
  })
  .superRefine(bothOrNeither);
export type InspectionUpdate = z.output<typeof InspectionUpdate>;

export const CompleteInput = z.object({
  outcome: z.enum(OUTCOMES, { error: 'v.notAllowed' }),
  version: versionField.optional(),
});
export const CancelInput = z.object({ reason: requiredText(2000), version: versionField.optional() });
export const VersionOnly = z.object({ version: versionField.optional() });
export const CorrectionInput = z.object({ text: requiredText(4000) });

const findingBase = z.object({
  category: z.enum(FINDING_CATEGORIES, { error: 'v.notAllowed' }),
  severity: z.enum(SEVERITIES, { error: 'v.notAllowed' }),
  legalBasis: textOrEmpty(300),
  description: textOrEmpty(4000),
  requiredAction: textOrEmpty(4000),
  dueDate: optionalDate,
});
export const FindingInput = findingBase;
export type FindingInput = z.output<typeof FindingInput>;
export const FindingUpdate = findingBase.extend({ version: versionField });

export const RequireActionInput = z.object({
  requiredAction: requiredText(4000),
  dueDate: isoDate,
  version: versionField.optional(),
});
export const ResolveInput = z.object({
  resolution: requiredText(4000),
  followUpInspectionId: optionalId,
  version: versionField.optional(),
});
export const EscalateInput = z.object({ note: requiredText(2000), version: versionField.optional() });
export const SanctionInput = z
  .object({
    sanction: z.enum(SANCTIONS, { error: 'v.notAllowed' }),
    fineVnd: z.preprocess(
      blankToNull,
      z.coerce.number({ error: 'v.number' }).int('v.integer').min(1, 'v.tooSmall').max(1e12, 'v.tooBig').nullable(),
    ),
    sanctionNote: optionalText(2000),
    version: versionField.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.sanction === 'fine' && v.fineVnd === null)
      ctx.addIssue({ code: 'custom', path: ['fineVnd'], message: 'v.fineRequired' });
    if (v.sanction !== 'fine' && v.fineVnd !== null)
      ctx.addIssue({ code: 'custom', path: ['fineVnd'], message: 'v.fineOnlyForFine' });
  });

/** The due list's sortable columns (`sort=dueOn`, `sort=-station`); dueOn ascending is the most overdue first. */
export const DUE_SORTS = ['dueOn', 'station', 'licence', 'district', 'lastInspectedOn'] as const;
export type DueSort = (typeof DUE_SORTS)[number];
export const DUE_STATES = ['overdue', 'due'] as const;

const coordinate = (max: number) =>
  z.preprocess(blankToNull, z.coerce.number().min(-max).max(max).nullable()).catch(null);

/**
 * The due list's filters from a query string (page and API). A list, not a form: a value it does not
 * understand is dropped (the whole list), never an error. `lat`/`lon` together: nearest first among equals.
 * `sort` (one of DUE_SORTS) is read by the service with lib/pagination's sortOrder, as every list's sort.
 */
export const DueListQuery = z.object({
  district: z.string().trim().min(1).max(16).nullable().catch(null).default(null),
  state: z.enum(DUE_STATES).nullable().catch(null).default(null),
  lat: coordinate(90),
  lon: coordinate(180),
});
export type DueListQuery = z.output<typeof DueListQuery>;
