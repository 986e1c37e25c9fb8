/**
 * Fee models (SPEC §11, migration 010): the dated schedule and exemptions, the settings row, fee notices and
 * their payments. Initialised by initModels through initFeeModels.
 */
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import { jsonColumn } from './json-column';
import { Licence } from './Licence';
import { initNotificationModels } from './notification-models';

export const FEE_KINDS = ['grant', 'annual_use', 'renewal', 'amendment'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];
export const NOTICE_KINDS = ['grant', 'annual', 'renewal', 'amendment'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_STATUSES = ['due', 'paid', 'overdue', 'waived'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

const money = (allowNull = false) => ({ type: DataTypes.BIGINT, allowNull });
const stamps = { createdAt: DataTypes.DATE, updatedAt: DataTypes.DATE };
const pk = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };

export class FeeScheduleRow extends Model<InferAttributes<FeeScheduleRow>, InferCreationAttributes<FeeScheduleRow>> {
  declare id: CreationOptional<number>;
  declare effectiveFrom: string;
  declare kind: FeeKind;
  declare licenceType: string;
  declare service: string;
  declare bandwidthMinHz: number | null;
  declare bandwidthMaxHz: number | null;
  declare erpMinW: number | null;
  declare erpMaxW: number | null;
  declare amountVnd: number;
  declare placeholder: CreationOptional<boolean>;
  declare legalBasis: CreationOptional<string>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    FeeScheduleRow.init(
      {
        id: pk,
        effectiveFrom: { type: DataTypes.DATEONLY, allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        licenceType: { type: DataTypes.STRING(32), allowNull: false },
        service: { type: DataTypes.STRING(32), allowNull: false },
        bandwidthMinHz: money(true),
        bandwidthMaxHz: money(true),
        erpMinW: { type: DataTypes.DOUBLE, allowNull: true },
        erpMaxW: { type: DataTypes.DOUBLE, allowNull: true },
        amountVnd: money(),
        placeholder: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        legalBasis: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        ...stamps,
      },
      { sequelize, tableName: 'fee_schedule', version: true },
    );
  }
}

export class FeeExemption extends Model<InferAttributes<FeeExemption>, InferCreationAttributes<FeeExemption>> {
  declare id: CreationOptional<number>;
  declare effectiveFrom: string;
  declare service: string | null;
  declare licenseeKind: string | null;
  declare legalBasis: CreationOptional<string>;
  declare note: CreationOptional<string>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    FeeExemption.init(
      {
        id: pk,
        effectiveFrom: { type: DataTypes.DATEONLY, allowNull: false },
        service: { type: DataTypes.STRING(32), allowNull: true },
        licenseeKind: { type: DataTypes.STRING(32), allowNull: true },
        legalBasis: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        note: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        ...stamps,
      },
      { sequelize, tableName: 'fee_exemptions', version: true },
    );
  }
}

export class FeeSettings extends Model<InferAttributes<FeeSettings>, InferCreationAttributes<FeeSettings>> {
  declare id: CreationOptional<number>;
  declare requirePaymentBeforeIssue: boolean;
  declare dueDays: number;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    FeeSettings.init(
      {
        id: pk,
        requirePaymentBeforeIssue: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        dueDays: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 30 },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        ...stamps,
      },
      { sequelize, tableName: 'fee_settings', version: true },
    );
  }
}

/** One line of a notice, with the schedule row (and exemption) behind it. */
export interface NoticeLine {
  kind: FeeKind;
  description: string;
  amountVnd: number;
  scheduleRowId: number | null;
  /** The schedule amount before pro rata and exemption. */
  rateVnd: number;
  stationId?: number | null;
  stationName?: string | null;
  exemptionId?: number | null;
  /** Days charged of the days in the fee year, when pro rata. */
  days?: number | null;
  daysInYear?: number | null;
  placeholder?: boolean;
}

export class FeeNotice extends Model<InferAttributes<FeeNotice>, InferCreationAttributes<FeeNotice>> {
  declare id: CreationOptional<number>;
  declare number: string;
  declare licenceId: number;
  declare revision: number;
  declare kind: NoticeKind;
  declare periodFrom: string;
  declare periodTo: string;
  declare issuedOn: string;
  declare dueDate: string;
  declare lines: NoticeLine[];
  declare totalVnd: number;
  declare paidVnd: CreationOptional<number>;
  declare status: NoticeStatus;
  declare service: string;
  declare placeholder: CreationOptional<boolean>;
  declare waivedReason: CreationOptional<string | null>;
  declare waivedById: CreationOptional<number | null>;
  declare waivedAt: CreationOptional<Date | null>;
  declare paidAt: CreationOptional<string | null>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare licence?: NonAttribute<Licence>;
  declare payments?: NonAttribute<FeePayment[]>;

  static initModel(sequelize: Sequelize): void {
    FeeNotice.init(
      {
        id: pk,
        number: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        licenceId: { type: DataTypes.INTEGER, allowNull: false },
        revision: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        periodFrom: { type: DataTypes.DATEONLY, allowNull: false },
        periodTo: { type: DataTypes.DATEONLY, allowNull: false },
        issuedOn: { type: DataTypes.DATEONLY, allowNull: false },
        dueDate: { type: DataTypes.DATEONLY, allowNull: false },
        lines: jsonColumn<NoticeLine[]>('lines', []),
        totalVnd: money(),
        paidVnd: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
        status: { type: DataTypes.STRING(12), allowNull: false },
        service: { type: DataTypes.STRING(32), allowNull: false },
        placeholder: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        waivedReason: { type: DataTypes.TEXT, allowNull: true },
        waivedById: { type: DataTypes.INTEGER, allowNull: true },
        waivedAt: { type: DataTypes.DATE, allowNull: true },
        paidAt: { type: DataTypes.DATEONLY, allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        ...stamps,
      },
      { sequelize, tableName: 'fee_notices', version: true },
    );
  }
}

export class FeePayment extends Model<InferAttributes<FeePayment>, InferCreationAttributes<FeePayment>> {
  declare id: CreationOptional<number>;
  declare noticeId: number;
  declare paidOn: string;
  declare amountVnd: number;
  declare reference: string;
  declare recordedById: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    FeePayment.init(
      {
        id: pk,
        noticeId: { type: DataTypes.INTEGER, allowNull: false },
        paidOn: { type: DataTypes.DATEONLY, allowNull: false },
        amountVnd: money(),
        reference: { type: DataTypes.STRING(120), allowNull: false, defaultValue: '' },
        recordedById: { type: DataTypes.INTEGER, allowNull: true },
        ...stamps,
      },
      { sequelize, tableName: 'fee_payments' },
    );
  }
}

/** The fee and notification models and their associations (called from initModels after the core models). */
export function initFeeModels(sequelize: Sequelize): void {
  for (const m of [FeeScheduleRow, FeeExemption, FeeSettings, FeeNotice, FeePayment]) m.initModel(sequelize);
  FeeNotice.hasMany(FeePayment, { as: 'payments', foreignKey: 'noticeId', onDelete: 'CASCADE' });
  FeePayment.belongsTo(FeeNotice, { as: 'notice', foreignKey: 'noticeId' });
  FeeNotice.belongsTo(Licence, { as: 'licence', foreignKey: 'licenceId', constraints: false });
  initNotificationModels(sequelize);
}
