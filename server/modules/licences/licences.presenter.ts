import type { CurrentUser } from '../../lib/actor';
import { externalRefOf, type ListExport } from '../../lib/export';
import type { Licence } from '../../models/Licence';
import { availableActions } from './licences.policy';

export function presentLicence(l: Licence, user?: CurrentUser | null) {
  return {
    id: l.id,
    number: l.number,
    revision: l.revision,
    licenseeId: l.licenseeId,
    licenseeName: l.licensee?.name ?? null,
    type: l.type,
    service: l.service,
    status: l.status,
    validFrom: l.validFrom,
    validTo: l.validTo,
    issuedAt: l.issuedAt?.toISOString() ?? null,
    issuedById: l.issuedById,
    draftedById: l.draftedById,
    submittedAt: l.submittedAt?.toISOString() ?? null,
    conditions: l.conditions,
    rejectionReason: l.rejectionReason,
    returnReason: l.returnReason,
    statusReason: l.statusReason,
    warningsAcknowledgedById: l.warningsAcknowledgedById,
    warningsAcknowledgedAt: l.warningsAcknowledgedAt?.toISOString() ?? null,
    warningsNote: l.warningsNote,
    feeVnd: l.feeVnd,
    version: l.version,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    can: user ? availableActions(user, l) : [],
  };
}
export type LicenceView = ReturnType<typeof presentLicence>;

/** The licences export (SPEC §10.3): JSON field names as headers; the licensee by id, externalRef and name. */
export const LICENCE_EXPORT: ListExport<Licence> = {
  name: 'licences',
  csv: {
    columns: [
      'id',
      'externalRef',
      'number',
      'revision',
      'licenseeId',
      'licenseeExternalRef',
      'licenseeName',
      'type',
      'service',
      'status',
      'validFrom',
      'validTo',
      'issuedAt',
      'conditions',
      'feeVnd',
      'createdAt',
      'updatedAt',
    ],
    text: ['externalRef', 'number', 'licenseeExternalRef', 'licenseeName', 'conditions'],
    row: (l) => ({
      ...presentLicence(l),
      externalRef: externalRefOf(l),
      licenseeExternalRef: externalRefOf(l.licensee),
    }),
  },
};
