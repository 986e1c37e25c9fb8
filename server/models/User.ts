import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { UserDistrict } from './UserDistrict';

export const ROLES = ['admin', 'licensing_officer', 'inspector', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare username: string;
  declare fullName: string;
  declare role: Role;
  declare active: CreationOptional<boolean>;
  declare passwordHash: string;
  declare failedLoginCount: CreationOptional<number>;
  declare lockedUntil: Date | null;
  declare lastLoginAt: Date | null;
  declare locale: string | null;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare districts?: NonAttribute<UserDistrict[]>;

  static initModel(sequelize: Sequelize): void {
    User.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        fullName: { type: DataTypes.STRING(120), allowNull: false },
        role: { type: DataTypes.STRING(32), allowNull: false },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        passwordHash: { type: DataTypes.STRING(255), allowNull: false },
        failedLoginCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        lockedUntil: { type: DataTypes.DATE, allowNull: true },
        lastLoginAt: { type: DataTypes.DATE, allowNull: true },
        locale: { type: DataTypes.STRING(8), allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'users', version: true },
    );
  }

  get districtCodes(): NonAttribute<string[]> {
    return (this.districts ?? []).map((d) => d.districtCode).sort();
  }
}
