/**
 * The licensing journey in a browser (real app via `npm start`, fresh SQLite file, system Chromium):
 * an officer registers a licensee, drafts a licence, adds a station and a frequency assignment while
 * the page computes the district, the ERP, the necessary bandwidth and the band-plan check as they
 * type, and submits; a manager is refused until the band-plan warning is acknowledged, then issues.
 *
 * Runs in English at 1280×800 and at 390×844 (phone), and once more in Vietnamese on the phone
 * (switched with the header button "Tiếng Việt"). The assignment form is filled and submitted with
 * the keyboard only. Screenshots: test-results/e2e/licensing-<step>-<width>.png (Vietnamese steps
 * are named licensing-vi-<step>-390.png).
 */
import assert from 'node:assert/strict';
import type { Locator, Page, Response } from 'playwright-core';
import {
  appAndBrowser,
  finishJourney,
  openNavLink,
  openSession,
  screenshot,
  signIn,
  VIEWPORTS,
  type Session,
  type Viewport,
} from './helpers';

/** Runs an action that makes the page navigate (link, form) and waits until the next page has loaded. */
async function navigating(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), action()]);
  await page.waitForLoadState('load');
}

/**
 * Like navigating(), and returns the response of the document
 * the action asked for (a POST answered 409 or 422 included).
 */
