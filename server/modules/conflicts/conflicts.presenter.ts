import type { Conflict } from '../../models/Conflict';

export function presentConflict(c: Conflict, withGeometry = false) {
  return {
    id: c.id,
    kind: c.kind,
    mechanism: c.mechanism,
    severity: c.severity,
    status: c.status,
    victimAssignmentId: c.victimAssignmentId,
    interfererAssignmentId: c.interfererAssignmentId,
    frequencyOffsetHz: c.frequencyOffsetHz,
    overlapKm2: Math.round(c.overlapKm2 * 1000) / 1000,
    overlapFraction: Math.round(c.overlapFraction * 10000) / 10000,
    sameLicensee: c.sameLicensee,
    decidedById: c.decidedById,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    note: c.note,
    ...(withGeometry ? { geometry: c.geometry } : {}),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ConflictView = ReturnType<typeof presentConflict>;
