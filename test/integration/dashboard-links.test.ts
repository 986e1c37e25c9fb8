import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR, type CurrentUser } from '../../server/lib/actor';
import { todayIso } from '../../server/lib/dates';
import { Inspection } from '../../server/models/Inspection';
import {
  inspectionTransition,
  logInspection,
  type InspectionCtx,
} from '../../server/modules/inspections/inspections.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeLicenceIn, userNamed } from '../helpers/factories';

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

  it('when the manager follows a "done this year" figure, then the inspections list (completed since 1 January) has exactly that many', async () => {
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
  });

  it('when the band and channel tables show assignment counts, then those are not links, and every link there has its total', async () => {
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
  });
});
