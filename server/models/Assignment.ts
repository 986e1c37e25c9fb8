import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { BandPlanCheck } from '../../geo/bandplan/check';
import { jsonColumn } from './json-column';
import type { Station } from './Station';

export class Assignment extends Model<InferAttributes<Assignment>, InferCreationAttributes<Assignment>> {
  declare id: CreationOptional<number>;
  declare stationId: number;
  declare direction: 'tx' | 'rx';
  declare frequencyHz: number;
  declare bandwidthHz: number;
  declare emissionDesignator: string;
  declare necessaryBandwidthHz: number;
  declare occupiedLowHz: number;
  declare occupiedHighHz: number;
  declare bandPlanCheck: BandPlanCheck | null;
  declare status: CreationOptional<string>;
  /** The record's reference in the register it was imported from (SPEC §10.5); unique when set. */
  declare externalRef: CreationOptional<string | null>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare station?: NonAttribute<Station>;

  static initModel(sequelize: Sequelize): void {
    Assignment.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        stationId: { type: DataTypes.INTEGER, allowNull: false },
        direction: { type: DataTypes.STRING(4), allowNull: false },
        frequencyHz: { type: DataTypes.BIGINT, allowNull: false },
        bandwidthHz: { type: DataTypes.BIGINT, allowNull: false },
        emissionDesignator: { type: DataTypes.STRING(9), allowNull: false },
        necessaryBandwidthHz: { type: DataTypes.BIGINT, allowNull: false },
        occupiedLowHz: { type: DataTypes.BIGINT, allowNull: false },
        occupiedHighHz: { type: DataTypes.BIGINT, allowNull: false },
        bandPlanCheck: jsonColumn<BandPlanCheck | null>('bandPlanCheck', null, true),
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
        externalRef: { type: DataTypes.STRING(100), allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'assignments', version: true },
    );
  }
}
