import type { QueryInterface, Sequelize } from 'sequelize';
import * as m001 from './001-platform';

export interface Migration {
  name: string;
  up(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
  down(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
}

/** Every migration, in order. Each runs on SQLite and PostgreSQL and has a down. */
export const migrations: Migration[] = [{ name: '001-platform', ...m001 }];
