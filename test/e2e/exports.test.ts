/**
 * The Export control of a list (issue 14, SPEC §10.3) in Chromium, at 1280 px and on a 390 px phone, in English
 * and Vietnamese: reached with the keyboard, it downloads the filtered list as a dated CSV file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { todayIso } from '../../server/lib/dates';
import { appAndBrowser, finishJourney, openSession, signIn, VIEWPORTS, type Session } from './helpers';

describe('exports: the Export control (Chromium)', function () {
  this.timeout(300_000);
  const env = appAndBrowser();
  const sessions: Session[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.context.close();
  });

  const runs = [
    ...VIEWPORTS.map((vp) => ({ vp, lang: 'en' as const })),
    { vp: VIEWPORTS[1] ?? VIEWPORTS[0], lang: 'vi' as const },
  ];
  for (const { vp, lang } of runs) {
    if (!vp) continue;
    it(`in ${lang} at ${vp.width} px, the stations of one service download as CSV from the keyboard`, async () => {
      const session = await openSession(env.browser, vp, env.app.baseUrl, lang === 'vi' ? 'vi-VN' : 'en-US');
      sessions.push(session);
      const { page } = session;
      await signIn(page, 'officer');
      await page.goto('/stations?service=land_mobile&sort=-erpW');
      const control = page.locator('.export-links');
      assert.match((await control.textContent()) ?? '', lang === 'vi' ? /Xuất/ : /Export/);
      const csv = control.locator('a.export-link', { hasText: 'CSV' });
      assert.equal(await csv.getAttribute('href'), '/stations?service=land_mobile&sort=-erpW&format=csv');
      const box = await csv.boundingBox();
      assert.ok(box && box.height >= 44, 'a 44 px touch target');
      await csv.focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(download.suggestedFilename(), `stations-${todayIso()}.csv`);
      const text = readFileSync(await download.path(), 'utf8');
      assert.ok(text.startsWith('\uFEFFid,externalRef,'), text.slice(0, 40));
      const rows = text.trim().split('\n').slice(1);
      assert.ok(rows.length > 0 && rows.every((r) => r.includes(',land_mobile,')), 'only land-mobile stations');
      await finishJourney(session, `exports-stations${lang === 'vi' ? '-vi' : ''}`, vp);
    });
  }
});
