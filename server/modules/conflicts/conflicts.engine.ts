/**
 * From the register to the geo engine: footprints of TX assignments (SPEC §4.3), their scan items and
 * the contour source (§4.5). Pure apart from what the caller loads.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  contourVerticesDeg,
  coverageFootprint,
  reachEnvelopeBoxDeg,
  type Footprint,
  type ReceptionParams,
  type TxSite,
} from '../../../geo/coverage/footprint';
import { fixedLinkCorridor } from '../../../geo/coverage/corridor';
import {
  CompactPolygon,
  compactPolygon,
  prepareRingXY,
  type ContourFootprint,
  type ScanAssignment,
  type ThreadedSource,
} from '../../../geo/conflicts';
import type { PropagationModelChoice } from '../../../geo/propagation/types';
import type { ThreadHandlerSpec } from '../../../geo/threads';
import { JsonText } from '../../models/json-column';
import type { FootprintDetails } from '../../models/AssignmentFootprint';
import type { Service } from '../../models/Service';

/** Licence states whose assignments take part in conflict checks. */
export const ACTIVE_LICENCE_STATUSES = ['draft', 'submitted', 'issued', 'suspended'] as const;

export interface SiteFacts {
  assignmentId: number;
  licenseeId: number | null;
  service: string;
  frequencyHz: number;
  occupiedLowHz: number;
  occupiedHighHz: number;
  latitude: number;
  longitude: number;
  antennaHeightM: number;
  erpW: number;
  azimuthDeg: number | null;
  beamwidthDeg: number | null;
  farEndLatitude: number | null;
  farEndLongitude: number | null;
}

export interface ComputedFootprint {
  polygon: ContourFootprint['polygon'];
  bboxDeg: ContourFootprint['bboxDeg'];
  maxRadiusKm: number;
  details: FootprintDetails;
}

/**
 * What the engine reads of a service. `propagationModel` (SPEC §4.2) chooses the footprint model: the
 * Hata chain or ITU-R P.1546-6; absent (callers outside the register, e.g. a foreign register's
 * SERVICES.json without it) = `hata`. Every footprint — live check, save upkeep, full scan, CLI — is drawn
 * through footprintAt/envelopeOf below with it.
 */
export type ServiceParams = Pick<
  Service,
  | 'code'
  | 'protectedFieldDbuv'
  | 'receiverHeightM'
  | 'environment'
  | 'coChannelPrDb'
  | 'adjacentPrDb'
  | 'adjacentGuardHz'
> & { propagationModel?: PropagationModelChoice };

function fromCoverage(f: Footprint): ComputedFootprint {
  return {
    polygon: f.polygon,
    bboxDeg: f.bboxDeg,
    maxRadiusKm: f.maxRadiusKm,
    details: {
      model: f.model,
      radiiKm: f.radiiKm,
      limitedBy: f.limitedBy,
      horizonKm: f.horizonKm,
      warnings: f.warnings,
      ...(f.explanation === undefined ? {} : { explanation: f.explanation }),
      inputs: f.inputs as unknown as Record<string, unknown>,
    },
  };
}

/** The footprint of a site at a field threshold: a fixed link's corridor, otherwise 72 radials. */
export function footprintAt(site: SiteFacts, service: ServiceParams, thresholdDbuvM: number): ComputedFootprint {
  if (isCorridor(site, service)) {
    const bw = site.beamwidthDeg ?? 5;
    const c = fixedLinkCorridor(
      { latDeg: site.latitude, lonDeg: site.longitude, beamwidthDeg: bw },
      { latDeg: site.farEndLatitude, lonDeg: site.farEndLongitude, beamwidthDeg: bw },
    );
    return {
      polygon: c.polygon,
      bboxDeg: c.bboxDeg,
      maxRadiusKm: c.pathLengthKm,
      details: {
        model: c.model,
        radiiKm: [],
        limitedBy: [],
        horizonKm: 0,
        warnings: c.warnings,
        inputs: {
          ...c.inputs,
          pathLengthKm: c.pathLengthKm,
          halfWidthAtAKm: c.halfWidthAtAKm,
          halfWidthAtBKm: c.halfWidthAtBKm,
        },
      },
    };
  }
  return fromCoverage(coverageFootprint(txSiteOf(site), receptionOf(service, thresholdDbuvM)));
}

function isCorridor(
  site: SiteFacts,
  service: ServiceParams,
): site is SiteFacts & { farEndLatitude: number; farEndLongitude: number } {
  return service.code === 'fixed_link' && site.farEndLatitude !== null && site.farEndLongitude !== null;
}

export function txSiteOf(site: SiteFacts): TxSite {
  return {
    latDeg: site.latitude,
    lonDeg: site.longitude,
    antennaHeightM: site.antennaHeightM,
    erpW: site.erpW,
    azimuthDeg: site.azimuthDeg,
    beamwidthDeg: site.beamwidthDeg,
    frequencyHz: site.frequencyHz,
  };
}

