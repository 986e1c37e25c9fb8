/**
 * The manager reads the dashboard in a browser (real app via `npm start` with its demo register, fresh
 * SQLite file, system Chromium): opens it from the navigation, sees every chart drawn (a non-empty
 * canvas) beside its table, and follows a figure to the list behind it, whose total is that figure.
 * English at 1280×800 and 390×844; Vietnamese on the phone. Screenshots:
 * test-results/e2e/dashboard-<step>-<width>.png (Vietnamese: dashboard-vi-<step>-390.png).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  appAndBrowser,
  finishJourney,
  openNavLink,
  openSession,
  screenshot,
  signIn,
  VIEWPORTS,
  type Session,
  type Viewport,
} from './helpers';

async function navigating(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), action()]);
  await page.waitForLoadState('load');
}

/** For each chart canvas: drawn by chart.js, with a size, and some painted (non-transparent) pixels. */
async function chartsDrawn(page: Page): Promise<{ total: number; painted: number; sizes: string[] }> {
  await page.waitForFunction(
    () => {
      const all = Array.from(document.querySelectorAll('canvas[data-chart]'));
      return all.length > 0 && all.every((c) => c.getAttribute('data-drawn') === 'true');
    },
    undefined,
    { timeout: 15_000 },
  );
  return page.evaluate(() => {
    const canvases = Array.from(document.querySelectorAll('canvas[data-chart]'));
    let painted = 0;
    const sizes: string[] = [];
    for (const c of canvases) {
      if (!(c instanceof HTMLCanvasElement)) continue;
      sizes.push(`${c.width}x${c.height}`);
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) continue;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let opaque = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) opaque += 1;
      if (opaque > 500) painted += 1;
    }
    return { total: canvases.length, painted, sizes };
  });
}

/** Every chart fits the screen width. */
async function chartsFit(page: Page, vp: Viewport): Promise<void> {
  const widths = await page.evaluate(() =>
    Array.from(document.querySelectorAll('canvas[data-chart]')).map((c) => c.getBoundingClientRect().right),
  );
  for (const right of widths) assert.ok(right <= vp.width, `a chart reaches ${right} px on a ${vp.width} px screen`);
}

const WORDS = {
  en: { dashboard: 'Dashboard', issued: 'Issued', showing: /of ([\d,.]+)$/ },
  vi: { dashboard: 'Bảng điều khiển', issued: 'Đã cấp', showing: /trong ([\d,.]+)$/ },
} as const;

describe('e2e: a manager reads the dashboard and follows a figure to its list', function () {
  this.timeout(180_000);
  const e2e = appAndBrowser();
  const open: Session[] = [];
  afterEach(async function () {
    for (const s of open.splice(0)) await s.context.close();
  });

  const runs = [
    ...VIEWPORTS.map((vp) => ({ vp, lang: 'en' as const })),
    ...VIEWPORTS.filter((vp) => vp.isMobile).map((vp) => ({ vp, lang: 'vi' as const })),
  ];
  for (const { vp, lang } of runs) {
    it(
      `at ${vp.width} px in ${lang === 'en' ? 'English' : 'Vietnamese'}: ` +
        `charts drawn beside their tables, a figure opens its list with that many licences`,
      async () => {
        const s = await openSession(e2e.browser, vp, e2e.app.baseUrl, 'en-US');
        open.push(s);
        const { page } = s;
        const w = WORDS[lang];
        const name = lang === 'en' ? 'dashboard' : 'dashboard-vi';
        await signIn(page, 'manager');
        if (lang === 'vi') {
          await navigating(page, () => page.getByRole('button', { name: 'Tiếng Việt', exact: true }).click());
          assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
        }
        await openNavLink(page, w.dashboard);
        assert.equal(new URL(page.url()).pathname, '/dashboard');
        assert.equal((await page.locator('h1').textContent())?.trim(), w.dashboard);

        const drawn = await chartsDrawn(page);
        assert.equal(drawn.total, 9, 'nine charts');
        assert.equal(drawn.painted, drawn.total, `every chart has painted pixels (${drawn.sizes.join(', ')})`);
        await chartsFit(page, vp);
        // Each chart has its table of numbers (the text alternative) and a CSV export.
        assert.equal(await page.locator('table.dash-table').count(), 9);
        assert.equal(await page.locator('a.csv-link').count(), 9);
        await screenshot(page, `${name}-page`, vp);

        // The "Issued" figure of the status table opens the licences list filtered to issued, with that total.
        const row = page.locator('table[data-table="status"] tbody tr', {
          has: page.locator('th', { hasText: w.issued }),
        });
        const link = row.locator('td a');
        const figure = Number(((await link.textContent()) ?? '').replace(/[^\d]/g, ''));
        assert.ok(figure > 0, 'the demo register has issued licences');
        await navigating(page, () => link.click());
        const url = new URL(page.url());
        assert.equal(url.pathname, '/licences');
        assert.equal(url.searchParams.get('status'), 'issued');
        const showing = ((await page.locator('.pagination span').first().textContent()) ?? '').trim();
        const m = w.showing.exec(showing);
        assert.ok(m, `pagination text: ${showing}`);
        assert.equal(Number((m[1] ?? '').replace(/[^\d]/g, '')), figure, 'the list total is the figure');
        assert.equal(await page.locator('#f-status').inputValue(), 'issued', 'the filter shows what was chosen');
        await screenshot(page, `${name}-list`, vp);

        // Back on the dashboard at the end of the journey: no sideways scroll, no console or CSP errors.
        await navigating(page, () => page.goBack().then(() => undefined));
        await chartsDrawn(page);
        await finishJourney(s, `${name}-end`, vp);
      },
    );
  }
});
