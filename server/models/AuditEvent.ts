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
import type { User } from './User';

export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/** One change to one record, written in the same transaction as the change. Never edited. */
export class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<number>;
  declare at: Date;
  declare actorId: number | null;
  declare ip: string | null;
  declare userAgent: string | null;
  declare entity: string;
  declare entityId: string;
  declare action: string;
  declare changes: AuditChanges;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  /** The acting user, when loaded (a record's history shows who by name). */
  declare actor?: NonAttribute<User>;

  static initModel(sequelize: Sequelize): void {
    AuditEvent.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        at: { type: DataTypes.DATE, allowNull: false },
        actorId: { type: DataTypes.INTEGER, allowNull: true },
        ip: { type: DataTypes.STRING(64), allowNull: true },
        userAgent: { type: DataTypes.STRING(300), allowNull: true },
        entity: { type: DataTypes.STRING(40), allowNull: false },
        entityId: { type: DataTypes.STRING(40), allowNull: false },
        action: { type: DataTypes.STRING(40), allowNull: false },
        changes: jsonColumn<AuditChanges>('changes', {}),
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'audit_events' },
    );
  }
}
