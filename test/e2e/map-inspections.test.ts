/**
 * Inspections on the map, in a browser (real app via `npm start` with its demo register and its four demo
 * inspections, system Chromium, tiles on a closed port): a manager opens /map, turns the inspections
 * layer on, shades the districts by stations overdue for inspection, opens an inspection's popup with
 * the keyboard and follows its link to the inspection's page. The unlicensed emitter found by the demo
 * inspector shows in the warning colour with "!", and the address keeps the layer and the metric.
 *
 * Runs at 1280×800 and at 390×844. Screenshots: test-results/e2e/map-inspections-<step>-<width>.png.
 */
import assert from 'node:assert/strict';
import {
  appAndBrowser,
  assertNoSidewaysScroll,
  finishJourney,
  mapIdle,
  openMapFilters,
  openSession,
  screenshot,
  signIn,
  VIEWPORTS,
  type Session,
} from './helpers';

describe('inspections on the map, in Chromium', function () {
  this.timeout(240_000);
  const e2e = appAndBrowser();

  for (const vp of VIEWPORTS) {
    it(
      `a manager turns the inspections layer on, ` +
        `shades by overdue inspections and opens an inspection (${vp.width} px)`,
      async () => {
        const session: Session = await openSession(e2e.browser, vp, e2e.app.baseUrl);
        const { page } = session;
        try {
          await signIn(page, 'manager');
          await page.goto(`${e2e.app.baseUrl}/map`);
          await page.waitForSelector('#map[data-ready="true"]', { timeout: 20_000 });
          await openMapFilters(page);
          const layer = page.getByRole('checkbox', { name: 'Inspections', exact: true });
          assert.equal(await layer.isChecked(), false, 'the layer is off by default');
          assert.equal(await page.locator('.map-square-icon').count(), 0);
          await page.locator('.map-legends').getByText('Unlicensed emitter', { exact: false }).waitFor();

          await layer.check();
          await page.waitForURL((u) => (u.searchParams.get('layers') ?? '').split(',').includes('inspections'));
          await page.locator('.map-square-icon').first().waitFor({ state: 'attached', timeout: 15_000 });
          await mapIdle(page);
          const allCount = Number(
            /(\d+) inspections?\b/.exec((await page.locator('#map-counts').textContent()) ?? '')?.[1],
          );
          assert.ok(allCount >= 2, `several inspections in view: ${allCount}`);

          // The inspection filters narrow the layer and stay in the address: only the unlicensed-emitter searches.
          await page.getByLabel('Inspection type', { exact: true }).selectOption('unlicensed_search');
          await page.waitForURL((u) => u.searchParams.get('itype') === 'unlicensed_search');
          await mapIdle(page);
          const searches = Number(
            /(\d+) inspections?\b/.exec((await page.locator('#map-counts').textContent()) ?? '')?.[1],
          );
          assert.ok(searches >= 1 && searches < allCount, `the type filter narrows ${allCount} to ${searches}`);
          await page.getByLabel('Inspection type', { exact: true }).selectOption('');
          await page.waitForURL((u) => !u.searchParams.has('itype'));
          await mapIdle(page);

          await page.getByRole('radio', { name: 'Stations overdue for inspection', exact: true }).check();
          await page.waitForURL((u) => u.searchParams.get('metric') === 'overdueInspections');
          await page.locator('.map-legend.leaflet-control', { hasText: 'Stations overdue for inspection' }).waitFor();
          await mapIdle(page);
          await screenshot(page, 'map-inspections-layer', vp);

          // Zoomed out (the phone), inspections come grouped: Enter on a group zooms in to it.
          const squares = page.locator('.leaflet-marker-icon.map-square-icon');
          for (let i = 0; i < 5 && (await squares.count()) === 0; i += 1) {
            await page.locator('.leaflet-marker-icon:has(.map-count-square)').first().focus();
            await page.keyboard.press('Enter');
            await page.waitForTimeout(800);
            await mapIdle(page);
          }
          assert.ok((await squares.count()) > 0, 'single inspections show as square markers');
          const listed = await page.locator('#map-inspection-list li a').allTextContents();
          assert.ok(
            listed.length > 0 && listed.every((s) => /^INS-\d{4}-\d{5}$/.test(s)),
            `inspections in view are listed: ${listed.join(' | ')}`,
          );

          // The keyboard reaches an inspection marker; Enter opens its popup
          // with the reference, type, status, open findings and the link.
          const marker =
            (await page.locator('.leaflet-marker-icon:has(.map-square-mark)').count()) > 0
              ? page.locator('.leaflet-marker-icon:has(.map-square-mark)').first()
              : squares.first();
          await marker.focus();
          await page.keyboard.press('Enter');
          const popup = page.locator('.leaflet-popup');
          await popup.waitFor({ state: 'visible' });
          const text = (await popup.textContent()) ?? '';
          assert.match(text, /Inspection INS-\d{4}-\d{5}/);
          assert.match(text, /Type/);
          assert.match(text, /Status/);
          assert.match(text, /Open findings/);
          const link = popup.locator('a.map-open-inspection');
          const href = (await link.getAttribute('href')) ?? '';
          assert.match(href, /^\/inspections\/\d+$/);
          await mapIdle(page);
          await screenshot(page, 'map-inspections-popup', vp);
          await assertNoSidewaysScroll(page, vp);

          await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
          await page.waitForLoadState('load');
          assert.match((await page.locator('h1').textContent()) ?? '', /INS-\d{4}-\d{5}/);
          await finishJourney(session, 'map-inspections-record', vp);
        } finally {
          await session.context.close();
        }
      },
    );
  }
});
