import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Assignment } from './Assignment';
import type { Licence } from './Licence';
import type { ServiceCode } from './Service';

export const STATION_CLASSES = ['BC', 'BT', 'FB', 'FX', 'ML', 'MO', 'FA', 'FC', 'AT', 'FL', 'MS', 'OT'] as const;
export const POLARIZATIONS = ['H', 'V', 'M', 'L', 'R', 'X'] as const;

export class Station extends Model<InferAttributes<Station>, InferCreationAttributes<Station>> {
  declare id: CreationOptional<number>;
  declare licenceId: number;
  declare name: string;
  declare callsign: string | null;
  declare service: ServiceCode;
  declare stationClass: string;
  declare latitude: number;
  declare longitude: number;
  declare groundElevationM: number | null;
  declare address: CreationOptional<string>;
  declare districtCode: string;
  declare antennaHeightM: number;
  declare antennaGainDbi: number;
  declare azimuthDeg: number | null;
  declare beamwidthDeg: number | null;
  declare polarization: string | null;
  declare txPowerW: number;
  declare feederLossDb: CreationOptional<number>;
  declare erpW: number;
  declare equipmentModel: string | null;
  declare farEndLatitude: number | null;
  declare farEndLongitude: number | null;
  declare status: CreationOptional<string>;
  declare searchText: CreationOptional<string>;
  /** The record's reference in the register it was imported from (SPEC §10.5); unique when set. */
  declare externalRef: CreationOptional<string | null>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare licence?: NonAttribute<Licence>;
  declare assignments?: NonAttribute<Assignment[]>;

  static initModel(sequelize: Sequelize): void {
    const num = (allowNull: boolean) => ({ type: DataTypes.DOUBLE, allowNull });
    Station.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        licenceId: { type: DataTypes.INTEGER, allowNull: false },
        name: { type: DataTypes.STRING(200), allowNull: false },
        callsign: { type: DataTypes.STRING(20), allowNull: true },
        service: { type: DataTypes.STRING(32), allowNull: false },
        stationClass: { type: DataTypes.STRING(4), allowNull: false },
        latitude: num(false),
        longitude: num(false),
        groundElevationM: num(true),
        address: { type: DataTypes.STRING(300), allowNull: false, defaultValue: '' },
        districtCode: { type: DataTypes.STRING(16), allowNull: false },
        antennaHeightM: num(false),
        antennaGainDbi: num(false),
        azimuthDeg: num(true),
        beamwidthDeg: num(true),
        polarization: { type: DataTypes.STRING(16), allowNull: true },
        txPowerW: num(false),
        feederLossDb: { type: DataTypes.DOUBLE, allowNull: false, defaultValue: 0 },
        erpW: num(false),
        equipmentModel: { type: DataTypes.STRING(120), allowNull: true },
        farEndLatitude: num(true),
        farEndLongitude: num(true),
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
        searchText: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        externalRef: { type: DataTypes.STRING(100), allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'stations', version: true },
    );
  }
}
