import type { Sequelize, Transaction } from 'sequelize';
import { nextInYear, yearlyReference } from '../../db/counters';

/** The next inspection reference of a year (`INS-2026-00017`), gap-free. */
export async function nextInspectionReference(
  sequelize: Sequelize,
  transaction: Transaction,
  year: number,
): Promise<string> {
  return yearlyReference('INS', year, await nextInYear(sequelize, transaction, 'inspection_counters', year));
}
