import { DataTypes, type QueryInterface } from 'sequelize';

const timestamps = {
  createdAt: { type: DataTypes.DATE, allowNull: false },
  updatedAt: { type: DataTypes.DATE, allowNull: false },
};

export async function up(qi: QueryInterface): Promise<void> {
  // The protected coverage footprint of each TX assignment (SPEC §4.3), kept current on every save.
  await qi.createTable('assignment_footprints', {
    assignmentId: {
      type: DataTypes.INTEGER,
      primaryKey: true,
      allowNull: false,
      references: { model: 'assignments', key: 'id' },
      onDelete: 'CASCADE',
    },
    polygon: { type: DataTypes.TEXT, allowNull: false },
    minLon: { type: DataTypes.DOUBLE, allowNull: false },
    minLat: { type: DataTypes.DOUBLE, allowNull: false },
    maxLon: { type: DataTypes.DOUBLE, allowNull: false },
    maxLat: { type: DataTypes.DOUBLE, allowNull: false },
    maxRadiusKm: { type: DataTypes.DOUBLE, allowNull: false },
    details: { type: DataTypes.TEXT, allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('assignment_footprints', ['minLon', 'maxLon', 'minLat', 'maxLat'], {
    name: 'assignment_footprints_bbox',
  });

  await qi.createTable('conflicts', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    kind: { type: DataTypes.STRING(20), allowNull: false },
    mechanism: { type: DataTypes.STRING(24), allowNull: false },
    victimAssignmentId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'assignments', key: 'id' },
      onDelete: 'CASCADE',
    },
    interfererAssignmentId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'assignments', key: 'id' },
      onDelete: 'CASCADE',
    },
    frequencyOffsetHz: { type: DataTypes.BIGINT, allowNull: false },
    overlapKm2: { type: DataTypes.DOUBLE, allowNull: false },
    overlapFraction: { type: DataTypes.DOUBLE, allowNull: false },
    severity: { type: DataTypes.STRING(8), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    sameLicensee: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    decidedById: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } },
    decidedAt: { type: DataTypes.DATE, allowNull: true },
    note: { type: DataTypes.TEXT, allowNull: true },
    geometry: { type: DataTypes.TEXT, allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });
  await qi.addIndex('conflicts', ['victimAssignmentId', 'interfererAssignmentId'], {
    unique: true,
    name: 'conflicts_pair',
  });
  await qi.addIndex('conflicts', ['interfererAssignmentId'], { name: 'conflicts_interferer' });
  await qi.addIndex('conflicts', ['status', 'severity'], { name: 'conflicts_status_severity' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('conflicts');
  await qi.dropTable('assignment_footprints');
}
