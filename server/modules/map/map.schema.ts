/**
 * Query strings of the map's GeoJSON endpoints → a typed MapQuery, or a 422 naming each bad parameter.
 * Lists are comma-separated (`service=fm_broadcast,tv_broadcast`); every value is checked.
 */
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../lib/errors';
import { CONFLICT_STATUSES, SEVERITIES } from '../../models/Conflict';
import { INSPECTION_STATUSES, INSPECTION_TYPES } from '../../models/Inspection';
import { LICENCE_STATUSES } from '../../models/Licence';
import { SERVICE_CODES } from '../../models/Service';

/**
 * ITU frequency bands (Radio Regulations Art. 2), in Hz: `band=vhf`. A range in MHz is also accepted:
 * `band=87.5-108`.
 */
export const ITU_BANDS = {
  lf: [30e3, 300e3],
  mf: [300e3, 3e6],
  hf: [3e6, 30e6],
  vhf: [30e6, 300e6],
  uhf: [300e6, 3e9],
  shf: [3e9, 30e9],
  ehf: [30e9, 300e9],
} as const satisfies Record<string, readonly [number, number]>;
export type ItuBand = keyof typeof ITU_BANDS;
const isItuBand = (k: string): k is ItuBand => Object.hasOwn(ITU_BANDS, k);

/** [minLon, minLat, maxLon, maxLat] in WGS84 degrees. */
export type BboxDeg = [number, number, number, number];

export interface StationFilter {
  districts?: string[];
  services?: string[];
  /** Licence statuses. */
  statuses?: string[];
  /** Assignments with a frequency in [lowHz, highHz). */
  band?: { lowHz: number; highHz: number };
  /** A licensee id, or words matched against the licensee's name and tax code. */
  licensee?: { id: number } | { words: string[] };
  stationId?: number;
  assignmentId?: number;
}

export interface MapQuery extends StationFilter {
  bbox?: BboxDeg;
  zoom?: number;
  /** Conflict layer only. */
  severities?: string[];
  conflictStatuses?: string[];
  conflictId?: number;
  /** Inspection layer only: inspection statuses and types. */
  inspectionStatuses?: string[];
  inspectionTypes?: string[];
}

const list = (allowed: readonly string[] | RegExp) =>
  z
    .string()
    .max(500)
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const ok = parts.every((p) => (allowed instanceof RegExp ? allowed.test(p) : allowed.includes(p)));
      if (!ok || parts.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'invalid' });
        return z.NEVER;
      }
      return [...new Set(parts)];
    });

const id = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);

const bbox = z
  .string()
  .max(200)
  .transform((s, ctx): BboxDeg => {
    const n = s.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
    const [minLon, minLat, maxLon, maxLat] = n;
    if (
      n.length !== 4 ||
      minLon === undefined ||
      minLat === undefined ||
      maxLon === undefined ||
      maxLat === undefined ||
      !n.every(Number.isFinite) ||
      minLon < -180 ||
      maxLon > 180 ||
      minLat < -90 ||
      maxLat > 90 ||
      minLon > maxLon ||
      minLat > maxLat
    ) {
      ctx.addIssue({ code: 'custom', message: 'invalid' });
      return z.NEVER;
    }
    return [minLon, minLat, maxLon, maxLat];
  });

const band = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const key = s.trim().toLowerCase();
    if (isItuBand(key)) {
      const [lowHz, highHz] = ITU_BANDS[key];
      return { lowHz, highHz };
    }
    const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(key);
    const lowHz = m ? Math.round(Number(m[1]) * 1e6) : Number.NaN;
    const highHz = m ? Math.round(Number(m[2]) * 1e6) : Number.NaN;
    if (!(lowHz < highHz)) {
      ctx.addIssue({ code: 'custom', message: 'invalid' });
      return z.NEVER;
    }
    return { lowHz, highHz };
  });

const licensee = z
  .string()
  .max(100)
  .transform((s) => {
    const t = s.trim();
    return /^\d{1,12}$/.test(t) ? { id: Number(t) } : { words: t.split(/\s+/).filter(Boolean).slice(0, 8) };
  });

const Query = z.object({
  bbox: bbox.optional(),
  zoom: z
    .string()
    .regex(/^\d{1,2}(\.\d+)?$/)
    .transform(Number)
    .pipe(z.number().min(0).max(24))
    .optional(),
  district: list(/^[\w-]{1,16}$/).optional(),
  service: list(SERVICE_CODES).optional(),
  status: list(LICENCE_STATUSES).optional(),
  band: band.optional(),
  licensee: licensee.optional(),
  station: id.optional(),
  assignment: id.optional(),
  conflict: id.optional(),
  severity: list(SEVERITIES).optional(),
});

const SCHEMAS = {
  licence: Query,
  conflict: Query.extend({ status: list(CONFLICT_STATUSES).optional() }),
  inspection: Query.extend({ status: list(INSPECTION_STATUSES).optional(), type: list(INSPECTION_TYPES).optional() }),
} as const;
const KNOWN = Object.keys(SCHEMAS.inspection.shape);

/** Empty parameters count as absent (a form submits `service=`). Repeated parameters are refused. */
function clean(query: unknown, known: string[]): Record<string, unknown> {
  const raw = typeof query === 'object' && query !== null ? Object.entries(query) : [];
  return Object.fromEntries(raw.filter(([k, v]) => known.includes(k) && v !== '' && v !== undefined));
}

/**
 * Parses a map query. `statusMeans` says what `status` filters: the licence status (stations,
 * footprints), the conflict status (conflicts; then the default is `open`) or the inspection status
 * (inspections, which also take `type`; no default: the layer leaves out cancelled ones unless asked).
 */
export function parseMapQuery(
  query: unknown,
  statusMeans: 'licence' | 'conflict' | 'inspection' = 'licence',
): MapQuery {
  const schema = SCHEMAS[statusMeans];
  const input = clean(query, Object.keys(schema.shape));
  const r = schema.safeParse(input);
  if (!r.success) {
    const fields: FieldErrors = {};
    for (const issue of r.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      fields[field] ??= { key: `map.invalid.${KNOWN.includes(field) ? field : 'other'}` };
    }
    throw new ValidationError(fields);
  }
  const q = r.data;
  const out: MapQuery = {
    bbox: q.bbox,
    zoom: q.zoom,
    districts: q.district,
    services: q.service,
    band: q.band,
    licensee: q.licensee,
    stationId: q.station,
    assignmentId: q.assignment,
    conflictId: q.conflict,
    severities: q.severity,
  };
  if (statusMeans === 'conflict') out.conflictStatuses = q.status ?? ['open'];
  else if (statusMeans === 'inspection') {
    out.inspectionStatuses = q.status;
    // Already checked by the inspection schema above; parsed again only for its type.
    out.inspectionTypes = SCHEMAS.inspection.shape.type.parse(input.type);
  } else out.statuses = q.status;
  return out;
}
