/**
 * Assignments' width classes, for frequency-window queries served by the (width class, occupiedLowHz) indexes
 * (migrations 004 and 011): a row of class k is at most CLASS_UPPER_HZ[k − 1] wide, so its lower edge lies within
 * that width of any band it meets. Used by the conflict neighbour query and the public register's search; the
 * migrations keep their own frozen copy of the expression.
 */

/** Upper width of each width class, Hz (the last class, number CLASS_UPPER_HZ.length + 1, has none). */
export const CLASS_UPPER_HZ = [16_000, 64_000, 256_000, 1_000_000, 4_000_000, 16_000_000, 64_000_000];

/**
 * The width class of a row, optionally of a table alias: must stay, character for character (without an
 * alias), the expression of the indexes, or the planner will not use them.
 */
export function widthClassSql(alias?: string): string {
  const col = (c: string) => (alias ? `${alias}."${c}"` : `"${c}"`);
  const width = `${col('occupiedHighHz')} - ${col('occupiedLowHz')}`;
  return `CASE ${CLASS_UPPER_HZ.map((w, i) => `WHEN ${width} <= ${w} THEN ${i + 1}`).join(' ')} ELSE ${
    CLASS_UPPER_HZ.length + 1
  } END`;
}
