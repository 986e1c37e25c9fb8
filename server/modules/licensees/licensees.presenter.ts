import { externalRefOf, type ListExport } from '../../lib/export';
import type { Licensee } from '../../models/Licensee';

export function presentLicensee(l: Licensee) {
  return {
    id: l.id,
    name: l.name,
    kind: l.kind,
    taxCode: l.taxCode,
    idNumber: l.idNumber,
    address: l.address,
    contactPerson: l.contactPerson,
    phone: l.phone,
    email: l.email,
    version: l.version,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}
export type LicenseeView = ReturnType<typeof presentLicensee>;

/** The licensees export (SPEC §10.3): the JSON field names as headers, `externalRef` for a re-import. */
export const LICENSEE_EXPORT: ListExport<Licensee> = {
  name: 'licensees',
  csv: {
    columns: [
      'id',
      'externalRef',
      'name',
      'kind',
      'taxCode',
      'idNumber',
      'address',
      'contactPerson',
      'phone',
      'email',
      'createdAt',
      'updatedAt',
    ],
    text: ['externalRef', 'name', 'taxCode', 'idNumber', 'address', 'contactPerson', 'phone', 'email'],
    row: (l) => ({ ...presentLicensee(l), externalRef: externalRefOf(l) }),
  },
};
