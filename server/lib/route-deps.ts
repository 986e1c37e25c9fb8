import type { Config } from '../config';
import type { Database } from '../db';
import type { DistrictService } from '../modules/districts/districts.service';
import type { Logger } from './logger';

/** What every module's routes receive from buildApp. */
export interface RouteDeps {
  config: Config;
  db: Database;
  districts: DistrictService;
  logger: Logger;
}
