import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Licensee } from './Licensee';
import type { ServiceCode } from './Service';

export const LICENCE_TYPES = ['frequency_equipment', 'frequency_band'] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];
export const LICENCE_STATUSES = [
  'draft',
  'submitted',
  'issued',
  'rejected',
  'suspended',
  'revoked',
  'expired',
] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export class Licence extends Model<InferAttributes<Licence>, InferCreationAttributes<Licence>> {
  declare id: CreationOptional<number>;
  declare number: string | null;
  declare revision: CreationOptional<number>;
  declare licenseeId: number;
  declare type: LicenceType;
  declare service: ServiceCode;
  declare status: LicenceStatus;
  declare validFrom: string;
  declare validTo: string;
  declare issuedAt: Date | null;
  declare issuedById: number | null;
  declare draftedById: number | null;
  declare submittedAt: Date | null;
  declare conditions: CreationOptional<string>;
  declare rejectionReason: string | null;
  declare returnReason: string | null;
  declare statusReason: string | null;
  declare warningsAcknowledgedById: number | null;
  declare warningsAcknowledgedAt: Date | null;
  declare warningsNote: string | null;
  declare feeVnd: number | null;
  declare searchText: CreationOptional<string>;
  /** The record's reference in the register it was imported from (SPEC §10.5); unique when set. */
  declare externalRef: CreationOptional<string | null>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare licensee?: NonAttribute<Licensee>;

  static initModel(sequelize: Sequelize): void {
    Licence.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        number: { type: DataTypes.STRING(32), allowNull: true, unique: true },
        revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        licenseeId: { type: DataTypes.INTEGER, allowNull: false },
        type: { type: DataTypes.STRING(32), allowNull: false },
        service: { type: DataTypes.STRING(32), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        validFrom: { type: DataTypes.DATEONLY, allowNull: false },
        validTo: { type: DataTypes.DATEONLY, allowNull: false },
        issuedAt: { type: DataTypes.DATE, allowNull: true },
        issuedById: { type: DataTypes.INTEGER, allowNull: true },
        draftedById: { type: DataTypes.INTEGER, allowNull: true },
        submittedAt: { type: DataTypes.DATE, allowNull: true },
        conditions: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        rejectionReason: { type: DataTypes.TEXT, allowNull: true },
        returnReason: { type: DataTypes.TEXT, allowNull: true },
        statusReason: { type: DataTypes.TEXT, allowNull: true },
        warningsAcknowledgedById: { type: DataTypes.INTEGER, allowNull: true },
        warningsAcknowledgedAt: { type: DataTypes.DATE, allowNull: true },
        warningsNote: { type: DataTypes.TEXT, allowNull: true },
        feeVnd: { type: DataTypes.BIGINT, allowNull: true },
        searchText: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        externalRef: { type: DataTypes.STRING(100), allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'licences', version: true },
    );
  }
}
