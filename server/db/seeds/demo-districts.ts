/**
 * Centre points of Đắk Lắk's 15 district-level units (SPEC §8, as of 2019) and the province's bounding
 * box. Used only to build approximate demo cells when no official boundary file is configured.
 */
import type { BBox } from '../../../geo/districts/approximate';

export interface DemoDistrict {
  code: string;
  name: string;
  type: 'city' | 'town' | 'district';
  latDeg: number;
  lonDeg: number;
}

export const DEMO_BBOX: BBox = [107.4825, 12.1625, 108.9936, 13.4183];

export const DEMO_DISTRICTS: DemoDistrict[] = [
  { code: '643', name: 'Buôn Ma Thuột', type: 'city', latDeg: 12.658, lonDeg: 108.03 },
  { code: '644', name: 'Buôn Hồ', type: 'town', latDeg: 12.849, lonDeg: 108.279 },
  { code: '645', name: "Ea H'leo", type: 'district', latDeg: 13.241, lonDeg: 108.176 },
  { code: '646', name: 'Ea Súp', type: 'district', latDeg: 13.188, lonDeg: 107.798 },
  { code: '647', name: 'Buôn Đôn', type: 'district', latDeg: 12.902, lonDeg: 107.728 },
  { code: '648', name: "Cư M'gar", type: 'district', latDeg: 12.885, lonDeg: 108.073 },
  { code: '649', name: 'Krông Búk', type: 'district', latDeg: 13.028, lonDeg: 108.204 },
  { code: '650', name: 'Krông Năng', type: 'district', latDeg: 13.017, lonDeg: 108.393 },
  { code: '651', name: 'Ea Kar', type: 'district', latDeg: 12.805, lonDeg: 108.558 },
  { code: '652', name: "M'Đrắk", type: 'district', latDeg: 12.717, lonDeg: 108.786 },
  { code: '653', name: 'Krông Bông', type: 'district', latDeg: 12.469, lonDeg: 108.5 },
  { code: '654', name: 'Krông Pắc', type: 'district', latDeg: 12.689, lonDeg: 108.345 },
  { code: '655', name: 'Krông A Na', type: 'district', latDeg: 12.49, lonDeg: 108.044 },
  { code: '656', name: 'Lắk', type: 'district', latDeg: 12.329, lonDeg: 108.216 },
  { code: '657', name: 'Cư Kuin', type: 'district', latDeg: 12.588, lonDeg: 108.178 },
];
