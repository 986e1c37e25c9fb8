/** The inspections and findings exports (SPEC §10.3): the lists' JSON field names as CSV headers. */
import type { ListExport } from '../../lib/export';
import type { Finding } from '../../models/Finding';
import type { Inspection } from '../../models/Inspection';
import { presentFinding, presentInspection } from './inspections.presenter';

export const INSPECTION_EXPORT: ListExport<Inspection> = {
  name: 'inspections',
  csv: {
    columns: [
      'id',
      'reference',
      'type',
      'status',
      'overdue',
      'districtCode',
      'stationId',
      'stationName',
      'licenceId',
      'place',
      'latitude',
      'longitude',
      'positionAccuracyM',
      'positionSource',
      'scheduledFor',
      'performedAt',
      'outcome',
      'notes',
      'cancelReason',
      'inspectorIds',
      'inspectors',
      'completedAt',
      'completedById',
      'createdAt',
      'updatedAt',
    ],
    text: ['reference', 'stationName', 'place', 'notes', 'cancelReason', 'inspectors'],
    row: (i) => {
      const p = presentInspection(i);
      return {
        ...p,
        inspectorIds: p.inspectorIds.join(' '),
        inspectors: p.inspectors.map((u) => u.fullName).join(', '),
      };
    },
  },
};

export const FINDING_EXPORT: ListExport<Finding> = {
  name: 'findings',
  csv: {
    columns: [
      'id',
      'inspectionId',
      'inspectionReference',
      'districtCode',
      'stationId',
      'licenceId',
      'category',
      'severity',
      'legalBasis',
      'description',
      'requiredAction',
      'dueDate',
      'status',
      'overdue',
      'resolution',
      'resolvedAt',
      'followUpInspectionId',
      'sanction',
      'fineVnd',
      'sanctionNote',
      'sanctionedAt',
      'createdAt',
      'updatedAt',
    ],
    text: ['inspectionReference', 'legalBasis', 'description', 'requiredAction', 'resolution', 'sanctionNote'],
    row: (f) => presentFinding(f),
  },
};
