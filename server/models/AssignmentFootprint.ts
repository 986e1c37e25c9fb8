import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import type { Polygon } from 'geojson';
import { jsonColumn } from './json-column';

export interface FootprintDetails {
  model: string;
  radiiKm: number[];
  limitedBy: string[];
  horizonKm: number;
  warnings: string[];
  /** The model and its assumptions in one line (P.1546 footprints: "ITU-R P.1546-6, 50 % time, …"). */
  explanation?: string;
  inputs: Record<string, unknown>;
  /** What it was drawn from (conflicts.engine footprintSource): a rescan redraws it only when this changes. */
  source?: string;
}

/** The stored protected footprint of a TX assignment, with what produced it. */
export class AssignmentFootprint extends Model<
  InferAttributes<AssignmentFootprint>,
  InferCreationAttributes<AssignmentFootprint>
> {
  declare assignmentId: number;
  declare polygon: Polygon;
  declare minLon: number;
  declare minLat: number;
  declare maxLon: number;
  declare maxLat: number;
  /** Box holding every contour of the assignment at any threshold (migration 004); null until recomputed. */
  declare envMinLon: number | null;
  declare envMinLat: number | null;
  declare envMaxLon: number | null;
  declare envMaxLat: number | null;
  declare maxRadiusKm: number;
  declare details: FootprintDetails;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    AssignmentFootprint.init(
      {
        assignmentId: { type: DataTypes.INTEGER, primaryKey: true },
        polygon: jsonColumn<Polygon>('polygon', { type: 'Polygon', coordinates: [] }),
        minLon: { type: DataTypes.DOUBLE, allowNull: false },
        minLat: { type: DataTypes.DOUBLE, allowNull: false },
        maxLon: { type: DataTypes.DOUBLE, allowNull: false },
        maxLat: { type: DataTypes.DOUBLE, allowNull: false },
        envMinLon: { type: DataTypes.DOUBLE, allowNull: true },
        envMinLat: { type: DataTypes.DOUBLE, allowNull: true },
        envMaxLon: { type: DataTypes.DOUBLE, allowNull: true },
        envMaxLat: { type: DataTypes.DOUBLE, allowNull: true },
        maxRadiusKm: { type: DataTypes.DOUBLE, allowNull: false },
        details: jsonColumn<FootprintDetails>('details', {
          model: '',
          radiiKm: [],
          limitedBy: [],
          horizonKm: 0,
          warnings: [],
          inputs: {},
        }),
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'assignment_footprints' },
    );
  }
}
