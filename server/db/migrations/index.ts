import type { QueryInterface, Sequelize } from 'sequelize';
import * as m001 from './001-platform';
import * as m002 from './002-licensing';
import * as m003 from './003-conflicts';
import * as m004 from './004-footprint-envelope';
import * as m005 from './005-inspections';
import * as m006 from './006-map-indexes';
import * as m007 from './007-jobs';
import * as m008 from './008-propagation-model';
import * as m010 from './010-fees';
import * as m011 from './011-public-indexes';
import * as m012 from './012-imports';
import * as m013 from './013-intermodulation';
import * as m014 from './014-history';
import * as m015 from './015-public-search';
import * as m016 from './016-footprint-cover';
import * as m017 from './017-intermod-window';

export interface Migration {
  name: string;
  up(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
  down(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
}

/** Every migration, in order. Each runs on SQLite and PostgreSQL and has a down. */
export const migrations: Migration[] = [
  { name: '001-platform', ...m001 },
  { name: '002-licensing', ...m002 },
  { name: '003-conflicts', ...m003 },
  { name: '004-footprint-envelope', ...m004 },
  { name: '005-inspections', ...m005 },
  { name: '006-map-indexes', ...m006 },
  { name: '007-jobs', ...m007 },
  { name: '008-propagation-model', ...m008 },
  { name: '010-fees', ...m010 },
  { name: '011-public-indexes', ...m011 },
  { name: '012-imports', ...m012 },
  { name: '013-intermodulation', ...m013 },
  { name: '014-history', ...m014 },
  { name: '015-public-search', ...m015 },
  { name: '016-footprint-cover', ...m016 },
  { name: '017-intermod-window', ...m017 },
];
