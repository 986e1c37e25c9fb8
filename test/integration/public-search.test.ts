/**
 * The public name search from its index (migration 015, issue 13): with and without diacritics, by a part of a
 * word, by several words in any order, it finds exactly the licences the former search found (the start of the
 * licence's search text, "number name", scanned with LIKE: kept here as the reference), never an individual;
 * and the index follows a licensee's new name, whichever way the name is written. On SQLite (FTS5 trigram
 * table) and PostgreSQL (pg_trgm GIN index) with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import supertest from 'supertest';
import { z } from 'zod';
import { selectRows, sql } from '../../server/db/sql';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { foldDiacritics } from '../../server/lib/text';
import { Licence } from '../../server/models/Licence';
import { Licensee } from '../../server/models/Licensee';
import { updateLicensee } from '../../server/modules/licensees/licensees.service';
import { PublicCache } from '../../server/modules/public/public.cache';
import { LISTED_STATUSES } from '../../server/modules/public/public.presenter';
import { parsePublicQuery, searchPublicLicences } from '../../server/modules/public/public.service';
import { makeTestApp, type TestApp } from '../helpers/app';
import { userNamed } from '../helpers/factories';
import { licenceFor, type Issued } from '../helpers/public-register';

const NAMES = {
  radio: { name: 'Công ty TNHH Phát thanh Đắk Lắk', kind: 'broadcaster' },
  coop: { name: 'Hợp tác xã Vận tải Krông Pắc', kind: 'enterprise' },
  telecom: { name: 'Công ty Cổ phần Viễn thông Buôn Ma Thuột', kind: 'enterprise' },
  power: { name: 'Trung tâm Điện lực Ea H’leo', kind: 'state_agency' },
  person: { name: 'Nguyễn Văn Đắk Lắk', kind: 'individual', idNumber: '079000111222', address: 'Buôn Ma Thuột' },
};

const SEARCHES = [
  'dak lak',
  'Đắk Lắk',
  'ĐẮK LẮK',
  'đắk',
  'lak',
  'phat thanh',
  'hanh ak',
  'thuot buon ma',
  'Buôn Ma Thuột',
  'vien thong',
  'krong pac',
  'krông pắc',
  'ong',
  'ak',
  'a',
  'cong ty',
  'h’leo',
  'dien luc ea',
  'nguyen',
  'van',
  'xyz',
  'dlk',
  '2026',
  'dlk lak',
  '%',
  'a_b',
];

describe('public register: name search from the index', function () {
  this.timeout(120_000);
  let t: TestApp;
  const made: Record<string, Issued> = {};

  before(async () => {
    // No answer cache: every search is read from the database.
    t = await makeTestApp({ env: { PUBLIC_CACHE_SECONDS: '0' } });
    for (const [key, licensee] of Object.entries(NAMES))
      made[key] = await licenceFor(t.db.sequelize, t.districts, licensee);
    made.suspended = await licenceFor(
      t.db.sequelize,
      t.districts,
      { name: 'Chi nhánh Thủy điện Lắk', kind: 'enterprise' },
      { status: 'suspended' },
    );
    made.revoked = await licenceFor(
      t.db.sequelize,
      t.districts,
      { name: 'Công ty Thu Hồi Đắk Lắk', kind: 'enterprise' },
      { status: 'revoked' },
    );
  });
  after(async () => t.close());

  /** Every licence the public search finds for `q`, through the API, page by page. */
  async function found(q: string): Promise<string[]> {
    const out: string[] = [];
    for (let page = 1; ; page++) {
      const res = await supertest(t.app).get('/api/v1/public/licences').query({ q, page, pageSize: 100 });
      assert.equal(res.status, 200, q);
      out.push(...res.body.data.map((l: { number: string }) => l.number));
      if (out.length >= res.body.total) return out.sort();
    }
  }

  /** The search before migration 015: every folded word in the start of the licence's search text. */
  async function foundBefore(q: string): Promise<string[]> {
    const words = foldDiacritics(q).split(' ').filter(Boolean).slice(0, 8);
    const head = sql`SUBSTR(l."searchText", 1, COALESCE(LENGTH(l.number) + 1, 0) + LENGTH(le.name))`;
    const like = words.map((w) => sql`${head} LIKE ${`%${w.replace(/[\\%_]/g, '')}%`}`);
    const rows = await selectRows(
      t.db.sequelize,
      sql`SELECT l.number FROM licences l JOIN licensees le ON le.id = l."licenseeId"
        WHERE l.number IS NOT NULL AND l.status IN (${[...LISTED_STATUSES]}) AND le.kind <> 'individual'
          AND ${sql.join(like, ' AND ')}`,
      z.object({ number: z.string() }),
    );
    return rows.map((r) => r.number).sort();
  }

  it('when a name is searched with or without diacritics, in part or in words, then it finds as before', async () => {
    for (const q of SEARCHES) assert.deepEqual(await found(q), await foundBefore(q), `q=${q}`);
    const { radio, coop, telecom, power, suspended } = made as Record<string, Issued>;
    assert.deepEqual(await found('dak lak'), [radio?.number].sort());
    assert.deepEqual(await found('ĐẮK LẮK'), await found('dak lak'));
    assert.deepEqual(await found('lak'), [radio?.number, suspended?.number].sort());
    assert.deepEqual(await found('thuot buon ma'), [telecom?.number]);
    assert.deepEqual(await found('hanh ak'), [radio?.number, suspended?.number].sort(), 'Phát thanh, Chi nhánh');
    assert.deepEqual(await found('krông pắc'), [coop?.number]);
    assert.deepEqual(await found("h'leo"), [], 'a different apostrophe is a different character');
    assert.deepEqual(await found('h’leo'), [power?.number]);
    assert.deepEqual(await found('nguyen'), [], 'an individual is never found by name');
    assert.equal((await found('dlk')).length, 5, 'a word in the licence number finds it, as before');
    assert.deepEqual(await found(`${telecom?.number} thuot`), [telecom?.number]);
  });

  it('when the ordered matches are kept for other pages, then each page and total is as computed afresh', async () => {
    const matches = new PublicCache(60_000);
    for (const q of [...SEARCHES, '']) {
      for (const sort of ['number', '-licensee', 'validTo', '-status']) {
        for (const [page, pageSize] of [
          [1, 2],
          [2, 2],
          [3, 1],
          [1, 100],
          [9, 20],
        ]) {
          const query = parsePublicQuery({ q, sort, page, pageSize });
          const fresh = await searchPublicLicences(t.db.sequelize, query);
          const kept = await searchPublicLicences(t.db.sequelize, query, { matches });
          assert.deepEqual(kept, fresh, `q=${q} sort=${sort} page=${page} pageSize=${pageSize}`);
        }
      }
    }
    for (const number of [made.radio?.number, made.revoked?.number, 'DLK', 'nope'])
      assert.deepEqual(
        await searchPublicLicences(t.db.sequelize, parsePublicQuery({ number }), { matches }),
        await searchPublicLicences(t.db.sequelize, parsePublicQuery({ number })),
        `number=${number}`,
      );
  });

  it('when a licensee is renamed (by the service or a bulk update), then the search follows the new name', async () => {
    const officer = await userNamed('officer');
    const coop = await Licence.findByPk(made.coop?.licenceId);
    const who = await Licensee.findByPk(coop?.licenseeId);
    assert.ok(who);
    await updateLicensee(
      t.db.sequelize,
      who.id,
      { name: 'Hợp tác xã Vận tải Cư Kuin', version: who.version },
      { ...SYSTEM_ACTOR, userId: officer.id },
    );
    assert.deepEqual(await found('krong pac'), []);
    assert.deepEqual(await found('cu kuin'), [made.coop?.number]);
    await Licensee.update({ name: 'Hợp tác xã Vận tải Ea Súp' }, { where: { id: who.id } });
    assert.deepEqual(await found('cu kuin'), []);
    assert.deepEqual(await found('ea sup'), [made.coop?.number]);
    const row = await Licensee.findByPk(who.id);
    assert.equal(row?.nameFolded, 'hop tac xa van tai ea sup');
  });
});
