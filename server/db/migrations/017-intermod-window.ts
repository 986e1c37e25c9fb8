import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The intermodulation window (issue 16; geo/conflicts/intermod.ts, geo/README.md): `services.intermodWindowPercent`,
 * a product on a victim of the service is formed only from transmitters within ± this % of the victim's centre
 * frequency; 10 for every service (the column's default), 0 = no window (the SPEC's literal rule).
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('services', 'intermodWindowPercent', {
    type: DataTypes.DOUBLE,
    allowNull: false,
    defaultValue: 10,
  });
}

export async function down(qi: QueryInterface): Promise<void> {
  // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL), as 013: Sequelize's SQLite removeColumn rebuilds the table.
  await qi.sequelize.query('ALTER TABLE services DROP COLUMN "intermodWindowPercent"');
}
