import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { foldDiacritics } from '../lib/text';

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
  /** The name folded for the public name search (migration 015): set from `name` on every save, never by hand. */
  declare nameFolded: CreationOptional<string>;
  /** The record's reference in the register it was imported from (SPEC §10.5); unique when set. */
  declare externalRef: CreationOptional<string | null>;
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
        nameFolded: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        externalRef: { type: DataTypes.STRING(100), allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      {
        sequelize,
        tableName: 'licensees',
        version: true,
        // Every write path (the licensee service, the import, bulkCreate, Model.update) folds the name here.
        hooks: {
          beforeSave: (l) => {
            if (l.isNewRecord || l.changed('name')) l.nameFolded = foldDiacritics(l.name);
          },
          beforeBulkCreate: (rows) => {
            for (const l of rows) l.nameFolded = foldDiacritics(l.name);
          },
          beforeBulkUpdate: (options) => {
            // Sequelize hands a bulk update's values to this hook as `attributes` (not in its type declarations).
            const values: unknown = Reflect.get(options, 'attributes');
            if (typeof values !== 'object' || values === null || !('name' in values)) return;
            if (typeof values.name !== 'string') return;
            Reflect.set(values, 'nameFolded', foldDiacritics(values.name));
            if (options.fields && !options.fields.includes('nameFolded')) options.fields.push('nameFolded');
          },
        },
      },
    );
  }
}
