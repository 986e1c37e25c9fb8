import { DataTypes, type QueryInterface, type Sequelize } from 'sequelize';
import { execute, sql } from '../sql';

/**
 * Each service names its propagation model (SPEC §4.2, issue 20): `hata` (the chain by frequency) or
 * `p1546` (ITU-R P.1546-6). Broadcasting (fm_broadcast, tv_broadcast) takes `p1546`, the others `hata`.
 * Footprints stored before this migration keep their Hata radii until their assignment is saved again or
 * the next full scan recomputes them.
 */
export async function up(qi: QueryInterface, sequelize: Sequelize): Promise<void> {
  await qi.addColumn('services', 'propagationModel', {
    type: DataTypes.STRING(16),
    allowNull: false,
    defaultValue: 'hata',
  });
  await execute(
    sequelize,
    sql`UPDATE services SET "propagationModel" = ${'p1546'} WHERE code IN (${'fm_broadcast'}, ${'tv_broadcast'})`,
  );
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.removeColumn('services', 'propagationModel');
}
