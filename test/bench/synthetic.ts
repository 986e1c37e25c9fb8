/**
 * A seeded synthetic register for benchmarks: TX assignments with the demo's mix of services, each
 * frequency on its band's raster (the seeded band plan), realistic ERPs and heights, sites spread over
 * a square of a given size around Buôn Ma Thuột, 60 % clustered around towns (one town per ~2 500 km²,
 * Gaussian σ 8 km) and 40 % scattered, so that density is the same at every size.
 * Deterministic: the same (count, sizeKm, seed) always gives the same register.
 */
import { destination } from '@turf/turf';
import type { ScanAssignment, ThreadedSource } from '../../geo/conflicts';
import { occupiedRangeHz } from '../../geo/bandplan/check';
import { SERVICE_SEEDS } from '../../server/db/seeds/reference-data';
import { mulberry32 } from '../../server/lib/prng';
import {
  envelopeOf,
  contourOf,
  scanItem,
  serviceParamsOf,
  type ServiceParams,
  type SiteFacts,
} from '../../server/modules/conflicts/conflicts.engine';
import type { ServiceCode } from '../../server/models/Service';

export const CENTRE = { latDeg: 12.67, lonDeg: 108.04 };
const MHZ = 1_000_000;

export interface SyntheticAssignment {
  id: number;
  licenseeId: number;
  service: ServiceCode;
  stationClass: string;
  frequencyHz: number;
  bandwidthHz: number;
  emissionDesignator: string;
  latitude: number;
  longitude: number;
  antennaHeightM: number;
  txPowerW: number;
  antennaGainDbi: number;
  feederLossDb: number;
  erpW: number;
  azimuthDeg: number | null;
  beamwidthDeg: number | null;
  farEndLatitude: number | null;
  farEndLongitude: number | null;
}

interface Kind {
  share: number;
  service: ServiceCode;
  stationClass: string;
  /** A frequency on the raster of the kind's band. */
  frequencyHz: (r: () => number) => number;
  bandwidthHz: number;
  emissionDesignator: string;
  txPowerW: [number, number];
  gainDbi: number;
  heightM: [number, number];
  directional?: number;
  link?: true;
}

const pickInt = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Shares by kind of station; the demo register holds the same services in roughly these proportions. */
const KINDS: Kind[] = [
  {
    share: 0.3,
    service: 'land_mobile',
    stationClass: 'FB',
    frequencyHz: (r) => 148 * MHZ + pickInt(r, 1, 2079) * 12_500,
    bandwidthHz: 12_500,
    emissionDesignator: '11K0F3E',
    txPowerW: [5, 50],
    gainDbi: 6,
    heightM: [10, 45],
  },
  {
    share: 0.18,
    service: 'land_mobile',
    stationClass: 'FB',
    frequencyHz: (r) => 403 * MHZ + pickInt(r, 1, 5359) * 12_500,
    bandwidthHz: 12_500,
    emissionDesignator: '11K0F3E',
    txPowerW: [5, 40],
    gainDbi: 8,
    heightM: [10, 45],
  },
  {
    share: 0.05,
    service: 'land_mobile',
    stationClass: 'FB',
    frequencyHz: (r) => 1_805 * MHZ + pickInt(r, 13, 362) * 200_000,
    bandwidthHz: 5_000_000,
    emissionDesignator: '5M00G7W',
    txPowerW: [10, 40],
    gainDbi: 17,
    heightM: [20, 45],
    directional: 65,
  },
  {
    share: 0.15,
    service: 'loudspeaker',
    stationClass: 'FB',
    frequencyHz: (r) => 54 * MHZ + pickInt(r, 1, 559) * 25_000,
    bandwidthHz: 25_000,
    emissionDesignator: '16K0F3E',
    txPowerW: [10, 50],
    gainDbi: 2,
    heightM: [10, 25],
  },
  {
    share: 0.08,
    service: 'fm_broadcast',
    stationClass: 'BC',
    frequencyHz: (r) => 87_500_000 + pickInt(r, 1, 204) * 100_000,
    bandwidthHz: 200_000,
    emissionDesignator: '180KF8E',
    txPowerW: [50, 5000],
    gainDbi: 6,
    heightM: [30, 150],
  },
  {
    share: 0.02,
    service: 'tv_broadcast',
    stationClass: 'BT',
    frequencyHz: (r) => (474 + 8 * pickInt(r, 0, 27)) * MHZ,
    bandwidthHz: 8_000_000,
    emissionDesignator: '7M60G7W',
    txPowerW: [500, 5000],
    gainDbi: 10,
    heightM: [60, 200],
  },
  {
    share: 0.17,
    service: 'fixed_link',
    stationClass: 'FX',
    frequencyHz: (r) => 7_125 * MHZ + pickInt(r, 2, 170) * 7 * MHZ,
    bandwidthHz: 7_000_000,
    emissionDesignator: '7M00G7W',
    txPowerW: [0.1, 1],
    gainDbi: 35,
    heightM: [30, 60],
    directional: 3,
    link: true,
  },
  {
    share: 0.05,
    service: 'amateur',
    stationClass: 'AT',
    frequencyHz: (r) => 144 * MHZ + pickInt(r, 1, 159) * 25_000,
    bandwidthHz: 12_500,
    emissionDesignator: '11K0F3E',
    txPowerW: [10, 100],
    gainDbi: 3,
    heightM: [8, 25],
  },
];

