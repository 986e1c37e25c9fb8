import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const timestamps = {
  createdAt: { type: DataTypes.DATE, allowNull: false },
  updatedAt: { type: DataTypes.DATE, allowNull: false },
};
const version = { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 };

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('districts', {
    id,
    code: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING(120), allowNull: false },
    nameAscii: { type: DataTypes.STRING(120), allowNull: false },
    type: { type: DataTypes.STRING(16), allowNull: false },
    geometry: { type: DataTypes.TEXT, allowNull: false },
    minLon: { type: DataTypes.DOUBLE, allowNull: false },
    minLat: { type: DataTypes.DOUBLE, allowNull: false },
    maxLon: { type: DataTypes.DOUBLE, allowNull: false },
    maxLat: { type: DataTypes.DOUBLE, allowNull: false },
    areaKm2: { type: DataTypes.DOUBLE, allowNull: false },
    approximate: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    source: { type: DataTypes.TEXT, allowNull: false },
    validFrom: { type: DataTypes.DATEONLY, allowNull: false },
    validTo: { type: DataTypes.DATEONLY, allowNull: true },
    version,
    ...timestamps,
  });
  await qi.addIndex('districts', ['code', 'validFrom'], { unique: true, name: 'districts_code_valid_from' });
  await qi.addIndex('districts', ['validTo'], { name: 'districts_valid_to' });

  await qi.createTable('services', {
    id,
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    nameVi: { type: DataTypes.STRING(120), allowNull: false },
    nameEn: { type: DataTypes.STRING(120), allowNull: false },
    protectedFieldDbuv: { type: DataTypes.DOUBLE, allowNull: false },
    receiverHeightM: { type: DataTypes.DOUBLE, allowNull: false },
    environment: { type: DataTypes.STRING(16), allowNull: false },
    coChannelPrDb: { type: DataTypes.DOUBLE, allowNull: false },
    adjacentPrDb: { type: DataTypes.DOUBLE, allowNull: false },
    adjacentGuardHz: { type: DataTypes.BIGINT, allowNull: true },
    inspectionIntervalMonths: { type: DataTypes.INTEGER, allowNull: false },
    source: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    version,
    ...timestamps,
  });

  await qi.createTable('band_plan_entries', {
    id,
    lowHz: { type: DataTypes.BIGINT, allowNull: false },
    highHz: { type: DataTypes.BIGINT, allowNull: false },
    services: { type: DataTypes.TEXT, allowNull: false },
    channelRasterHz: { type: DataTypes.BIGINT, allowNull: true },
    note: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    source: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    version,
    ...timestamps,
  });
  await qi.addIndex('band_plan_entries', ['lowHz', 'highHz'], { name: 'band_plan_entries_range' });

  await qi.createTable('users', {
    id,
    username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    fullName: { type: DataTypes.STRING(120), allowNull: false },
    role: { type: DataTypes.STRING(32), allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    passwordHash: { type: DataTypes.STRING(255), allowNull: false },
    failedLoginCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    lockedUntil: { type: DataTypes.DATE, allowNull: true },
    lastLoginAt: { type: DataTypes.DATE, allowNull: true },
    locale: { type: DataTypes.STRING(8), allowNull: true },
    version,
    ...timestamps,
  });

  await qi.createTable('user_districts', {
    userId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      primaryKey: true,
      references: { model: 'users', key: 'id' },
      onDelete: 'CASCADE',
    },
    districtCode: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
  });
  await qi.addIndex('user_districts', ['districtCode'], { name: 'user_districts_district' });

  await qi.createTable('api_tokens', {
    id,
    userId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'users', key: 'id' },
      onDelete: 'CASCADE',
    },
    name: { type: DataTypes.STRING(80), allowNull: false },
    tokenHash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    prefix: { type: DataTypes.STRING(16), allowNull: false },
    lastUsedAt: { type: DataTypes.DATE, allowNull: true },
    expiresAt: { type: DataTypes.DATE, allowNull: true },
    revokedAt: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('api_tokens', ['userId'], { name: 'api_tokens_user' });

  await qi.createTable('audit_events', {
    id,
    at: { type: DataTypes.DATE, allowNull: false },
    actorId: { type: DataTypes.INTEGER, allowNull: true },
    ip: { type: DataTypes.STRING(64), allowNull: true },
    userAgent: { type: DataTypes.STRING(300), allowNull: true },
    entity: { type: DataTypes.STRING(40), allowNull: false },
    entityId: { type: DataTypes.STRING(40), allowNull: false },
    action: { type: DataTypes.STRING(40), allowNull: false },
    changes: { type: DataTypes.TEXT, allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('audit_events', ['entity', 'entityId'], { name: 'audit_events_entity' });
  await qi.addIndex('audit_events', ['at'], { name: 'audit_events_at' });
  await qi.addIndex('audit_events', ['actorId'], { name: 'audit_events_actor' });

  await qi.createTable('sessions', {
    sid: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    expires: { type: DataTypes.DATE, allowNull: true },
    data: { type: DataTypes.TEXT, allowNull: true },
    userId: { type: DataTypes.INTEGER, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('sessions', ['expires'], { name: 'sessions_expires' });
  await qi.addIndex('sessions', ['userId'], { name: 'sessions_user' });
}

export async function down(qi: QueryInterface): Promise<void> {
  for (const t of [
    'sessions',
    'audit_events',
    'api_tokens',
    'user_districts',
    'users',
    'band_plan_entries',
    'services',
    'districts',
  ]) {
    await qi.dropTable(t);
  }
}
