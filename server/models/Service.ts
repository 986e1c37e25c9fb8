import type { PropagationModelChoice } from '../../geo/propagation/types';
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const SERVICE_CODES = [
  'fm_broadcast',
  'tv_broadcast',
  'land_mobile',
  'fixed_link',
  'amateur',
  'loudspeaker',
  'maritime',
  'aeronautical',
  'other',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];
export const ENVIRONMENTS = ['urban', 'suburban', 'open'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export { PROPAGATION_MODEL_CHOICES as PROPAGATION_MODELS } from '../../geo/propagation/types';
export type { PropagationModelChoice } from '../../geo/propagation/types';

/** A radio service with its engineering defaults (reference data, admin-editable). */
export class Service extends Model<InferAttributes<Service>, InferCreationAttributes<Service>> {
  declare id: CreationOptional<number>;
  declare code: ServiceCode;
  declare nameVi: string;
  declare nameEn: string;
  declare protectedFieldDbuv: number;
  declare receiverHeightM: number;
  declare environment: Environment;
  /** Footprint model (SPEC §4.2, migration 008): `hata` (the chain by frequency) or `p1546` (ITU-R P.1546-6). */
  declare propagationModel: CreationOptional<PropagationModelChoice>;
  declare coChannelPrDb: number;
  declare adjacentPrDb: number;
  declare adjacentGuardHz: number | null;
  /** Transmitters this close mix into intermodulation products (SPEC §12, migration 013), km. */
  declare intermodDistanceKm: CreationOptional<number>;
  /**
   * A product on a victim of this service is formed only from transmitters within ± this % of the victim's
   * centre frequency (issue 16, migration 017; geo/conflicts/intermod.ts); 0 = no window.
   */
  declare intermodWindowPercent: CreationOptional<number>;
  declare inspectionIntervalMonths: number;
  declare source: string;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Service.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        nameVi: { type: DataTypes.STRING(120), allowNull: false },
        nameEn: { type: DataTypes.STRING(120), allowNull: false },
        protectedFieldDbuv: { type: DataTypes.DOUBLE, allowNull: false },
        receiverHeightM: { type: DataTypes.DOUBLE, allowNull: false },
        environment: { type: DataTypes.STRING(16), allowNull: false },
        propagationModel: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'hata' },
        coChannelPrDb: { type: DataTypes.DOUBLE, allowNull: false },
        adjacentPrDb: { type: DataTypes.DOUBLE, allowNull: false },
        adjacentGuardHz: { type: DataTypes.BIGINT, allowNull: true },
        intermodDistanceKm: { type: DataTypes.DOUBLE, allowNull: false, defaultValue: 1 },
        intermodWindowPercent: { type: DataTypes.DOUBLE, allowNull: false, defaultValue: 10 },
        inspectionIntervalMonths: { type: DataTypes.INTEGER, allowNull: false },
        source: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'services', version: true },
    );
  }
}
