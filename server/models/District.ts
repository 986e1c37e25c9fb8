import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import type { Geometry } from 'geojson';
import { jsonColumn } from './json-column';

export type DistrictType = 'city' | 'town' | 'district' | 'other';

/** An administrative area with dated geography (validTo null = current). */
export class District extends Model<InferAttributes<District>, InferCreationAttributes<District>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare nameAscii: string;
  declare type: DistrictType;
  declare geometry: Geometry;
  declare minLon: number;
  declare minLat: number;
  declare maxLon: number;
  declare maxLat: number;
  declare areaKm2: number;
  declare approximate: boolean;
  declare source: string;
  declare validFrom: string;
  declare validTo: string | null;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    District.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        code: { type: DataTypes.STRING(16), allowNull: false },
        name: { type: DataTypes.STRING(120), allowNull: false },
        nameAscii: { type: DataTypes.STRING(120), allowNull: false },
        type: { type: DataTypes.STRING(16), allowNull: false },
        geometry: jsonColumn<Geometry>('geometry', { type: 'Polygon', coordinates: [] }),
        minLon: { type: DataTypes.DOUBLE, allowNull: false },
        minLat: { type: DataTypes.DOUBLE, allowNull: false },
        maxLon: { type: DataTypes.DOUBLE, allowNull: false },
        maxLat: { type: DataTypes.DOUBLE, allowNull: false },
        areaKm2: { type: DataTypes.DOUBLE, allowNull: false },
        approximate: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        source: { type: DataTypes.TEXT, allowNull: false },
        validFrom: { type: DataTypes.DATEONLY, allowNull: false },
        validTo: { type: DataTypes.DATEONLY, allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'districts', version: true },
    );
  }
}
