/**
 * Licence certificates (SPEC §10.4): the *Giấy phép* of a licence revision that has been issued, as a PDF.
 * The data is read here (the current revision from the register, an earlier one from its kept snapshot);
 * certificate.pdf.ts draws it. For an individual the certificate names them (it is their document).
 */
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors';
import { Assignment } from '../../models/Assignment';
import { Licence } from '../../models/Licence';
import { LicenceRevision } from '../../models/LicenceRevision';
import { Licensee } from '../../models/Licensee';
import { Service } from '../../models/Service';
import { Station } from '../../models/Station';
import { User } from '../../models/User';
import { isPublicStatus, publicLicencePath, verificationCode } from '../public/public.presenter';
import type { CertificateData, CertificateLabels } from './certificate.pdf';
import { renderCertificateInWorker } from './certificate.render';

export type { CertificateLabels } from './certificate.pdf';

const n = (s: unknown): string => (s === null || s === undefined ? '' : String(s).normalize('NFC'));
const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const day = (v: unknown): string => (v instanceof Date ? v.toISOString() : n(v)).slice(0, 10);

const SnapStation = z.looseObject({
  name: z.string(),
  stationClass: z.string().optional(),
  latitude: z.coerce.number(),
  longitude: z.coerce.number(),
  antennaHeightM: z.coerce.number().nullable().optional(),
  azimuthDeg: z.coerce.number().nullable().optional(),
  txPowerW: z.coerce.number().nullable().optional(),
  erpW: z.coerce.number().nullable().optional(),
  assignments: z.array(
    z.looseObject({
      direction: z.string().optional(),
      frequencyHz: z.coerce.number(),
      bandwidthHz: z.coerce.number().nullable().optional(),
      emissionDesignator: z.string().nullable().optional(),
    }),
  ),
});

/** What one revision of a licence states, or 404 when that revision was never issued. */
export async function certificateData(
  sequelize: Sequelize,
  licenceId: number,
  revision: number | null,
  publicUrl: string,
): Promise<CertificateData> {
  void sequelize;
  const l = await Licence.findByPk(licenceId);
  if (!l) throw new NotFoundError();
  const licensee = await Licensee.findByPk(l.licenseeId);
  if (!licensee) throw new NotFoundError();
  const wanted = revision ?? l.revision;
  let fields: {
    status: string;
    type: string;
    service: string;
    validFrom: string;
    validTo: string;
    issuedAt: string;
    issuedById: number | null;
    conditions: string;
  };
  let stations: z.output<typeof SnapStation>[];
  if (wanted === l.revision) {
    fields = {
      status: l.status,
      type: l.type,
      service: l.service,
      validFrom: day(l.validFrom),
      validTo: day(l.validTo),
      issuedAt: l.issuedAt ? day(l.issuedAt) : '',
      issuedById: l.issuedById,
      conditions: l.conditions,
    };
    const rows = await Station.findAll({
      where: { licenceId: l.id },
      include: [{ model: Assignment, as: 'assignments' }],
      order: [['id', 'ASC']],
    });
    stations = rows.map((s) => SnapStation.parse({ ...s.get({ plain: true }) }));
  } else {
    const rev = await LicenceRevision.findOne({ where: { licenceId: l.id, revision: wanted } });
    if (!rev) throw new NotFoundError('errors.revisionNotFound');
    const s = rev.snapshot.licence;
    fields = {
      status: n(s.status),
      type: n(s.type),
      service: n(s.service),
      validFrom: day(s.validFrom),
      validTo: day(s.validTo),
      issuedAt: s.issuedAt ? day(s.issuedAt) : '',
      issuedById: num(s.issuedById),
      conditions: n(s.conditions),
    };
    stations = rev.snapshot.stations.map((x) => SnapStation.parse(x));
  }
  if (!l.number || !fields.issuedAt || !isPublicStatus(fields.status))
    throw new NotFoundError('certificates.notIssued');
  const issuer = fields.issuedById ? await User.findByPk(fields.issuedById) : null;
  const service = await Service.findOne({ where: { code: fields.service } });
  const stated = { number: l.number, revision: wanted, validFrom: fields.validFrom, validTo: fields.validTo };
  return {
    number: l.number,
    revision: wanted,
    status: fields.status,
    type: fields.type,
    service: { vi: n(service?.nameVi ?? fields.service), en: n(service?.nameEn ?? fields.service) },
    validFrom: fields.validFrom,
    validTo: fields.validTo,
    issuedAt: fields.issuedAt,
    issuedBy: n(issuer?.fullName ?? ''),
    conditions: n(fields.conditions),
    licensee: { name: n(licensee.name), address: n(licensee.address), taxCode: n(licensee.taxCode) },
    stations: stations.map((s) => ({
      name: n(s.name),
      stationClass: n(s.stationClass),
      latitude: s.latitude,
      longitude: s.longitude,
      antennaHeightM: s.antennaHeightM ?? null,
      azimuthDeg: s.azimuthDeg ?? null,
      txPowerW: s.txPowerW ?? null,
      erpW: s.erpW ?? null,
      assignments: s.assignments.map((a) => ({
        direction: n(a.direction),
        frequencyHz: a.frequencyHz,
        bandwidthHz: a.bandwidthHz ?? null,
        emissionDesignator: n(a.emissionDesignator),
      })),
    })),
    verificationCode: verificationCode(stated),
    pageUrl: publicUrl + publicLicencePath(l.number),
  };
}

/** The certificate of a licence revision as PDF bytes (drawn in a worker thread, off the event loop). */
export async function certificatePdf(
  sequelize: Sequelize,
  o: { licenceId: number; revision: number | null; publicUrl: string; authority: { name: string; address: string } },
  labels: CertificateLabels,
): Promise<{ pdf: Buffer; data: CertificateData }> {
  const data = await certificateData(sequelize, o.licenceId, o.revision, o.publicUrl);
  return { pdf: await renderCertificateInWorker(data, o.authority, labels), data };
}

/** Revisions of a licence that have a certificate (issued at some time), newest first. */
export async function certificateRevisions(licenceId: number): Promise<number[]> {
  const l = await Licence.findByPk(licenceId);
  if (!l || !l.number) return [];
  const out: number[] = [];
  if (l.issuedAt && isPublicStatus(l.status)) out.push(l.revision);
  const revs = await LicenceRevision.findAll({ where: { licenceId }, order: [['revision', 'DESC']] });
  for (const r of revs) {
    const s = r.snapshot.licence;
    if (s.issuedAt && isPublicStatus(n(s.status))) out.push(r.revision);
  }
  return out;
}
