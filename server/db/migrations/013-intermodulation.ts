import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Intermodulation conflicts (SPEC §12, issue 16; geo/conflicts/intermod.ts):
 * - services: `intermodDistanceKm`, the distance within which transmitters mix (1 km by default);
 * - conflicts: the second and third contributors of a product (the first is `interfererAssignmentId`), and
 *   `intermod`, the product's figures as JSON (type, product frequency and range, contributors' frequencies);
 * - the pair index becomes (victim, interferer, second, third): one victim can suffer from several products of
 *   the same first contributor, besides its co- or adjacent-channel conflict with it.
 */
const CONTRIBUTORS = ['secondInterfererAssignmentId', 'thirdInterfererAssignmentId'] as const;
const PAIR_INDEX =
  'CREATE UNIQUE INDEX conflicts_pair ON conflicts ("victimAssignmentId", "interfererAssignmentId", ' +
  'COALESCE("secondInterfererAssignmentId", 0), COALESCE("thirdInterfererAssignmentId", 0))';

export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('services', 'intermodDistanceKm', { type: DataTypes.DOUBLE, allowNull: false, defaultValue: 1 });
  for (const c of CONTRIBUTORS) {
    await qi.addColumn('conflicts', c, {
      type: DataTypes.INTEGER,
      allowNull: true,
      references: { model: 'assignments', key: 'id' },
      onDelete: 'CASCADE',
    });
    await qi.addIndex('conflicts', [c], { name: `conflicts_${c.replace('InterfererAssignmentId', '')}` });
  }
  await qi.addColumn('conflicts', 'intermod', { type: DataTypes.TEXT, allowNull: true });
  await qi.removeIndex('conflicts', 'conflicts_pair');
  await qi.sequelize.query(PAIR_INDEX);
}

export async function down(qi: QueryInterface): Promise<void> {
  // The old pair index cannot hold several products of one pair: intermodulation conflicts go first.
  await qi.sequelize.query(`DELETE FROM conflicts WHERE kind = 'intermodulation'`);
  await qi.sequelize.query('DROP INDEX conflicts_pair');
  await qi.addIndex('conflicts', ['victimAssignmentId', 'interfererAssignmentId'], {
    unique: true,
    name: 'conflicts_pair',
  });
  // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): Sequelize's SQLite removeColumn rebuilds the table
  // and loses its other indexes.
  await qi.sequelize.query('ALTER TABLE conflicts DROP COLUMN "intermod"');
  for (const c of [...CONTRIBUTORS].reverse()) {
    await qi.removeIndex('conflicts', `conflicts_${c.replace('InterfererAssignmentId', '')}`);
    await qi.sequelize.query(`ALTER TABLE conflicts DROP COLUMN "${c}"`);
  }
  await qi.sequelize.query('ALTER TABLE services DROP COLUMN "intermodDistanceKm"');
}
