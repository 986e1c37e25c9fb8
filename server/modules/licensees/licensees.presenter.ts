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
