/**
 * Licences for the public-register tests, made through the services the app uses: an individual licensee with
 * distinctive personal data (none of which may ever be public) and an enterprise with distinctive contact details.
 */
import type { Sequelize } from 'sequelize';
import { SYSTEM_ACTOR, type CurrentUser } from '../../server/lib/actor';
import { createAssignment } from '../../server/modules/assignments/assignments.service';
import type { DistrictService } from '../../server/modules/districts/districts.service';
import { createLicensee } from '../../server/modules/licensees/licensees.service';
import { createLicence, transition } from '../../server/modules/licences/licences.service';
import type { TransitionAction } from '../../server/modules/licences/licences.transitions';
import { createStation } from '../../server/modules/stations/stations.service';
import { userNamed } from './factories';

/** Everything about the individual that must never be public (the exact position included). */
export const PERSON = {
  name: 'Nguyễn Thị Riêngtư Zqx',
  kind: 'individual',
  idNumber: '079123456789',
  address: 'Số 99 Hẻm Bímật Zqx, Buôn Ma Thuột',
  contactPerson: 'Trần Văn Liênhệ Zqx',
  phone: '0912 345 678',
  email: 'riengtu.zqx@example.vn',
};
export const PERSON_POSITION = { latitude: 12.66789, longitude: 108.03456 };

/** An enterprise: its name is public, its contact details are not. */
export const COMPANY = {
  name: 'Công ty TNHH Phát thanh Đắk Lắk',
  kind: 'broadcaster',
  taxCode: '6000123456',
  address: '12 Đường Lêduẩn Zqy, Buôn Ma Thuột',
  contactPerson: 'Phạm Liênlạc Zqy',
  phone: '0262 3855 777',
  email: 'lienhe.zqy@example.vn',
};

/** Strings that must appear in no public page, API answer or open-data file. */
export const SECRETS = [
  PERSON.name,
  'Riêngtư',
  'Riengtu',
  PERSON.idNumber,
  'Bímật',
  PERSON.contactPerson,
  'Liênhệ',
  PERSON.phone,
  '0912345678',
  PERSON.email,
  '12.66789',
  '108.03456',
  '12,66789',
  '108,03456',
  COMPANY.address,
  'Lêduẩn',
  COMPANY.contactPerson,
  'Liênlạc',
  COMPANY.phone,
  COMPANY.email,
];

let seq = 0;

export interface Issued {
  licenceId: number;
  stationId: number;
  number: string;
}

/** A licence of this licensee with one land-mobile station, driven to `status` through the real transitions. */
export async function licenceFor(
  sequelize: Sequelize,
  districts: DistrictService,
  licensee: Record<string, unknown>,
  o: {
    status?: 'draft' | 'submitted' | 'rejected' | 'issued' | 'suspended' | 'revoked';
    latitude?: number;
    longitude?: number;
    frequency?: string;
    conditions?: string;
  } = {},
): Promise<Issued> {
  seq += 1;
  const officer = await userNamed('officer');
  const manager = await userNamed('manager');
  const as = (u: CurrentUser) => ({ ...SYSTEM_ACTOR, userId: u.id });
  const who = await createLicensee(sequelize, licensee, as(officer));
  const licence = await createLicence(
    sequelize,
    {
      licenseeId: who.id,
      type: 'frequency_equipment',
      service: 'land_mobile',
      validFrom: '2026-01-01',
      validTo: '2030-12-31',
      conditions: o.conditions ?? '',
    },
    officer,
    as(officer),
  );
  const station = await createStation(
    sequelize,
    districts,
    {
      licenceId: licence.id,
      name: `Trạm công khai ${seq}`,
      service: 'land_mobile',
      stationClass: 'FB',
      latitude: o.latitude ?? 12.6667,
      longitude: o.longitude ?? 108.038,
      antennaHeightM: 30,
      antennaGainDbi: 6,
      txPowerW: 25,
      feederLossDb: 1,
    },
    officer,
    as(officer),
  );
  await createAssignment(
    sequelize,
    station.id,
    {
      direction: 'tx',
      frequencyHz: o.frequency ?? `${(150 + seq * 0.025).toFixed(4)} MHz`,
      bandwidthHz: '12.5 kHz',
      emissionDesignator: '11K0F3E',
    },
    officer,
    as(officer),
  );
  const ctx = { sequelize, licencePrefix: 'DLK' };
  const status = o.status ?? 'issued';
  let number = '';
  const step = async (action: TransitionAction, body: Record<string, unknown>, u: CurrentUser) => {
    const l = await transition(ctx, licence.id, action, body, u, as(u));
    number = l.number ?? '';
  };
  if (status !== 'draft') await step('submit', {}, officer);
  if (status === 'rejected') await step('reject', { reason: 'thiếu hồ sơ' }, manager);
  if (['issued', 'suspended', 'revoked'].includes(status)) await step('issue', { note: 'ok' }, manager);
  if (status === 'suspended') await step('suspend', { reason: 'vi phạm' }, manager);
  if (status === 'revoked') await step('revoke', { reason: 'vi phạm' }, manager);
  return { licenceId: licence.id, stationId: station.id, number };
}
