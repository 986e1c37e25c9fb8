import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Inspection } from './Inspection';

export const FINDING_CATEGORIES = [
  'unlicensed_operation',
  'expired_licence',
  'frequency_deviation',
  'excess_power',
  'bandwidth_exceeded',
  'location_mismatch',
  'antenna_mismatch',
  'equipment_not_approved',
  'harmful_interference',
  'other',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];
export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FINDING_STATUSES = ['open', 'action_required', 'resolved', 'escalated'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const SANCTIONS = ['none', 'warning', 'fine', 'suspension_requested'] as const;
export type Sanction = (typeof SANCTIONS)[number];

/** A breach found during an inspection, followed to its end (SPEC §2 Finding). */
export class Finding extends Model<InferAttributes<Finding>, InferCreationAttributes<Finding>> {
  declare id: CreationOptional<number>;
  declare inspectionId: number;
  declare category: FindingCategory;
  declare severity: Severity;
  declare legalBasis: CreationOptional<string>;
  declare description: CreationOptional<string>;
  declare requiredAction: CreationOptional<string>;
  declare dueDate: string | null;
  declare status: FindingStatus;
  declare resolution: CreationOptional<string | null>;
  declare resolvedAt: CreationOptional<Date | null>;
  declare followUpInspectionId: CreationOptional<number | null>;
  declare sanction: CreationOptional<Sanction>;
  declare fineVnd: CreationOptional<number | null>;
  declare sanctionNote: CreationOptional<string | null>;
  declare sanctionedAt: CreationOptional<Date | null>;
  declare sanctionedById: CreationOptional<number | null>;
  declare createdById: number | null;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare inspection?: NonAttribute<Inspection>;

  static initModel(sequelize: Sequelize): void {
    Finding.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        inspectionId: { type: DataTypes.INTEGER, allowNull: false },
        category: { type: DataTypes.STRING(32), allowNull: false },
        severity: { type: DataTypes.STRING(16), allowNull: false },
        legalBasis: { type: DataTypes.STRING(300), allowNull: false, defaultValue: '' },
        description: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        requiredAction: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        dueDate: { type: DataTypes.DATEONLY, allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false },
        resolution: { type: DataTypes.TEXT, allowNull: true },
        resolvedAt: { type: DataTypes.DATE, allowNull: true },
        followUpInspectionId: { type: DataTypes.INTEGER, allowNull: true },
        sanction: { type: DataTypes.STRING(24), allowNull: false, defaultValue: 'none' },
        fineVnd: { type: DataTypes.BIGINT, allowNull: true },
        sanctionNote: { type: DataTypes.TEXT, allowNull: true },
        sanctionedAt: { type: DataTypes.DATE, allowNull: true },
        sanctionedById: { type: DataTypes.INTEGER, allowNull: true },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'findings', version: true },
    );
  }
}