async function submitting(page: Page, action: () => Promise<void>): Promise<Response> {
  const [res] = await Promise.all([
    page.waitForResponse(
      (r) =>
        r.request().isNavigationRequest() &&
        r.request().frame() === page.mainFrame() &&
        r.request().method() === 'POST',
    ),
    navigating(page, action),
  ]);
  return res;
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until the (live-updated) text of a locator matches, and returns the last text seen for the assertion. */
async function eventually(locator: Locator, want: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = await text(locator);
  while (!want.test(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await text(locator);
  }
  return last;
}

/** What document.activeElement is: "tag#id", for failure messages and focus checks. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return (
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` +
      `${el.classList.length ? `.${Array.from(el.classList).join('.')}` : ''}`
    );
  });
}

/**
 * The form reads in one column (every field starts at the same x), each unit sits on the line of its
 * input and to its right, inside the screen, and each computed output has a visible, non-empty label.
 */
async function assertFormLayout(page: Page, vp: Viewport): Promise<void> {
  // No named helper functions in here: tsx (esbuild keepNames)
  // would wrap them in __name(), which the page does not have.
  const layout = await page.locator('form.narrow-form').evaluate((form) => {
    const lefts = Array.from(form.querySelectorAll('.field'), (f) => Math.round(f.getBoundingClientRect().left));
    const units = Array.from(form.querySelectorAll('.input-unit'), (wrap) => {
      const input = wrap.querySelector('input, select, textarea');
      const unit = wrap.querySelector('.unit');
      if (!input || !unit) return null;
      const i = input.getBoundingClientRect();
      const u = unit.getBoundingClientRect();
      return {
        name: input.getAttribute('name') ?? '?',
        unit: unit.textContent ?? '',
        besideRight: u.left >= i.right,
        sameLine: u.top < i.bottom && u.bottom > i.top,
        right: u.right,
      };
    }).filter((u) => u !== null);
    const outputs = Array.from(form.querySelectorAll('output[data-derived]'), (o) => {
      const label = o.parentElement?.querySelector('.computed-label');
      const l = label ? label.getBoundingClientRect() : null;
      return {
        name: o.getAttribute('data-derived') ?? '?',
        label: (label?.textContent ?? '').trim(),
        visible: !!l && l.width > 0 && l.height > 0,
      };
    });
    return { lefts, units, outputs };
  });
  assert.ok(layout.lefts.length > 0, 'the form has fields');
  assert.deepEqual(
    [...new Set(layout.lefts)],
    [layout.lefts[0]],
    `one column of fields at ${vp.width} px (left edges ${JSON.stringify(layout.lefts)})`,
  );
  for (const u of layout.units) {
    assert.ok(u.besideRight && u.sameLine, `the unit "${u.unit}" of ${u.name} sits beside its input at ${vp.width} px`);
    assert.ok(
      u.right <= vp.width,
      `the unit "${u.unit}" of ${u.name} is on screen at ${vp.width} px (right edge ${u.right})`,
    );
  }
  for (const o of layout.outputs)
    assert.ok(
      o.visible && o.label.length > 1,
      `the computed ${o.name} has a visible label (${JSON.stringify(o.label)})`,
    );
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words of the interface the journey reads and presses, in one language. */
interface Words {
  lang: 'en' | 'vi';
  navLicensees: string;
  newLicensee: string;
  name: string;
  kind: string;
  enterprise: string;
  taxCode: RegExp;
  save: string;
  newLicence: string;
  type: string;
  frequencyEquipment: string;
  service: string;
  landMobile: string;
  validFrom: string;
  validTo: string;
  draftTitle: RegExp;
  draftLink: RegExp;
  licensee: string;
  addStation: string;
  stationName: string;
  latitude: string;
  longitude: string;
  antennaHeight: string;
  antennaGain: string;
  txPower: string;
  feederLoss: RegExp;
  addFrequency: string;
  direction: string;
  transmit: string;
  frequency: string;
  width: string;
  designator: string;
  /** What the live preview and the server show, with the decimal separator of the language. */
  lon: string;
  frequencyTyped: string;
  widthTyped: string;
  frequencyShown: string;
  erp: RegExp;
  necessary: string;
  bandPlanWarning: string;
  offRaster: string;
  problems: string;
  designatorError: string;
  warningBanner: RegExp;
  submit: string;
  submitted: string;
  issue: string;
  refusal: string;
  acknowledge: string;
  note: string;
  issued: string;
}

const EN: Words = {
  lang: 'en',
  navLicensees: 'Licensees',
  newLicensee: 'New licensee',
  name: 'Name',
  kind: 'Kind',
  enterprise: 'Enterprise',
  taxCode: /^Tax code/,
  save: 'Save',
  newLicence: 'New licence',
  type: 'Type',
  frequencyEquipment: 'Frequency and equipment use',
  service: 'Service',
  landMobile: 'Land mobile',
  validFrom: 'Valid from',
  validTo: 'Valid to',
  draftTitle: /^Licence #\d+ \(not yet issued\) Draft$/,
  draftLink: /^Licence #\d+ \(not yet issued\)$/,
  licensee: 'Licensee',
  addStation: 'Add station',
  stationName: 'Name',
  latitude: 'Latitude',
  longitude: 'Longitude',
  antennaHeight: 'Antenna height above ground',
  antennaGain: 'Antenna gain',
  txPower: 'Transmitter power',
  feederLoss: /^Feeder loss/,
  addFrequency: 'Add frequency',
  direction: 'Direction',
  transmit: 'Transmit',
  frequency: 'Centre frequency',
  width: 'Channel width',
  designator: 'Emission designator',
  lon: '108.038',
  frequencyTyped: '160.006 MHz',
  widthTyped: '12.5 kHz',
  frequencyShown: '160.006 MHz',
  erp: /^48\.19 W \(16\.83 dBW\)$/,
  necessary: '11 kHz',
  bandPlanWarning: 'Band-plan warning',
  offRaster: 'not on the channel raster',
  problems: 'There is a problem',
  designatorError: 'The bandwidth must start with a digit other than 0 (or H below 1 Hz), not "K".',
  warningBanner: /1 band-plan warning on this licence/,
  submit: 'Submit for approval',
  submitted: 'Submitted',
  issue: 'Issue licence',
  refusal: 'This licence has 1 band-plan warning: acknowledge it with a note to issue it.',
  acknowledge: 'I have checked the band-plan warnings and accept them',
  note: 'Note',
  issued: 'Issued',
};

const VI: Words = {
  lang: 'vi',
  navLicensees: 'Đối tượng cấp phép',
  newLicensee: 'Thêm tổ chức, cá nhân',
  name: 'Tên',
  kind: 'Loại',
  enterprise: 'Doanh nghiệp',
  taxCode: /^Mã số thuế/,
  save: 'Lưu',
  newLicence: 'Lập giấy phép',
  type: 'Loại giấy phép',
  frequencyEquipment: 'Sử dụng tần số và thiết bị',
  service: 'Nghiệp vụ',
  landMobile: 'Di động mặt đất',
  validFrom: 'Có hiệu lực từ',
  validTo: 'Có hiệu lực đến',
  draftTitle: /^Giấy phép #\d+ \(chưa cấp\) Dự thảo$/,
  draftLink: /^Giấy phép #\d+ \(chưa cấp\)$/,
  licensee: 'Tổ chức, cá nhân',
  addStation: 'Thêm đài',
  stationName: 'Tên đài',
  latitude: 'Vĩ độ',
  longitude: 'Kinh độ',
  antennaHeight: 'Độ cao anten so với mặt đất',
  antennaGain: 'Tăng ích anten',
  txPower: 'Công suất máy phát',
  feederLoss: /^Suy hao phi đơ/,
  addFrequency: 'Thêm tần số',
  direction: 'Chiều',
  transmit: 'Phát',
  frequency: 'Tần số trung tâm',
  width: 'Độ rộng kênh',
  designator: 'Ký hiệu phát xạ',
  lon: '108,038',
  frequencyTyped: '160,006 MHz',
  widthTyped: '12,5 kHz',
  frequencyShown: '160,006 MHz',
  erp: /^48,19 W \(16,83 dBW\)$/,
  necessary: '11 kHz',
  bandPlanWarning: 'Cảnh báo quy hoạch băng tần',
  offRaster: 'không đúng bước kênh',
  problems: 'Có lỗi cần sửa',
  designatorError: 'Độ rộng băng phải bắt đầu bằng chữ số khác 0 (hoặc H khi dưới 1 Hz), không phải "K".',
  warningBanner: /Giấy phép có 1 cảnh báo quy hoạch băng tần/,
  submit: 'Trình duyệt',
  submitted: 'Chờ duyệt',
  issue: 'Cấp giấy phép',
  refusal: 'Giấy phép có 1 cảnh báo quy hoạch: hãy xác nhận kèm ghi chú để cấp.',
  acknowledge: 'Tôi đã xem xét các cảnh báo quy hoạch băng tần và chấp nhận',
  note: 'Ghi chú',
  issued: 'Đã cấp',
};

describe(
  'e2e: licensing journey in a browser (officer drafts and submits, ' + 'manager acknowledges and issues)',
  function () {
    this.timeout(180_000);

    const e2e = appAndBrowser();
    const open: Session[] = [];

    afterEach(async function () {
      for (const s of open.splice(0)) await s.context.close();
    });

    async function session(vp: Viewport): Promise<Session> {
      const s = await openSession(e2e.browser, vp, e2e.app.baseUrl, 'en-US');
      open.push(s);
      return s;
    }

    /** Signs in and, for Vietnamese, presses the header button "Tiếng Việt" as the user would. */
    async function signInAs(page: Page, username: string, w: Words): Promise<void> {
      await signIn(page, username);
      if (w.lang === 'vi') {
        await navigating(page, () => page.getByRole('button', { name: 'Tiếng Việt', exact: true }).click());
        assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
      }
    }

    // Every run shares one app, so each gets its own off-raster channel 25 kHz apart: two co-channel twins
    // at the same site would (rightly) open a high-severity conflict that blocks issuing.
    const OFF_RASTER_MHZ = ['160.006', '160.031', '160.056'];
    const runs: { vp: Viewport; w: Words }[] = [
      ...VIEWPORTS.map((vp) => ({ vp, w: EN })),
      ...VIEWPORTS.filter((vp) => vp.isMobile).map((vp) => ({ vp, w: VI })),
    ].map((run, i) => {
      const typed = `${(OFF_RASTER_MHZ[i] as string).replace('.', run.w === VI ? ',' : '.')} MHz`;
      return { vp: run.vp, w: { ...run.w, frequencyTyped: typed, frequencyShown: typed } };
    });

    for (const { vp, w } of runs) {
      const at = `(${w.lang}, ${vp.width}×${vp.height}, ${vp.name})`;
      const shot = (page: Page, step: string) =>
        screenshot(page, `licensing-${w.lang === 'vi' ? 'vi-' : ''}${step}`, vp);
      const step = (name: string) => `licensing-${w.lang === 'vi' ? 'vi-' : ''}${name}`;

      it(
        `officer registers a licensee, licence, station and assignment with live district, ` +
          `ERP and band-plan warning, submits; manager acknowledges and issues ${at}`,
        async function () {
          const licenseeName = `Công ty TNHH Cà phê Ea Tiêu ${w.lang === 'vi' ? 'VI ' : ''}${vp.width}`;

          // ---- Officer: licensee ----
          const officer = await session(vp);
          const { page } = officer;
          await signInAs(page, 'officer', w);
          if (vp.isMobile)
            assert.equal(await page.locator('details.menu nav').isVisible(), false, 'the phone menu starts folded');
          await openNavLink(page, w.navLicensees);
          assert.equal(pathOf(page), '/licensees');
          await navigating(page, () => page.getByRole('button', { name: w.newLicensee, exact: true }).click());
          assert.equal(pathOf(page), '/licensees/new');
          await page.getByLabel(w.name, { exact: true }).fill(licenseeName);
          await page.getByLabel(w.kind, { exact: true }).selectOption({ label: w.enterprise });
          await page.getByLabel(w.taxCode).fill('6000123456');
          await shot(page, 'licensee-form');
          await navigating(page, () => page.getByRole('button', { name: w.save, exact: true }).click());
          assert.match(pathOf(page), /^\/licensees\/\d+$/, 'on the licensee page after saving');
          assert.equal(await text(page.locator('main h1')), licenseeName);

          // ---- Licence ----
          await navigating(page, () => page.getByRole('button', { name: w.newLicence, exact: true }).click());
          assert.equal(pathOf(page), '/licences/new');
          assert.equal(
            await page.getByLabel(w.licensee, { exact: true }).locator('option:checked').textContent(),
            licenseeName,
            'the licensee is preselected',
          );
          await page.getByLabel(w.type, { exact: true }).selectOption({ label: w.frequencyEquipment });
          await page.getByLabel(w.service, { exact: true }).selectOption({ label: w.landMobile });
          await page.getByLabel(w.validFrom, { exact: true }).fill('2026-12-01');
          await page.getByLabel(w.validTo, { exact: true }).fill('2030-11-30');
          await shot(page, 'licence-form');
          await navigating(page, () => page.getByRole('button', { name: w.save, exact: true }).click());
          assert.match(pathOf(page), /^\/licences\/\d+$/, 'on the licence page after saving');
          const licenceUrl = pathOf(page);
          assert.match(await text(page.locator('main h1')), w.draftTitle);

          // ---- Station: district and ERP computed while typing ----
          await navigating(page, () => page.getByRole('button', { name: w.addStation, exact: true }).click());
          assert.equal(pathOf(page), `${licenceUrl}/stations/new`);
          await page.getByLabel(w.stationName, { exact: true }).fill(`Trạm lặp Ea Tiêu ${vp.width}`);
          await page.getByLabel(w.latitude, { exact: true }).fill(`12°40'00"N`);
          await page.getByLabel(w.longitude, { exact: true }).fill(w.lon);
          const district = page.locator('[data-derived="district"]');
          assert.equal(
            await eventually(district, /^Buôn Ma Thuột \(643\)$/),
            'Buôn Ma Thuột (643)',
            'the district computed from the typed position, before saving',
          );
          await page.getByLabel(w.antennaHeight, { exact: true }).fill('30');
          await page.getByLabel(w.antennaGain, { exact: true }).fill('6');
          await page.getByLabel(w.txPower, { exact: true }).fill('25');
          await page.getByLabel(w.feederLoss).fill('1');
          const erp = page.locator('[data-derived="erp"]');
          assert.match(await eventually(erp, w.erp), w.erp, 'the ERP computed from P + G − 2.15 − L, before saving');
          assert.equal(await text(district), 'Buôn Ma Thuột (643)', 'the district is still shown');
          await assertFormLayout(page, vp);
          await shot(page, 'station-form');
          await navigating(page, () => page.getByRole('button', { name: w.save, exact: true }).click());
          assert.match(pathOf(page), /^\/stations\/\d+$/, 'on the station page after saving');
          const stationUrl = pathOf(page);
          assert.match(await text(page.locator('dl.facts')), /Buôn Ma Thuột \(643\)/);

          // ---- Assignment, keyboard only: a wrong designator first ----
          await navigating(page, () => page.getByRole('button', { name: w.addFrequency, exact: true }).click());
          assert.equal(pathOf(page), `${stationUrl}/assignments/new`);
          const direction = page.getByLabel(w.direction, { exact: true });
          await direction.focus();
          assert.equal(await focused(page), 'select#f-direction');
          await page.keyboard.type(w.transmit.slice(0, 1));
          assert.equal(await direction.inputValue(), 'tx', `direction ${w.transmit}`);
          await page.keyboard.press('Tab');
          assert.equal(await focused(page), 'input#f-frequencyHz', 'Tab from the direction reaches the frequency');
          await page.keyboard.type(w.frequencyTyped);
          await page.keyboard.press('Tab');
          assert.equal(await focused(page), 'input#f-bandwidthHz', 'Tab from the frequency reaches the channel width');
          await page.keyboard.type(w.widthTyped);
          await page.keyboard.press('Tab');
          assert.equal(await focused(page), 'input#f-emissionDesignator', 'Tab from the width reaches the designator');
          await page.keyboard.type('K160F3E');
          const bad = await submitting(page, () => page.keyboard.press('Enter'));
          assert.equal(bad.status(), 422, 'a wrong designator answers 422');
          assert.equal(pathOf(page), `${stationUrl}/assignments`);

          const summary = page.locator('.error-summary[role="alert"]');
          assert.ok(await summary.isVisible(), 'the error summary is shown');
          assert.match(await text(summary), new RegExp(`^${escapeRe(w.problems)}`));
          assert.equal(await focused(page), 'div.error-summary', 'focus moves to the error summary');
          const summaryLink = summary.getByRole('link', { name: w.designatorError, exact: true });
          assert.equal(
            await summaryLink.getAttribute('href'),
            '#f-emissionDesignator',
            'the summary links to the field',
          );
          assert.equal(
            await text(page.locator('#e-emissionDesignator.error-message')),
            w.designatorError,
            'the message under the field',
          );
          const designator = page.getByLabel(w.designator, { exact: true });
          assert.equal(await designator.getAttribute('aria-invalid'), 'true');
          assert.match((await designator.getAttribute('aria-describedby')) ?? '', /\be-emissionDesignator\b/);
          assert.equal(
            await page.getByLabel(w.frequency, { exact: true }).inputValue(),
            w.frequencyTyped,
            'the typed frequency is kept',
          );
          assert.equal(
            await page.getByLabel(w.width, { exact: true }).inputValue(),
            w.widthTyped,
            'the typed width is kept',
          );
          assert.equal(await designator.inputValue(), 'K160F3E', 'the typed designator is kept');
          await shot(page, 'assignment-errors');

          // From the focused summary: Tab to its link, Enter jumps to the field, which takes the focus.
          await page.keyboard.press('Tab');
          assert.equal(await focused(page), 'a', 'Tab from the summary reaches its link');
          assert.equal(
            await page.evaluate(() => document.activeElement?.getAttribute('href')),
            '#f-emissionDesignator',
          );
          await page.keyboard.press('Enter');
          await page
            .waitForFunction(() => document.activeElement?.id === 'f-emissionDesignator', undefined, { timeout: 5_000 })
            .catch(() => undefined);
          assert.equal(
            await focused(page),
            'input#f-emissionDesignator',
            'the summary link moves the focus to the designator',
          );
          await page.keyboard.press('ControlOrMeta+A');
          await page.keyboard.type('11K0F3E');
          assert.equal(await designator.inputValue(), '11K0F3E');

          const necessary = page.locator('[data-derived="necessary"]');
          assert.equal(
            await eventually(necessary, new RegExp(`^${escapeRe(w.necessary)}$`)),
            w.necessary,
            'the necessary bandwidth decoded from 11K0F3E, before saving',
          );
          const bandPlan = page.locator('[data-derived="bandplan"]');
          const bpText = await eventually(bandPlan, new RegExp(escapeRe(w.offRaster)));
          assert.ok(
            bpText.includes(w.bandPlanWarning) && bpText.includes(w.offRaster),
            `the band-plan output warns before saving: "${bpText}"`,
          );
          assert.ok(await bandPlan.locator('.badge').isVisible(), 'the warning badge is visible');
          await assertFormLayout(page, vp);
          await shot(page, 'assignment-form');
          const good = await submitting(page, () => page.keyboard.press('Enter'));
          assert.equal(good.status(), 303, 'the corrected assignment is saved and redirects');
          assert.equal(pathOf(page), stationUrl, 'back on the station page');

          const row = page.locator('main table tbody tr').filter({ hasText: w.frequencyShown });
          assert.equal(await row.count(), 1, `one assignment row for ${w.frequencyShown}`);
          const badge = row.locator('.badge', { hasText: w.bandPlanWarning });
          assert.ok(await badge.isVisible(), 'the assignment row shows the band-plan warning badge');
          assert.match(await text(row), /11K0F3E/);
          await shot(page, 'station');

          // ---- Licence: warning banner, submit ----
          await navigating(page, () => page.locator('dl.facts').getByRole('link', { name: w.draftLink }).click());
          assert.equal(pathOf(page), licenceUrl);
          const banner = page.locator('.warning-banner');
          assert.ok(await banner.isVisible(), 'the licence page shows the band-plan warning banner');
          assert.match(await text(banner), w.warningBanner);
          await shot(page, 'licence-draft');
          await navigating(page, () => page.getByRole('button', { name: w.submit, exact: true }).click());
          assert.equal(pathOf(page), licenceUrl);
          assert.equal(await text(page.locator('main h1 .badge')), w.submitted, 'status badge after submitting');
          await finishJourney(officer, step('submitted'), vp);

          // ---- Manager: refused without the acknowledgement, then issues ----
          const manager = await session(vp);
          const mp = manager.page;
          await signInAs(mp, 'manager', w);
          await mp.goto(licenceUrl);
          assert.equal(await text(mp.locator('main h1 .badge')), w.submitted);
          const issueForm = mp.locator('form#action-issue');
          const ack = issueForm.getByLabel(w.acknowledge, { exact: true });
          assert.equal(await ack.isChecked(), false);
          const refused = await submitting(mp, () =>
            issueForm.getByRole('button', { name: w.issue, exact: true }).click(),
          );
          assert.equal(refused.status(), 409, 'issuing without the acknowledgement answers 409');
          const refusal = mp.locator('form#action-issue .error-summary[role="alert"]');
          assert.ok(await refusal.isVisible(), 'the refusal is shown in the issue form');
          assert.equal(await text(refusal), w.refusal);
          assert.equal(await focused(mp), 'div.error-summary', 'focus moves to the refusal');
          assert.equal(await text(mp.locator('main h1 .badge')), w.submitted, 'still submitted');
          await shot(mp, 'issue-refused');

          const ack2 = mp.locator('form#action-issue').getByLabel(w.acknowledge, { exact: true });
          await ack2.check();
          await mp
            .locator('form#action-issue')
            .getByLabel(w.note, { exact: true })
            .fill('Kênh lệch bước 6 kHz đã được kiểm tra thực địa, không gây nhiễu.');
          const issued = await submitting(mp, () =>
            mp.locator('form#action-issue').getByRole('button', { name: w.issue, exact: true }).click(),
          );
          assert.equal(issued.status(), 303, 'issuing redirects');
          assert.equal(pathOf(mp), licenceUrl);
          assert.equal(await text(mp.locator('main h1 .badge')), w.issued, 'status badge after issuing');
          const h1 = await text(mp.locator('main h1'));
          assert.match(h1, /^DLK-\d{4}-\d{5} /, `the licence number in the title: "${h1}"`);
          assert.match(await text(mp.locator('dl.facts')), /DLK-\d{4}-\d{5}/, 'the number among the facts');
          assert.equal(await mp.locator('.warning-banner').count(), 0, 'no warning banner once acknowledged');
          assert.match(await text(mp.locator('dl.facts')), /Kênh lệch bước 6 kHz/, 'the acknowledgement note is shown');
          await finishJourney(manager, step('issued'), vp);
        },
      );
    }

    it(
      'officer types a frequency that collides with a neighbour and sees the conflict appear before saving, ' +
        "then disappear on another channel; moving a station shows its frequencies' conflicts as typed (1280×800)",
      async function () {
        const vp = VIEWPORTS[0] as Viewport;
        const officer = await session(vp);
        const page = officer.page;
        await signIn(page, 'officer');
        // The Vietnamese run before this one left the officer's language preference at Vietnamese.
        if ((await page.locator('html').getAttribute('lang')) === 'vi') {
          await navigating(page, () => page.getByRole('button', { name: 'English', exact: true }).click());
        }
        const csrf = ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
        const api = async (path: string, data: object): Promise<{ id: number; name?: string }> => {
          const res = await page.request.post(path, {
            data,
            headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
          });
          assert.equal(res.status(), 201, `${path}: ${await res.text()}`);
          return ((await res.json()) as { data: { id: number; name?: string } }).data;
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
        const neighbour = await station('Trạm Láng giềng Ea Súp', 13.35, 107.6);
        await api(`/api/v1/stations/${neighbour.id}/assignments`, {
          direction: 'tx',
          frequencyHz: '150.5125 MHz',
          bandwidthHz: '12.5 kHz',
          emissionDesignator: '11K0F3E',
        });
        const mine = await station('Trạm Mới Ea Súp', 13.36, 107.61);

        await navigating(page, () => page.goto(`/stations/${mine.id}/assignments/new`).then(() => undefined));
        const conflicts = page.locator('[data-derived="conflicts"]');
        await page.getByLabel('Centre frequency', { exact: true }).fill('150.5125 MHz');
        await page.getByLabel('Channel width', { exact: true }).fill('12.5 kHz');
        await page.getByLabel('Emission designator', { exact: true }).fill('11K0F3E');
        const seen = await eventually(conflicts, /Trạm Láng giềng Ea Súp/);
        assert.match(seen, /High/, `a high-severity conflict is shown before saving: "${seen}"`);
        assert.match(seen, /Co-channel/);
        assert.match(seen, /would suffer from/);
        assert.match(seen, /would interfere with/);
        await screenshot(page, 'conflicts-live-check-found', vp);

        await page.getByLabel('Centre frequency', { exact: true }).fill('150.7625 MHz');
        const after = await eventually(conflicts, /^(?!.*Trạm Láng giềng Ea Súp)/);
        assert.doesNotMatch(after, /Trạm Láng giềng Ea Súp/, 'the conflict disappears on another channel');
        const stored = (await (await page.request.get(`/api/v1/assignments?stationId=${mine.id}`)).json()) as {
          total: number;
        };
        assert.equal(stored.total, 0, 'nothing was saved while typing');

        // The station form checks the station's saved TX assignments at the position being typed.
        await api(`/api/v1/stations/${mine.id}/assignments`, {
          direction: 'tx',
          frequencyHz: '150.7625 MHz',
          bandwidthHz: '12.5 kHz',
          emissionDesignator: '11K0F3E',
        });
        const far = await station('Trạm Xa Krông Bông', 12.35, 108.75);
        await api(`/api/v1/stations/${far.id}/assignments`, {
          direction: 'tx',
          frequencyHz: '150.7625 MHz',
          bandwidthHz: '12.5 kHz',
          emissionDesignator: '11K0F3E',
        });
        await navigating(page, () => page.goto(`/stations/${mine.id}/edit`).then(() => undefined));
        const stationConflicts = page.locator('[data-derived="conflicts"]');
        assert.equal(
          await eventually(stationConflicts, /^none found$/),
          'none found',
          'no conflict where the station stands',
        );
        await page.getByLabel('Latitude', { exact: true }).fill('12.36');
        await page.getByLabel('Longitude', { exact: true }).fill('108.76');
        const moved = await eventually(stationConflicts, /Trạm Xa Krông Bông/);
        assert.match(
          moved,
          /150[.,]7625 MHz: High Co-channel/,
          `the moved station's conflict is shown before saving: "${moved}"`,
        );
        await screenshot(page, 'conflicts-live-check-station-moved', vp);
        await page.getByLabel('Latitude', { exact: true }).fill('13.36');
        await page.getByLabel('Longitude', { exact: true }).fill('107.61');
        assert.equal(
          await eventually(stationConflicts, /^none found$/),
          'none found',
          'back where it stands, no conflict',
        );
        const still = (await (await page.request.get(`/api/v1/stations/${mine.id}`)).json()) as {
          data: { latitude: number };
        };
        assert.equal(still.data.latitude, 13.36, 'nothing was saved while typing');
        await finishJourney(officer, 'conflicts-live-check', vp);
      },
    );
  },
);
