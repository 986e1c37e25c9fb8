/**
 * Failed sign-ins per client address in a fixed window (OWASP's guidance): only failures count, so an
 * office behind one address is never locked out by its staff signing in; the account's own lockout
 * (auth.service) counts failures per account. In this process's memory, like the rate limiter it replaces.
 */
import { ipKeyGenerator } from 'express-rate-limit';

interface Window {
  count: number;
  resetAt: number;
}

export class LoginFailures {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  static keyOf(ip: string | undefined): string {
    return ipKeyGenerator(ip ?? 'unknown');
  }

  /** When the address may try again (null when it may now): after `limit` failures in the window. */
  blockedUntil(key: string, now = Date.now()): Date | null {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) return null;
    return w.count >= this.limit ? new Date(w.resetAt) : null;
  }

  add(key: string, now = Date.now()): void {
    const w = this.windows.get(key);
    if (w && w.resetAt > now) {
      w.count += 1;
      return;
    }
    if (this.windows.size > 50_000) for (const [k, v] of this.windows) if (v.resetAt <= now) this.windows.delete(k);
    this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
  }
}
