/**
 * First-run seeding: reference data (services, band plan) when empty; districts (the configured
 * official file, else approximate demo cells); demo users outside production.
 */
import { readFileSync } from 'node:fs';
import type { Sequelize } from 'sequelize';
import { validateBoundaries } from '../../../geo/districts/validate';
import { SYSTEM_ACTOR, type Actor } from '../../lib/actor';
import type { Logger } from '../../lib/logger';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { Service } from '../../models/Service';
import { User, type Role } from '../../models/User';
import { recordAudit } from '../../modules/audit/audit.service';
import { type DistrictService } from '../../modules/districts/districts.service';
import { todayIso } from '../../lib/dates';
import { createUserDirect } from '../../modules/users/users.service';
import { BAND_SEEDS, SERVICE_SEEDS } from './reference-data';

export async function seedReferenceData(
  sequelize: Sequelize,
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ services: number; bands: number }> {
  let services = 0;
  let bands = 0;
  await sequelize.transaction(async (transaction) => {
    if ((await Service.count({ transaction })) === 0) {
      for (const s of SERVICE_SEEDS) {
        const row = await Service.create(s, { transaction });
        await recordAudit(transaction, {
          actor,
          entity: 'service',
          entityId: row.code,
          action: 'seed',
          after: { ...s },
        });
        services++;
      }
    }
    if ((await BandPlanEntry.count({ transaction })) === 0) {
      for (const b of BAND_SEEDS) {
        const row = await BandPlanEntry.create(b, { transaction });
        await recordAudit(transaction, {
          actor,
          entity: 'band_plan_entry',
          entityId: row.id,
          action: 'seed',
          after: { ...b },
        });
        bands++;
      }
    }
  });
  return { services, bands };
}

/** Imports DISTRICTS_GEOJSON when set (refusing a bad file), else approximate cells if none exist. */
export async function seedDistricts(districts: DistrictService, file: string | null, logger?: Logger): Promise<void> {
  if (file) {
    const result = validateBoundaries(JSON.parse(readFileSync(file, 'utf8')));
    if (!result.ok)
      throw new Error(
        `DISTRICTS_GEOJSON ${file} is not valid:\n` +
          result.problems.map((p) => `  feature ${p.index}${p.code ? ` (${p.code})` : ''}: ${p.reason}`).join('\n'),
      );
    const s = await districts.importBoundaries(
      result.features,
      { source: `Imported from ${file.split('/').pop()}`, validFrom: todayIso(), replace: true },
      SYSTEM_ACTOR,
    );
    logger?.info(
      {
        ...s,
        created: s.created.length,
        updated: s.updated.length,
        unchanged: s.unchanged.length,
        retired: s.retired.length,
      },
      'districts from DISTRICTS_GEOJSON',
    );
    return;
  }
  const s = await districts.ensureDemoDistricts(SYSTEM_ACTOR);
  if (s) logger?.info({ created: s.created.length }, 'approximate demo districts created (no DISTRICTS_GEOJSON)');
}

export interface DemoUser {
  username: string;
  fullName: string;
  role: Role;
  districtCodes: string[];
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', fullName: 'Nguyễn Văn Quản', role: 'admin', districtCodes: [] },
  { username: 'officer', fullName: 'Trần Thị Lan', role: 'licensing_officer', districtCodes: [] },
  { username: 'officer2', fullName: 'Lê Minh Đức', role: 'licensing_officer', districtCodes: [] },
  { username: 'inspector', fullName: 'Phạm Văn Hùng', role: 'inspector', districtCodes: ['643', '648', '655', '657'] },
  {
    username: 'inspector2',
    fullName: 'Y Bhim Niê',
    role: 'inspector',
    districtCodes: ['644', '649', '650', '651', '652'],
  },
  { username: 'manager', fullName: 'Hoàng Thị Mai', role: 'manager', districtCodes: [] },
  { username: 'manager2', fullName: 'Đỗ Quang Vinh', role: 'manager', districtCodes: [] },
];

/** Demo users, only when there are no users at all. Returns the names made. */
export async function seedDemoUsers(sequelize: Sequelize, password: string): Promise<DemoUser[]> {
  if ((await User.count()) > 0) return [];
  for (const u of DEMO_USERS) await createUserDirect(sequelize, { ...u, password }, SYSTEM_ACTOR);
  return DEMO_USERS;
}
