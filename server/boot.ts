/** Opening the database the way the app and the commands need it: connect, migrate, seed. */
import type { Config } from './config';
import { openDatabase, type Database } from './db';
import { seedDemoUsers, seedDistricts, seedReferenceData, type DemoUser } from './db/seeds';
import type { Logger } from './lib/logger';
import { DistrictService } from './modules/districts/districts.service';

export interface Booted {
  db: Database;
  districts: DistrictService;
  demoUsers: DemoUser[];
}

export async function boot(config: Config, logger: Logger, options: { seed?: boolean } = {}): Promise<Booted> {
  const db = await openDatabase(config.database, logger);
  const applied = await db.migrator.up();
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  const districts = new DistrictService(db.sequelize);
  let demoUsers: DemoUser[] = [];
  if (options.seed !== false) {
    const ref = await seedReferenceData(db.sequelize);
    if (ref.services || ref.bands) logger.info(ref, 'reference data seeded');
    await seedDistricts(districts, config.districtsGeojson, logger);
    if (config.env !== 'production') demoUsers = await seedDemoUsers(db.sequelize, config.demoPassword);
  }
  return { db, districts, demoUsers };
}
