/**
 * Markup from data on the maps (issue 19, defect 4): two stations named with HTML, one conflict between
 * them. On /map (tooltips, popups, the "in view" lists), on the district page, the station page and the
 * conflict page, the name is shown as text: no element is made from it, nothing runs, and the text reads
 * literally. A MutationObserver installed before any page script records every element ever added with
 * the payload's attributes, so a tooltip that came and went is caught too.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { appAndBrowser, finishJourney, mapIdle, openSession, signIn, VIEWPORTS, type Viewport } from './helpers';

const PAYLOAD = '<img src=x onerror=window.__xss=1>';

interface Probe {
  made: number;
  xss: unknown;
}

async function probe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __made?: number };
    return { made: (w.__made ?? 0) + document.querySelectorAll('img[src="x"]').length, xss: w.__xss };
  });
}

async function assertInert(page: Page, where: string): Promise<void> {
  const p = await probe(page);
  assert.equal(p.made, 0, `${where}: an element was made from a station's name`);
  assert.equal(p.xss, undefined, `${where}: window.__xss was set`);
}

describe('names with markup on the maps (Chromium)', function () {
  this.timeout(240_000);
  const e2e = appAndBrowser();

  it('a station named <img src=x onerror=…> is text in every tooltip, popup and list', async () => {
    const vp = VIEWPORTS[0] as Viewport;
    const session = await openSession(e2e.browser, vp, e2e.app.baseUrl);
    const { page, context } = session;
    await context.addInitScript(() => {
      const w = window as unknown as { __made: number };
      w.__made = 0;
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of Array.from(r.addedNodes))
            if (n instanceof Element && (n.matches('img[src="x"]') || n.querySelector('img[src="x"]'))) w.__made++;
      }).observe(document, { childList: true, subtree: true });
    });
    try {
      await signIn(page, 'officer');
      const csrf = ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
      const api = async (path: string, data: object) => {
        const res = await page.request.post(path, {
          data,
          headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
        });
        assert.equal(res.status(), 201, `${path}: ${await res.text()}`);
        return ((await res.json()) as { data: { id: number; districtCode?: string } }).data;
      };
      const station = async (name: string, lat: number, lon: number) => {
        const licensee = await api('/api/v1/licensees', { name: `Công ty ${lat}`, kind: 'enterprise' });
        const licence = await api('/api/v1/licences', {
          licenseeId: licensee.id,
          type: 'frequency_equipment',
          service: 'land_mobile',
          validFrom: '2026-12-01',
          validTo: '2030-11-30',
        });
        const s = await api('/api/v1/stations', {
          licenceId: licence.id,
          name,
          service: 'land_mobile',
          stationClass: 'FB',
          latitude: lat,
          longitude: lon,
          antennaHeightM: 30,
          antennaGainDbi: 6,
          txPowerW: 25,
          feederLossDb: 1,
        });
        const asg = await api(`/api/v1/stations/${s.id}/assignments`, {
          direction: 'tx',
          frequencyHz: '150.5125 MHz',
          bandwidthHz: '12.5 kHz',
          emissionDesignator: '11K0F3E',
        });
        return { ...s, assignmentId: asg.id };
      };
      const a = await station(`A ${PAYLOAD}`, 13.35, 107.6);
      const b = await station(`B ${PAYLOAD}`, 13.36, 107.61);
      const list = (await (await page.request.get(`/api/v1/conflicts?assignmentId=${a.assignmentId}`)).json()) as {
        data: { id: number }[];
      };
      assert.ok(list.data.length > 0, 'the two stations conflict');

      // The map around them: stations and conflicts as points and lines, no clusters.
      await page.goto('/map?lat=13.355&lon=107.605&z=14&layers=stations,conflicts');
      await mapIdle(page);
      const link = page.locator('path.conflict-link').first();
      await link.waitFor({ state: 'attached', timeout: 20_000 });
      await link.hover({ force: true });
      const tooltip = page.locator('.leaflet-tooltip');
      await tooltip.first().waitFor({ state: 'visible', timeout: 10_000 });
      const tipText = (await tooltip.first().textContent()) ?? '';
      assert.ok(tipText.includes(`A ${PAYLOAD}`) || tipText.includes(`B ${PAYLOAD}`), `tooltip reads: ${tipText}`);
      await assertInert(page, '/map conflict tooltip');

      await link.click({ force: true });
      const popup = page.locator('.leaflet-popup-content');
      await popup.first().waitFor({ state: 'visible', timeout: 10_000 });
      assert.ok(
        (await popup.allTextContents()).some((x) => x.includes(PAYLOAD)),
        'the conflict popup shows the name as text',
      );
      await assertInert(page, '/map conflict popup');
      await page.keyboard.press('Escape');

      const marker = page.locator(`.leaflet-marker-icon[title^="A ${PAYLOAD}"]`);
      await marker.click();
      await popup
        .filter({ hasText: `A ${PAYLOAD}` })
        .first()
        .waitFor({ state: 'visible', timeout: 10_000 });
      await assertInert(page, '/map station popup');
      // The district is named, not given as its code (issue 19, defect 13).
      const option = (await page.locator(`#mf-district option[value="${a.districtCode}"]`).textContent()) ?? '';
      const districtName = option.replace(/ \(\d+\)$/, '');
      const stationPopup =
        (await popup
          .filter({ has: page.locator(`a[href^="/licences/"]`) })
          .first()
          .textContent()) ?? '';
      assert.ok(districtName && stationPopup.includes(districtName), `the popup names the district: ${stationPopup}`);
      assert.ok(!stationPopup.includes(String(a.districtCode)), `no district code in the popup: ${stationPopup}`);

      const lists = (await page.locator('#map-station-list, #map-conflict-list').allTextContents()).join(' ');
      assert.ok(lists.includes(`A ${PAYLOAD}`), `the lists show the name as text: ${lists}`);
      await assertInert(page, '/map lists');

      // The district page: its polygon's tooltip, the stations and conflicts on it.
      await page.goto(`/districts/${a.districtCode}`);
      await page.waitForSelector('#district-map[data-ready="true"]', { timeout: 20_000 });
      await page.locator('#district-map path.conflict-link').first().dispatchEvent('mouseover');
      await page.locator('.leaflet-tooltip').first().waitFor({ state: 'visible', timeout: 10_000 });
      assert.ok(((await page.locator('.leaflet-tooltip').first().textContent()) ?? '').includes(PAYLOAD));
      await assertInert(page, '/districts/:code');

      // The small maps on the station and conflict pages.
      for (const path of [`/stations/${b.id}`, `/conflicts/${list.data[0]?.id}`]) {
        await page.goto(path);
        await page.waitForSelector('[data-record-map][data-ready="true"]', { timeout: 20_000 });
        await page.locator('[data-record-map] path.conflict-link').first().dispatchEvent('mouseover');
        await page.locator('.leaflet-tooltip').first().waitFor({ state: 'visible', timeout: 10_000 });
        const text = (await page.locator('.leaflet-tooltip').first().textContent()) ?? '';
        assert.ok(text.includes(PAYLOAD), `${path}: tooltip reads ${text}`);
        await assertInert(page, path);
      }
      await finishJourney(session, 'map-markup', vp);
    } finally {
      await session.context.close();
    }
  });
});
