declare module 'connect-session-sequelize' {
  import type { Store } from 'express-session';
  import type { Sequelize } from 'sequelize';

  interface SequelizeStoreOptions {
    db: Sequelize;
    table?: string;
    tableName?: string;
    modelKey?: string;
    expiration?: number;
    checkExpirationInterval?: number;
    disableTouch?: boolean;
    extendDefaultFields?: (
      defaults: { data: string; expires: Date },
      session: { userId?: number },
    ) => Record<string, unknown>;
  }
  interface SequelizeStore extends Store {
    stopExpiringSessions(): void;
    sync(): Promise<void>;
  }
  type SequelizeStoreConstructor = new (options: SequelizeStoreOptions) => SequelizeStore;
  export default function connectSessionSequelize(store: typeof Store): SequelizeStoreConstructor;
}
