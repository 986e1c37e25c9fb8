import type { Sequelize, Transaction } from 'sequelize';

/**
 * The next licence number of a year, gap-free even when two managers issue at the same moment: the
 * counter row is incremented inside the issuing transaction (UPDATE … RETURNING takes the row lock on
 * PostgreSQL; SQLite has one writer), so a rolled-back issue also rolls back its number.
 */
export async function nextLicenceNumber(
  sequelize: Sequelize,
  transaction: Transaction,
  prefix: string,
  year: number,
): Promise<string> {
  await sequelize.query('INSERT INTO licence_counters (year, last) VALUES (:year, 0) ON CONFLICT (year) DO NOTHING', {
    replacements: { year },
    transaction,
  });
  const [rows] = (await sequelize.query(
    'UPDATE licence_counters SET last = last + 1 WHERE year = :year RETURNING last',
    { replacements: { year }, transaction },
  )) as [{ last: number }[], unknown];
  const n = Number(rows[0]?.last);
  if (!Number.isInteger(n) || n < 1) throw new Error(`licence counter for ${year} did not advance`);
  return `${prefix}-${year}-${String(n).padStart(5, '0')}`;
}
