import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Finding } from './Finding';
import type { InspectionPhoto } from './InspectionPhoto';
import type { Measurement } from './Measurement';
import type { Station } from './Station';
import type { User } from './User';

export const INSPECTION_TYPES = ['routine', 'complaint', 'interference', 'follow_up', 'unlicensed_search'] as const;
export type InspectionType = (typeof INSPECTION_TYPES)[number];
export const INSPECTION_STATUSES = ['planned', 'in_progress', 'completed', 'closed', 'cancelled'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const OUTCOMES = ['compliant', 'non_compliant'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A field inspection of a station, or of a place where an unlicensed emitter is searched for (SPEC §2). */
export class Inspection extends Model<InferAttributes<Inspection>, InferCreationAttributes<Inspection>> {
  declare id: CreationOptional<number>;
  declare reference: string;
  declare type: InspectionType;
  declare status: InspectionStatus;
  declare districtCode: string;
  declare stationId: number | null;
  declare licenceId: number | null;
  declare place: CreationOptional<string>;
  declare latitude: number | null;
  declare longitude: number | null;
  declare positionAccuracyM: number | null;
  declare positionSource: string | null;
  declare scheduledFor: string | null;
  declare performedAt: Date | null;
  declare notes: CreationOptional<string>;
  declare outcome: Outcome | null;
  declare cancelReason: CreationOptional<string | null>;
  declare clientKey: string | null;
  declare createdById: number | null;
  declare completedById: CreationOptional<number | null>;
  declare completedAt: CreationOptional<Date | null>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare station?: NonAttribute<Station | null>;
  declare inspectors?: NonAttribute<User[]>;
  declare measurements?: NonAttribute<Measurement[]>;
  declare photos?: NonAttribute<InspectionPhoto[]>;
  declare findings?: NonAttribute<Finding[]>;

  static initModel(sequelize: Sequelize): void {
    const num = () => ({ type: DataTypes.DOUBLE, allowNull: true });
    Inspection.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        reference: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        type: { type: DataTypes.STRING(24), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        districtCode: { type: DataTypes.STRING(16), allowNull: false },
        stationId: { type: DataTypes.INTEGER, allowNull: true },
        licenceId: { type: DataTypes.INTEGER, allowNull: true },
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
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        completedById: { type: DataTypes.INTEGER, allowNull: true },
        completedAt: { type: DataTypes.DATE, allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'inspections', version: true },
    );
  }
}
