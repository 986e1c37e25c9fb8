import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** A correction to a completed (read-only) inspection: a new entry, never an edit. */
export class InspectionCorrection extends Model<
  InferAttributes<InspectionCorrection>,
  InferCreationAttributes<InspectionCorrection>
> {
  declare id: CreationOptional<number>;
  declare inspectionId: number;
  declare authorId: number | null;
  declare text: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    InspectionCorrection.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        inspectionId: { type: DataTypes.INTEGER, allowNull: false },
        authorId: { type: DataTypes.INTEGER, allowNull: true },
        text: { type: DataTypes.TEXT, allowNull: false },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'inspection_corrections' },
    );
  }
}
