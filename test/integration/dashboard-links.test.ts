import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR, type CurrentUser } from '../../server/lib/actor';
import { addDays, todayIso } from '../../server/lib/dates';
import { Inspection } from '../../server/models/Inspection';
import { Licence } from '../../server/models/Licence';
import { Service } from '../../server/models/Service';
import { Station } from '../../server/models/Station';
import { addMonths } from '../../server/modules/inspections/due';
import {
  inspectionTransition,
  logInspection,
  type InspectionCtx,
} from '../../server/modules/inspections/inspections.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeLicenceIn, userNamed, type Made } from '../helpers/factories';

/** The links of one dashboard table: href (unescaped) and the figure shown; and how many figures are not links. */
function table(html: string, id: string): { links: { href: string; figure: number }[]; plain: number } {
  const m = new RegExp(`<table[^>]*data-table="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  assert.ok(m, `table ${id} on the page`);
  const body = m[1] ?? '';
  const links = [...body.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((x) => ({
    href: (x[1] ?? '').replace(/&amp;/g, '&'),
    figure: Number((x[2] ?? '').replace(/[^\d]/g, '')),
  }));
  const plain = [...body.matchAll(/<td class="num">\s*[\d.,]+\s*<\/td>/g)].length;
  return { links, plain };
}

/**
 * Dashboard figures that used to link to a list with another total: "done this year" (now the
 * inspections list filtered by completedFrom = 1 January) and the assignment counts of the band and
 * channel tables (no list counts assignments, so they are not links; the licences column still is).
 */
describe('dashboard: each link leads to a list whose total is the figure', () => {
  let t: TestApp;
  let uploads: string;
  let manager: Agent;
  const year = todayIso().slice(0, 4);

  before(async () => {
    uploads = mkdtempSync(path.join(tmpdir(), 'tanso-dash-links-'));
    t = await makeTestApp({ env: { UPLOAD_DIR: uploads } });
    const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    const ctx: InspectionCtx = { sequelize: t.db.sequelize, districts: t.districts, uploadDir: uploads };
    const inspector = await userNamed('inspector');
    const actor = (u: CurrentUser) => ({ ...SYSTEM_ACTOR, userId: u.id, role: u.role });
    const completed = async () => {
      const { inspection } = await logInspection(
        ctx,
        { type: 'routine', stationId: made.stationId },
        [],
        inspector,
        actor(inspector),
      );
      await inspectionTransition(ctx, inspection.id, 'complete', { outcome: 'compliant' }, inspector, actor(inspector));
      return inspection.id;
    };
    // This year: one completed, one completed and then closed by the manager; one completed last year.
    await completed();
    const closed = await completed();
    const mgr = await userNamed('manager');
    await inspectionTransition(ctx, closed, 'close', {}, mgr, actor(mgr));
    const old = await completed();
    await Inspection.update(
      { completedAt: new Date(`${Number(year) - 1}-06-01T00:00:00Z`) },
      { where: { id: old }, silent: true },
    );
    // One in progress (not done).
    await logInspection(ctx, { type: 'routine', stationId: made.stationId }, [], inspector, actor(inspector));
    manager = (await loginAs(t.app, 'manager')).agent;
  });
  after(async () => {
    await t.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  it(
    'when the manager follows a "done this year" figure, ' +
      'then the inspections list (completed since 1 January) has exactly that many',
    async () => {
      const page = await manager.get('/dashboard').set('Accept-Language', 'en');
      const done = table(page.text, 'inspections').links.filter((l) => l.href.includes('completedFrom='));
      assert.ok(done.length >= 2, 'a district row and the total row');
      assert.ok(done.some((l) => l.href === `/inspections?district=643&completedFrom=${year}-01-01` && l.figure === 2));
      assert.ok(done.some((l) => l.href === `/inspections?completedFrom=${year}-01-01` && l.figure === 2));
      for (const { href, figure } of done) {
        const list = await manager.get(`/api/v1${href}&pageSize=1`);
        assert.equal(list.status, 200, href);
        assert.equal(list.body.total, figure, href);
      }
      const html = await manager.get(`/inspections?completedFrom=${year}-01-01`).set('Accept-Language', 'en');
      assert.match(html.text, new RegExp(`name="completedFrom" type="date" value="${year}-01-01"`), 'the filter shows');
    },
  );

  it(
    'when the band and channel tables show assignment counts, ' +
      'then those are not links, and every link there has its total',
    async () => {
      const page = await manager.get('/dashboard').set('Accept-Language', 'en');
      const bands = table(page.text, 'bands');
      const channels = table(page.text, 'channels');
      assert.equal(channels.links.length, 0, 'channel assignment counts are plain figures');
      assert.ok(channels.plain > 0);
      assert.ok(bands.plain > 0, 'band assignment counts are plain figures');
      for (const { href, figure } of bands.links) {
        assert.match(href, /^\/licences\?/);
        const list = await manager.get(`/api/v1${href}&pageSize=1`);
        assert.equal(list.body.total, figure, href);
      }
    },
  );
});

/**
 * The overdue and due figures count stations due for inspection (an issued or suspended licence, one
 * service interval after the last completed inspection): they link to the due list filtered by district
 * and state, whose total is the figure. A station that moved district after its last inspection is
 * counted from that inspection both ways (the inspection keeps the district it was made in).
 */
describe('dashboard: overdue and due figures lead to the due list with exactly that many stations', () => {
  let t: TestApp;
  let uploads: string;
  let manager: Agent;
  const today = todayIso();
  const BUON_HO = { latitude: 12.849, longitude: 108.279 };

  before(async () => {
    uploads = mkdtempSync(path.join(tmpdir(), 'tanso-dash-due-'));
    t = await makeTestApp({ env: { UPLOAD_DIR: uploads } });
    const ctx: InspectionCtx = { sequelize: t.db.sequelize, districts: t.districts, uploadDir: uploads };
    const inspector = await userNamed('inspector');
    const actor = (u: CurrentUser) => ({ ...SYSTEM_ACTOR, userId: u.id, role: u.role });
    const months = (await Service.findOne({ where: { code: 'land_mobile' } }))?.inspectionIntervalMonths ?? 24;
    /** A licence in force since `since` (never inspected unless the test inspects it). */
    const inForceSince = async (made: Made, since: string) =>
      Licence.update(
        { issuedAt: new Date(`${since}T08:00:00Z`), validFrom: since },
        { where: { id: made.licenceId }, silent: true, hooks: false },
      );
    // 643: two overdue, one due in 10 days, one never inspected but recently issued (later), one draft.
    await inForceSince(await makeLicenceIn(t.db.sequelize, t.districts, 'issued'), '2020-01-01');
    await inForceSince(await makeLicenceIn(t.db.sequelize, t.districts, 'issued'), '2020-03-01');
    await inForceSince(
      await makeLicenceIn(t.db.sequelize, t.districts, 'issued'),
      addMonths(addDays(today, 10), -months),
    );
    await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    await makeLicenceIn(t.db.sequelize, t.districts, 'draft');
    // 643: in force since 2020 and inspected today, that inspection recorded under 644 (the station moved).
    const moved = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    await inForceSince(moved, '2020-01-01');
    const { inspection } = await logInspection(
      ctx,
      { type: 'routine', stationId: moved.stationId },
      [],
      inspector,
      actor(inspector),
    );
    await inspectionTransition(ctx, inspection.id, 'complete', { outcome: 'compliant' }, inspector, actor(inspector));
    await Inspection.update({ districtCode: '644' }, { where: { id: inspection.id }, silent: true });
    // 644: a suspended licence, overdue.
    const suspended = await makeLicenceIn(t.db.sequelize, t.districts, 'suspended');
    await inForceSince(suspended, '2019-06-01');
    await Station.update(BUON_HO, { where: { id: suspended.stationId } });
    await Station.update({ districtCode: '644' }, { where: { id: suspended.stationId }, hooks: false });
    manager = (await loginAs(t.app, 'manager')).agent;
  });
  after(async () => {
    await t.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  it(
    'when the manager follows each overdue and due figure, ' +
      'then the due list (API and page) has exactly that many stations',
    async () => {
      const page = await manager.get('/dashboard').set('Accept-Language', 'en');
      const links = table(page.text, 'inspections').links.filter((l) => l.href.startsWith('/inspections/due'));
      assert.equal(links.length, 2 * 16, 'overdue and due of 15 districts and of all districts');
      const figure = (href: string) => links.find((l) => l.href === href)?.figure;
      assert.equal(figure('/inspections/due?district=643&state=overdue'), 2, 'the moved station is not overdue');
      assert.equal(figure('/inspections/due?district=643&state=due'), 1);
      assert.equal(figure('/inspections/due?district=644&state=overdue'), 1, 'the suspended licence');
      assert.equal(figure('/inspections/due?state=overdue'), 3);
      assert.equal(figure('/inspections/due?state=due'), 1);
      for (const { href, figure: n } of links) {
        const api = await manager.get(`/api/v1${href}&pageSize=1`);
        assert.equal(api.status, 200, href);
        assert.equal(api.body.total, n, href);
        const html = await manager.get(href).set('Accept-Language', 'en');
        assert.equal(html.status, 200, href);
        if (n === 0) assert.match(html.text, /No station is due for inspection with these filters/, href);
        else assert.match(html.text, new RegExp(`<span>1–${Math.min(n, 25)} of ${n}</span>`), href);
      }
    },
  );

  it(
    'when the due list is opened, then it shows the station, licence, licensee, district, dates and days, ' +
      'most overdue first, pages and exports the same rows as CSV',
    async () => {
      const en = await manager.get('/inspections/due?state=overdue').set('Accept-Language', 'en');
      assert.match(en.text, /<h1>Stations due for inspection<\/h1>/);
      assert.match(en.text, /<table class="stack-phone">/);
      assert.match(en.text, /data-label="Licensee"><a href="\/licensees\/\d+">Công ty Thử nghiệm \d+<\/a>/);
      assert.match(en.text, /Never inspected/);
      assert.match(en.text, /<option value="overdue" selected>Overdue<\/option>/);
      const api = (await manager.get('/api/v1/inspections/due?state=overdue')).body.data as { dueOn: string }[];
      assert.deepEqual(
        api.map((d) => d.dueOn),
        [...api.map((d) => d.dueOn)].sort(),
        'most overdue first',
      );
      const desc = (await manager.get('/api/v1/inspections/due?state=overdue&sort=-dueOn')).body.data;
      assert.deepEqual(
        desc.map((d: { dueOn: string }) => d.dueOn),
        [...api.map((d) => d.dueOn)].reverse(),
      );
      const second = await manager.get('/inspections/due?state=overdue&pageSize=1&page=2').set('Accept-Language', 'en');
      assert.match(second.text, /<span>2–2 of 3<\/span>/);
      assert.match(second.text, /rel="next"/);
      const vi = await manager.get('/inspections/due?district=643').set('Accept-Language', 'vi');
      assert.match(vi.text, /<h1>Đài đến hạn kiểm tra<\/h1>/);
      assert.match(vi.text, /2 đài quá hạn/);
      assert.match(vi.text, /1 đài đến hạn trong 30 ngày/);
      const csv = await manager.get('/inspections/due.csv?state=overdue').set('Accept-Language', 'en');
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      assert.equal(
        lines[0],
        'Station,Licence,Licensee,District,Last inspection,Due date,' + 'Days overdue (negative: days left),Status',
      );
      assert.equal(lines.length, 1 + 3);
    },
  );

  it(
    'when an inspector or an officer opens the due list, then the inspector sees only their districts ' +
      'and may inspect, and the officer reads every district without actions',
    async () => {
      const inspector = (await loginAs(t.app, 'inspector')).agent;
      const mine = await inspector.get('/api/v1/inspections/due?pageSize=100');
      assert.equal(mine.status, 200);
      assert.ok(mine.body.data.every((d: { districtCode: string }) => d.districtCode === '643'));
      assert.equal(mine.body.total, 3);
      const other = await inspector.get('/api/v1/inspections/due?district=644');
      assert.equal(other.body.total, 0, 'another district: nothing');
      const html = await inspector.get('/inspections/due').set('Accept-Language', 'en');
      assert.match(html.text, /href="\/inspections\/new\?stationId=\d+" role="button">Inspect</);
      assert.ok(!html.text.includes('/inspections/plan?stationId='));
      const officer = (await loginAs(t.app, 'officer')).agent;
      const all = await officer.get('/inspections/due').set('Accept-Language', 'en');
      assert.equal(all.status, 200);
      assert.match(all.text, /<span>1–4 of 4<\/span>/);
      assert.ok(
        !all.text.includes('/inspections/new?stationId=') && !all.text.includes('/inspections/plan?stationId='),
      );
      const planner = await manager.get('/inspections/due').set('Accept-Language', 'en');
      assert.match(planner.text, /href="\/inspections\/plan\?stationId=\d+" role="button" class="secondary">Plan</);
    },
  );
});
