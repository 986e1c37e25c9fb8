import assert from 'node:assert/strict';
import { Sequelize } from 'sequelize';
import { render, sql, sqlLiteral } from '../../../server/db/sql';

describe('the SQL helper (server/db/sql.ts)', () => {
  it('when a template holds values, then each becomes a numbered named replacement and never text', () => {
    const name = "' OR 1=1 --";
    const r = render(sql`SELECT id FROM licensees WHERE name = ${name} AND id > ${7}`);
    assert.equal(r.text, 'SELECT id FROM licensees WHERE name = :p0 AND id > :p1');
    assert.deepEqual(r.replacements, { p0: name, p1: 7 });
  });

  it('when a template has no values, then its text is unchanged and there are no replacements', () => {
    assert.deepEqual(render(sql`SELECT 1`), { text: 'SELECT 1', replacements: {} });
  });

  it('when fragments are nested, then their values are numbered in reading order across all levels', () => {
    const inner = sql`s."districtCode" = ${'643'}`;
    const deeper = sql`(${sql`a = ${1}`} OR ${sql`b = ${2}`})`;
    const r = render(sql`SELECT ${sql.raw('s.id')} FROM stations s WHERE ${inner} AND ${deeper} LIMIT ${10}`);
    assert.equal(r.text, 'SELECT s.id FROM stations s WHERE s."districtCode" = :p0 AND (a = :p1 OR b = :p2) LIMIT :p3');
    assert.deepEqual(r.replacements, { p0: '643', p1: 1, p2: 2, p3: 10 });
  });

  it('when the same fragment is used twice, then each use gets its own replacements', () => {
    const f = sql`x = ${5}`;
    const r = render(sql`${f} OR ${f}`);
    assert.equal(r.text, 'x = :p0 OR x = :p1');
    assert.deepEqual(r.replacements, { p0: 5, p1: 5 });
  });

  it('when an array is a value, then it is one replacement (Sequelize expands it to a comma list)', () => {
    const codes = ['643', '645'];
    const r = render(sql`WHERE "districtCode" IN (${codes}) AND id IN (${[1, 2, 3]})`);
    assert.equal(r.text, 'WHERE "districtCode" IN (:p0) AND id IN (:p1)');
    assert.deepEqual(r.replacements, { p0: ['643', '645'], p1: [1, 2, 3] });
  });

  it('when fragments are joined, then the separator goes between them and empty ones are left out', () => {
    const r = render(sql.join([sql`a = ${1}`, sql.raw(''), sql`b = ${2}`, sql.join([], ' OR ')], ' AND '));
    assert.equal(r.text, 'a = :p0 AND b = :p1');
    assert.deepEqual(r.replacements, { p0: 1, p1: 2 });
    assert.equal(sql.join([sql`c = ${3}`], ' AND ').isEmpty, false);
  });

  it('when nothing is left to join, then the result is empty and renders as no text', () => {
    const empty = sql.join([sql.raw(''), sql.raw('  ')], ' AND ');
    assert.equal(empty.isEmpty, true);
    assert.deepEqual(render(empty), { text: '', replacements: {} });
    assert.equal(sql`x = ${''}`.isEmpty, false, 'a fragment with a value is never empty');
  });

  it('when sql.raw is used, then its text goes in as written (for code-written identifiers only)', () => {
    const column = sql.raw('l.status');
    const r = render(sql`SELECT ${column} AS k FROM licences l GROUP BY ${column}`);
    assert.equal(r.text, 'SELECT l.status AS k FROM licences l GROUP BY l.status');
    assert.deepEqual(r.replacements, {});
  });

  it('when a value looks like a placeholder, then sqlLiteral escapes it as a string and does not expand it', () => {
    const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
    const lit = sqlLiteral(
      sequelize,
      sql`(SELECT id FROM t WHERE a = ${':p1'} AND b = ${"it's"} AND c IN (${[1, 2]}))`,
    );
    assert.equal(lit.val, "(SELECT id FROM t WHERE a = ':p1' AND b = 'it''s' AND c IN (1, 2))");
  });
});
