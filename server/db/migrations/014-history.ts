import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';

/**
 * The register's history (issue 16, SPEC §12): every version of a licence, station, assignment and footprint
 * as `(entity, entityId, validFrom, validTo, data)`, `data` the row as stored (see
 * server/modules/history/history.service.ts for the design). Back-filled from the rows there are, each valid
 * from its `createdAt`.
 */
const TABLES: [entity: string, table: string, key: string][] = [
  ['licence', 'licences', 'id'],
  ['station', 'stations', 'id'],
  ['assignment', 'assignments', 'id'],
  ['footprint', 'assignment_footprints', 'assignmentId'],
];

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('record_versions', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    entity: { type: DataTypes.STRING(20), allowNull: false },
    entityId: { type: DataTypes.INTEGER, allowNull: false },
    validFrom: { type: DataTypes.DATE, allowNull: false },
    validTo: { type: DataTypes.DATE, allowNull: true },
    data: { type: DataTypes.TEXT, allowNull: false },
  });
  // A record's open version (closed on change); the versions closed since a day; those begun since a day
  // (history.service: recordVersions and shadow()).
  await qi.addIndex('record_versions', ['entity', 'entityId', 'validTo'], { name: 'record_versions_entity_open' });
  await qi.addIndex('record_versions', ['entity', 'validTo'], { name: 'record_versions_entity_to' });
  await qi.addIndex('record_versions', ['entity', 'validFrom', 'entityId'], { name: 'record_versions_entity_from' });
  const postgres = qi.sequelize.getDialect() === 'postgres';
  for (const [entity, table, key] of TABLES) {
    let json = 'row_to_json(t)::text';
    if (!postgres) {
      const cols = await qi.sequelize.query<{ name: string }>(`PRAGMA main.table_info("${table}")`, {
        type: QueryTypes.SELECT,
      });
      json = `json_object(${cols.map((c) => `'${c.name}', t."${c.name}"`).join(', ')})`;
    }
    await qi.sequelize.query(
      `INSERT INTO record_versions (entity, "entityId", "validFrom", "validTo", data)
       SELECT :entity, t."${key}", t."createdAt", NULL, ${json} FROM "${table}" t`,
      { replacements: { entity } },
    );
  }
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('record_versions');
}
