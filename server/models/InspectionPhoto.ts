import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** A photo's metadata; the file lives in UPLOAD_DIR under a generated name, outside the web root. */
export class InspectionPhoto extends Model<InferAttributes<InspectionPhoto>, InferCreationAttributes<InspectionPhoto>> {
  declare id: CreationOptional<number>;
  declare inspectionId: number;
  declare fileName: string;
  declare mimeType: string;
  declare sizeBytes: number;
  declare originalName: CreationOptional<string>;
  declare uploadedById: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    InspectionPhoto.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        inspectionId: { type: DataTypes.INTEGER, allowNull: false },
        fileName: { type: DataTypes.STRING(80), allowNull: false, unique: true },
        mimeType: { type: DataTypes.STRING(32), allowNull: false },
        sizeBytes: { type: DataTypes.INTEGER, allowNull: false },
        originalName: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
        uploadedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'inspection_photos' },
    );
  }
}
