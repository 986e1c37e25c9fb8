import { DataTypes, type QueryInterface, type Sequelize } from 'sequelize';
import { FEE_SCHEDULE_SEED, FEE_EXEMPTION_SEED } from '../seeds/fee-schedule';

/**
 * Fees and legal clocks (SPEC §11): the dated fee schedule and its exemptions (seeded with placeholder
 * amounts), the fee settings, fee notices numbered gap-free per year and their payments; reminders (one per
 * record and lead), staff notifications and the e-mail outbox.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const stamps = {
  createdAt: { type: DataTypes.DATE, allowNull: false },
  updatedAt: { type: DataTypes.DATE, allowNull: false },
};
const userRef = {
  type: DataTypes.INTEGER,
  allowNull: true,
  references: { model: 'users', key: 'id' },
  onDelete: 'SET NULL',
};

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('fee_schedule', {
    id,
    effectiveFrom: { type: DataTypes.DATEONLY, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    licenceType: { type: DataTypes.STRING(32), allowNull: false },
    service: { type: DataTypes.STRING(32), allowNull: false },
    // Class bounds: [min, max), null = open.
    bandwidthMinHz: { type: DataTypes.BIGINT, allowNull: true },
    bandwidthMaxHz: { type: DataTypes.BIGINT, allowNull: true },
    erpMinW: { type: DataTypes.DOUBLE, allowNull: true },
    erpMaxW: { type: DataTypes.DOUBLE, allowNull: true },
    amountVnd: { type: DataTypes.BIGINT, allowNull: false },
    placeholder: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    legalBasis: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...stamps,
  });
  await qi.addIndex('fee_schedule', ['kind', 'licenceType', 'service', 'effectiveFrom'], { name: 'fee_schedule_key' });
  await qi.createTable('fee_exemptions', {
    id,
    effectiveFrom: { type: DataTypes.DATEONLY, allowNull: false },
    service: { type: DataTypes.STRING(32), allowNull: true },
    licenseeKind: { type: DataTypes.STRING(32), allowNull: true },
    legalBasis: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    note: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...stamps,
  });
  await qi.createTable('fee_settings', {
    id,
    requirePaymentBeforeIssue: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    dueDays: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 30 },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...stamps,
  });
  await qi.createTable('fee_notice_counters', {
    year: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    last: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.createTable('fee_notices', {
    id,
    number: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    licenceId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'licences', key: 'id' },
      onDelete: 'CASCADE',
    },
    revision: { type: DataTypes.INTEGER, allowNull: false },
    // grant (grant fee + first period's use fee) | annual | renewal | amendment
    kind: { type: DataTypes.STRING(16), allowNull: false },
    periodFrom: { type: DataTypes.DATEONLY, allowNull: false },
    periodTo: { type: DataTypes.DATEONLY, allowNull: false },
    issuedOn: { type: DataTypes.DATEONLY, allowNull: false },
    dueDate: { type: DataTypes.DATEONLY, allowNull: false },
    lines: { type: DataTypes.TEXT, allowNull: false },
    totalVnd: { type: DataTypes.BIGINT, allowNull: false },
    paidVnd: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    status: { type: DataTypes.STRING(12), allowNull: false },
    service: { type: DataTypes.STRING(32), allowNull: false },
    placeholder: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    waivedReason: { type: DataTypes.TEXT, allowNull: true },
    waivedById: userRef,
    waivedAt: { type: DataTypes.DATE, allowNull: true },
    paidAt: { type: DataTypes.DATEONLY, allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...stamps,
  });
  // One notice per licence, revision, kind and period: the daily job and approvals never make it twice.
  await qi.addIndex('fee_notices', ['licenceId', 'revision', 'kind', 'periodFrom'], {
    name: 'fee_notices_once',
    unique: true,
  });
  await qi.addIndex('fee_notices', ['status', 'dueDate'], { name: 'fee_notices_status_due' });
  await qi.createTable('fee_payments', {
    id,
    noticeId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'fee_notices', key: 'id' },
      onDelete: 'CASCADE',
    },
    paidOn: { type: DataTypes.DATEONLY, allowNull: false },
    amountVnd: { type: DataTypes.BIGINT, allowNull: false },
    reference: { type: DataTypes.STRING(120), allowNull: false, defaultValue: '' },
    recordedById: userRef,
    ...stamps,
  });
  await qi.addIndex('fee_payments', ['noticeId'], { name: 'fee_payments_notice' });

  // Reminders (SPEC §11): one row per record and lead, ever; notifications for staff; the e-mail outbox.
  await qi.createTable('reminders', {
    id,
    uniqueKey: { type: DataTypes.STRING(200), allowNull: false, unique: true },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    entity: { type: DataTypes.STRING(32), allowNull: false },
    entityId: { type: DataTypes.INTEGER, allowNull: false },
    lead: { type: DataTypes.INTEGER, allowNull: true },
    createdAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.createTable('notifications', {
    id,
    userId: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'users', key: 'id' },
      onDelete: 'CASCADE',
    },
    reminderId: {
      type: DataTypes.INTEGER,
      allowNull: true,
      references: { model: 'reminders', key: 'id' },
      onDelete: 'CASCADE',
    },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    params: { type: DataTypes.TEXT, allowNull: false },
    link: { type: DataTypes.STRING(200), allowNull: false },
    readAt: { type: DataTypes.DATE, allowNull: true },
    ...stamps,
  });
  await qi.addIndex('notifications', ['userId', 'readAt'], { name: 'notifications_user_unread' });
  await qi.createTable('outbox', {
    id,
    reminderId: {
      type: DataTypes.INTEGER,
      allowNull: true,
      references: { model: 'reminders', key: 'id' },
      onDelete: 'SET NULL',
    },
    to: { type: DataTypes.STRING(320), allowNull: false },
    subject: { type: DataTypes.STRING(300), allowNull: false },
    text: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(12), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    nextAttemptAt: { type: DataTypes.DATE, allowNull: false },
    lastError: { type: DataTypes.TEXT, allowNull: true },
    sentAt: { type: DataTypes.DATE, allowNull: true },
    ...stamps,
  });
  await qi.addIndex('outbox', ['status', 'nextAttemptAt'], { name: 'outbox_due' });

  const now = new Date();
  await qi.bulkInsert(
    'fee_schedule',
    FEE_SCHEDULE_SEED.map((r) => ({ ...r, placeholder: true, version: 0, createdAt: now, updatedAt: now })),
  );
  await qi.bulkInsert(
    'fee_exemptions',
    FEE_EXEMPTION_SEED.map((r) => ({ ...r, version: 0, createdAt: now, updatedAt: now })),
  );
  await qi.bulkInsert('fee_settings', [
    { requirePaymentBeforeIssue: false, dueDays: 30, version: 0, createdAt: now, updatedAt: now },
  ]);
}

export async function down(qi: QueryInterface, _sequelize?: Sequelize): Promise<void> {
  await qi.dropTable('outbox');
  await qi.dropTable('notifications');
  await qi.dropTable('reminders');
  await qi.dropTable('fee_payments');
  await qi.dropTable('fee_notices');
  await qi.dropTable('fee_notice_counters');
  await qi.dropTable('fee_settings');
  await qi.dropTable('fee_exemptions');
  await qi.dropTable('fee_schedule');
}
