/**
 * The fees journey in a browser (issue 15; real app via `npm start`, fresh SQLite file, system Chromium):
 * a manager approves the fees of a submitted licence, which makes its fee notice; an officer opens the
 * notice from the licence page, records a partial payment, is refused an overpayment (422, the input kept),
 * then records the rest, and the notice is paid (the page and GET /api/v1/fee-notices/:id agree). On the
 * way: /fees, /notifications and the header's bell at each width, no sideways scrolling at 390 px, and in
 * Vietnamese no English fragments, raw codes or ISO dates on those pages.
 *
 * Runs in English at 1280×800 and at 390×844, and in Vietnamese at 390×844. Screenshots:
 * test-results/e2e/fees-<step>[-vi]-<width>.png.
 */
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import {
  appAndBrowser,
  assertNoSidewaysScroll,
  finishJourney,
  openSession,
  screenshot,
  signIn,
  VIEWPORTS,
  type Session,
  type Viewport,
} from './helpers';

interface Words {
  lang: 'en' | 'vi';
  approve: string;
  notices: string;
  amount: RegExp;
  paidOn: RegExp;
  reference: RegExp;
  record: string;
  paid: string;
  due: string;
  overpayment: RegExp;
  notifications: string;
}

const EN: Words = {
  lang: 'en',
  approve: 'Approve fees (make the fee notice)',
  notices: 'Fee notices',
  amount: /^Amount \(đồng\)/,
  paidOn: /^Paid on/,
  reference: /^Reference/,
  record: 'Record a payment',
  paid: 'Paid',
  due: 'Due',
  overpayment: /more than is due/,
  notifications: 'Notifications',
};

const VI: Words = {
  lang: 'vi',
  approve: 'Duyệt phí (lập thông báo phí)',
  notices: 'Thông báo phí',
  amount: /^Số tiền \(đồng\)/,
  paidOn: /^Ngày nộp/,
  reference: /^Số chứng từ/,
  record: 'Ghi nhận khoản nộp',
  paid: 'Đã nộp',
  due: 'Phải nộp',
  overpayment: /vượt quá số phải nộp/,
  notifications: 'Thông báo',
};

/** English words and raw codes that must not show on a Vietnamese fees page (whole words, case-sensitive). */
const ENGLISH_WORDS = [
  'Fee',
  'Fees',
  'Due',
  'Paid',
  'Overdue',
  'Waive',
  'Waived',
  'Amount',
  'Reference',
  'Record',
  'Grant',
  'Annual',
  'placeholder',
  'days',
  'Notifications',
  'Mark read',
  'unread',
  'feeVnd',
  'totalVnd',
  'annual_use',
  'fm_broadcast',
  'tv_broadcast',
  'land_mobile',
  'fixed_link',
  'excess_power',
  'undefined',
  'null',
  'NaN',
];
const ENGLISH = new RegExp(`\\b(${ENGLISH_WORDS.join('|')})\\b`);
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

async function englishOn(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const attrs = Array.from(document.querySelectorAll('[title], [aria-label], [placeholder]')).map((e) =>
      ['title', 'aria-label', 'placeholder'].map((a) => e.getAttribute(a) ?? '').join(' '),
    );
    return `${document.body.innerText}\n${attrs.join('\n')}`;
  });
  // The brand and the language switch's own name are English by design.
  const cleaned = text.replace(/\bTanso\b/g, '').replace(/\bEnglish\b/g, '');
  const found: string[] = [];
  const word = ENGLISH.exec(cleaned);
  if (word) found.push(`"${word[1]}" in …${cleaned.slice(Math.max(0, word.index - 40), word.index + 40)}…`);
  const iso = ISO_DATE.exec(cleaned);
  if (iso) found.push(`an ISO date "${iso[0]}" in …${cleaned.slice(Math.max(0, iso.index - 40), iso.index + 40)}…`);
  return found;
}

