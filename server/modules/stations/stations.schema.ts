import { z } from 'zod';
import { parseCoordinateDeg } from '../../../geo/units';
import {
  optionalNumberIn,
  numberIn,
  optionalText,
  requiredText,
  textOrEmpty,
  versionField,
} from '../../lib/schema-helpers';
import { SERVICE_CODES } from '../../models/Service';
import { POLARIZATIONS, STATION_CLASSES } from '../../models/Station';

function readCoordinate(v: number | string, axis: 'lat' | 'lon', ctx: z.RefinementCtx): number {
  const n =
    typeof v === 'number'
      ? Number.isFinite(v) && Math.abs(v) <= (axis === 'lat' ? 90 : 180)
        ? v
        : null
      : parseCoordinateDeg(v, axis);
  if (n === null) {
    ctx.addIssue({ code: 'custom', message: axis === 'lat' ? 'v.latitude' : 'v.longitude' });
    return NaN;
  }
  return Math.round(n * 1e7) / 1e7;
}

/** Decimal degrees or DMS ("12°40'00\"N"), as typed. */
export const coordinate = (axis: 'lat' | 'lon') =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.union([z.number(), z.string()], { error: 'v.required' }).transform((v, ctx) => readCoordinate(v, axis, ctx)),
  );

export const optionalCoordinate = (axis: 'lat' | 'lon') =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z
      .union([z.number(), z.string(), z.null()])
      .transform((v, ctx) => (v === null ? null : readCoordinate(v, axis, ctx))),
  );

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(values, { error: 'v.notAllowed' }).nullable());

const base = z.object({
  name: requiredText(200),
  callsign: optionalText(20),
  service: z.enum(SERVICE_CODES, { error: 'v.notAllowed' }),
  stationClass: z.enum(STATION_CLASSES, { error: 'v.notAllowed' }),
  latitude: coordinate('lat'),
  longitude: coordinate('lon'),
  groundElevationM: optionalNumberIn(-500, 9000),
  address: textOrEmpty(300),
  antennaHeightM: numberIn(0, 1000),
  antennaGainDbi: numberIn(-20, 60),
  azimuthDeg: optionalNumberIn(0, 360),
  beamwidthDeg: optionalNumberIn(1, 360),
  polarization: optionalEnum(POLARIZATIONS),
  txPowerW: numberIn(0, 2_000_000).refine((n) => n > 0, 'v.positive'),
  feederLossDb: z.preprocess((v) => (v === '' || v === undefined || v === null ? 0 : v), numberIn(0, 50)),
  equipmentModel: optionalText(120),
  farEndLatitude: optionalCoordinate('lat'),
  farEndLongitude: optionalCoordinate('lon'),
});

function rules(v: z.output<typeof base>, ctx: z.RefinementCtx): void {
  if (v.beamwidthDeg !== null && v.azimuthDeg === null)
    ctx.addIssue({ code: 'custom', path: ['azimuthDeg'], message: 'v.azimuthForBeam' });
  if (v.service === 'fixed_link') {
    if (v.farEndLatitude === null)
      ctx.addIssue({ code: 'custom', path: ['farEndLatitude'], message: 'v.farEndRequired' });
    if (v.farEndLongitude === null)
      ctx.addIssue({ code: 'custom', path: ['farEndLongitude'], message: 'v.farEndRequired' });
  } else if (v.farEndLatitude !== null || v.farEndLongitude !== null) {
    ctx.addIssue({ code: 'custom', path: ['farEndLatitude'], message: 'v.farEndOnlyLinks' });
  }
}

export const StationInput = base
  .extend({ licenceId: z.coerce.number({ error: 'v.required' }).int('v.required').positive('v.required') })
  .superRefine(rules);
export type StationInput = z.output<typeof StationInput>;
export const StationUpdate = base.extend({ version: versionField }).superRefine(rules);
export type StationUpdate = z.output<typeof StationUpdate>;
