import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Assignment } from './Assignment';
import { jsonColumn } from './json-column';

export const CONFLICT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export const CONFLICT_KINDS = ['co_channel', 'adjacent_channel', 'intermodulation'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** An intermodulation product's figures (geo/conflicts/intermod.ts), kept with its conflict (migration 013). */
export interface IntermodDetails {
  type: 'two_tone' | 'three_tone';
  /** The contributors in the formula's order (A, B[, C]) with their centre frequencies, Hz. */
  contributors: { assignmentId: number; frequencyHz: number }[];
  productHz: number;
  productLowHz: number;
  productHighHz: number;
  overlapHz: number;
}

/**
 * A co- or adjacent-channel conflict between a victim and an interferer assignment (SPEC §2, §4.5), or an
 * intermodulation product of two or three transmitters on a victim (SPEC §12): the interferer is then the
 * product's first contributor, the second and third are kept beside it, and `intermod` holds the product.
 */
export class Conflict extends Model<InferAttributes<Conflict>, InferCreationAttributes<Conflict>> {
  declare id: CreationOptional<number>;
  declare kind: ConflictKind;
  declare mechanism: 'coverage_overlap' | 'interference_contour' | 'two_tone' | 'three_tone';
  declare victimAssignmentId: number;
  declare interfererAssignmentId: number;
  declare secondInterfererAssignmentId: CreationOptional<number | null>;
  declare thirdInterfererAssignmentId: CreationOptional<number | null>;
  declare intermod: CreationOptional<IntermodDetails | null>;
  declare frequencyOffsetHz: number;
  declare overlapKm2: number;
  declare overlapFraction: number;
  declare severity: (typeof SEVERITIES)[number];
  declare status: ConflictStatus;
  declare sameLicensee: boolean;
  declare decidedById: number | null;
  declare decidedAt: Date | null;
  declare note: string | null;
  declare geometry: Polygon | MultiPolygon | null;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare victim?: NonAttribute<Assignment>;
  declare interferer?: NonAttribute<Assignment>;

  static initModel(sequelize: Sequelize): void {
    Conflict.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        kind: { type: DataTypes.STRING(20), allowNull: false },
        mechanism: { type: DataTypes.STRING(24), allowNull: false },
        victimAssignmentId: { type: DataTypes.INTEGER, allowNull: false },
        interfererAssignmentId: { type: DataTypes.INTEGER, allowNull: false },
        secondInterfererAssignmentId: { type: DataTypes.INTEGER, allowNull: true },
        thirdInterfererAssignmentId: { type: DataTypes.INTEGER, allowNull: true },
        intermod: jsonColumn<IntermodDetails | null>('intermod', null, true),
        frequencyOffsetHz: { type: DataTypes.BIGINT, allowNull: false },
        overlapKm2: { type: DataTypes.DOUBLE, allowNull: false },
        overlapFraction: { type: DataTypes.DOUBLE, allowNull: false },
        severity: { type: DataTypes.STRING(8), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        sameLicensee: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        decidedById: { type: DataTypes.INTEGER, allowNull: true },
        decidedAt: { type: DataTypes.DATE, allowNull: true },
        note: { type: DataTypes.TEXT, allowNull: true },
        geometry: jsonColumn<Polygon | MultiPolygon | null>('geometry', null, true),
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'conflicts', version: true },
    );
  }
}
