import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Each stored footprint gets its reach envelope: a box holding every contour of the assignment at any
 * threshold (geo reachEnvelopeBoxDeg, or the corridor's box for a fixed link). The live check and the
 * upkeep on save then load only the assignments whose envelope or footprint box meets the candidate's
 * (SPEC §4.5), instead of every assignment near in frequency. Nullable: rows written before this
 * migration get theirs at their next save or full scan, and are always loaded until then.
 */
const COLUMNS = ['envMinLon', 'envMinLat', 'envMaxLon', 'envMaxLat'] as const;

/**
 * Copied, not imported: a migration must not change when the code it once matched does. Exported only
 * so a unit test can check the conflicts module still uses the indexed expression character for character.
 */
export const WIDTH_CLASS_SQL =
  'CASE' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 16000 THEN 1' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 64000 THEN 2' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 256000 THEN 3' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 1000000 THEN 4' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 4000000 THEN 5' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 16000000 THEN 6' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 64000000 THEN 7' +
  ' ELSE 8 END';

export async function up(qi: QueryInterface): Promise<void> {
  for (const c of COLUMNS) await qi.addColumn('assignment_footprints', c, { type: DataTypes.DOUBLE, allowNull: true });
  await qi.addIndex('assignment_footprints', ['envMinLon', 'envMaxLon', 'envMinLat', 'envMaxLat'], {
    name: 'assignment_footprints_envelope',
  });
  // The widest occupied range bounds the frequency window of the neighbour query; an index on the
  // expression answers MAX() at once on SQLite and PostgreSQL instead of reading every assignment.
  await qi.sequelize.query(
    'CREATE INDEX assignments_occupied_width ON assignments (("occupiedHighHz" - "occupiedLowHz"))',
  );
  // Width class, then lower edge: the neighbour query reads, per class, only the window that rows of
  // that width can reach (see conflicts.neighbours.ts; the expression must stay identical there).
  await qi.sequelize.query(
    `CREATE INDEX assignments_width_class_low ON assignments ((${WIDTH_CLASS_SQL}), "occupiedLowHz")`,
  );
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.sequelize.query('DROP INDEX assignments_width_class_low');
  await qi.sequelize.query('DROP INDEX assignments_occupied_width');
  await qi.removeIndex('assignment_footprints', 'assignment_footprints_envelope');
  for (const c of COLUMNS) await qi.removeColumn('assignment_footprints', c);
}