/** Runs an action that submits a form; returns the POST's response (303 on success) once the next page has loaded. */
async function submitting(page: Page, action: () => Promise<void>): Promise<Response> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST'),
    page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }),
    action(),
  ]);
  await page.waitForLoadState('load');
  return res;
}

async function switchTo(page: Page, lang: 'en' | 'vi'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) === lang) return;
  await submitting(page, () => page.locator(`.lang-switch button[value="${lang}"]`).click());
  assert.equal(await page.getAttribute('html', 'lang'), lang);
}

interface NoticeJson {
  id: number;
  number: string;
  status: string;
  totalVnd: number;
  paidVnd: number;
  licenceId: number;
}

async function noticeJson(page: Page, id: number): Promise<NoticeJson> {
  const res = await page.request.get(`/api/v1/fee-notices/${id}`);
  assert.equal(res.status(), 200);
  return ((await res.json()) as { data: NoticeJson }).data;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

describe('fees: approve, notice, payments (Chromium)', function () {
  this.timeout(300_000);
  const env = appAndBrowser();
  const sessions: Session[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.context.close();
  });

  const runs: [Viewport, Words][] = [
    ...VIEWPORTS.map((vp): [Viewport, Words] => [vp, EN]),
    [VIEWPORTS.find((v) => v.name === 'phone') as Viewport, VI],
  ];

  for (const [vp, w] of runs) {
    const tag = w.lang === 'vi' ? '-vi' : '';
    const language = w.lang === 'vi' ? 'Vietnamese' : 'English';
    it(`in ${language} at ${vp.width} px, fees are approved, paid in two parts, and the notice is paid`, async () => {
      const locale = w.lang === 'vi' ? 'vi-VN' : 'en-US';
      const vietnamese: string[] = [];
      const checkLanguage = async (page: Page) => {
        if (w.lang === 'vi')
          for (const f of await englishOn(page)) vietnamese.push(`${new URL(page.url()).pathname}: ${f}`);
      };

      // 1. The manager approves the fees of a submitted licence: its notice is made and listed on the licence.
      const manager = await openSession(env.browser, vp, env.app.baseUrl, locale);
      sessions.push(manager);
      let page = manager.page;
      await signIn(page, 'manager');
      await switchTo(page, w.lang);
      // A submitted licence without a notice yet (an earlier run of this file approved others).
      await page.goto('/licences?status=submitted');
      const hrefs = await page
        .locator('table tbody tr a[href^="/licences/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      let licenceHref = '';
      for (const href of hrefs) {
        await page.goto(href);
        if ((await page.locator('.licence-fees ul.fee-notices').count()) === 0) {
          licenceHref = href;
          break;
        }
      }
      assert.match(licenceHref, /^\/licences\/\d+$/, `a submitted licence without a notice among ${hrefs.join(' ')}`);
      const approve = page.getByRole('button', { name: w.approve, exact: true });
      await approve.scrollIntoViewIfNeeded();
      const approved = await submitting(page, () => approve.click());
      assert.equal(approved.status(), 303, 'the approval redirects back to the licence page');
      assert.equal(new URL(page.url()).pathname, licenceHref);
      const noticeLink = page.locator('.licence-fees ul.fee-notices a[href^="/fee-notices/"]');
      assert.equal(await noticeLink.count(), 1, 'the licence lists its one new notice');
      const noticeHref = (await noticeLink.getAttribute('href')) ?? '';
      const noticeId = Number(noticeHref.split('/').pop());
      const made = await noticeJson(page, noticeId);
      assert.equal(made.status, 'due');
      assert.equal(made.paidVnd, 0);
      assert.ok(made.totalVnd > 0, `the notice has a positive total (${made.totalVnd})`);
      assert.equal(`/licences/${made.licenceId}`, licenceHref);
      await checkLanguage(page);
      await screenshot(page, `fees-approved${tag}`, vp);
      await assertNoSidewaysScroll(page, vp);
      await finishJourney(manager, `fees-manager${tag}`, vp);

      // 2. An officer opens the notice from the licence page and records a partial payment.
      const officer = await openSession(env.browser, vp, env.app.baseUrl, locale);
      sessions.push(officer);
      page = officer.page;
      await signIn(page, 'officer');
      await switchTo(page, w.lang);
      await page.goto(licenceHref);
      await Promise.all([page.waitForURL(`**${noticeHref}`), page.locator(`a[href="${noticeHref}"]`).first().click()]);
      await page.waitForLoadState('load');
      await checkLanguage(page);
      await assertNoSidewaysScroll(page, vp);
      const partial = Math.floor(made.totalVnd / 3);
      const rest = made.totalVnd - partial;
      const pay = async (amount: number, reference: string): Promise<Response> => {
        await page.getByLabel(w.amount).fill(String(amount));
        await page.getByLabel(w.paidOn).fill(today());
        await page.getByLabel(w.reference).fill(reference);
        // Submitted from the keyboard: Enter in the last field.
        return submitting(page, () => page.getByLabel(w.reference).press('Enter'));
      };
      const first1 = await pay(partial, 'UNC-0001');
      assert.equal(first1.status(), 303);
      let state = await noticeJson(page, noticeId);
      assert.equal(state.paidVnd, partial);
      assert.equal(state.status, 'due', 'a partial payment leaves the notice due');
      assert.match((await page.locator('[data-paid]').innerText()).replace(/\D/g, ''), new RegExp(`^${partial}$`));
      await checkLanguage(page);
      await screenshot(page, `fees-partial${tag}`, vp);

      // 3. More than remains is refused (422), the input kept, nothing recorded.
      const over = await pay(rest + 1000, 'UNC-0002');
      assert.equal(over.status(), 422);
      assert.equal(await page.getByLabel(w.amount).inputValue(), String(rest + 1000), 'the input is kept');
      assert.match(await page.locator('main').innerText(), w.overpayment);
      state = await noticeJson(page, noticeId);
      assert.equal(state.paidVnd, partial, 'the refused payment changed nothing');
      await checkLanguage(page);
      await assertNoSidewaysScroll(page, vp);

      // 4. The rest: the notice is paid, and the form to record payments is gone.
      const second = await pay(rest, 'UNC-0002');
      assert.equal(second.status(), 303);
      state = await noticeJson(page, noticeId);
      assert.equal(state.status, 'paid');
      assert.equal(state.paidVnd, made.totalVnd);
      assert.equal(
        ((await page.locator('h1 .status').innerText()) ?? '').trim(),
        w.paid,
        'the heading says the notice is paid',
      );
      assert.equal(await page.getByRole('button', { name: w.record, exact: true }).count(), 0);
      await checkLanguage(page);
      await screenshot(page, `fees-paid${tag}`, vp);

      // 5. The list of notices, the notifications and the header's bell fit the screen.
      await page.goto(`/fees?q=${encodeURIComponent(made.number)}`);
      const row = page.locator(`tr[data-notice="${noticeId}"]`);
      assert.equal(await row.getAttribute('data-status'), 'paid');
      await checkLanguage(page);
      await screenshot(page, `fees-list${tag}`, vp);
      await assertNoSidewaysScroll(page, vp);
      const bell = page.locator('a.bell');
      const box = await bell.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= vp.width, `the bell is inside the screen at ${vp.width} px`);
      assert.match((await bell.getAttribute('aria-label')) ?? '', new RegExp(`^${w.notifications}`));
      await Promise.all([page.waitForURL('**/notifications'), bell.click()]);
      await page.waitForLoadState('load');
      await checkLanguage(page);
      await finishJourney(officer, `fees-notifications${tag}`, vp);

      assert.deepEqual(vietnamese, [], 'English, raw codes or ISO dates on Vietnamese fees pages');
    });
  }
});
