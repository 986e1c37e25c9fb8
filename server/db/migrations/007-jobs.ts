import { DataTypes, type QueryInterface, type Sequelize } from 'sequelize';

/**
 * Durable background work (SPEC §9): the `jobs` table the runners claim from, and `schedule_ticks`, which
 * lets exactly one process enqueue each tick of a recurring schedule.
 */
export async function up(qi: QueryInterface, sequelize: Sequelize): Promise<void> {
  await qi.createTable('jobs', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    kind: { type: DataTypes.STRING(60), allowNull: false },
    status: { type: DataTypes.STRING(12), allowNull: false },
    payload: { type: DataTypes.TEXT, allowNull: false },
    progress: { type: DataTypes.TEXT, allowNull: false },
    // Where a resumable job got to (its last finished batch), written with its progress.
    state: { type: DataTypes.TEXT, allowNull: true },
    result: { type: DataTypes.TEXT, allowNull: true },
    error: { type: DataTypes.TEXT, allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    maxAttempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 3 },
    runAt: { type: DataTypes.DATE, allowNull: false },
    lockedBy: { type: DataTypes.STRING(120), allowNull: true },
    lockedUntil: { type: DataTypes.DATE, allowNull: true },
    cancelRequested: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    uniqueKey: { type: DataTypes.STRING(200), allowNull: true },
    createdById: {
      type: DataTypes.INTEGER,
      allowNull: true,
      references: { model: 'users', key: 'id' },
      onDelete: 'SET NULL',
    },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
    startedAt: { type: DataTypes.DATE, allowNull: true },
    finishedAt: { type: DataTypes.DATE, allowNull: true },
  });
  // What a runner claims next: queued jobs by due time, and running ones whose lease lapsed.
  await qi.addIndex('jobs', ['status', 'runAt'], { name: 'jobs_claim' });
  await qi.addIndex('jobs', ['kind', 'createdAt'], { name: 'jobs_kind_created' });
  // At most one queued or running job per unique key (a partial index: same text on both databases).
  await sequelize.query(
    `CREATE UNIQUE INDEX jobs_unique_active ON jobs ("uniqueKey") WHERE status IN ('queued', 'running')`,
  );
  await qi.createTable('schedule_ticks', {
    name: { type: DataTypes.STRING(60), primaryKey: true, allowNull: false },
    tickAt: { type: DataTypes.DATE, primaryKey: true, allowNull: false },
    jobId: { type: DataTypes.INTEGER, allowNull: true },
  });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('schedule_ticks');
  await qi.dropTable('jobs');
}
