/**
 * The channel finder in a browser (issue 16 item 1; real app via `npm start`, fresh SQLite demo, system
 * Chromium): an officer opens a land-mobile station of a draft licence, follows "Find a free channel", finds
 * the form filled with the station, types a range, submits with the keyboard, sees the ranked list and the
 * chart with each channel's worst margin, and opens the best channel with the keyboard: the new assignment
 * form comes filled with that channel. In English and in Vietnamese, at 390 px (no sideways scrolling, no
 * console errors or CSP violations). Screenshots: test-results/e2e/planning-<step>[-vi]-390.png.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { appAndBrowser, finishJourney, openSession, screenshot, signIn, VIEWPORTS } from './helpers';

const WORDS = {
  en: {
    find: 'Find a free channel',
    from: /^From/,
    to: /^To/,
    submit: 'Find channels',
    use: /^Use .*MHz/,
    free: 'Free',
    margin: /worst margin [−+]?[\d.]+ dB|no assignment within reach/,
  },
  vi: {
    find: 'Tìm kênh trống',
    from: /^Từ/,
    to: /^Đến/,
    submit: 'Tìm kênh',
    use: /^Dùng .*MHz/,
    free: 'Trống',
    margin: /độ dự trữ thấp nhất [−+]?[\d.,]+ dB|không có ấn định nào trong tầm/,
  },
};

/** A land-mobile station of a draft licence of the demo register (the officer may add assignments to it). */
async function draftLandMobileStation(page: Page): Promise<number> {
  const licences = await (await page.request.get('/api/v1/licences?status=draft&pageSize=100')).json();
  for (const l of licences.data as { id: number }[]) {
    const stations = await (await page.request.get(`/api/v1/stations?licenceId=${l.id}&service=land_mobile`)).json();
    const s = (stations.data as { id: number; service: string }[]).find((x) => x.service === 'land_mobile');
    if (s) return s.id;
  }
  throw new Error('no land-mobile station of a draft licence in the demo register');
}

describe('the channel finder in a browser', function () {
  this.timeout(240_000);
  const ctx = appAndBrowser();
  const phone = VIEWPORTS.find((v) => v.name === 'phone');
  if (!phone) throw new Error('no phone viewport');

  for (const lang of ['en', 'vi'] as const) {
    it(`when an officer finds a channel (${lang}, 390 px), then one click opens the filled form`, async () => {
      const w = WORDS[lang];
      const session = await openSession(ctx.browser, phone, ctx.app.baseUrl, lang === 'vi' ? 'vi-VN' : 'en-US');
      const { page } = session;
      const suffix = lang === 'vi' ? '-vi' : '';
      try {
        await signIn(page, 'officer');
        const stationId = await draftLandMobileStation(page);
        await page.goto(`/stations/${stationId}`);
        await page.getByRole('link', { name: w.find }).click();
        await page.waitForLoadState('load');
        assert.match(new URL(page.url()).search, new RegExp(`stationId=${stationId}`));
        assert.notEqual(await page.locator('#f-latitude').inputValue(), '', 'the site comes from the station');
        assert.notEqual(await page.locator('#f-txPowerW').inputValue(), '');

        await page.getByLabel(w.from).fill('160 MHz');
        await page.getByLabel(w.to).fill('160.25 MHz');
        await page.getByLabel(w.to).press('Enter'); // the keyboard submits the form
        await page.waitForLoadState('load');
        await page.locator('.channel-list li').first().waitFor();
        assert.ok((await page.locator('.channel-list li').count()) >= 20, 'the channels of the range are listed');
        await page.waitForSelector('canvas[data-planning-chart][data-drawn="true"]');
        // Each channel the plan allows says its worst margin (or that nothing is within reach).
        assert.match((await page.locator('.channel-list li .channel-margin').first().textContent()) ?? '', w.margin);
        await screenshot(page, `planning-results${suffix}`, phone);

        const best = page.locator('a.channel-use').first();
        const label = (await best.textContent())?.trim() ?? '';
        assert.match((await best.getAttribute('aria-label')) ?? '', w.use);
        await best.focus();
        await Promise.all([page.waitForURL(/\/stations\/\d+\/assignments\/new\?/), page.keyboard.press('Enter')]);
        await page.waitForLoadState('load');
        assert.equal(await page.locator('#f-frequencyHz').inputValue(), label, 'the channel is filled in');
        assert.notEqual(await page.locator('#f-bandwidthHz').inputValue(), '');
        await finishJourney(session, `planning-form${suffix}`, phone);
      } finally {
        await session.context.close();
      }
    });
  }
});
