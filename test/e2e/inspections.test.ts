/**
 * The inspector's day in the field, on a 390 px phone (real app via `npm start`, fresh SQLite file,
 * system Chromium): open the inspections from the menu, log an inspection at a station with the GPS
 * button, a reading and a photo; the network drops mid-way (the browser's offline mode); the draft is
 * kept, the submission waits visibly, and when the network is back it is sent and arrives exactly once.
 * Screenshots: test-results/e2e/inspections-<step>-390.png.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  appAndBrowser,
  assertNoSidewaysScroll,
  finishJourney,
  openNavLink,
  openSession,
  screenshot,
  signIn,
  VIEWPORTS,
  type Session,
} from './helpers';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const phone = VIEWPORTS.find((v) => v.isMobile) as (typeof VIEWPORTS)[number];

async function eventually(page: Page, selector: string, want: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
    if (want.test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

describe('e2e: an inspector logs an inspection on a phone through a network outage', function () {
  this.timeout(180_000);
  let session: Session | null = null;
  let uploads = '';
  const previousUploadDir = process.env.UPLOAD_DIR;
  after(async () => {
    if (session) await session.context.close();
  });
  const e2e = appAndBrowser(() => {
    uploads = mkdtempSync(path.join(os.tmpdir(), 'tanso-e2e-uploads-'));
    process.env.UPLOAD_DIR = uploads; // startApp passes the environment on to `npm start`
  });
  after(() => {
    if (previousUploadDir === undefined) delete process.env.UPLOAD_DIR;
    else process.env.UPLOAD_DIR = previousUploadDir;
    if (uploads) rmSync(uploads, { recursive: true, force: true });
  });

  it(
    'at 390 px: GPS, a reading and a photo; offline mid-way the submission waits, ' +
      'and once online it arrives exactly once (no console or CSP errors)',
    async function () {
      session = await openSession(e2e.browser, phone, e2e.app.baseUrl, 'en-US');
      const { page, context } = session;
      await context.grantPermissions(['geolocation'], { origin: e2e.app.baseUrl });
      await context.setGeolocation({ latitude: 12.6667, longitude: 108.038, accuracy: 12 });
      await signIn(page, 'inspector');
      await openNavLink(page, 'Inspections');
      assert.equal(new URL(page.url()).pathname, '/inspections');
      await screenshot(page, 'inspections-list', phone);
      await assertNoSidewaysScroll(page, phone);

      await page.getByRole('button', { name: 'Log an inspection' }).click();
      await page.waitForLoadState('load');
      const station = page.getByLabel('Station');
      const firstStation = await station.locator('option').nth(1).getAttribute('value');
      assert.ok(firstStation, 'the inspector has stations in their districts');
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('stationId') === firstStation),
        station.selectOption(firstStation),
      ]);
      await page.waitForLoadState('load');
      assert.match((await page.locator('.licensed-box').textContent()) ?? '', /Licence/);

      await page.getByRole('button', { name: 'Use my GPS position' }).click();
      assert.match(await eventually(page, '[data-gps-status]', /Position found/), /Position found \(± 12 m\)/);
      assert.equal(await page.getByLabel('Latitude').inputValue(), '12.666700');
      await page.getByLabel('Measured frequency').fill('160.0125');
      await page.getByLabel('Observed ERP').fill('30');
      await page
        .locator('input[type="file"][name="photos"]')
        .setInputFiles({ name: 'tram.png', mimeType: 'image/png', buffer: PNG });
      await page.getByLabel('Notes').fill('Ăng-ten đúng vị trí');
      const clientKey = await page.locator('input[name="clientKey"]').inputValue();
      await screenshot(page, 'inspections-form', phone);
      await assertNoSidewaysScroll(page, phone);

      // The network drops while the inspector is still typing: the draft stays on the phone.
      await context.setOffline(true);
      await page.getByLabel('Notes').fill('Ăng-ten đúng vị trí; mất sóng lúc ghi');
      const draft = await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('tanso.inspection-draft.'))
          .map((k) => localStorage.getItem(k))
          .join(''),
      );
      assert.match(draft, /mất sóng lúc ghi/);
      assert.match(draft, new RegExp(clientKey));

      await page.getByRole('button', { name: 'Save inspection' }).click();
      const waiting = await eventually(page, '[data-inspection-queue]', /Waiting to send: 1/);
      assert.match(waiting, /Waiting to send: 1 inspection/);
      assert.ok(await page.locator('[data-inspection-queue]').isVisible());
      await screenshot(page, 'inspections-waiting', phone);

      // Back online: the queue sends it by itself.
      await context.setOffline(false);
      const sent = await eventually(page, '[data-inspection-queue]', /Sent: INS-\d{4}-\d{5}/);
      assert.match(sent, /Sent: INS-\d{4}-\d{5}/);

      const list = await page.request.get('/api/v1/inspections?pageSize=500');
      const mine = (await list.json()).data.filter((i: { clientKey: string }) => i.clientKey === clientKey);
      assert.equal(mine.length, 1, 'the inspection arrived exactly once');
      const detail = await (await page.request.get(`/api/v1/inspections/${mine[0].id}`)).json();
      assert.equal(detail.data.photos.length, 1);
      assert.equal(detail.data.notes, 'Ăng-ten đúng vị trí; mất sóng lúc ghi');
      assert.equal(detail.data.positionSource, 'gps');
      assert.equal(detail.data.measurements[0].frequencyHz, 160_012_500);

      // A reload sends nothing again.
      await page.goto('/inspections');
      await page.waitForTimeout(500);
      assert.equal(await page.locator('[data-inspection-queue]').isVisible(), false);
      const again = (await (await page.request.get('/api/v1/inspections?pageSize=500')).json()).data.filter(
        (i: { clientKey: string }) => i.clientKey === clientKey,
      );
      assert.equal(again.length, 1);

      await page.goto(`/inspections/${mine[0].id}`);
      assert.equal(await page.locator('.photo-grid img').count(), 1);
      assert.ok(
        await page.locator('.photo-grid img').evaluate((img) => (img as HTMLImageElement).naturalWidth === 1),
        'the photo is served to staff',
      );
      await finishJourney(session, 'inspections-sent', phone);
    },
  );
});