function receptionOf(service: ServiceParams, thresholdDbuvM: number): ReceptionParams {
  return {
    thresholdDbuvM,
    receiverHeightM: service.receiverHeightM,
    environment: service.environment,
    ...(service.propagationModel === 'p1546' ? { propagationModel: 'p1546' as const } : {}),
  };
}

/**
 * The site's contour at a field threshold as the conflict engine reads it: footprintAt's polygon to the
 * last bit, kept compact (the prepared ring only), without the footprint's details, warnings or inputs.
 */
export function contourOf(site: SiteFacts, service: ServiceParams, thresholdDbuvM: number): ContourFootprint {
  if (isCorridor(site, service)) {
    const fp = footprintAt(site, service, thresholdDbuvM);
    return { polygon: compactPolygon(fp.polygon), bboxDeg: fp.bboxDeg };
  }
  const { xy, bboxDeg } = contourVerticesDeg(txSiteOf(site), receptionOf(service, thresholdDbuvM));
  const ring = prepareRingXY(xy);
  if (ring !== null) return { polygon: new CompactPolygon(ring), bboxDeg };
  const positions: [number, number][] = [];
  for (let i = 0; i + 1 < xy.length; i += 2) positions.push([xy[i] as number, xy[i + 1] as number]);
  return { polygon: { type: 'Polygon', coordinates: [[...positions, positions[0] ?? [0, 0]]] }, bboxDeg };
}

/** A site's protected footprint (its contour at the service's protected field) with its reach envelope. */
export interface ProtectedFootprint extends ComputedFootprint {
  envelopeDeg: ContourFootprint['bboxDeg'];
}

export function protectedFootprint(site: SiteFacts, service: ServiceParams): ProtectedFootprint {
  const fp = footprintAt(site, service, service.protectedFieldDbuv);
  return {
    ...fp,
    details: { ...fp.details, source: footprintSource(site, service) },
    envelopeDeg: envelopeOf(site, service, fp),
  };
}

let codeDigest: string | null = null;

/**
 * A digest of the code that draws a stored footprint and its envelope (geo/coverage, geo/propagation with
 * its tables, geo/power.ts, geo/units.ts and this file), read once per process: a change to any of them
 * makes every footprint's source differ, so the next scan redraws them all. Unreadable: a digest of its
 * own, so that every footprint is redrawn.
 */
