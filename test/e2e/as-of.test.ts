/**
 * The register as of a past day in a browser at 390 px (issue 16 item 3): a manager picks a date on the licence
 * list with the keyboard (the status filter is kept), sees the banner, goes back to today; in Vietnamese the
 * public register shows the same banner; the map on a past day has its conflicts off, and says so (vi).
 * Screenshots: test-results/e2e/as-of-<step>-390.png.
 */
import assert from 'node:assert/strict';
import { appAndBrowser, finishJourney, openSession, signIn, VIEWPORTS } from './helpers';

/** Yesterday in Asia/Ho_Chi_Minh, ISO. */
function yesterday(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

describe('the register as of a past day in Chromium', function () {
  this.timeout(240_000);
  const e2e = appAndBrowser();
  const phone = VIEWPORTS.find((v) => v.width === 390);
  if (!phone) throw new Error('no 390 px viewport');

  it('a manager reads the licence list as of yesterday and comes back to today (en, 390 px)', async () => {
    const session = await openSession(e2e.browser, phone, e2e.app.baseUrl, 'en-US');
    const { page, context } = session;
    try {
      await signIn(page, 'manager');
      await page.goto('/licences?status=issued');
      assert.equal(await page.locator('.as-of-banner').count(), 0, 'no banner for today');
      await page.getByText('See the register on a past date').click();
      const day = yesterday();
      await page.getByLabel('Date', { exact: true }).fill(day);
      await Promise.all([page.waitForURL(/asOf=/), page.getByLabel('Date', { exact: true }).press('Enter')]);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('asOf'), day);
      assert.equal(url.searchParams.get('status'), 'issued', 'the date picker keeps the other filters');
      const banner = page.locator('.as-of-banner');
      assert.ok(await banner.isVisible());
      assert.match(await banner.innerText(), /The register as it stood at the end of/);
      await finishJourney(session, 'as-of-licences', phone);
      await Promise.all([
        page.waitForURL((u) => !u.searchParams.has('asOf')),
        banner.getByRole('link', { name: 'Back to today' }).click(),
      ]);
      assert.equal(new URL(page.url()).searchParams.get('status'), 'issued');
      assert.equal(await page.locator('.as-of-banner').count(), 0);
    } finally {
      await context.close();
    }
  });

  it('a visitor reads the public register as of yesterday in Vietnamese (390 px)', async () => {
    const session = await openSession(e2e.browser, phone, e2e.app.baseUrl, 'vi-VN');
    const { page, context } = session;
    try {
      await page.goto(`/register?asOf=${yesterday()}`);
      const banner = page.locator('.as-of-banner');
      assert.ok(await banner.isVisible());
      assert.match(await banner.innerText(), /Sổ đăng ký như tại cuối ngày/);
      assert.ok(await banner.getByRole('link', { name: 'Quay về hôm nay' }).isVisible());
      await page.waitForSelector('[data-register-map][data-ready="true"]', { timeout: 20_000 });
      await finishJourney(session, 'as-of-register-vi', phone);
    } finally {
      await context.close();
    }
  });

  it('a manager opens the map as of yesterday in Vietnamese: conflicts off and said so (390 px)', async () => {
    const session = await openSession(e2e.browser, phone, e2e.app.baseUrl, 'vi-VN');
    const { page, context } = session;
    try {
      await signIn(page, 'manager');
      await page.goto(`/map?asOf=${yesterday()}&layers=districts,stations,conflicts&metric=openConflicts`);
      const banner = page.locator('.as-of-banner');
      assert.match(await banner.innerText(), /Can nhiễu không có lịch sử/);
      const conflicts = page.locator('input[name="layers"][value="conflicts"]');
      assert.ok(await conflicts.isDisabled());
      assert.equal(await conflicts.isChecked(), false, 'off, whatever the address says');
      assert.ok(await page.locator('input[name="metric"][value="stations"]').isChecked());
      await page.waitForSelector('#map[data-drawn]', { timeout: 20_000 });
      assert.equal(new URL(page.url()).searchParams.get('asOf'), yesterday());
      await finishJourney(session, 'as-of-map-vi', phone);
    } finally {
      await context.close();
    }
  });
});
