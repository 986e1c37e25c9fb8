/**
 * A manager on a 390 px phone plans an inspection, then changes its plan from the inspection page with
 * the keyboard: "Edit plan", a missing inspector refused beside the field, then a new date and type saved.
 * Screenshots: test-results/e2e/inspections-replan-<step>-390.png.
 */
import assert from 'node:assert/strict';
import {
  appAndBrowser,
  assertNoSidewaysScroll,
  finishJourney,
  openSession,
  screenshot,
  signIn,
  VIEWPORTS,
  type Session,
} from './helpers';
import type { Page } from 'playwright-core';

const phone = VIEWPORTS.find((v) => v.isMobile) as (typeof VIEWPORTS)[number];

/**
 * Every stylesheet of the page is applied. Without them the station list is as wide as its longest
 * option (518 px): a width check made then would fail for that reason, so say it first.
 */
async function assertStylesApplied(page: Page): Promise<void> {
  const missing = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]'))
      .filter((l) => !l.sheet)
      .map((l) => l.getAttribute('href')),
  );
  assert.deepEqual(missing, [], `${new URL(page.url()).pathname}: stylesheets not applied`);
}

describe('e2e: a manager reschedules a planned inspection on a phone', function () {
  this.timeout(180_000);
  let session: Session | null = null;
  after(async () => {
    if (session) await session.context.close();
  });
  const e2e = appAndBrowser();

  it(
    'at 390 px with the keyboard: "Edit plan", 422 beside the inspectors, ' +
      'then the new date and type are saved (no console or CSP errors)',
    async () => {
      session = await openSession(e2e.browser, phone, e2e.app.baseUrl, 'en-US');
      const { page } = session;
      await signIn(page, 'manager');
      await page.goto('/inspections/plan');
      await assertStylesApplied(page);
      await assertNoSidewaysScroll(page, phone);
      await page.getByLabel('District').selectOption('643');
      await page.getByLabel('Planned for').fill('2030-06-01');
      await page.getByLabel(/Phạm Văn Hùng/).check();
      await Promise.all([
        page.waitForURL(/\/inspections\/\d+$/),
        page.getByRole('button', { name: 'Plan an inspection' }).click(),
      ]);
      const showUrl = page.url();

      const edit = page.getByRole('button', { name: 'Edit plan' });
      await edit.focus();
      await Promise.all([page.waitForURL(/\/inspections\/\d+\/plan$/), page.keyboard.press('Enter')]);
      await assertStylesApplied(page);
      await assertNoSidewaysScroll(page, phone);
      await screenshot(page, 'inspections-replan-form', phone);

      await page.getByLabel('Planned for').fill('2030-07-15');
      await page.getByLabel('Type').selectOption('complaint');
      await page.getByLabel(/Phạm Văn Hùng/).focus();
      await page.keyboard.press('Space');
      assert.equal(await page.getByLabel(/Phạm Văn Hùng/).isChecked(), false);
      await Promise.all([
        page.waitForLoadState('load'),
        page.getByRole('button', { name: 'Save the plan' }).press('Enter'),
      ]);
      await page.locator('.error-summary').waitFor();
      assert.match((await page.locator('#e-inspectorIds').textContent()) ?? '', /Choose at least one inspector/);
      assert.equal(await page.getByLabel('Planned for').inputValue(), '2030-07-15', 'what was typed is kept');
      await assertStylesApplied(page);
      await assertNoSidewaysScroll(page, phone);
      await screenshot(page, 'inspections-replan-422', phone);

      await page.getByLabel(/Phạm Văn Hùng/).focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Save the plan' }).focus();
      await Promise.all([page.waitForURL(showUrl), page.keyboard.press('Enter')]);
      const body = (await page.locator('main').textContent()) ?? '';
      assert.match(body, /Plan of INS-\d{4}-\d{5} saved\./);
      assert.match(body, /2030-07-15/);
      assert.match(body, /Complaint/);
      await finishJourney(session, 'inspections-replan-saved', phone);
    },
  );
});
