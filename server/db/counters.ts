/**
 * Gap-free yearly counters (licence numbers DLK-2026-00017, inspection references INS-2026-00017):
 * the counter row is incremented inside the caller's transaction (UPDATE … RETURNING takes the row lock
 * on PostgreSQL; SQLite has one writer), so a rolled-back record also rolls back its number.
 */
import type { Sequelize, Transaction } from 'sequelize';
import { z } from 'zod';
import { execute, sql } from './sql';

/** The counter tables (migrations 002, 005 and 010): one row per year. */
export type CounterTable = 'licence_counters' | 'inspection_counters' | 'fee_notice_counters';

const LastRow = z.object({ last: z.coerce.number().int() });

/** The next number of `year` in `table`, 1 for the first. */
export async function nextInYear(
  sequelize: Sequelize,
  transaction: Transaction,
  table: CounterTable,
  year: number,
): Promise<number> {
  const t = sql.raw(table);
  await execute(sequelize, sql`INSERT INTO ${t} (year, last) VALUES (${year}, 0) ON CONFLICT (year) DO NOTHING`, {
    transaction,
  });
  const [row] = await execute(sequelize, sql`UPDATE ${t} SET last = last + 1 WHERE year = ${year} RETURNING last`, {
    transaction,
    row: LastRow,
  });
  if (!row || row.last < 1) throw new Error(`${table} for ${year} did not advance`);
  return row.last;
}

/** `PREFIX-YYYY-NNNNN`. */
export function yearlyReference(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(5, '0')}`;
}
