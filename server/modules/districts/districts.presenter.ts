import type { District } from '../../models/District';

export interface DistrictView {
  code: string;
  name: string;
  nameAscii: string;
  type: string;
  areaKm2: number;
  approximate: boolean;
  source: string;
  validFrom: string;
  validTo: string | null;
  bbox: [number, number, number, number];
  version: number;
}

export function presentDistrict(d: District): DistrictView {
  return {
    code: d.code,
    name: d.name,
    nameAscii: d.nameAscii,
    type: d.type,
    areaKm2: Math.round(d.areaKm2 * 100) / 100,
    approximate: d.approximate,
    source: d.source,
    validFrom: d.validFrom,
    validTo: d.validTo,
    bbox: [d.minLon, d.minLat, d.maxLon, d.maxLat],
    version: d.version,
  };
}
