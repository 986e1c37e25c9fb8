/**
 * Factories for licensing records, made through the same services the app uses (with real users).
 */
import type { Sequelize } from 'sequelize';
import { SYSTEM_ACTOR, type CurrentUser } from '../../server/lib/actor';
import { User } from '../../server/models/User';
import { createAssignment } from '../../server/modules/assignments/assignments.service';
import { presentCurrentUser, loadActiveUser } from '../../server/modules/auth/auth.service';
import type { DistrictService } from '../../server/modules/districts/districts.service';
import { createLicensee } from '../../server/modules/licensees/licensees.service';
import { createLicence, transition } from '../../server/modules/licences/licences.service';
import { createStation } from '../../server/modules/stations/stations.service';
import type { LicenceStatus } from '../../server/models/Licence';

let seq = 0;

export async function userNamed(username: string): Promise<CurrentUser> {
  const u = await User.findOne({ where: { username } });
  if (!u) throw new Error(`no user ${username}`);
  return presentCurrentUser((await loadActiveUser(u.id)) as User);
}

export interface Made {
  licenseeId: number;
  licenceId: number;
  stationId: number;
  assignmentId: number;
}

/** A draft licence with one land-mobile station in Buôn Ma Thuột and one TX assignment. */
export async function makeDraft(
  sequelize: Sequelize,
  districts: DistrictService,
  options: {
    frequency?: string | number;
    officer?: string;
    licenseeName?: string;
    latitude?: number;
    longitude?: number;
    txPowerW?: number;
  } = {},
): Promise<Made> {
  const officer = await userNamed(options.officer ?? 'officer');
  const actor = { ...SYSTEM_ACTOR, userId: officer.id };
  seq += 1;
  const licensee = await createLicensee(
    sequelize,
    {
      name: options.licenseeName ?? `Công ty Thử nghiệm ${seq}`,
      kind: 'enterprise',
      taxCode: `60000${String(seq).padStart(5, '0')}`,
      address: 'Buôn Ma Thuột',
    },
    actor,
  );
  const licence = await createLicence(
    sequelize,
    {
      licenseeId: licensee.id,
      type: 'frequency_equipment',
      service: 'land_mobile',
      validFrom: '2026-01-01',
      validTo: '2030-12-31',
    },
    officer,
    actor,
  );
  const station = await createStation(
    sequelize,
    districts,
    {
      licenceId: licence.id,
      name: `Trạm ${seq}`,
      service: 'land_mobile',
      stationClass: 'FB',
      latitude: options.latitude ?? 12.6667,
      longitude: options.longitude ?? 108.038,
      antennaHeightM: 30,
      antennaGainDbi: 6,
      txPowerW: options.txPowerW ?? 25,
      feederLossDb: 1,
    },
    officer,
    actor,
  );
  // A channel of its own (25 kHz apart) unless asked: co-channel neighbours would open conflicts.
  const frequencyHz = options.frequency ?? 160_012_500 + seq * 25_000;
  const a = await createAssignment(
    sequelize,
    station.id,
    { direction: 'tx', frequencyHz, bandwidthHz: '12.5 kHz', emissionDesignator: '11K0F3E' },
    officer,
    actor,
  );
  return { licenseeId: licensee.id, licenceId: licence.id, stationId: station.id, assignmentId: a.id };
}

/** Drives a draft licence to the wanted state through the real transitions. */
export async function makeLicenceIn(
  sequelize: Sequelize,
  districts: DistrictService,
  status: LicenceStatus,
  prefix = 'TST',
): Promise<Made> {
  const made = await makeDraft(sequelize, districts);
  const officer = await userNamed('officer');
  const manager = await userNamed('manager');
  const ctx = { sequelize, licencePrefix: prefix };
  const as = (u: CurrentUser) => ({ ...SYSTEM_ACTOR, userId: u.id });
  if (status === 'draft') return made;
  await transition(ctx, made.licenceId, 'submit', {}, officer, as(officer));
  if (status === 'submitted') return made;
  if (status === 'rejected') {
    await transition(ctx, made.licenceId, 'reject', { reason: 'thiếu hồ sơ' }, manager, as(manager));
    return made;
  }
  await transition(ctx, made.licenceId, 'issue', { note: 'ok' }, manager, as(manager));
  if (status === 'issued') return made;
  if (status === 'suspended') {
    await transition(ctx, made.licenceId, 'suspend', { reason: 'vi phạm' }, manager, as(manager));
    return made;
  }
  if (status === 'revoked') {
    await transition(ctx, made.licenceId, 'revoke', { reason: 'vi phạm' }, manager, as(manager));
    return made;
  }
  if (status === 'expired') {
    await sequelize.query(
      'UPDATE licences SET "validTo" = \'2020-01-01\', "validFrom" = \'2019-01-01\' WHERE id = :id',
      { replacements: { id: made.licenceId } },
    );
    return made;
  }
  throw new Error(`cannot make ${status}`);
}
