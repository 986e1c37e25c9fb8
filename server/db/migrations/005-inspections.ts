import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const timestamps = {
  createdAt: { type: DataTypes.DATE, allowNull: false },
  updatedAt: { type: DataTypes.DATE, allowNull: false },
};
const version = { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 };
const userRef = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } };
const inspectionRef = {
  type: DataTypes.INTEGER,
  allowNull: false,
  references: { model: 'inspections', key: 'id' },
  onDelete: 'CASCADE',
};
const num = () => ({ type: DataTypes.DOUBLE, allowNull: true });

/** Field inspections (SPEC §2 Inspection, Finding): inspections, their inspectors, measurements, photos, findings. */
export async function up(qi: QueryInterface): Promise<void> {
  // Gap-free references per year (INS-2026-00017), incremented inside the creating transaction.
  await qi.createTable('inspection_counters', {
    year: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    last: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.createTable('inspections', {
    id,
    reference: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    type: { type: DataTypes.STRING(24), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    districtCode: { type: DataTypes.STRING(16), allowNull: false },
    stationId: {
      type: DataTypes.INTEGER,
      allowNull: true,
      references: { model: 'stations', key: 'id' },
      onDelete: 'SET NULL',
    },
    licenceId: {
      type: DataTypes.INTEGER,
      allowNull: true,
      references: { model: 'licences', key: 'id' },
      onDelete: 'SET NULL',
    },
    place: { type: DataTypes.STRING(300), allowNull: false, defaultValue: '' },
    latitude: num(),
    longitude: num(),
    positionAccuracyM: num(),
    positionSource: { type: DataTypes.STRING(8), allowNull: true },
    scheduledFor: { type: DataTypes.DATEONLY, allowNull: true },
    performedAt: { type: DataTypes.DATE, allowNull: true },
    notes: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    outcome: { type: DataTypes.STRING(16), allowNull: true },
    cancelReason: { type: DataTypes.TEXT, allowNull: true },
    clientKey: { type: DataTypes.STRING(64), allowNull: true, unique: true },
    createdById: userRef,
    completedById: userRef,
    completedAt: { type: DataTypes.DATE, allowNull: true },
    version,
    ...timestamps,
  });
  await qi.addIndex('inspections', ['districtCode', 'status'], { name: 'inspections_district_status' });
  await qi.addIndex('inspections', ['stationId'], { name: 'inspections_station' });
  await qi.addIndex('inspections', ['licenceId'], { name: 'inspections_licence' });

  await qi.createTable('inspection_inspectors', {
    inspectionId: { ...inspectionRef, primaryKey: true },
    userId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'users', key: 'id' } },
  });
  await qi.addIndex('inspection_inspectors', ['userId'], { name: 'inspection_inspectors_user' });

  await qi.createTable('measurements', {
    id,
    inspectionId: inspectionRef,
    frequencyHz: { type: DataTypes.BIGINT, allowNull: true },
    frequencyErrorHz: num(),
    bandwidthHz: { type: DataTypes.BIGINT, allowNull: true },
    fieldStrengthDbuv: num(),
    distanceM: num(),
    erpW: num(),
    antennaHeightM: num(),
    azimuthDeg: num(),
    equipmentSeen: { type: DataTypes.STRING(200), allowNull: true },
    note: { type: DataTypes.TEXT, allowNull: true },
    createdById: userRef,
    ...timestamps,
  });
  await qi.addIndex('measurements', ['inspectionId'], { name: 'measurements_inspection' });

  await qi.createTable('inspection_photos', {
    id,
    inspectionId: inspectionRef,
    fileName: { type: DataTypes.STRING(80), allowNull: false, unique: true },
    mimeType: { type: DataTypes.STRING(32), allowNull: false },
    sizeBytes: { type: DataTypes.INTEGER, allowNull: false },
    originalName: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
    uploadedById: userRef,
    ...timestamps,
  });
  await qi.addIndex('inspection_photos', ['inspectionId'], { name: 'inspection_photos_inspection' });

  await qi.createTable('findings', {
    id,
    inspectionId: inspectionRef,
    category: { type: DataTypes.STRING(32), allowNull: false },
    severity: { type: DataTypes.STRING(16), allowNull: false },
    legalBasis: { type: DataTypes.STRING(300), allowNull: false, defaultValue: '' },
    description: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    requiredAction: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    dueDate: { type: DataTypes.DATEONLY, allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false },
    resolution: { type: DataTypes.TEXT, allowNull: true },
    resolvedAt: { type: DataTypes.DATE, allowNull: true },
    followUpInspectionId: {
      type: DataTypes.INTEGER,
      allowNull: true,
      references: { model: 'inspections', key: 'id' },
      onDelete: 'SET NULL',
    },
    sanction: { type: DataTypes.STRING(24), allowNull: false, defaultValue: 'none' },
    fineVnd: { type: DataTypes.BIGINT, allowNull: true },
    sanctionNote: { type: DataTypes.TEXT, allowNull: true },
    sanctionedAt: { type: DataTypes.DATE, allowNull: true },
    sanctionedById: userRef,
    createdById: userRef,
    version,
    ...timestamps,
  });
  await qi.addIndex('findings', ['inspectionId'], { name: 'findings_inspection' });
  await qi.addIndex('findings', ['status', 'dueDate'], { name: 'findings_status_due' });

  // After completion an inspection is read-only: corrections are new entries, each audited.
  await qi.createTable('inspection_corrections', {
    id,
    inspectionId: inspectionRef,
    authorId: userRef,
    text: { type: DataTypes.TEXT, allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('inspection_corrections', ['inspectionId'], { name: 'inspection_corrections_inspection' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('inspection_corrections');
  await qi.dropTable('findings');
  await qi.dropTable('inspection_photos');
  await qi.dropTable('measurements');
  await qi.dropTable('inspection_inspectors');
  await qi.dropTable('inspections');
  await qi.dropTable('inspection_counters');
}
