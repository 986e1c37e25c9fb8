/**
 * Validation of an administrative-boundary GeoJSON file (SPEC §8): a FeatureCollection whose features
 * are Polygon or MultiPolygon in WGS84, every ring closed with at least four positions, no
 * self-intersecting ring, a code and a name per feature, no duplicate codes. A bad file is refused
 * whole, with the feature and the reason for every problem found.
 */
import { kinks } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export interface BoundaryFeature {
  code: string;
  name: string;
  nameAscii: string | null;
  type: string | null;
  geometry: Polygon | MultiPolygon;
}

export interface BoundaryProblem {
  /** 0-based index of the feature in the file, or -1 for the file itself. */
  index: number;
  code: string | null;
  reason: string;
}

export interface BoundaryOptions {
  codeProp?: string;
  nameProp?: string;
}

export type BoundaryResult = { ok: true; features: BoundaryFeature[] } | { ok: false; problems: BoundaryProblem[] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** Problems of one linear ring, described for a person. */
export function ringProblems(ring: unknown, label: string): string[] {
  if (!Array.isArray(ring)) return [`${label} is not an array of positions`];
  if (ring.length < 4) return [`${label} has ${ring.length} positions; a ring needs at least 4`];
  const bad = ring.findIndex((p) => !isPosition(p));
  if (bad >= 0) return [`${label} position ${bad} is not a [longitude, latitude] pair of finite numbers`];
  const positions = ring as Position[];
  const out: string[] = [];
  const outOfRange = positions.findIndex(
    ([lon, lat]) => (lon as number) < -180 || (lon as number) > 180 || (lat as number) < -90 || (lat as number) > 90,
  );
  if (outOfRange >= 0)
    out.push(`${label} position ${outOfRange} is outside WGS84 longitude −180..180 / latitude −90..90`);
  const first = positions[0] as Position;
  const last = positions[positions.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1])
    out.push(`${label} is not closed: its first and last positions differ`);
  return out;
}

function polygonProblems(rings: unknown, label: string): string[] {
  if (!Array.isArray(rings) || rings.length === 0) return [`${label} has no rings`];
  return rings.flatMap((r, i) => ringProblems(r, `${label} ring ${i}${i === 0 ? ' (outer)' : ' (hole)'}`));
}

export function geometryProblems(geometry: unknown): string[] {
  if (!isRecord(geometry)) return ['has no geometry'];
  if (geometry.type === 'Polygon') {
    const p = polygonProblems(geometry.coordinates, 'polygon');
    if (p.length) return p;
  } else if (geometry.type === 'MultiPolygon') {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0)
      return ['MultiPolygon has no polygons'];
    const p = geometry.coordinates.flatMap((poly, i) => polygonProblems(poly, `polygon ${i}`));
    if (p.length) return p;
  } else {
    return [`geometry type ${String(geometry.type)} is not Polygon or MultiPolygon`];
  }
  const k = kinks(geometry as unknown as Polygon | MultiPolygon);
  if (k.features.length > 0) {
    const [lon, lat] = k.features[0]?.geometry.coordinates ?? [];
    return [
      `a ring crosses itself (${k.features.length} crossing(s), first near ${lat?.toFixed(5)}, ${lon?.toFixed(5)})`,
    ];
  }
  return [];
}

function stringProp(props: Record<string, unknown>, key: string): string | null {
  const v = props[key];
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const s = v.normalize('NFC').trim();
  return s.length ? s : null;
}

export function validateBoundaries(input: unknown, options: BoundaryOptions = {}): BoundaryResult {
  const codeProp = options.codeProp ?? 'code';
  const nameProp = options.nameProp ?? 'name';
  if (!isRecord(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return { ok: false, problems: [{ index: -1, code: null, reason: 'the file is not a GeoJSON FeatureCollection' }] };
  }
  if (input.features.length === 0)
    return { ok: false, problems: [{ index: -1, code: null, reason: 'the FeatureCollection has no features' }] };
  const problems: BoundaryProblem[] = [];
  const features: BoundaryFeature[] = [];
  const seen = new Map<string, number>();
  input.features.forEach((raw: unknown, index: number) => {
    const f = raw as Feature;
    const props = isRecord(f?.properties) ? f.properties : {};
    const code = stringProp(props, codeProp);
    const name = stringProp(props, nameProp);
    if (!isRecord(raw) || raw.type !== 'Feature') problems.push({ index, code, reason: 'is not a GeoJSON Feature' });
    if (!code) problems.push({ index, code, reason: `has no "${codeProp}" property` });
    if (!name) problems.push({ index, code, reason: `has no "${nameProp}" property` });
    if (code) {
      const prev = seen.get(code);
      if (prev !== undefined) problems.push({ index, code, reason: `duplicates the code of feature ${prev}` });
      else seen.set(code, index);
    }
    for (const reason of geometryProblems(f?.geometry)) problems.push({ index, code, reason });
    if (code && name) {
      features.push({
        code,
        name,
        nameAscii: stringProp(props, 'name_ascii') ?? stringProp(props, 'nameAscii'),
        type: stringProp(props, 'type_en') ?? stringProp(props, 'type'),
        geometry: f.geometry as Polygon | MultiPolygon,
      });
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, features };
}
