import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { jsonColumn } from './json-column';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobProgress {
  done: number;
  total: number;
  text: string;
}

/** A unit of background work (SPEC §9), claimed by one runner at a time under a lease. */
export class Job extends Model<InferAttributes<Job>, InferCreationAttributes<Job>> {
  declare id: CreationOptional<number>;
  declare kind: string;
  declare status: JobStatus;
  declare payload: Record<string, unknown>;
  declare progress: JobProgress;
  /** Where a resumable job got to: its handler's own checkpoint, saved with the progress. */
  declare state: Record<string, unknown> | null;
  declare result: Record<string, unknown> | null;
  declare error: string | null;
  declare attempts: CreationOptional<number>;
  declare maxAttempts: CreationOptional<number>;
  declare runAt: Date;
  declare lockedBy: string | null;
  declare lockedUntil: Date | null;
  declare cancelRequested: CreationOptional<boolean>;
  declare uniqueKey: string | null;
  declare createdById: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare startedAt: Date | null;
  declare finishedAt: Date | null;

  static initModel(sequelize: Sequelize): void {
    Job.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        kind: { type: DataTypes.STRING(60), allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false },
        payload: jsonColumn<Record<string, unknown>>('payload', {}),
        progress: jsonColumn<JobProgress>('progress', { done: 0, total: 0, text: '' }),
        state: jsonColumn<Record<string, unknown> | null>('state', null, true),
        result: jsonColumn<Record<string, unknown> | null>('result', null, true),
        error: { type: DataTypes.TEXT, allowNull: true },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        maxAttempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 3 },
        runAt: { type: DataTypes.DATE, allowNull: false },
        lockedBy: { type: DataTypes.STRING(120), allowNull: true },
        lockedUntil: { type: DataTypes.DATE, allowNull: true },
        cancelRequested: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        uniqueKey: { type: DataTypes.STRING(200), allowNull: true },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
        startedAt: { type: DataTypes.DATE, allowNull: true },
        finishedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { sequelize, tableName: 'jobs' },
    );
  }
}
