/** Opening the database the way the app and the commands need it: connect, migrate, seed. */
import type { Config } from './config';
import { openDatabase, type Database } from './db';
import { seedDemoUsers, seedDistricts, seedReferenceData, type DemoUser } from './db/seeds';
import { seedDemoRegister } from './db/seeds/demo-register';
import { seedDemoInspections } from './db/seeds/demo-inspections';
import type { Logger } from './lib/logger';
import { DistrictService } from './modules/districts/districts.service';

export interface Booted {
  db: Database;
  districts: DistrictService;
  demoUsers: DemoUser[];
}

/**
 * `seed`: reference data, districts and demo users (default on). `demoRegister`: on the first start of a
 * demo (not production), a believable licensing register made through the services (≈ 12 s).
 */
export async function boot(
  config: Config,
  logger: Logger,
  options: { seed?: boolean; demoRegister?: boolean } = {},
): Promise<Booted> {
  const db = await openDatabase(config.database, logger);
  const applied = await db.migrator.up();
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  const districts = new DistrictService(db.sequelize);
  let demoUsers: DemoUser[] = [];
  if (options.seed !== false) {
    const ref = await seedReferenceData(db.sequelize);
    if (ref.services || ref.bands) logger.info(ref, 'reference data seeded');
    await seedDistricts(districts, config.districtsGeojson, logger);
    if (config.env !== 'production') {
      demoUsers = await seedDemoUsers(db.sequelize, config.demoPassword);
      if (demoUsers.length && options.demoRegister) {
        logger.info('building the demo licensing register (first start only)…');
        const counts = await seedDemoRegister(db.sequelize, districts, { licencePrefix: config.licencePrefix });
        if (counts) logger.info(counts, 'demo licensing register seeded');
        if (counts) {
          const inspections = await seedDemoInspections(db.sequelize, districts, config.uploadDir).catch(
            (err: unknown) => {
              logger.warn({ err }, 'demo inspections not seeded');
              return 0;
            },
          );
          logger.info({ inspections }, 'demo inspections seeded');
        }
      }
    }
  }
  // SQLite keeps no planner statistics until asked: after migrations and seeding, PRAGMA optimize analyses the
  // tables that have none or have changed much (with a row limit: about 1 s at 100 000 stations, then nothing
  // to do). The public search's plans depend on it (issue 13). PostgreSQL's autovacuum keeps its own.
  if (db.dialect === 'sqlite') await db.sequelize.query('PRAGMA optimize=0x10002');
  return { db, districts, demoUsers };
}
