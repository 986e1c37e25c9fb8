import type { QueryInterface, Sequelize } from 'sequelize';
import * as m001 from './001-platform';
import * as m002 from './002-licensing';
import * as m003 from './003-conflicts';
import * as m004 from './004-footprint-envelope';

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
];
