/**
 * A counter of this process's committed changes to the register (licences, licensees, stations, assignments):
 * bumped after the commit of any transaction that audits one of them (audit.service, the import's
 * commit). Readers that keep a copy of the register in memory (the public search index) compare it with the
 * counter their copy was read at, so a change made here is never answered from an older copy. Changes made by
 * another process are not counted here: such readers also check the database itself (public.index.ts).
 */
import type { Transaction } from 'sequelize';

const REGISTER_ENTITIES = new Set(['licence', 'licensee', 'station', 'assignment']);

let generation = 0;

/** The number of register changes committed by this process so far. */
export function registerGeneration(): number {
  return generation;
}

/** Counts a change to `entity` once `tx` commits (nothing when it rolls back, or for other entities). */
export function registerChangedOnCommit(tx: Transaction, entity: string): void {
  if (!REGISTER_ENTITIES.has(entity)) return;
  // Counted at once as well: a search that starts before the commit ends must not keep a copy read meanwhile
  // as current (the count after the commit makes any copy read before it stale again).
  generation++;
  tx.afterCommit(() => {
    generation++;
  });
}
