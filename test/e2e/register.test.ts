/**
 * The public register in a browser, as a visitor (no login): search by licensee name without diacritics,
 * the results on the map (vector layers only, tiles fail), "search this map area" with the keyboard, a
 * licence's page with its verification code and map, the language switch (a GET: no session is made), and
 * the open-data page. At 1280×800 and 390×844. Screenshots: test-results/e2e/register-<step>-<width>.png.
 */
import assert from 'node:assert/strict';
import { appAndBrowser, finishJourney, openSession, screenshot, VIEWPORTS, type Session } from './helpers';

describe('public register journey in Chromium', function () {
  this.timeout(240_000);
  const e2e = appAndBrowser();

  for (const vp of VIEWPORTS) {
    it(`a visitor finds a licence by name and place and opens it (${vp.width} px)`, async () => {
      const session: Session = await openSession(e2e.browser, vp, e2e.app.baseUrl);
      const { page, context } = session;
      try {
        await page.goto('/register');
        assert.match(await page.locator('h1').innerText(), /Public register/);
        const rows = page.locator('table tbody tr');
        assert.ok((await rows.count()) > 0, 'licences in force are listed');
        await page.waitForSelector('[data-register-map][data-ready="true"]', { timeout: 20_000 });
        assert.ok((await page.locator('.map-dot-icon').count()) > 0, 'their stations are drawn');
        await screenshot(page, 'register-search', vp);

        // "Search this map area" with the keyboard: the map's bounds go into the URL.
        const area = page.getByRole('button', { name: 'Search this map area' });
        await area.focus();
        await Promise.all([page.waitForURL(/bbox=/), page.keyboard.press('Enter')]);
        assert.match(new URL(page.url()).searchParams.get('bbox') ?? '', /^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/);

        await page.waitForSelector('[data-register-map][data-ready="true"]', { timeout: 20_000 });

        // A licensee name typed without diacritics; the URL keeps the search.
        await page.goto('/register');
        await page.waitForSelector('[data-register-map][data-ready="true"]', { timeout: 20_000 });
        const first = (await rows.first().locator('td').nth(1).innerText()).trim();
        const word = first
          .normalize('NFD')
          .replace(/\p{M}/gu, '')
          .replace(/[đĐ]/g, 'd')
          .split(/\s+/)
          .filter((w) => w.length > 3)
          .pop();
        assert.ok(word, `a word of "${first}"`);
        await page.getByLabel('Licensee', { exact: true }).fill(word.toLowerCase());
        await Promise.all([page.waitForURL(/q=/), page.getByLabel('Licensee', { exact: true }).press('Enter')]);
        assert.equal(new URL(page.url()).searchParams.get('q'), word.toLowerCase());
        assert.ok((await rows.count()) > 0, `"${word}" finds licences`);
        await page.waitForSelector('[data-register-map][data-ready="true"]', { timeout: 20_000 });

        const link = rows.first().locator('a').first();
        const number = (await link.innerText()).trim();
        await link.focus();
        await Promise.all([page.waitForURL(/\/register\/licences\//), page.keyboard.press('Enter')]);
        assert.equal(await page.locator('h1').innerText(), number);
        assert.match(await page.locator('[data-verification-code]').innerText(), /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        await page.waitForSelector('[data-register-map][data-ready="true"]', { timeout: 20_000 });
        await screenshot(page, 'register-licence', vp);

        // Vietnamese, by the switch at the top; still no session cookie.
        await page.getByRole('button', { name: 'Tiếng Việt' }).click();
        await page.waitForFunction(() => document.documentElement.lang === 'vi');
        await page.waitForSelector('[data-register-map][data-ready="true"]', { timeout: 20_000 });
        assert.match(await page.locator('body').innerText(), /Mã xác minh/);
        const cookies = await context.cookies();
        assert.ok(!cookies.some((c) => c.name === 'tanso.sid'), 'a visitor has no session');

        await page.goto('/register/data');
        assert.match(await page.locator('h1').innerText(), /Dữ liệu mở/);
        await finishJourney(session, 'register-data', vp);
      } finally {
        await context.close();
      }
    });
  }
});
