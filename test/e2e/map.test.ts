/**
 * The map journey in a browser (real app via `npm start` with its demo register, system Chromium, tiles
 * pointing at a closed port so only the vector layers draw): a manager opens the map from the menu,
 * filters to one district (Krông Pắc, 654) and the FM service, checks that the address keeps the view
 * and the filters, opens a station's popup with the keyboard, then opens a conflict from the map (its
 * overlap area → popup → link) and sees both footprints and the overlap on the conflict's page.
 *
 * Runs at 1280×800 and at 390×844 (phone). Screenshots: test-results/e2e/map-<step>-<width>.png.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  appAndBrowser,
  finishJourney,
  mapIdle,
  openMapFilters,
  openNavLink,
  openSession,
  screenshot,
  signIn,
  VIEWPORTS,
  type Session,
} from './helpers';

async function mapReady(page: Page, selector = '#map'): Promise<void> {
  await page.waitForSelector(`${selector}[data-ready="true"]`, { timeout: 20_000 });
}

/** Waits until the layers of the current view have been fetched and drawn (the counts line is written after). */
async function settled(page: Page, want: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await page.locator('#map-counts').textContent()) ?? '';
    if (want.test(last)) return last;
    await page.waitForTimeout(150);
  }
  return last;
}

describe('map journey in Chromium', function () {
  this.timeout(240_000);
  const e2e = appAndBrowser();

  for (const vp of VIEWPORTS) {
    it(`a manager filters the map to Krông Pắc and FM, and opens a conflict from it (${vp.width} px)`, async () => {
      const session: Session = await openSession(e2e.browser, vp, e2e.app.baseUrl);
      const { page } = session;
      try {
        await signIn(page, 'manager');
        await openNavLink(page, 'Map');
        assert.equal(new URL(page.url()).pathname, '/map');
        await mapReady(page);
        const whole = await settled(page, /\d+ stations/);
        assert.match(whole, /^\d+ stations/);
        // Every district is drawn (15 shaded polygons), and the tiles' failure left them visible.
        assert.equal(await page.locator('path.district-area').count(), 15);
        await screenshot(page, 'map-province', vp);

        await openMapFilters(page);
        await page.getByLabel('District', { exact: true }).selectOption('654');
        await page.getByLabel('Service', { exact: true }).selectOption('fm_broadcast');
        await page.waitForURL(
          (u) => u.searchParams.get('district') === '654' && u.searchParams.get('service') === 'fm_broadcast',
        );
        await page.waitForSelector('#map[data-drawn="district=654&service=fm_broadcast"]');
        const counts = await settled(page, /\d+ stations · [1-9]\d* conflicting pair/);
        assert.match(
          counts,
          /\d+ stations · [1-9]\d* conflicting pair/,
          'Krông Pắc has an open FM conflict in the demo register',
        );
        const url = new URL(page.url());
        for (const k of ['lat', 'lon', 'z'])
          assert.ok(Number.isFinite(Number(url.searchParams.get(k))), `the address keeps ${k}`);
        assert.equal(url.searchParams.get('layers'), 'districts,stations,conflicts');
        const stationItems = await page.locator('#map-station-list li').allTextContents();
        assert.ok(
          stationItems.length > 0 && stationItems.every((s) => s.includes('FM broadcasting')),
          `only FM stations are listed: ${stationItems.join(' | ')}`,
        );

        // The keyboard reaches the markers: focus one, Enter opens its popup with a link to the station.
        const filtered = page.url();
        const dots = page.locator('.leaflet-marker-icon.map-dot-icon');
        for (let i = 0; i < 4 && (await dots.count()) === 0; i += 1) {
          // Close stations are grouped: Enter on a group zooms in to it.
          await page.locator('.leaflet-marker-icon.map-count-icon').first().focus();
          await page.keyboard.press('Enter');
          await page.waitForTimeout(800);
        }
        assert.ok((await dots.count()) > 0, 'the FM stations of Krông Pắc show as markers');
        await dots.first().focus();
        await page.keyboard.press('Enter');
        const popup = page.locator('.leaflet-popup');
        await popup.waitFor({ state: 'visible' });
        assert.match((await popup.locator('a').first().getAttribute('href')) ?? '', /^\/stations\/\d+$/);
        await page.keyboard.press('Escape');

        // Opening the shared address gives the same view and filters
        // back (once the layers of the zoomed view have come in).
        await mapIdle(page);
        await page.goto(filtered);
        await mapReady(page);
        await openMapFilters(page);
        assert.equal(await page.getByLabel('District', { exact: true }).inputValue(), '654');
        assert.equal(await page.getByLabel('Service', { exact: true }).inputValue(), 'fm_broadcast');
        await settled(page, /[1-9]\d* conflicting pair/);
        await screenshot(page, 'map-filtered', vp);

        // Layers switch off and on again, and the address follows.
        const conflictPaths = page.locator('path.conflict-overlap, path.conflict-link');
        await page.getByLabel('Conflicts', { exact: true }).uncheck();
        await page.waitForURL((u) => u.searchParams.get('layers') === 'districts,stations');
        await page.waitForFunction(
          () => document.querySelectorAll('path.conflict-overlap, path.conflict-link').length === 0,
        );
        await page.getByLabel('Conflicts', { exact: true }).check();
        await page.waitForURL((u) => u.searchParams.get('layers') === 'districts,stations,conflicts');
        await page.waitForFunction(() => document.querySelectorAll('path.conflict-link').length > 0);
        assert.ok((await conflictPaths.count()) > 0);
        await mapIdle(page);

        // Open the conflict from the map: its overlap area, then the link in the popup.
        await page.locator('path.conflict-overlap').first().waitFor({ state: 'attached' });
        await page.locator('#map').scrollIntoViewIfNeeded();
        // A point on the conflict's overlap area or its line, inside the map and not under a marker or a control.
        const spot = await page.evaluate(() => {
          const box = document.getElementById('map')?.getBoundingClientRect();
          if (!box) return null;
          const paths = Array.from(document.querySelectorAll('path.conflict-overlap, path.conflict-link')).filter(
            (p) => p instanceof SVGPathElement,
          );
          for (const p of paths) {
            const ctm = p.getScreenCTM();
            const length = p.getTotalLength();
            if (!ctm) continue;
            for (let i = 1; i < 60; i += 1) {
              const pt = p.getPointAtLength((length * i) / 60).matrixTransform(ctm);
              const inside =
                pt.x > box.left + 60 && pt.x < box.right - 20 && pt.y > box.top + 90 && pt.y < box.bottom - 40;
              if (inside && document.elementFromPoint(pt.x, pt.y) === p) return { x: pt.x, y: pt.y };
            }
          }
          return null;
        });
        assert.ok(spot, 'a conflict is visible on the map');
        await page.mouse.click(spot.x, spot.y);
        const link = page.locator('.leaflet-popup a.map-open-conflict');
        await link.waitFor({ state: 'visible' });
        const href = (await link.getAttribute('href')) ?? '';
        await mapIdle(page); // the popup pans the map, which fetches the layers of the new view
        assert.match(href, /^\/conflicts\/\d+$/);
        await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
        await page.waitForLoadState('load');
        assert.match((await page.locator('h1').textContent()) ?? '', /Conflict #\d+/);
        await mapReady(page, '[data-record-map]');
        assert.equal(await page.locator('[data-record-map] path.footprint').count(), 2, 'both footprints are drawn');
        assert.equal(await page.locator('[data-record-map] path.conflict-overlap').count(), 1, 'and their overlap');
        await finishJourney(session, 'map-conflict', vp);
      } finally {
        await session.context.close();
      }
    });
  }
});
