import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { jsonColumn } from './json-column';

export interface LicenceSnapshot {
  licence: Record<string, unknown>;
  stations: (Record<string, unknown> & { assignments: Record<string, unknown>[] })[];
}

/** A revision of a licence as it stood when it was superseded (amendment or renewal). */
export class LicenceRevision extends Model<InferAttributes<LicenceRevision>, InferCreationAttributes<LicenceRevision>> {
  declare id: CreationOptional<number>;
  declare licenceId: number;
  declare revision: number;
  declare reason: 'amend' | 'renew';
  declare snapshot: LicenceSnapshot;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    LicenceRevision.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        licenceId: { type: DataTypes.INTEGER, allowNull: false },
        revision: { type: DataTypes.INTEGER, allowNull: false },
        reason: { type: DataTypes.STRING(16), allowNull: false },
        snapshot: jsonColumn<LicenceSnapshot>('snapshot', { licence: {}, stations: [] }),
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'licence_revisions' },
    );
  }
}
