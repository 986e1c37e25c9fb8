/**
 * What staff see on a phone (issue 19, defects 10 and 13), at 390×844 in English and Vietnamese:
 * - the assignment form checks conflicts as soon as frequency and width are typed, says the designator is
 *   still missing, shows the other station once with both directions on one line, and does not scroll
 *   sideways once the band-plan badge shows;
 * - the map's filters are folded behind a button, so the map comes first; the zoom buttons cover no
 *   cluster badge; the district shading fades as the map zooms in; the zoom buttons speak the language;
 * - the conflicts list is compact (rows of a few lines, not a stack of labelled cells);
 * - a station's class is a name ("Base station"), not a code ("FB").
 * Screenshots: test-results/e2e/phone-*-390.png.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  appAndBrowser,
  assertNoSidewaysScroll,
  mapIdle,
  openSession,
  screenshot,
  signIn,
  VIEWPORTS,
  type Viewport,
} from './helpers';

const WORDS = {
  en: {
    lang: 'English',
    both: 'would suffer from and would interfere with',
    missing: 'Still needed for the check',
    zoomIn: 'Zoom in',
    baseStation: 'Base station',
  },
  vi: {
    lang: 'Tiếng Việt',
    both: 'sẽ bị nhiễu bởi và sẽ gây nhiễu cho',
    missing: 'Cần thêm để kiểm tra',
    zoomIn: 'Phóng to',
    baseStation: 'Đài gốc',
  },
} as const;

async function eventually(page: Page, selector: string, want: RegExp, ms = 15_000): Promise<string> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    last = (await page.locator(selector).textContent()) ?? '';
    if (want.test(last)) return last;
    await page.waitForTimeout(150);
  }
  return last;
}

async function useLanguage(page: Page, lang: 'en' | 'vi'): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === lang) return;
  const menu = page.locator('details.menu');
  if (!(await page.getByRole('button', { name: WORDS[lang].lang, exact: true }).isVisible()))
    await menu.locator('summary').click();
  await Promise.all([
    page.waitForLoadState('load'),
    page.getByRole('button', { name: WORDS[lang].lang, exact: true }).click(),
  ]);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

describe('staff on a phone (Chromium, 390 px)', function () {
  this.timeout(300_000);
  const e2e = appAndBrowser();
  const vp = VIEWPORTS[1] as Viewport;
  let mine = 0;
  const neighbourName = 'Trạm Láng giềng Ea Súp';

  before(async function () {
    this.timeout(120_000);
    const session = await openSession(e2e.browser, vp, e2e.app.baseUrl);
    const { page } = session;
    await signIn(page, 'officer');
    const csrf = ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
    const api = async (path: string, data: object): Promise<{ id: number }> => {
      const res = await page.request.post(path, {
        data,
        headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
      });
      assert.equal(res.status(), 201, `${path}: ${await res.text()}`);
      return ((await res.json()) as { data: { id: number } }).data;
    };
    const station = async (name: string, lat: number, lon: number) => {
      const licensee = await api('/api/v1/licensees', { name: `Công ty ${name}`, kind: 'enterprise' });
      const licence = await api('/api/v1/licences', {
        licenseeId: licensee.id,
        type: 'frequency_equipment',
        service: 'land_mobile',
        validFrom: '2026-12-01',
        validTo: '2030-11-30',
      });
      return api('/api/v1/stations', {
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
    };
    const neighbour = await station(neighbourName, 13.35, 107.6);
    await api(`/api/v1/stations/${neighbour.id}/assignments`, {
      direction: 'tx',
      frequencyHz: '150.5125 MHz',
      bandwidthHz: '12.5 kHz',
      emissionDesignator: '11K0F3E',
    });
    mine = (await station('Trạm Mới Ea Súp', 13.36, 107.61)).id;
    await session.context.close();
  });

  for (const lang of ['en', 'vi'] as const) {
    const w = WORDS[lang];
    it(`the assignment form checks before the designator and fits the screen (${lang})`, async () => {
      const session = await openSession(e2e.browser, vp, e2e.app.baseUrl, lang === 'vi' ? 'vi-VN' : 'en-US');
      const { page } = session;
      try {
        await signIn(page, 'officer');
        await useLanguage(page, lang);
        await page.goto(`/stations/${mine}/assignments/new`);
        await page.locator('#f-frequencyHz').fill('150.5125 MHz');
        await page.locator('#f-bandwidthHz').fill('12.5 kHz');
        const out = '[data-derived="conflicts"]';
        const seen = await eventually(page, out, new RegExp(neighbourName));
        assert.ok(seen.includes(neighbourName), `checked before the designator: "${seen}"`);
        assert.equal(
          await page.locator(`${out} li`, { hasText: neighbourName }).count(),
          1,
          'the other station is listed once',
        );
        assert.ok(seen.includes(w.both), `both directions on one line: "${seen}"`);
        assert.ok(seen.includes(w.missing), `says what is still missing: "${seen}"`);
        await page.locator('#f-emissionDesignator').fill('11K0F3E');
        await eventually(page, out, new RegExp(`^(?!.*${w.missing})`));
        await page.locator('[data-derived="bandplan"] .badge').waitFor();
        await page.waitForTimeout(300);
        await screenshot(page, `phone-assignment-form-${lang}`, vp);
        await assertNoSidewaysScroll(page, vp);

        await page.goto(`/stations/${mine}`);
        const facts = (await page.locator('main').textContent()) ?? '';
        assert.ok(facts.includes(w.baseStation), 'the station class is a name');
        assert.doesNotMatch(facts, /\bFB\b/, 'not the code "FB"');
      } finally {
        await session.context.close();
      }
    });

    const mapAndList =
      'the map comes first, its buttons cover no badge, its shading fades; the conflicts list is compact';
    it(`${mapAndList} (${lang})`, async () => {
      const session = await openSession(e2e.browser, vp, e2e.app.baseUrl, lang === 'vi' ? 'vi-VN' : 'en-US');
      const { page } = session;
      try {
        await signIn(page, 'manager');
        await useLanguage(page, lang);
        await page.goto('/map');
        await page.waitForSelector('#map[data-ready="true"]', { timeout: 20_000 });
        await mapIdle(page);
        const toggle = page.locator('#mf-toggle');
        assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'the filters are folded');
        assert.equal(await page.locator('#mf-district').isVisible(), false);
        const mapTop = await page.locator('#map').evaluate((m) => m.getBoundingClientRect().top + window.scrollY);
        assert.ok(mapTop < 480, `the map starts ${Math.round(mapTop)} px down the page`);
        assert.equal(await page.locator('.leaflet-control-zoom-in').getAttribute('title'), w.zoomIn);

        const overlaps = await page.evaluate(() => {
          const zoom = document.querySelector('.leaflet-control-zoom')?.getBoundingClientRect();
          if (!zoom) return ['no zoom buttons'];
          return Array.from(document.querySelectorAll('.map-count-icon'))
            .map((i) => i.getBoundingClientRect())
            .filter((r) => r.left < zoom.right && r.right > zoom.left && r.top < zoom.bottom && r.bottom > zoom.top)
            .map((r) => `${Math.round(r.left)},${Math.round(r.top)}`);
        });
        assert.deepEqual(overlaps, [], 'no cluster badge under the zoom buttons');
        const opacity = () =>
          page
            .locator('path.district-area')
            .first()
            .evaluate((p) => Number(p.getAttribute('fill-opacity')));
        const wide = await opacity();
        await screenshot(page, `phone-map-${lang}`, vp);

        await toggle.click();
        assert.equal(await page.locator('#mf-district').isVisible(), true, 'the button unfolds the filters');
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true');

        await page.goto('/map?lat=12.68&lon=108.05&z=14');
        await page.waitForSelector('#map[data-ready="true"]', { timeout: 20_000 });
        await mapIdle(page);
        const close = await opacity();
        assert.ok(wide >= 0.5 && close <= 0.1, `the shading fades with zoom: ${wide} → ${close}`);
        await screenshot(page, `phone-map-zoomed-${lang}`, vp);

        await page.goto('/conflicts');
        const rows = await page.locator('table.compact-phone tbody tr').count();
        const height = await page
          .locator('table.compact-phone tbody')
          .evaluate((b) => b.getBoundingClientRect().height);
        await screenshot(page, `phone-conflicts-${lang}`, vp);
        assert.ok(rows > 0, 'conflicts listed');
        assert.ok(height / rows < 150, `compact rows: ${Math.round(height / rows)} px a conflict`);
        await assertNoSidewaysScroll(page, vp);
      } finally {
        await session.context.close();
      }
    });
  }
});
