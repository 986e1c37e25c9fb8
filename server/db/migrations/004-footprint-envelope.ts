import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Each stored footprint gets its reach envelope: a box holding every contour of the assignment at any
 * threshold (geo reachEnvelopeBoxDeg, or the corridor's box for a fixed link). The live check and the
 * upkeep on save then load only the assignments whose envelope or footprint box meets the candidate's
 * (SPEC §4.5), instead of every assignment near in frequency. Nullable: rows written before this
 * migration get theirs at their next save or full scan, and are always loaded until then.
 */
const COLUMNS = ['envMinLon', 'envMinLat', 'envMaxLon', 'envMaxLat'] as const;

export async function up(qi: QueryInterface): Promise<void> {
  for (const c of COLUMNS) await qi.addColumn('assignment_footprints', c, { type: DataTypes.DOUBLE, allowNull: true });
  await qi.addIndex('assignment_footprints', ['envMinLon', 'envMaxLon', 'envMinLat', 'envMaxLat'], { name: 'assignment_footprints_envelope' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.removeIndex('assignment_footprints', 'assignment_footprints_envelope');
  for (const c of COLUMNS) await qi.removeColumn('assignment_footprints', c);
}
