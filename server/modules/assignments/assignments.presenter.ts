import type { Assignment } from '../../models/Assignment';

export function presentAssignment(a: Assignment) {
  return {
    id: a.id,
    stationId: a.stationId,
    stationName: a.station?.name ?? null,
    licenceId: a.station?.licenceId ?? null,
    direction: a.direction,
    frequencyHz: a.frequencyHz,
    bandwidthHz: a.bandwidthHz,
    emissionDesignator: a.emissionDesignator,
    necessaryBandwidthHz: a.necessaryBandwidthHz,
    occupiedLowHz: a.occupiedLowHz,
    occupiedHighHz: a.occupiedHighHz,
    bandPlanCheck: a.bandPlanCheck,
    status: a.status,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
export type AssignmentView = ReturnType<typeof presentAssignment>;
