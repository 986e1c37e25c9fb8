import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Bulk import (SPEC §10.5, issue 14): a nullable, unique `externalRef` on the imported records (a re-import
 * matches by it), the `imports` (one uploaded file, its dry run and its commit) and the saved column
 * mappings.
 */
const REF_TABLES = ['licensees', 'licences', 'stations', 'assignments'] as const;

export async function up(qi: QueryInterface): Promise<void> {
  for (const table of REF_TABLES) {
    await qi.addColumn(table, 'externalRef', { type: DataTypes.STRING(100), allowNull: true });
    await qi.addIndex(table, ['externalRef'], { name: `${table}_external_ref`, unique: true });
  }
  const user = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } };
  await qi.createTable('imports', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    status: { type: DataTypes.STRING(12), allowNull: false },
    fileName: { type: DataTypes.STRING(255), allowNull: false },
    // The uploaded file as stored under the upload directory (re-read by the commit job).
    storedName: { type: DataTypes.STRING(80), allowNull: false },
    delimiter: { type: DataTypes.STRING(1), allowNull: false, defaultValue: ',' },
    headers: { type: DataTypes.TEXT, allowNull: false },
    mapping: { type: DataTypes.TEXT, allowNull: false },
    rowCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    counts: { type: DataTypes.TEXT, allowNull: false },
    // One letter per row (c create, u update, n unchanged, e error) and the errors as [row, column, key, params].
    outcomes: { type: DataTypes.TEXT, allowNull: false },
    errors: { type: DataTypes.TEXT, allowNull: false },
    result: { type: DataTypes.TEXT, allowNull: true },
    createdById: { ...user, onDelete: 'SET NULL' },
    jobId: { type: DataTypes.INTEGER, allowNull: true },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('imports', ['createdById', 'createdAt'], { name: 'imports_creator' });
  await qi.createTable('import_mappings', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    mapping: { type: DataTypes.TEXT, allowNull: false },
    createdById: { ...user, onDelete: 'SET NULL' },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('import_mappings', ['kind', 'name'], { name: 'import_mappings_kind_name', unique: true });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('import_mappings');
  await qi.dropTable('imports');
  for (const table of [...REF_TABLES].reverse()) {
    await qi.removeIndex(table, `${table}_external_ref`);
    // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): Sequelize's SQLite removeColumn rebuilds the table
    // and loses its other indexes.
    await qi.sequelize.query(`ALTER TABLE "${table}" DROP COLUMN "externalRef"`);
  }
}
