import { type ListExport } from '../../lib/export';
import { kmlAreaStyles, SEVERITY_COLOURS } from '../../lib/export/kml';
import type { Conflict } from '../../models/Conflict';
import { intermodFormula } from '../../../geo/conflicts/intermod';
import { formulaText, type IntermodConflict } from './conflicts.intermod';
import { UNSAVED_ID } from './conflicts.pipeline';
import type { OtherSide } from './conflicts.queries';

/**
 * An intermodulation conflict of an unsaved candidate (the live check, the channel finder): the formula
 * ("2·f(A) − f(B) = 450.1125 MHz"), the contributors by letter, and the other side (the victim, or the first
 * contributor when the candidate is the victim).
 */
export function presentUnsavedIntermod(c: IntermodConflict, others: Map<number, OtherSide>) {
  const candidateIs = c.victimId === UNSAVED_ID ? ('victim' as const) : ('interferer' as const);
  return {
    ...c,
    formula: formulaText(c.intermod),
    terms: intermodFormula(c.intermod.type),
    contributors: c.intermod.contributors.map((x, i) => ({
      label: 'ABC'.charAt(i),
      assignmentId: x.assignmentId,
      frequencyHz: x.frequencyHz,
      stationName: others.get(x.assignmentId)?.stationName ?? null,
    })),
    other: others.get(candidateIs === 'victim' ? c.interfererId : c.victimId) ?? null,
    candidateIs,
  };
}

export function presentConflict(c: Conflict, withGeometry = false) {
  return {
    id: c.id,
    kind: c.kind,
    mechanism: c.mechanism,
    severity: c.severity,
    status: c.status,
    victimAssignmentId: c.victimAssignmentId,
    interfererAssignmentId: c.interfererAssignmentId,
    /** An intermodulation product's other contributors (B, C); null for a co- or adjacent-channel pair. */
    secondInterfererAssignmentId: c.secondInterfererAssignmentId ?? null,
    thirdInterfererAssignmentId: c.thirdInterfererAssignmentId ?? null,
    /** The product (intermodulation only): its figures and formula, e.g. "2·f(A) − f(B) = 450.1125 MHz". */
    // `terms` for pages, which write the product frequency in the reader's language.
    intermod: c.intermod
      ? { ...c.intermod, terms: intermodFormula(c.intermod.type), formula: formulaText(c.intermod) }
      : null,
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

/** A conflict as an export row: the JSON fields and each side's station and frequency (for a reader). */
function conflictRow(c: Conflict) {
  const { version: _version, geometry: _geometry, ...rest } = presentConflict(c);
  return {
    ...rest,
    victimStationName: c.victim?.station?.name ?? null,
    victimFrequencyHz: c.victim?.frequencyHz ?? null,
    victimDistrictCode: c.victim?.station?.districtCode ?? null,
    interfererStationName: c.interferer?.station?.name ?? null,
    interfererFrequencyHz: c.interferer?.frequencyHz ?? null,
    interfererDistrictCode: c.interferer?.station?.districtCode ?? null,
  };
}

/** "victim ← interferer" by station name (by assignment id when a station is not loaded). */
const conflictName = (c: Conflict) =>
  `${c.victim?.station?.name ?? c.victimAssignmentId} ← ${c.interferer?.station?.name ?? c.interfererAssignmentId}`;

/** The conflicts export (SPEC §10.3): CSV, and the overlap areas as GeoJSON and KML (styled by severity). */
export const CONFLICT_EXPORT: ListExport<Conflict> = {
  name: 'conflicts',
  csv: {
    columns: [
      'id',
      'kind',
      'mechanism',
      'severity',
      'status',
      'victimAssignmentId',
      'victimStationName',
      'victimFrequencyHz',
      'victimDistrictCode',
      'interfererAssignmentId',
      'interfererStationName',
      'interfererFrequencyHz',
      'interfererDistrictCode',
      'secondInterfererAssignmentId',
      'thirdInterfererAssignmentId',
      'frequencyOffsetHz',
      'overlapKm2',
      'overlapFraction',
      'sameLicensee',
      'decidedById',
      'decidedAt',
      'note',
      'createdAt',
      'updatedAt',
    ],
    text: ['victimStationName', 'interfererStationName', 'note'],
    row: conflictRow,
  },
  features: {
    feature: (c) => ({
      type: 'Feature',
      id: c.id,
      geometry: c.geometry ?? null,
      properties: {
        name: conflictName(c),
        ...conflictRow(c),
      },
    }),
    kml: {
      title: 'Tanso conflicts',
      styles: kmlAreaStyles('conflict', SEVERITY_COLOURS),
      styleOf: (c) => `conflict-${c.severity}`,
    },
  },
};
