/**
 * The live public register's search index (public.index.ts, issue 13) finds exactly what the SQL search finds,
 * in the same order, for every kind of search and every sort in both directions: the SQL search
 * (public.queries.ts `searchConditions` with its ORDER BY) is the reference. The register is a synthetic one
 * (every tenth licensee an individual, whose stations are found in a map box at their rounded position) with
 * licences in every status and two licences sharing a number part. And the index is never used once stale:
 * after a change through a service, a bulk update or a delete, the next search answers the new register.
 * On SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { z } from 'zod';
import { createPointIndex } from '../../geo/districts/point-index';
import { readOne, sql } from '../../server/db/sql';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { Licence, LICENCE_STATUSES, type LicenceStatus } from '../../server/models/Licence';
import { Licensee } from '../../server/models/Licensee';
import { Station } from '../../server/models/Station';
import { updateLicensee } from '../../server/modules/licensees/licensees.service';
import { LivePublicIndex, orderedMatches, SORT_KEYS } from '../../server/modules/public/public.index';
import { searchConditions, searchContext } from '../../server/modules/public/public.queries';
import { parsePublicQuery, type PublicQuery } from '../../server/modules/public/public.schema';
import { searchPublicLicences } from '../../server/modules/public/public.service';
import { syntheticRegister } from '../bench/synthetic';
import { loadSynthetic } from '../bench/synthetic-db';
import { makeTestApp, type TestApp } from '../helpers/app';
import { userNamed } from '../helpers/factories';

const Ids = z.object({ ids: z.string().nullable() });

describe('public register: the search index answers as the SQL search', function () {
  this.timeout(300_000);
  let t: TestApp;
  let live: LivePublicIndex;

  before(async () => {
    t = await makeTestApp({ env: { PUBLIC_CACHE_SECONDS: '0' } });
    const fc = await t.districts.featureCollection();
    const districts = createPointIndex(
      fc.features.map((f) => ({ geometry: f.geometry, value: String(f.properties?.code) })),
    );
    await loadSynthetic(t.db.sequelize, syntheticRegister(1500, 60, 11), (lat, lon) => {
      return districts.lookup(lat, lon) ?? '643';
    });
    // Every status, and licences without a number (drafts): the list holds issued and suspended ones, a number
    // also finds expired and revoked ones, and a draft's number decides whether a typed number is whole.
    const statuses = LICENCE_STATUSES;
    const licences = await Licence.findAll({ order: [['id', 'ASC']] });
    for (const [i, l] of licences.entries()) {
      const status = i % 3 === 0 ? (statuses[(i / 3) % statuses.length] as LicenceStatus) : 'issued';
      await Licence.update(
        { status, number: status === 'draft' && i % 2 ? null : l.number, validTo: `2027-0${1 + (i % 9)}-15` },
        { where: { id: l.id } },
      );
    }
    // Checked against the database before every search, as with PUBLIC_CACHE_SECONDS=0.
    live = new LivePublicIndex(t.db.sequelize, 0, (err) => {
      throw err;
    });
  });
  after(async () => t.close());

  async function bySql(q: PublicQuery): Promise<string> {
    const where = sql.join(searchConditions(q, await searchContext(t.db.sequelize, q)), ' AND ');
    const dir = sql.raw(q.sortDir);
    const agg =
      t.db.dialect === 'postgres'
        ? sql`string_agg(CAST(l.id AS TEXT), ',' ORDER BY ${SORT_KEYS[q.sortField]} ${dir}, l.id ${dir})`
        : sql`group_concat(l.id, ',' ORDER BY ${SORT_KEYS[q.sortField]} ${dir}, l.id ${dir})`;
    const row = await readOne(
      t.db.sequelize,
      sql`SELECT ${agg} AS ids FROM licences l JOIN licensees le ON le.id = l."licenseeId" WHERE ${where}`,
      Ids,
    );
    return row?.ids ?? '';
  }

  /** The index once read again (a read follows the last one after a pause of four times its length). */
  async function index() {
    for (let i = 0; i < 100; i++) {
      const ix = await live.current();
      if (ix) return ix;
      await live.settled();
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the index was not read again');
  }

  it('when searched by any condition and sort, then the index finds the same licences in the same order', async () => {
    const ix = await index();
    const licences = await Licence.findAll({ where: { status: ['issued', 'expired'] }, order: [['id', 'ASC']] });
    const stations = await Station.findAll({ order: [['id', 'ASC']], limit: 400 });
    const numbers = licences.map((l) => l.number as string);
    const draft = await Licence.findOne({ where: { status: 'draft' } });
    const searches: Record<string, unknown>[] = [
      {},
      { q: 'a' },
      { q: 'đắk lắk' },
      { q: 'Viễn thông' },
      { q: 'syn 1' },
      { q: '%' },
      { q: 'zzz' },
      { number: numbers[3] },
      { number: numbers[5]?.toLowerCase() },
      { number: numbers[7]?.slice(0, -1) },
      { number: draft?.number ?? 'none' },
      { number: '1' },
      { number: 'nope' },
      { service: 'land_mobile' },
      { service: 'fm_broadcast', district: '643' },
      { district: '648' },
      { district: '999' },
      { fromMhz: 150, toMhz: 155 },
      { fromMhz: 87.5, toMhz: 108 },
      { toMhz: 60 },
      { fromMhz: 7000 },
      { fromMhz: 100, toMhz: 100.1 },
      { q: 'a', fromMhz: 140, toMhz: 180, district: '643' },
    ];
    // Map boxes around stations, their edges on an individual's exact and rounded position.
    for (const s of stations.filter((_s, i) => i % 40 === 0)) {
      const [lat, lon] = [Number(s.latitude), Number(s.longitude)];
      searches.push({ bbox: [lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05].join(',') });
      searches.push({ bbox: [lon, lat, lon + 0.2, lat + 0.2].join(',') });
      const r = (x: number) => Math.round(x * 100) / 100;
      searches.push({ bbox: [r(lon), r(lat), r(lon) + 0.01, r(lat) + 0.01].join(','), fromMhz: 30 });
    }
    let compared = 0;
    for (const search of searches)
      for (const sort of ['number', '-number', 'licensee', '-licensee', 'service', '-status', 'validTo', '-validTo']) {
        const q = parsePublicQuery({ ...search, sort });
        const want = await bySql(q);
        assert.equal([...orderedMatches(ix, q)].join(','), want, JSON.stringify({ ...search, sort }));
        compared += want ? want.split(',').length : 0;
      }
    assert.ok(compared > 20_000, `compared ${compared} matches`);
  });

  it('when the register changes in any way, then no search is answered from the index read before', async () => {
    const officer = await userNamed('officer');
    const company = await Licensee.findOne({ where: { kind: 'enterprise' }, order: [['id', 'ASC']] });
    assert.ok(company);
    const named = async (name: string) =>
      (await searchPublicLicences(t.db.sequelize, parsePublicQuery({ q: name, pageSize: 100 }), { index: live })).total;
    await index();
    // Through the service (audited, counted by this process).
    await updateLicensee(
      t.db.sequelize,
      company.id,
      { name: 'Công ty Thử Chỉ Mục', version: company.version },
      { ...SYSTEM_ACTOR, userId: officer.id },
    );
    const own = await Licence.count({ where: { licenseeId: company.id, status: ['issued', 'suspended'] } });
    assert.ok(own > 0);
    assert.equal(await named('thu chi muc'), own);
    // A bulk update without the services: seen from the database's marks.
    await index();
    await Licensee.update({ name: 'Công ty Khác Hẳn' }, { where: { id: company.id } });
    assert.equal(await named('thu chi muc'), 0);
    assert.equal(await named('khac han'), own);
    // A licence revoked by a bulk update leaves the list at once.
    await index();
    const one = await Licence.findOne({ where: { licenseeId: company.id, status: 'issued' } });
    assert.ok(one);
    await Licence.update({ status: 'revoked' }, { where: { id: one.id } });
    const after = await searchPublicLicences(t.db.sequelize, parsePublicQuery({ q: 'khac han', pageSize: 100 }), {
      index: live,
    });
    assert.equal(after.total, own - 1);
    assert.ok(!after.data.some((l) => l.number === one.number));
    // And the index read afterwards answers the same.
    const ix = await index();
    assert.equal(orderedMatches(ix, parsePublicQuery({ q: 'khac han' })).length, own - 1);
  });
});
