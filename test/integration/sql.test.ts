/**
 * The one SQL helper on the real database (SQLite here, PostgreSQL under npm run test:pg): hostile text
 * goes through selectRows and sqlLiteral as values, never as SQL; the licences list's district and
 * frequency filters, built with sqlLiteral, still pick exactly the right licences; insertRows stores many rows
 * (several statements) exactly as `create` stores them, hostile text included.
 */
import assert from 'node:assert/strict';
import { Op, UniqueConstraintError } from 'sequelize';
import { z } from 'zod';
import { CountRow, IdRow, insertRows, selectOne, selectRows, sql, sqlLiteral } from '../../server/db/sql';
import { AuditEvent } from '../../server/models/AuditEvent';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { Licensee } from '../../server/models/Licensee';
import { Station } from '../../server/models/Station';
import { createStation } from '../../server/modules/stations/stations.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft, userNamed, type Made } from '../helpers/factories';

const HOSTILE = [
  "' OR 1=1 --",
  '"; DROP TABLE licences; --',
  `Đắk Lắk "trích dẫn" 'nháy đơn' \\ gạch chéo \\' \\\\ ''; -- :p0 $1 ? 😀`,
] as const;

describe('raw SQL through the one helper', () => {
  let t: TestApp;
  let officer: { agent: Agent; csrf: string };
  /** A at Buôn Ma Thuột with a second station at C's place; B and C in districts of their own. */
  let a: Made;
  let b: Made;
  let c: Made;
  let districtOf: { a: string; b: string; c: string };

  before(async () => {
    t = await makeTestApp();
    officer = await loginAs(t.app, 'officer');
    const seq = t.db.sequelize;
    // Occupied ranges (12.5 kHz channels): A [470.000, 470.0125), B [470.100, 470.1125), C [470.300, 470.3125) MHz.
    a = await makeDraft(seq, t.districts, { frequency: 470_006_250 });
    b = await makeDraft(seq, t.districts, { frequency: 470_106_250, latitude: 13.241, longitude: 108.176 });
    c = await makeDraft(seq, t.districts, { frequency: 470_306_250, latitude: 12.469, longitude: 108.5 });
    const user = await userNamed('officer');
    await createStation(
      seq,
      t.districts,
      {
        licenceId: a.licenceId,
        name: 'Trạm phụ',
        service: 'land_mobile',
        stationClass: 'FB',
        latitude: 12.469,
        longitude: 108.5,
        antennaHeightM: 20,
        antennaGainDbi: 3,
        txPowerW: 10,
        feederLossDb: 1,
      },
      user,
      { ...SYSTEM_ACTOR, userId: user.id },
    );
    const code = async (m: Made) => (await Station.findByPk(m.stationId))?.districtCode ?? '';
    districtOf = { a: await code(a), b: await code(b), c: await code(c) };
    await Licensee.update({ name: HOSTILE[2] }, { where: { id: c.licenseeId } });
  });
  after(async () => {
    await t.close();
  });

  /** Every licence id the JSON list returns for a query string (one page of 500). */
  const listed = async (query: string): Promise<number[]> => {
    const res = await officer.agent.get(`/api/v1/licences?pageSize=500&${query}`);
    assert.equal(res.status, 200, query);
    assert.equal(res.body.total, res.body.data.length, `${query}: one page holds them all`);
    return (res.body.data as { id: number }[]).map((l) => l.id).sort((x, y) => x - y);
  };
  const sorted = (ids: number[]) => [...new Set(ids)].sort((x, y) => x - y);

  for (const value of HOSTILE) {
    const shown = JSON.stringify(value);
    it(`when ${shown} is a value of selectRows, then it comes back unchanged and matches no other row`, async () => {
      const seq = t.db.sequelize;
      const echo = await selectOne(seq, sql`SELECT ${value} AS v`, z.object({ v: z.string() }));
      assert.equal(echo?.v, value);
      const listedBoth = await selectRows(
        seq,
        sql`SELECT name AS v FROM licensees WHERE name IN (${[value, 'no such name']}) ORDER BY id`,
        z.object({ v: z.string() }),
      );
      const stored = await Licensee.count({ where: { name: value } });
      assert.equal(listedBoth.length, stored, 'only licensees of exactly that name');
      assert.ok(listedBoth.every((r) => r.v === value));
      const byName = await selectRows(seq, sql`SELECT id FROM licensees WHERE name = ${value}`, IdRow);
      assert.deepEqual(
        byName.map((r) => r.id),
        value === HOSTILE[2] ? [c.licenseeId] : [],
      );
      const left = await selectOne(seq, sql`SELECT COUNT(*) AS n FROM licences`, CountRow);
      assert.ok((left?.n ?? 0) >= 3, 'the licences table is still there');
    });

    it(`when ${shown} is a value of sqlLiteral in a model query, then it is escaped as a string`, async () => {
      const seq = t.db.sequelize;
      const found = await Licensee.findAll({
        where: { id: { [Op.in]: sqlLiteral(seq, sql`(SELECT id FROM licensees WHERE name = ${value})`) } },
      });
      assert.deepEqual(
        found.map((l) => l.id),
        value === HOSTILE[2] ? [c.licenseeId] : [],
      );
      const echoed = await Licensee.findOne({
        attributes: ['id', [sqlLiteral(seq, sql`${value}`), 'echo']],
        where: { id: c.licenseeId },
      });
      assert.equal(echoed?.get('echo'), value);
      assert.equal(await Licensee.count({ where: { id: c.licenseeId, name: HOSTILE[2] } }), 1);
    });

    it(`when ${shown} is the district filter of the licences list, then no licence matches`, async () => {
      assert.deepEqual(await listed(`district=${encodeURIComponent(value)}`), []);
    });
  }

  it('when the licences list is filtered by district, then exactly the licences with a station there', async () => {
    assert.notEqual(districtOf.a, districtOf.b);
    assert.notEqual(districtOf.b, districtOf.c);
    for (const code of new Set(Object.values(districtOf))) {
      const expected = sorted(
        (await Station.findAll({ where: { districtCode: code }, attributes: ['licenceId'] })).map((s) => s.licenceId),
      );
      assert.deepEqual(await listed(`district=${code}`), expected, `district ${code}`);
    }
    const inC = await listed(`district=${districtOf.c}`);
    assert.ok(inC.includes(a.licenceId) && inC.includes(c.licenceId), 'A has a station in C’s district too');
    assert.ok(!(await listed(`district=${districtOf.b}`)).includes(a.licenceId));
    assert.deepEqual(await listed('district=000'), []);
  });

  it('when insertRows writes 1 500 rows, then each is stored as create stores it; a duplicate key fails', async () => {
    const seq = t.db.sequelize;
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    const row = (i: number) => ({
      at: i % 2 ? at : new Date(at.getTime() + i),
      actorId: null,
      ip: i % 3 ? null : '10.0.0.1',
      userAgent: `${HOSTILE[i % HOSTILE.length] ?? ''} #${i}`,
      entity: 'sql-test',
      entityId: String(i),
      action: i % 5 ? 'open' : 'update',
      changes: { overlapKm2: { before: null, after: 0.1 * i + 1 / 3 }, note: { before: '?', after: `$${i}` } },
    });
    const rows = Array.from({ length: 1500 }, (_, i) => row(i));
    const byIdOf = <R extends { entityId: string }>(list: R[], id: string) => list.find((r) => r.entityId === id);
    await seq.transaction((transaction) => insertRows(AuditEvent, rows, { transaction }));
    await insertRows(AuditEvent, [{ ...row(3), entityId: 'no transaction' }]);
    const created = await AuditEvent.create({ ...row(7), entityId: 'created' });
    const Stored = z.object({
      entityId: z.string(),
      at: z.unknown(),
      ip: z.string().nullable(),
      userAgent: z.string(),
      action: z.string(),
      changes: z.string(),
    });
    const stored = await selectRows(
      seq,
      sql`SELECT "entityId", at, ip, "userAgent", action, changes FROM audit_events WHERE entity = ${'sql-test'}`,
      Stored,
    );
    assert.equal(stored.length, 1502);
    assert.deepEqual({ ...byIdOf(stored, 'no transaction'), entityId: '3' }, byIdOf(stored, '3'));
    const byId = new Map(stored.map((r) => [r.entityId, r]));
    for (const [i, r] of rows.entries()) {
      const s = byId.get(String(i));
      assert.ok(s, `row ${i}`);
      assert.deepEqual(
        { ip: s.ip, userAgent: s.userAgent, action: s.action, changes: JSON.parse(s.changes) as unknown },
        { ip: r.ip, userAgent: r.userAgent, action: r.action, changes: r.changes },
      );
      assert.equal(new Date(String(s.at instanceof Date ? s.at.toISOString() : s.at)).getTime(), r.at.getTime());
    }
    // The same text in the database as `create` writes (dates, JSON): the row 7 twins compare equal.
    const twin = byId.get('created');
    assert.deepEqual({ ...twin, entityId: '7' }, byId.get('7'));
    assert.equal((await AuditEvent.findByPk(created.id))?.changes.overlapKm2?.after, row(7).changes.overlapKm2.after);
    await assert.rejects(
      seq.transaction((transaction) => insertRows(AuditEvent, [{ ...row(1), id: created.id }], { transaction })),
      UniqueConstraintError,
    );
    await AuditEvent.destroy({ where: { entity: 'sql-test' } });
  });

  it('when the licences list is filtered by frequency, then exactly those whose occupied range overlaps', async () => {
    assert.deepEqual(await listed('freqFrom=470&freqTo=470.0001'), [a.licenceId]);
    assert.deepEqual(await listed('freqFrom=469.9&freqTo=470'), [], 'to is exclusive at A’s lower edge');
    assert.deepEqual(await listed('freqFrom=470.0125&freqTo=470.05'), [], 'from is exclusive at A’s upper edge');
    assert.deepEqual(await listed('freqFrom=470.012&freqTo=470.1001'), [a.licenceId, b.licenceId]);
    assert.deepEqual(await listed('freqFrom=470&freqTo=470.4'), sorted([a.licenceId, b.licenceId, c.licenceId]));
    assert.deepEqual(await listed('freqFrom=470.2&freqTo=470.31&district=' + districtOf.c), [c.licenceId]);
    const above = await listed('freqFrom=470.31');
    assert.ok(above.includes(c.licenceId) && !above.includes(b.licenceId), 'only a lower bound');
    const below = await listed('freqTo=470.0001');
    assert.ok(below.includes(a.licenceId) && !below.includes(b.licenceId), 'only an upper bound');
  });
});