function kindOf(u: number): Kind {
  let acc = 0;
  for (const k of KINDS) {
    acc += k.share;
    if (u < acc) return k;
  }
  return KINDS[KINDS.length - 1] as Kind;
}

/** A point at (dx, dy) km from the centre, by Turf `destination`. */
function offset(dxKm: number, dyKm: number): [number, number] {
  const d = Math.hypot(dxKm, dyKm);
  if (d === 0) return [CENTRE.lonDeg, CENTRE.latDeg];
  const bearing = (Math.atan2(dxKm, dyKm) * 180) / Math.PI;
  return destination([CENTRE.lonDeg, CENTRE.latDeg], d, bearing, { units: 'kilometers' }).geometry.coordinates as [
    number,
    number,
  ];
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The dense national mix (issue 18): FM 15 % (100 W–10 kW ERP, 30–150 m), TV 5 % (1–50 kW, 50–200 m), land
 * mobile 65 % (5–100 W, 10–60 m; VHF and UHF), loudspeaker 10 %, amateur 5 %; ERP log-uniform (gain and
 * feeder loss cancel: ERP = TX power), heights uniform, 20 % of sites directional (integer azimuth, beamwidth
 * 30, 60, 90 or 120°), every site uniform over the square.
 */
const DENSE_KINDS: Kind[] = [
  {
    ...(KINDS[4] as Kind),
    share: 0.15,
    txPowerW: [100, 10_000] as [number, number],
    heightM: [30, 150] as [number, number],
  },
  {
    ...(KINDS[5] as Kind),
    share: 0.05,
    txPowerW: [1000, 50_000] as [number, number],
    heightM: [50, 200] as [number, number],
  },
  { ...(KINDS[0] as Kind), share: 0.4, txPowerW: [5, 100] as [number, number], heightM: [10, 60] as [number, number] },
  { ...(KINDS[1] as Kind), share: 0.25, txPowerW: [5, 100] as [number, number], heightM: [10, 60] as [number, number] },
  { ...(KINDS[3] as Kind), share: 0.1 },
  { ...(KINDS[7] as Kind), share: 0.05 },
].map((k): Kind => ({ ...k, gainDbi: 2.15 + 1.5 }));
const BEAMWIDTHS = [30, 60, 90, 120];

function denseRegister(count: number, sizeKm: number, seed: number): SyntheticAssignment[] {
  const r = mulberry32(seed);
  const licensees = Math.max(10, Math.round(count / 20));
  const out: SyntheticAssignment[] = [];
  for (let id = 1; id <= count; id++) {
    const u = r();
    let acc = 0;
    const k = DENSE_KINDS.find((x) => u < (acc += x.share)) ?? (DENSE_KINDS.at(-1) as Kind);
    const [lon, lat] = offset((r() - 0.5) * sizeKm, (r() - 0.5) * sizeKm);
    const txPowerW = round(k.txPowerW[0] * (k.txPowerW[1] / k.txPowerW[0]) ** r(), 2);
    const directional = r() < 0.2;
    const azimuthDeg = directional ? Math.floor(r() * 360) : null;
    const beamwidthDeg = directional ? (BEAMWIDTHS[Math.floor(r() * 4)] ?? 90) : null;
    out.push({
      id,
      licenseeId: 1 + Math.floor(r() * licensees),
      service: k.service,
      stationClass: k.stationClass,
      frequencyHz: k.frequencyHz(r),
      bandwidthHz: k.bandwidthHz,
      emissionDesignator: k.emissionDesignator,
      latitude: round(lat, 6),
      longitude: round(lon, 6),
      antennaHeightM: Math.round(k.heightM[0] + r() * (k.heightM[1] - k.heightM[0])),
      txPowerW,
      antennaGainDbi: k.gainDbi,
      feederLossDb: 1.5,
      erpW: txPowerW * 10 ** ((k.gainDbi - 2.15 - 1.5) / 10),
      azimuthDeg,
      beamwidthDeg,
      farEndLatitude: null,
      farEndLongitude: null,
    });
  }
  return out;
}

/** `mix`: 'demo' (the default, above) or 'dense' (the national mix of issue 18, denseRegister). */
export function syntheticRegister(
  count: number,
  sizeKm: number,
  seed = 2026,
  mix: 'demo' | 'dense' = 'demo',
): SyntheticAssignment[] {
  if (mix === 'dense') return denseRegister(count, sizeKm, seed);
  const r = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  const half = sizeKm / 2;
  const towns = Array.from(
    { length: Math.max(1, Math.round((sizeKm * sizeKm) / 2500)) },
    () => [(r() - 0.5) * sizeKm, (r() - 0.5) * sizeKm] as const,
  );
  const licensees = Math.max(10, Math.round(count / 20));
  const out: SyntheticAssignment[] = [];
  for (let id = 1; id <= count; id++) {
    const k = kindOf(r());
    let dx: number;
    let dy: number;
    if (r() < 0.6) {
      const town = towns[Math.floor(r() * towns.length)] ?? [0, 0];
      dx = Math.max(-half, Math.min(half, town[0] + 8 * gauss()));
      dy = Math.max(-half, Math.min(half, town[1] + 8 * gauss()));
    } else {
      dx = (r() - 0.5) * sizeKm;
      dy = (r() - 0.5) * sizeKm;
    }
    const [lon, lat] = offset(dx, dy);
    const txPowerW = round(k.txPowerW[0] * (k.txPowerW[1] / k.txPowerW[0]) ** r(), 2);
    const feederLossDb = 1.5;
    const azimuthDeg = k.directional !== undefined ? Math.floor(r() * 360) : null;
    let far: [number, number] | null = null;
    if (k.link && azimuthDeg !== null)
      far = destination([lon, lat], 5 + r() * 35, azimuthDeg, { units: 'kilometers' }).geometry.coordinates as [
        number,
        number,
      ];
    out.push({
      id,
      licenseeId: 1 + Math.floor(r() * licensees),
      service: k.service,
      stationClass: k.stationClass,
      frequencyHz: k.frequencyHz(r),
      bandwidthHz: k.bandwidthHz,
      emissionDesignator: k.emissionDesignator,
      latitude: round(lat, 6),
      longitude: round(lon, 6),
      antennaHeightM: Math.round(k.heightM[0] + r() * (k.heightM[1] - k.heightM[0])),
      txPowerW,
      antennaGainDbi: k.gainDbi,
      feederLossDb,
      erpW: txPowerW * 10 ** ((k.gainDbi - 2.15 - feederLossDb) / 10),
      azimuthDeg,
      beamwidthDeg: k.directional ?? null,
      farEndLatitude: far ? round(far[1], 6) : null,
      farEndLongitude: far ? round(far[0], 6) : null,
    });
  }
  return out;
}

export const SERVICES: Map<string, ServiceParams> = new Map(
  SERVICE_SEEDS.map((s) => [
    s.code,
    // The seeded model (P.1546 for FM and TV), as the app computes; BENCH_MODELS=hata for the Hata chain only.
    { ...serviceParamsOf(s), propagationModel: process.env.BENCH_MODELS === 'hata' ? 'hata' : s.propagationModel },
  ]),
);

export function siteFacts(a: SyntheticAssignment): SiteFacts {
  // Necessary bandwidth = the channel's (as in the designators above, which are within it).
  const occ = occupiedRangeHz(a.frequencyHz, a.bandwidthHz, null);
  return {
    assignmentId: a.id,
    licenseeId: a.licenseeId,
    service: a.service,
    frequencyHz: a.frequencyHz,
    occupiedLowHz: occ.lowHz,
    occupiedHighHz: occ.highHz,
    latitude: a.latitude,
    longitude: a.longitude,
    antennaHeightM: a.antennaHeightM,
    erpW: a.erpW,
    azimuthDeg: a.azimuthDeg,
    beamwidthDeg: a.beamwidthDeg,
    farEndLatitude: a.farEndLatitude,
    farEndLongitude: a.farEndLongitude,
  };
}

/**
 * The engine's view of a synthetic register: footprints computed as the app does (conflicts.engine).
 * Contours come straight from contourOf, without the app's process-wide contour cache, so that one
 * case's contours never speed up another's (the engine memoises them within a scan or an index).
 */
export function engineRegister(list: SyntheticAssignment[]): {
  items: ScanAssignment[];
  sites: Map<number, SiteFacts>;
  source: ThreadedSource;
} {
  const sites = new Map<number, SiteFacts>();
  const items: ScanAssignment[] = [];
  for (const a of list) {
    const site = siteFacts(a);
    const service = SERVICES.get(a.service) as ServiceParams;
    sites.set(a.id, site);
    // The protected contour as the engine reads it (the same vertices as footprintAt's, without its details).
    items.push(scanItem(site, service, contourOf(site, service, service.protectedFieldDbuv)));
  }
  return { items, sites, source: syntheticContourSource(sites) };
}

/** Contours of synthetic sites, rebuildable in a scan thread (geo/conflicts/parallel.ts). */
export function syntheticContourSource(sites: Map<number, SiteFacts>): ThreadedSource {
  return {
    contourAt(b, thresholdDbuvM) {
      return contourOf(sites.get(b.id) as SiteFacts, SERVICES.get(b.service) as ServiceParams, thresholdDbuvM);
    },
    worker: { module: __filename, exportName: 'syntheticContourSource', args: [sites] },
    envelopeBox: (b) => envelopeOf(sites.get(b.id) as SiteFacts, SERVICES.get(b.service) as ServiceParams, b),
  };
}

/** The body of `POST /api/v1/conflicts/check` (checkUnsaved) for a synthetic assignment, as the forms send it. */
export function liveCheckBody(c: SyntheticAssignment) {
  return {
    station: {
      service: c.service,
      stationClass: c.stationClass,
      latitude: c.latitude,
      longitude: c.longitude,
      antennaHeightM: c.antennaHeightM,
      antennaGainDbi: c.antennaGainDbi,
      txPowerW: c.txPowerW,
      feederLossDb: c.feederLossDb,
      azimuthDeg: c.azimuthDeg,
      beamwidthDeg: c.beamwidthDeg,
      farEndLatitude: c.farEndLatitude,
      farEndLongitude: c.farEndLongitude,
    },
    assignment: {
      direction: 'tx',
      frequencyHz: c.frequencyHz,
      bandwidthHz: c.bandwidthHz,
      emissionDesignator: c.emissionDesignator,
    },
  };
}
