import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const LICENSEE_KINDS = [
  'enterprise',
  'state_agency',
  'broadcaster',
  'public_security_defence',
  'individual',
  'other',
] as const;
export type LicenseeKind = (typeof LICENSEE_KINDS)[number];

export class Licensee extends Model<InferAttributes<Licensee>, InferCreationAttributes<Licensee>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare kind: LicenseeKind;
  declare taxCode: string | null;
  declare idNumber: string | null;
  declare address: string;
  declare contactPerson: string | null;
  declare phone: string | null;
  declare email: string | null;
  declare searchText: CreationOptional<string>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Licensee.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        name: { type: DataTypes.STRING(200), allowNull: false },
        kind: { type: DataTypes.STRING(32), allowNull: false },
        taxCode: { type: DataTypes.STRING(20), allowNull: true },
        idNumber: { type: DataTypes.STRING(20), allowNull: true },
        address: { type: DataTypes.STRING(300), allowNull: false, defaultValue: '' },
        contactPerson: { type: DataTypes.STRING(120), allowNull: true },
        phone: { type: DataTypes.STRING(40), allowNull: true },
        email: { type: DataTypes.STRING(120), allowNull: true },
        searchText: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'licensees', version: true },
    );
  }
}
