import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** One set of readings taken during an inspection (SPEC §2). Frequencies in integer Hz. */
export class Measurement extends Model<InferAttributes<Measurement>, InferCreationAttributes<Measurement>> {
  declare id: CreationOptional<number>;
  declare inspectionId: number;
  declare frequencyHz: number | null;
  declare frequencyErrorHz: number | null;
  declare bandwidthHz: number | null;
  declare fieldStrengthDbuv: number | null;
  declare distanceM: number | null;
  declare erpW: number | null;
  declare antennaHeightM: number | null;
  declare azimuthDeg: number | null;
  declare equipmentSeen: string | null;
  declare note: string | null;
  declare createdById: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    const num = () => ({ type: DataTypes.DOUBLE, allowNull: true });
    Measurement.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        inspectionId: { type: DataTypes.INTEGER, allowNull: false },
        frequencyHz: { type: DataTypes.BIGINT, allowNull: true },
        frequencyErrorHz: num(),
        bandwidthHz: { type: DataTypes.BIGINT, allowNull: true },
        fieldStrengthDbuv: num(),
        distanceM: num(),
        erpW: num(),
        antennaHeightM: num(),
        azimuthDeg: num(),
        equipmentSeen: { type: DataTypes.STRING(200), allowNull: true },
        note: { type: DataTypes.TEXT, allowNull: true },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'measurements' },
    );
  }
}
