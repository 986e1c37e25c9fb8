import type { CurrentUser } from '../../lib/actor';
import type { Finding } from '../../models/Finding';
import type { Inspection } from '../../models/Inspection';
import type { InspectionPhoto } from '../../models/InspectionPhoto';
import type { Measurement } from '../../models/Measurement';
import { todayIso } from '../../lib/dates';
import { findingActions, inspectionActions } from './inspections.policy';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const numOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function presentMeasurement(m: Measurement) {
  return {
    id: m.id,
    frequencyHz: numOrNull(m.frequencyHz),
    frequencyErrorHz: m.frequencyErrorHz,
    bandwidthHz: numOrNull(m.bandwidthHz),
    fieldStrengthDbuv: m.fieldStrengthDbuv,
    distanceM: m.distanceM,
    erpW: m.erpW,
    antennaHeightM: m.antennaHeightM,
    azimuthDeg: m.azimuthDeg,
    equipmentSeen: m.equipmentSeen,
    note: m.note,
    createdAt: m.createdAt.toISOString(),
  };
}

export function presentPhoto(p: InspectionPhoto) {
  return {
    id: p.id,
    inspectionId: p.inspectionId,
    url: `/inspections/${p.inspectionId}/photos/${p.id}`,
    mimeType: p.mimeType,
    sizeBytes: p.sizeBytes,
    originalName: p.originalName,
    createdAt: p.createdAt.toISOString(),
  };
}

export function presentFinding(f: Finding, user?: CurrentUser | null) {
  const districtCode = f.inspection?.districtCode ?? '';
  const overdue =
    (f.status === 'open' || f.status === 'action_required') && f.dueDate !== null && f.dueDate < todayIso();
  return {
    id: f.id,
    inspectionId: f.inspectionId,
    inspectionReference: f.inspection?.reference ?? null,
    districtCode,
    stationId: f.inspection?.stationId ?? null,
    licenceId: f.inspection?.licenceId ?? null,
    category: f.category,
    severity: f.severity,
    legalBasis: f.legalBasis,
    description: f.description,
    requiredAction: f.requiredAction,
    dueDate: f.dueDate,
    status: f.status,
    overdue,
    resolution: f.resolution,
    resolvedAt: iso(f.resolvedAt),
    followUpInspectionId: f.followUpInspectionId,
    sanction: f.sanction,
    fineVnd: numOrNull(f.fineVnd),
    sanctionNote: f.sanctionNote,
    sanctionedAt: iso(f.sanctionedAt),
    version: f.version,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    can: user && f.inspection ? findingActions(user, { status: f.status, districtCode }) : [],
  };
}
export type FindingView = ReturnType<typeof presentFinding>;

export function presentInspection(i: Inspection, user?: CurrentUser | null) {
  const inspectors = (i.inspectors ?? []).map((u) => ({ id: u.id, username: u.username, fullName: u.fullName }));
  const overdue =
    (i.status === 'planned' || i.status === 'in_progress') && i.scheduledFor !== null && i.scheduledFor < todayIso();
  return {
    id: i.id,
    reference: i.reference,
    type: i.type,
    status: i.status,
    overdue,
    districtCode: i.districtCode,
    stationId: i.stationId,
    stationName: i.station?.name ?? null,
    licenceId: i.licenceId,
    licenceNumber: i.station?.licence?.number ?? null,
    licenceStatus: i.station?.licence?.status ?? null,
    place: i.place,
    latitude: i.latitude,
    longitude: i.longitude,
    positionAccuracyM: i.positionAccuracyM,
    positionSource: i.positionSource,
    scheduledFor: i.scheduledFor,
    performedAt: iso(i.performedAt),
    notes: i.notes,
    outcome: i.outcome,
    cancelReason: i.cancelReason,
    clientKey: i.clientKey,
    inspectorIds: inspectors.map((u) => u.id),
    inspectors,
    completedAt: iso(i.completedAt),
    completedById: i.completedById,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    measurements: i.measurements ? i.measurements.map(presentMeasurement) : undefined,
    photos: i.photos ? i.photos.map(presentPhoto) : undefined,
    findings: i.findings ? i.findings.map((f) => presentFinding(Object.assign(f, { inspection: i }), user)) : undefined,
    can: user
      ? inspectionActions(user, {
          status: i.status,
          districtCode: i.districtCode,
          inspectorIds: inspectors.map((u) => u.id),
        })
      : [],
  };
}
export type InspectionView = ReturnType<typeof presentInspection>;
