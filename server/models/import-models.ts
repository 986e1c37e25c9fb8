/**
 * Bulk import models (SPEC §10.5, migration 012): one uploaded file with its dry run and commit, and the
 * column mappings saved by name. Initialised by initModels through initImportModels.
 */
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { jsonColumn } from './json-column';

/** `register`: stations with their assignments in one file, a row per assignment (imports.register.ts). */
export const IMPORT_KINDS = ['licensees', 'licences', 'stations', 'assignments', 'register'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['checked', 'committing', 'committed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** field → column header of the file. */
export type ImportMappingValue = Record<string, string>;
export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  error: number;
}
/** One error of one row: 1-based data row, column header (or field), i18n key and its parameters. */
export interface ImportRowError {
  row: number;
  column: string;
  key: string;
  params?: Record<string, string | number>;
}

export class Import extends Model<InferAttributes<Import>, InferCreationAttributes<Import>> {
  declare id: CreationOptional<number>;
  declare kind: ImportKind;
  declare status: ImportStatus;
  declare fileName: string;
  declare storedName: string;
  declare delimiter: string;
  declare headers: string[];
  declare mapping: ImportMappingValue;
  declare rowCount: number;
  declare counts: ImportCounts;
  /** One letter per data row: c create, u update, n unchanged, e error. */
  declare outcomes: string;
  declare errors: ImportRowError[];
  declare result: Record<string, unknown> | null;
  declare createdById: number | null;
  declare jobId: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Import.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false },
        fileName: { type: DataTypes.STRING(255), allowNull: false },
        storedName: { type: DataTypes.STRING(80), allowNull: false },
        delimiter: { type: DataTypes.STRING(1), allowNull: false, defaultValue: ',' },
        headers: jsonColumn<string[]>('headers', []),
        mapping: jsonColumn<ImportMappingValue>('mapping', {}),
        rowCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        counts: jsonColumn<ImportCounts>('counts', { create: 0, update: 0, unchanged: 0, error: 0 }),
        outcomes: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        errors: jsonColumn<ImportRowError[]>('errors', []),
        result: jsonColumn<Record<string, unknown> | null>('result', null, true),
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        jobId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'imports' },
    );
  }
}

export class ImportMapping extends Model<InferAttributes<ImportMapping>, InferCreationAttributes<ImportMapping>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare kind: ImportKind;
  declare mapping: ImportMappingValue;
  declare createdById: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ImportMapping.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        name: { type: DataTypes.STRING(100), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        mapping: jsonColumn<ImportMappingValue>('mapping', {}),
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'import_mappings' },
    );
  }
}

export function initImportModels(sequelize: Sequelize): void {
  Import.initModel(sequelize);
  ImportMapping.initModel(sequelize);
}