function footprintCodeDigest(): string {
  if (codeDigest !== null) return codeDigest;
  const geo = path.resolve(__dirname, '../../../geo');
  const hash = createHash('sha256');
  try {
    const files = [
      ...['coverage', 'propagation'].flatMap((dir) =>
        readdirSync(path.join(geo, dir), { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => path.join(e.parentPath, e.name)),
      ),
      path.join(geo, 'power.ts'),
      path.join(geo, 'units.ts'),
      __filename,
    ].sort();
    for (const f of files) hash.update(f.slice(geo.length)).update(readFileSync(f));
    codeDigest = hash.digest('hex').slice(0, 16);
  } catch {
    codeDigest = randomUUID();
  }
  return codeDigest;
}

/**
 * What a site's stored footprint is drawn from (`details.source`): every parameter that shapes it and its
 * envelope, and the digest of the code that draws them. A rescan redraws a footprint only when its source
 * differs from the stored one.
 */
export function footprintSource(site: SiteFacts, service: ServiceParams): string {
  return createHash('sha256')
    .update(contourKey(site, service, service.protectedFieldDbuv))
    .update(footprintCodeDigest())
    .digest('hex')
    .slice(0, 32);
}

/**
 * A box holding every contour of the site at any threshold (the reach envelope): the corridor's box for
 * a fixed link (its corridor does not depend on the threshold), else geo reachEnvelopeBoxDeg (the horizon for
 * the Hata chain; for P.1546 the site's reach, which depends on its e.r.p., frequency and environment too).
 */
export function envelopeOf(
  site: SiteFacts,
  service: ServiceParams,
  footprint: Pick<ComputedFootprint, 'bboxDeg'>,
): ContourFootprint['bboxDeg'] {
  if (isCorridor(site, service)) return footprint.bboxDeg;
  return reachEnvelopeBoxDeg(
    { latDeg: site.latitude, lonDeg: site.longitude, antennaHeightM: site.antennaHeightM },
    service.receiverHeightM,
    service.propagationModel === 'p1546'
      ? { erpW: site.erpW, frequencyHz: site.frequencyHz, environment: service.environment }
      : undefined,
  );
}

export function scanItem(
  site: SiteFacts,
  service: ServiceParams,
  fp: { polygon: ContourFootprint['polygon']; bboxDeg: ContourFootprint['bboxDeg'] },
): ScanAssignment {
  return {
    id: site.assignmentId,
    licenseeId: site.licenseeId,
    service: service.code,
    occupiedLowHz: site.occupiedLowHz,
    occupiedHighHz: site.occupiedHighHz,
    protectedFieldDbuvM: service.protectedFieldDbuv,
    coChannelPrDb: service.coChannelPrDb,
    adjacentPrDb: service.adjacentPrDb,
    adjacentGuardHz: service.adjacentGuardHz,
    footprint: fp.polygon,
    bboxDeg: fp.bboxDeg,
  };
}

/**
 * Contours outlive one check: a small process-wide cache keyed by everything that shapes a contour
 * (site, service parameters, threshold), so an edit of either changes the key. Least recently used go first.
 */
const CONTOUR_CACHE_MAX = 20_000;
const contourCache = new Map<string, ContourFootprint>();

function contourKey(site: SiteFacts, service: ServiceParams, thresholdDbuvM: number): string {
  return JSON.stringify([
    site.latitude,
    site.longitude,
    site.antennaHeightM,
    site.erpW,
    site.azimuthDeg,
    site.beamwidthDeg,
    site.frequencyHz,
    site.farEndLatitude,
    site.farEndLongitude,
    service.code,
    service.receiverHeightM,
    service.environment,
    service.propagationModel ?? 'hata',
    thresholdDbuvM,
  ]);
}

/** What the engine reads of a service, as a plain object (a Sequelize instance, a seed row, a JSON entry). */
export function serviceParamsOf(s: ServiceParams): ServiceParams {
  return {
    code: s.code,
    protectedFieldDbuv: s.protectedFieldDbuv,
    receiverHeightM: s.receiverHeightM,
    environment: s.environment,
    coChannelPrDb: s.coChannelPrDb,
    adjacentPrDb: s.adjacentPrDb,
    adjacentGuardHz: s.adjacentGuardHz,
    ...(s.propagationModel === undefined ? {} : { propagationModel: s.propagationModel }),
  };
}

function plainServices(services: Map<string, ServiceParams>): Map<string, ServiceParams> {
  return new Map([...services].map(([code, s]) => [code, serviceParamsOf(s)]));
}

/** What a footprint thread draws (the full scan's footprints phase, geo/threads.ts). */
export type FootprintJob = SiteFacts[];
/** A footprint to store whose polygon may come as JSON text already (drawn on a thread, serialised there). */
export type StorableFootprint = Omit<ProtectedFootprint, 'polygon'> & {
  polygon: ProtectedFootprint['polygon'] | JsonText;
};
export type DrawnFootprints = { assignmentId: number; fp: Omit<ProtectedFootprint, 'polygon'>; polygonText: string }[];

/** The footprint threads' spec: each draws the protected footprints of the sites it is given. */
export function footprintThreadSpec(services: Map<string, ServiceParams>): ThreadHandlerSpec {
  return { module: __filename, exportName: 'footprintHandler', data: plainServices(services) };
}

/**
 * A footprint thread's handler (footprintThreadSpec): the sites' protected footprints, in order, each polygon as
 * its JSON text (the text the table stores: serialised there, and a string crosses threads cheaply).
 */
export function footprintHandler(services: Map<string, ServiceParams>): (sites: FootprintJob) => DrawnFootprints {
  return (sites) =>
    sites.flatMap((site) => {
      const service = services.get(site.service);
      if (!service) return [];
      const { polygon, ...fp } = protectedFootprint(site, service);
      return [{ assignmentId: site.assignmentId, fp, polygonText: JSON.stringify(polygon) }];
    });
}

/** Drawn footprints as saveFootprints takes them (the polygon stored as the thread wrote it). */
export function storable(drawn: DrawnFootprints): { assignmentId: number; fp: StorableFootprint }[] {
  return drawn.map(({ assignmentId, fp, polygonText }) => ({
    assignmentId,
    fp: { ...fp, polygon: new JsonText(polygonText) },
  }));
}

/** Interfering contours computed on demand from the sites, also in a scan thread (geo scanConflictsParallel). */
export function contourSource(sites: Map<number, SiteFacts>, services: Map<string, ServiceParams>): ThreadedSource {
  const siteOf = (b: ScanAssignment): { site: SiteFacts; service: ServiceParams } => {
    const site = sites.get(b.id);
    const service = services.get(b.service);
    if (!site || !service) throw new Error(`no site for assignment ${b.id}`);
    return { site, service };
  };
  return {
    // Plain copies for the threads (a Sequelize instance loses its fields in a structured clone).
    worker: { module: __filename, exportName: 'contourSource', args: [sites, plainServices(services)] },
    envelopeBox(b) {
      const { site, service } = siteOf(b);
      return envelopeOf(site, service, b);
    },
    contourAt(b, thresholdDbuvM) {
      const { site, service } = siteOf(b);
      const k = contourKey(site, service, thresholdDbuvM);
      const hit = contourCache.get(k);
      if (hit) {
        contourCache.delete(k);
        contourCache.set(k, hit);
        return hit;
      }
      const value = contourOf(site, service, thresholdDbuvM);
      contourCache.set(k, value);
      if (contourCache.size > CONTOUR_CACHE_MAX) contourCache.delete(contourCache.keys().next().value as string);
      return value;
    },
  };
}
