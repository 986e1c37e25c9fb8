import 'express-session';
import type { CurrentUser } from './actor';

export interface FlashMessage {
  type: 'success' | 'error' | 'info';
  key: string;
  params?: Record<string, string | number>;
  /** Text shown as-is after the message (a one-time secret such as a new API token). */
  secret?: string;
}

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    flash?: FlashMessage[];
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    currentUser?: CurrentUser;
    authVia?: 'session' | 'token';
  }
}
