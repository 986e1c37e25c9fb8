import type { Feature, Polygon } from 'geojson';
import { externalRefOf, featureJson, type ListExport } from '../../lib/export';
import { kmlStyles, styleKey } from '../../lib/export/kml';
import type { Assignment } from '../../models/Assignment';
import type { AssignmentExportRow } from './assignments.list';

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

/** An assignment as an export row: the JSON fields, with its station's and licence's keys (SPEC §10.5). */
function assignmentRow(a: Assignment) {
  const { version: _version, ...rest } = presentAssignment(a);
  return {
    ...rest,
    externalRef: externalRefOf(a),
    stationExternalRef: externalRefOf(a.station),
    licenceNumber: a.station?.licence?.number ?? null,
    service: a.station?.service ?? null,
  };
}

/** The footprint of an assignment (its station's point when none is stored, e.g. a receiver). */
function assignmentFeature({ assignment: a, footprint }: AssignmentExportRow): Feature | null {
  const s = a.station;
  if (!footprint && !s) return null;
  return {
    type: 'Feature',
    id: a.id,
    geometry: footprint
      ? (JSON.parse(footprint) as Polygon)
      : { type: 'Point', coordinates: [s?.longitude ?? 0, s?.latitude ?? 0] },
    properties: { name: s?.name ?? `#${a.id}`, ...assignmentRow(a) },
  };
}

/** The same feature as GeoJSON text, the stored footprint written as it is (no parse, no re-serialising). */
function assignmentFeatureText(r: AssignmentExportRow): string | null {
  if (!r.footprint) {
    const f = assignmentFeature(r);
    return f ? JSON.stringify(f) : null;
  }
  const a = r.assignment;
  return featureJson(a.id, r.footprint, { name: a.station?.name ?? `#${a.id}`, ...assignmentRow(a) });
}

/** The assignments export (SPEC §10.3): CSV, and footprints as GeoJSON and KML (styled by service). */
export const ASSIGNMENT_EXPORT: ListExport<AssignmentExportRow> = {
  name: 'assignments',
  csv: {
    columns: [
      'id',
      'externalRef',
      'stationId',
      'stationExternalRef',
      'stationName',
      'licenceId',
      'licenceNumber',
      'service',
      'direction',
      'frequencyHz',
      'bandwidthHz',
      'emissionDesignator',
      'necessaryBandwidthHz',
      'occupiedLowHz',
      'occupiedHighHz',
      'bandPlanCheck',
      'status',
      'createdAt',
      'updatedAt',
    ],
    text: ['externalRef', 'stationExternalRef', 'stationName', 'licenceNumber', 'emissionDesignator'],
    row: (r) => assignmentRow(r.assignment),
  },
  features: {
    feature: assignmentFeature,
    featureText: assignmentFeatureText,
    kml: {
      title: 'Tanso assignments',
      styles: kmlStyles(),
      styleOf: (r) => `${r.footprint ? 'footprint' : 'station'}-${styleKey(r.assignment.station?.service ?? 'other')}`,
    },
  },
};
