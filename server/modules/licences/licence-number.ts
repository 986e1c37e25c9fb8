import type { Sequelize, Transaction } from 'sequelize';
import { nextInYear, yearlyReference } from '../../db/counters';

/** The next licence number of a year (`DLK-2026-00017`), gap-free even when two managers issue at once. */
export async function nextLicenceNumber(
  sequelize: Sequelize,
  transaction: Transaction,
  prefix: string,
  year: number,
): Promise<string> {
  return yearlyReference(prefix, year, await nextInYear(sequelize, transaction, 'licence_counters', year));
}
