/** Reminders, staff notifications and the e-mail outbox (SPEC §11, migration 010). */
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { jsonColumn } from './json-column';

export const REMINDER_KINDS = ['renewal', 'fee_due', 'fee_overdue', 'finding_overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const pk = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };

export class Reminder extends Model<InferAttributes<Reminder>, InferCreationAttributes<Reminder>> {
  declare id: CreationOptional<number>;
  declare uniqueKey: string;
  declare kind: ReminderKind;
  declare entity: string;
  declare entityId: number;
  declare lead: number | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Reminder.init(
      {
        id: pk,
        uniqueKey: { type: DataTypes.STRING(200), allowNull: false, unique: true },
        kind: { type: DataTypes.STRING(32), allowNull: false },
        entity: { type: DataTypes.STRING(32), allowNull: false },
        entityId: { type: DataTypes.INTEGER, allowNull: false },
        lead: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'reminders', updatedAt: false },
    );
  }
}

export class Notification extends Model<InferAttributes<Notification>, InferCreationAttributes<Notification>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare reminderId: number | null;
  declare kind: ReminderKind;
  declare params: Record<string, string | number>;
  declare link: string;
  declare readAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Notification.init(
      {
        id: pk,
        userId: { type: DataTypes.INTEGER, allowNull: false },
        reminderId: { type: DataTypes.INTEGER, allowNull: true },
        kind: { type: DataTypes.STRING(32), allowNull: false },
        params: jsonColumn<Record<string, string | number>>('params', {}),
        link: { type: DataTypes.STRING(200), allowNull: false },
        readAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'notifications' },
    );
  }
}

export class OutboxMessage extends Model<InferAttributes<OutboxMessage>, InferCreationAttributes<OutboxMessage>> {
  declare id: CreationOptional<number>;
  declare reminderId: number | null;
  declare to: string;
  declare subject: string;
  declare text: string;
  declare status: OutboxStatus;
  declare attempts: CreationOptional<number>;
  declare nextAttemptAt: Date;
  declare lastError: CreationOptional<string | null>;
  declare sentAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    OutboxMessage.init(
      {
        id: pk,
        reminderId: { type: DataTypes.INTEGER, allowNull: true },
        to: { type: DataTypes.STRING(320), allowNull: false },
        subject: { type: DataTypes.STRING(300), allowNull: false },
        text: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        nextAttemptAt: { type: DataTypes.DATE, allowNull: false },
        lastError: { type: DataTypes.TEXT, allowNull: true },
        sentAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'outbox' },
    );
  }
}

export function initNotificationModels(sequelize: Sequelize): void {
  for (const m of [Reminder, Notification, OutboxMessage]) m.initModel(sequelize);
}
