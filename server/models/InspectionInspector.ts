import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** The inspectors of an inspection: only they record its results. */
export class InspectionInspector extends Model<
  InferAttributes<InspectionInspector>,
  InferCreationAttributes<InspectionInspector>
> {
  declare inspectionId: number;
  declare userId: number;

  static initModel(sequelize: Sequelize): void {
    InspectionInspector.init(
      {
        inspectionId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      },
      { sequelize, tableName: 'inspection_inspectors', timestamps: false },
    );
  }
}
