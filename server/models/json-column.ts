import { DataTypes, type ModelAttributeColumnOptions, type Model } from 'sequelize';

/** A TEXT column holding JSON, the same on SQLite and PostgreSQL; read and written as a value. */
export function jsonColumn<T>(name: string, fallback: T, allowNull = false): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.TEXT,
    allowNull,
    get(this: Model): T {
      const raw = this.getDataValue(name) as string | null;
      return raw == null ? fallback : (JSON.parse(raw) as T);
    },
    set(this: Model, value: T | null) {
      this.setDataValue(name, value == null ? null : JSON.stringify(value));
    },
  };
}
