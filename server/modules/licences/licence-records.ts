/** A licence as plain values: for audit rows, search text, revision snapshots and band-plan warnings. */
import type { Transaction } from 'sequelize';
import { searchTextOf } from '../../lib/search';
import { Assignment } from '../../models/Assignment';
import type { Licence } from '../../models/Licence';
import type { LicenceSnapshot } from '../../models/LicenceRevision';
import { Licensee } from '../../models/Licensee';
import { Station } from '../../models/Station';

export function licencePlain(l: Licence): Record<string, unknown> {
  return {
    number: l.number,
    revision: l.revision,
    licenseeId: l.licenseeId,
    type: l.type,
    service: l.service,
    status: l.status,
    validFrom: l.validFrom,
    validTo: l.validTo,
    issuedAt: l.issuedAt,
    issuedById: l.issuedById,
    draftedById: l.draftedById,
    conditions: l.conditions,
    rejectionReason: l.rejectionReason,
    returnReason: l.returnReason,
    statusReason: l.statusReason,
    warningsAcknowledgedById: l.warningsAcknowledgedById,
    warningsNote: l.warningsNote,
  };
}

export async function licenceSearchText(
  l: { number: string | null; licenseeId: number; conditions: string },
  transaction?: Transaction,
): Promise<string> {
  const who = await Licensee.findByPk(l.licenseeId, { transaction });
  return searchTextOf(l.number, who?.name, who?.taxCode, l.conditions);
}

/** The licence with its stations and assignments, as a revision snapshot. */
export async function snapshotOf(l: Licence, transaction?: Transaction): Promise<LicenceSnapshot> {
  const stations = await Station.findAll({
    where: { licenceId: l.id },
    include: [{ model: Assignment, as: 'assignments' }],
    order: [['id', 'ASC']],
    transaction,
  });
  return {
    licence: { id: l.id, ...licencePlain(l), licenseeName: l.licensee?.name ?? null },
    stations: stations.map((s) => {
      const { assignments, ...plain } = s.get({ plain: true }) as Station & { assignments: Assignment[] };
      return {
        ...plain,
        assignments: (assignments ?? []).map((a) => ({ ...a })),
      } as LicenceSnapshot['stations'][number];
    }),
  };
}

/** Assignments of the licence whose band-plan check warns (TX only). */
export async function bandPlanWarnings(licenceId: number, transaction?: Transaction): Promise<Assignment[]> {
  const rows = await Assignment.findAll({
    include: [{ model: Station, as: 'station', where: { licenceId }, attributes: ['id', 'name'] }],
    where: { direction: 'tx' },
    transaction,
  });
  return rows.filter((a) => a.bandPlanCheck?.status === 'warning');
}
