import type { CurrentUser } from '../../lib/actor';
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
