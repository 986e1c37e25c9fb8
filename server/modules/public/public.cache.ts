/**
 * A short-lived cache of public answers (searches, licence pages, map data), one per database: the public
 * register is read far more than it changes, and 50 concurrent visitors must not each wait for the same
 * count over the whole register. An answer is at most `ttlMs` old (PUBLIC_CACHE_SECONDS, 30 s by default;
 * 0 turns the cache off); at most `max` answers are kept, the oldest dropped first.
 */
import type { Sequelize } from 'sequelize';

interface Entry {
  at: number;
  value: Promise<unknown>;
}

export class PublicCache {
  private readonly entries = new Map<string, Entry>();
  constructor(
    readonly ttlMs: number,
    private readonly max = 2000,
  ) {}

  /** The cached answer for `key`, or `compute()`'s (shared by concurrent callers; failures are not kept). */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}

const caches = new WeakMap<Sequelize, PublicCache>();

/** The cache of this database's public answers. */
export function publicCache(sequelize: Sequelize, ttlMs: number): PublicCache {
  let c = caches.get(sequelize);
  if (!c || c.ttlMs !== ttlMs) {
    c = new PublicCache(ttlMs);
    caches.set(sequelize, c);
  }
  return c;
}

const matchCaches = new WeakMap<Sequelize, PublicCache>();

/**
 * The ordered matches (licence ids) of this database's recent searches: the other pages of a search, and the
 * same search asked with another page size, are then read by id. As old as the answers at most (same TTL);
 * fewer entries, as one list can hold every listed licence.
 */
export function matchCache(sequelize: Sequelize, ttlMs: number): PublicCache {
  let c = matchCaches.get(sequelize);
  if (!c || c.ttlMs !== ttlMs) {
    c = new PublicCache(ttlMs, 200);
    matchCaches.set(sequelize, c);
  }
  return c;
}
