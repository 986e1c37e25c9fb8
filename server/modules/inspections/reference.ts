import type { Sequelize, Transaction } from 'sequelize';

/**
 * The next inspection reference of a year (INS-2026-00017), gap-free: the counter row is incremented
 * inside the creating transaction, so a rolled-back inspection also rolls back its number.
 */
export async function nextInspectionReference(
  sequelize: Sequelize,
  transaction: Transaction,
  year: number,
): Promise<string> {
  await sequelize.query(
    'INSERT INTO inspection_counters (year, last) VALUES (:year, 0) ON CONFLICT (year) DO NOTHING',
    { replacements: { year }, transaction },
  );
  const [rows] = (await sequelize.query(
    'UPDATE inspection_counters SET last = last + 1 WHERE year = :year RETURNING last',
    { replacements: { year }, transaction },
  )) as [{ last: number }[], unknown];
  const n = Number(rows[0]?.last);
  if (!Number.isInteger(n) || n < 1) throw new Error(`inspection counter for ${year} did not advance`);
  return `INS-${year}-${String(n).padStart(5, '0')}`;
}
