import type { BandPlanEntry } from '../../models/BandPlanEntry';
import type { Service } from '../../models/Service';

export function presentService(s: Service) {
  return {
    code: s.code,
    nameVi: s.nameVi,
    nameEn: s.nameEn,
    protectedFieldDbuv: s.protectedFieldDbuv,
    receiverHeightM: s.receiverHeightM,
    environment: s.environment,
    propagationModel: s.propagationModel,
    coChannelPrDb: s.coChannelPrDb,
    adjacentPrDb: s.adjacentPrDb,
    adjacentGuardHz: s.adjacentGuardHz,
    intermodDistanceKm: s.intermodDistanceKm,
    intermodWindowPercent: s.intermodWindowPercent,
    inspectionIntervalMonths: s.inspectionIntervalMonths,
    source: s.source,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}
export type ServiceView = ReturnType<typeof presentService>;

export function presentBandPlanEntry(e: BandPlanEntry) {
  return {
    id: e.id,
    lowHz: e.lowHz,
    highHz: e.highHz,
    services: e.services,
    channelRasterHz: e.channelRasterHz,
    note: e.note,
    source: e.source,
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
  };
}
export type BandPlanEntryView = ReturnType<typeof presentBandPlanEntry>;
