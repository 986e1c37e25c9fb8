/**
 * Input of the channel finder (SPEC §12): the candidate station as the station form takes it (the same
 * schema; name and class are not needed and default), the range, the channel width and, optionally, the
 * emission designator (its necessary width widens the occupied range as in the live check).
 */
import { z } from 'zod';
import { designatorInput, widthInput } from '../assignments/assignments.schema';
import { StationUpdate } from '../stations/stations.schema';
import { frequencyInput } from '../../lib/schema-helpers';

/** At most this many channels per request (a 25 MHz land-mobile range on 12.5 kHz is exactly 2 000). */
export const MAX_CHANNELS = 2000;

const emptyToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const stationInput = z.preprocess(
  (v) => ({ name: 'candidate', stationClass: 'FB', ...(v && typeof v === 'object' ? v : {}), version: 0 }),
  StationUpdate,
);

export const PlanningInput = z
  .object({
    station: stationInput,
    range: z.preprocess(
      (v) => (v && typeof v === 'object' ? v : {}),
      z.object({ fromHz: frequencyInput, toHz: frequencyInput }),
    ),
    bandwidthHz: widthInput,
    emissionDesignator: z.preprocess(emptyToUndefined, designatorInput.optional()),
    stationId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
  })
  .superRefine((v, ctx) => {
    if (v.range.toHz <= v.range.fromHz)
      ctx.addIssue({ code: 'custom', path: ['range', 'toHz'], message: 'v.planningRangeOrder' });
  });
export type PlanningInput = z.output<typeof PlanningInput>;

/** The page's form fields (flat, as in its query string) → the API's body. */
export const STATION_FIELDS = [
  'service',
  'latitude',
  'longitude',
  'antennaHeightM',
  'antennaGainDbi',
  'txPowerW',
  'feederLossDb',
  'azimuthDeg',
  'beamwidthDeg',
  'farEndLatitude',
  'farEndLongitude',
] as const;

export function bodyFromForm(q: Record<string, unknown>): Record<string, unknown> {
  const text = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : '');
  return {
    station: Object.fromEntries(STATION_FIELDS.map((k) => [k, text(k)])),
    range: { fromHz: text('fromHz'), toHz: text('toHz') },
    bandwidthHz: text('bandwidthHz'),
    emissionDesignator: text('emissionDesignator'),
    stationId: text('stationId'),
  };
}
