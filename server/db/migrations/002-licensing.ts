import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const timestamps = {
  createdAt: { type: DataTypes.DATE, allowNull: false },
  updatedAt: { type: DataTypes.DATE, allowNull: false },
};
const version = { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 };
const userRef = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } };

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('licensees', {
    id,
    name: { type: DataTypes.STRING(200), allowNull: false },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    taxCode: { type: DataTypes.STRING(20), allowNull: true },
    idNumber: { type: DataTypes.STRING(20), allowNull: true },
    address: { type: DataTypes.STRING(300), allowNull: false, defaultValue: '' },
    contactPerson: { type: DataTypes.STRING(120), allowNull: true },
    phone: { type: DataTypes.STRING(40), allowNull: true },
    email: { type: DataTypes.STRING(120), allowNull: true },
    searchText: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    version,
    ...timestamps,
  });
  await qi.addIndex('licensees', ['name'], { name: 'licensees_name' });
  await qi.addIndex('licensees', ['taxCode'], { name: 'licensees_tax_code' });

  await qi.createTable('licences', {
    id,
    number: { type: DataTypes.STRING(32), allowNull: true, unique: true },
    revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    licenseeId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'licensees', key: 'id' } },
    type: { type: DataTypes.STRING(32), allowNull: false },
    service: { type: DataTypes.STRING(32), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    validFrom: { type: DataTypes.DATEONLY, allowNull: false },
    validTo: { type: DataTypes.DATEONLY, allowNull: false },
    issuedAt: { type: DataTypes.DATE, allowNull: true },
    issuedById: userRef,
    draftedById: userRef,
    submittedAt: { type: DataTypes.DATE, allowNull: true },
    conditions: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    rejectionReason: { type: DataTypes.TEXT, allowNull: true },
    returnReason: { type: DataTypes.TEXT, allowNull: true },
    statusReason: { type: DataTypes.TEXT, allowNull: true },
    warningsAcknowledgedById: userRef,
    warningsAcknowledgedAt: { type: DataTypes.DATE, allowNull: true },
    warningsNote: { type: DataTypes.TEXT, allowNull: true },
    feeVnd: { type: DataTypes.BIGINT, allowNull: true },
    searchText: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    version,
    ...timestamps,
  });
  await qi.addIndex('licences', ['status'], { name: 'licences_status' });
  await qi.addIndex('licences', ['licenseeId'], { name: 'licences_licensee' });
  await qi.addIndex('licences', ['validTo'], { name: 'licences_valid_to' });
  await qi.addIndex('licences', ['service'], { name: 'licences_service' });

  await qi.createTable('licence_revisions', {
    id,
    licenceId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'licences', key: 'id' },
      onDelete: 'CASCADE',
    },
    revision: { type: DataTypes.INTEGER, allowNull: false },
    reason: { type: DataTypes.STRING(16), allowNull: false },
    snapshot: { type: DataTypes.TEXT, allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('licence_revisions', ['licenceId', 'revision'], {
    unique: true,
    name: 'licence_revisions_licence_revision',
  });

  await qi.createTable('licence_counters', {
    year: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    last: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });

  await qi.createTable('stations', {
    id,
    licenceId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'licences', key: 'id' },
      onDelete: 'CASCADE',
    },
    name: { type: DataTypes.STRING(200), allowNull: false },
    callsign: { type: DataTypes.STRING(20), allowNull: true },
    service: { type: DataTypes.STRING(32), allowNull: false },
    stationClass: { type: DataTypes.STRING(4), allowNull: false },
    latitude: { type: DataTypes.DOUBLE, allowNull: false },
    longitude: { type: DataTypes.DOUBLE, allowNull: false },
    groundElevationM: { type: DataTypes.DOUBLE, allowNull: true },
    address: { type: DataTypes.STRING(300), allowNull: false, defaultValue: '' },
    districtCode: { type: DataTypes.STRING(16), allowNull: false },
    antennaHeightM: { type: DataTypes.DOUBLE, allowNull: false },
    antennaGainDbi: { type: DataTypes.DOUBLE, allowNull: false },
    azimuthDeg: { type: DataTypes.DOUBLE, allowNull: true },
    beamwidthDeg: { type: DataTypes.DOUBLE, allowNull: true },
    polarization: { type: DataTypes.STRING(16), allowNull: true },
    txPowerW: { type: DataTypes.DOUBLE, allowNull: false },
    feederLossDb: { type: DataTypes.DOUBLE, allowNull: false, defaultValue: 0 },
    erpW: { type: DataTypes.DOUBLE, allowNull: false },
    equipmentModel: { type: DataTypes.STRING(120), allowNull: true },
    farEndLatitude: { type: DataTypes.DOUBLE, allowNull: true },
    farEndLongitude: { type: DataTypes.DOUBLE, allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
    searchText: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    version,
    ...timestamps,
  });
  await qi.addIndex('stations', ['licenceId'], { name: 'stations_licence' });
  await qi.addIndex('stations', ['districtCode'], { name: 'stations_district' });
  await qi.addIndex('stations', ['latitude', 'longitude'], { name: 'stations_position' });

  await qi.createTable('assignments', {
    id,
    stationId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'stations', key: 'id' },
      onDelete: 'CASCADE',
    },
    direction: { type: DataTypes.STRING(4), allowNull: false },
    frequencyHz: { type: DataTypes.BIGINT, allowNull: false },
    bandwidthHz: { type: DataTypes.BIGINT, allowNull: false },
    emissionDesignator: { type: DataTypes.STRING(9), allowNull: false },
    necessaryBandwidthHz: { type: DataTypes.BIGINT, allowNull: false },
    occupiedLowHz: { type: DataTypes.BIGINT, allowNull: false },
    occupiedHighHz: { type: DataTypes.BIGINT, allowNull: false },
    bandPlanCheck: { type: DataTypes.TEXT, allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
    version,
    ...timestamps,
  });
  await qi.addIndex('assignments', ['stationId'], { name: 'assignments_station' });
  await qi.addIndex('assignments', ['occupiedLowHz', 'occupiedHighHz'], { name: 'assignments_occupied' });
}

export async function down(qi: QueryInterface): Promise<void> {
  for (const t of ['assignments', 'stations', 'licence_counters', 'licence_revisions', 'licences', 'licensees'])
    await qi.dropTable(t);
}
