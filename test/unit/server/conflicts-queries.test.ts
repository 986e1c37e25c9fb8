import assert from 'node:assert/strict';
import { WIDTH_CLASS_SQL as MIGRATION_004_WIDTH_CLASS_SQL } from '../../../server/db/migrations/004-footprint-envelope';
import { render, sql } from '../../../server/db/sql';
import { WIDTH_CLASS_SQL } from '../../../server/modules/conflicts/conflicts.queries';

describe('conflict queries', () => {
  it(
    "when the neighbour query names a row's width class, " +
      "then it is migration 004's index expression, character for character",
    () => {
      assert.equal(WIDTH_CLASS_SQL, MIGRATION_004_WIDTH_CLASS_SQL);
    },
  );

  it('when the width class is put in a query, then it stays text and the bounds become replacements', () => {
    const q = render(sql`(${sql.raw(WIDTH_CLASS_SQL)}) = ${1} AND "occupiedLowHz" BETWEEN ${-5} AND ${5}`);
    assert.equal(q.text, `(${WIDTH_CLASS_SQL}) = :p0 AND "occupiedLowHz" BETWEEN :p1 AND :p2`);
    assert.deepEqual(q.replacements, { p0: 1, p1: -5, p2: 5 });
  });
});
