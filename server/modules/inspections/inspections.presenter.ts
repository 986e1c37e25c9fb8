import type { CurrentUser } from '../../lib/actor';
import type { Finding } from '../../models/Finding';
import type { Inspection } from '../../models/Inspection';
import type { InspectionPhoto } from '../../models/InspectionPhoto';
import type { Measurement } from '../../models/Measurement';
import { todayIso } from '../../lib/dates';
import type { DueItem } from './due.service';
import { canCreate, findingActions, inspectionActions } from './inspections.policy';

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

/**
 * One station of the due list, with its licensee and what the viewer can do from it: an inspector of the
 * district inspects it, a manager plans it (unless an inspection is already planned); others only read.
 */
export function presentDue(d: DueItem, user: CurrentUser, licensee: { id: number; name: string } | null) {
  const mayCreate = canCreate(user, d.districtCode).ok;
  return {
    ...d,
    licenseeId: licensee?.id ?? null,
    licenseeName: licensee?.name ?? null,
    can: {
      inspect: mayCreate && user.role === 'inspector',
      plan: mayCreate && user.role === 'manager' && d.plannedInspectionId === null,
    },
  };
}
export type DueView = ReturnType<typeof presentDue>;

/** The due list as CSV records: a header row in the page language, then dates as ISO days and days as numbers. */
export function dueCsv(
  rows: DueView[],
  districtNames: Record<string, string>,
  t: (key: string) => string,
): (string | number)[][] {
  return [
    [
      t('inspections.station'),
      t('inspections.licence'),
      t('inspections.dueList.licensee'),
      t('inspections.district'),
      t('inspections.dueList.lastInspection'),
      t('inspections.dueList.dueOn'),
      t('inspections.dueList.daysOverdue'),
      t('common.status'),
    ],
    ...rows.map((d) => [
      d.stationName,
      d.licenceNumber ?? '',
      d.licenseeName ?? '',
      districtNames[d.districtCode] ?? d.districtCode,
      d.lastInspectedOn ?? '',
      d.dueOn,
      d.overdueDays,
      t(`inspections.dueList.states.${d.state}`),
    ]),
  ];
}

/**
 * The due list's address for a district (none: every district) and a state (none: overdue and due soon).
 * The dashboard's overdue and due figures link here; the list's total is the figure.
 */
export function dueListHref(
  f: { district?: string | null; state?: string | null; sort?: string | null },
  path = '/inspections/due',
): string {
  const sp = new URLSearchParams();
  if (f.district) sp.set('district', f.district);
  if (f.state) sp.set('state', f.state);
  if (f.sort && f.sort !== 'dueOn') sp.set('sort', f.sort);
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}
