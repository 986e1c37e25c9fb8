import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** The districts an inspector covers. */
export class UserDistrict extends Model<InferAttributes<UserDistrict>, InferCreationAttributes<UserDistrict>> {
  declare userId: number;
  declare districtCode: string;

  static initModel(sequelize: Sequelize): void {
    UserDistrict.init(
      {
        userId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        districtCode: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
      },
      { sequelize, tableName: 'user_districts', timestamps: false },
    );
  }
}
