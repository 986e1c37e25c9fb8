import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { jsonColumn } from './json-column';
import type { ServiceCode } from './Service';

/** One band of the band plan: [lowHz, highHz), the services it allows and its channel raster. */
export class BandPlanEntry extends Model<InferAttributes<BandPlanEntry>, InferCreationAttributes<BandPlanEntry>> {
  declare id: CreationOptional<number>;
  declare lowHz: number;
  declare highHz: number;
  declare services: ServiceCode[];
  declare channelRasterHz: number | null;
  declare note: string;
  declare source: string;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    BandPlanEntry.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        lowHz: { type: DataTypes.BIGINT, allowNull: false },
        highHz: { type: DataTypes.BIGINT, allowNull: false },
        services: jsonColumn<ServiceCode[]>('services', []),
        channelRasterHz: { type: DataTypes.BIGINT, allowNull: true },
        note: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        source: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'band_plan_entries', version: true },
    );
  }
}
