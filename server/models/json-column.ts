import { DataTypes, type ModelAttributeColumnOptions, type Model } from 'sequelize';

/**
 * A value already serialised as JSON (e.g. by a scan thread, off the thread that writes it): a JSON column
 * stores its text as it is, the text JSON.stringify gives for the value.
 */
export class JsonText {
  constructor(readonly text: string) {}
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * A value for a JSON column's attribute as the model declares it (T), when it may be JsonText: the column's
 * setter stores JsonText's text as it is, so the attribute's type need not name JsonText for every reader.
 */
export function asStored<T>(value: T | JsonText): T {
  return value as T;
}

/** A TEXT column holding JSON, the same on SQLite and PostgreSQL; read and written as a value. */
export function jsonColumn<T>(name: string, fallback: T, allowNull = false): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.TEXT,
    allowNull,
    get(this: Model): T {
      const raw = this.getDataValue(name) as string | null;
      return raw == null ? fallback : (JSON.parse(raw) as T);
    },
    set(this: Model, value: T | JsonText | null) {
      this.setDataValue(name, value == null ? null : value instanceof JsonText ? value.text : JSON.stringify(value));
    },
  };
}
