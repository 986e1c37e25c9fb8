import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';
import { foldDiacritics } from '../../lib/text';

/**
 * The public register's name search (issue 13) from an index instead of a scan of every licence:
 * - `licensees."nameFolded"`: the name folded as the search folds what is typed (no diacritics, lower case;
 *   server/lib/text.ts foldDiacritics), written by the Licensee model on every save (models/Licensee.ts) and
 *   back-filled here;
 * - a trigram index on it (and on PostgreSQL one on the licence numbers, which the name's words are also looked
 *   for in), which answers `LIKE '%word%'` (any substring of 3 characters or more) without
 *   reading every row: on PostgreSQL a GIN `gin_trgm_ops` index (pg_trgm, in Debian's postgresql package and
 *   trusted since PostgreSQL 13, so the database's owner may create it); on SQLite an FTS5 table with the
 *   trigram tokenizer over that column (external content: it stores only the index), kept in step by triggers
 *   on `licensees`, so every write, whatever its path, updates it.
 * Both only narrow the search: the query still tests `"nameFolded" LIKE` on the row, so both databases give
 * exactly the licences a scan gives. NB: a SQLite migration that rebuilds `licensees` (Sequelize's
 * removeColumn or changeColumn there) drops the triggers: recreate them (`sqliteTriggers`) after it.
 */
export const SQLITE_NAME_INDEX = 'licensee_names';

const BATCH = 500;

async function backfill(qi: QueryInterface): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await qi.sequelize.query<{ id: number; name: string }>(
      'SELECT id, name FROM licensees WHERE id > :after ORDER BY id LIMIT :limit',
      { type: QueryTypes.SELECT, replacements: { after, limit: BATCH } },
    );
    const last = rows.at(-1);
    if (!last) return;
    const cases = rows.map((_, i) => `WHEN :id${i} THEN :v${i}`).join(' ');
    const replacements: Record<string, string | number> = {};
    rows.forEach((r, i) => {
      replacements[`id${i}`] = Number(r.id);
      replacements[`v${i}`] = foldDiacritics(r.name);
    });
    const ids = rows.map((_, i) => `:id${i}`).join(', ');
    await qi.sequelize.query(`UPDATE licensees SET "nameFolded" = CASE id ${cases} END WHERE id IN (${ids})`, {
      replacements,
    });
    after = Number(last.id);
  }
}

/** The triggers that keep the SQLite FTS5 index in step with `licensees`. */
export function sqliteTriggers(): string[] {
  const t = SQLITE_NAME_INDEX;
  return [
    `CREATE TRIGGER ${t}_ai AFTER INSERT ON licensees BEGIN
       INSERT INTO ${t}(rowid, "nameFolded") VALUES (new.id, new."nameFolded");
     END`,
    `CREATE TRIGGER ${t}_ad AFTER DELETE ON licensees BEGIN
       INSERT INTO ${t}(${t}, rowid, "nameFolded") VALUES ('delete', old.id, old."nameFolded");
     END`,
    `CREATE TRIGGER ${t}_au AFTER UPDATE OF "nameFolded" ON licensees BEGIN
       INSERT INTO ${t}(${t}, rowid, "nameFolded") VALUES ('delete', old.id, old."nameFolded");
       INSERT INTO ${t}(rowid, "nameFolded") VALUES (new.id, new."nameFolded");
     END`,
  ];
}

export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('licensees', 'nameFolded', { type: DataTypes.TEXT, allowNull: false, defaultValue: '' });
  await backfill(qi);
  if (qi.sequelize.getDialect() === 'postgres') {
    // Without the extension (a database user that may not create it) the search is the same, only slower.
    const trgm = await qi.sequelize.query('CREATE EXTENSION IF NOT EXISTS pg_trgm').then(
      () => true,
      () => false,
    );
    if (trgm) {
      await qi.sequelize.query(
        'CREATE INDEX licensees_name_folded_trgm ON licensees USING gin ("nameFolded" gin_trgm_ops)',
      );
      // A typed name's words are looked for in licence numbers too (as the former search did).
      await qi.sequelize.query('CREATE INDEX licences_number_trgm ON licences USING gin (LOWER(number) gin_trgm_ops)');
    }
    await qi.sequelize.query('ANALYZE licensees');
    await qi.sequelize.query('ANALYZE licences');
    return;
  }
  const t = SQLITE_NAME_INDEX;
  await qi.sequelize.query(
    `CREATE VIRTUAL TABLE ${t} USING fts5("nameFolded", content='licensees', content_rowid='id',
      tokenize='trigram')`,
  );
  await qi.sequelize.query(`INSERT INTO ${t}(${t}) VALUES ('rebuild')`);
  for (const trigger of sqliteTriggers()) await qi.sequelize.query(trigger);
}

export async function down(qi: QueryInterface): Promise<void> {
  if (qi.sequelize.getDialect() === 'postgres') {
    await qi.sequelize.query('DROP INDEX IF EXISTS licences_number_trgm');
    await qi.sequelize.query('DROP INDEX IF EXISTS licensees_name_folded_trgm');
    // Left installed if anything else has come to use it.
    await qi.sequelize.query('DROP EXTENSION IF EXISTS pg_trgm RESTRICT').catch(() => undefined);
  } else {
    const t = SQLITE_NAME_INDEX;
    for (const suffix of ['ai', 'ad', 'au']) await qi.sequelize.query(`DROP TRIGGER ${t}_${suffix}`);
    await qi.sequelize.query(`DROP TABLE ${t}`);
  }
  // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): Sequelize's SQLite removeColumn rebuilds the table.
  await qi.sequelize.query('ALTER TABLE licensees DROP COLUMN "nameFolded"');
}
