/**
 * English on Vietnamese pages (issue 19, defect 12). A manager and an admin walk every page of the
 * navigation in Vietnamese, and one record page from each list (licence, licensee, station, assignment,
 * conflict, district, inspection, finding), with a conflict decided first so that histories hold a
 * person's change of status. Each page's text, and the titles and labels of its controls (Leaflet's zoom
 * buttons among them), must hold none of a list of known English fragments, raw field names, raw codes,
 * UTC timestamps or users as "#6".
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { appAndBrowser, mapIdle, openSession, signIn, VIEWPORTS, type Viewport } from './helpers';

/** English that must not appear on a Vietnamese page (case-sensitive). */
const ENGLISH = [
  'Zoom in',
  'Zoom out',
  'okumura_hata',
  'cost231_hata',
  'free_space_p525',
  'itu_r_p1546_6',
  'Hata used',
  'Hata extrapolated',
  'used beyond',
  'used below',
  'raised to 1 m',
  'capped by radio horizon',
  'no coverage beyond',
  'radials',
  '% time',
  'land path',
  'emissionDesignator',
  'frequencyHz',
  'bandwidthHz',
  'stationClass',
  'districtCode',
  'antennaHeightM',
  'txPowerW',
  'validFrom',
  'validTo',
  'licenseeId',
  'decidedById',
  'decidedAt',
  'land_mobile',
  'fm_broadcast',
  'co_channel',
  'adjacent_channel',
  'coverage_overlap',
  'in_progress',
  'action_required',
  'band_plan_entry',
];
const PATTERNS: [RegExp, string][] = [
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'an ISO/UTC timestamp'],
  [/\bUTC\b/, 'UTC'],
  [/^actor:#\d+$/m, 'a user shown as "#6"'],
];

async function englishOn(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const attrs = Array.from(document.querySelectorAll('[title], [aria-label], [placeholder]')).map((e) =>
      ['title', 'aria-label', 'placeholder'].map((a) => e.getAttribute(a) ?? '').join(' '),
    );
    // Codes shown as codes (<code>: a service's code, a record id) are not words to translate.
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('code, script, template').forEach((c) => c.remove());
    const actors = Array.from(document.querySelectorAll('details.history tbody td:nth-child(2)')).map(
      (td) => `actor:${td.textContent?.trim() ?? ''}`,
    );
    return `${body.innerText}\n${attrs.join('\n')}\n${actors.join('\n')}`;
  });
  const found = ENGLISH.filter((s) => text.includes(s)).map((s) => `"${s}"`);
  for (const [re, what] of PATTERNS) {
    const m = re.exec(text);
    if (m) found.push(`${what} ("${m[0].trim()}")`);
  }
  return found;
}

describe('every page in Vietnamese (Chromium)', function () {
  this.timeout(600_000);
  const e2e = appAndBrowser();

  it('has no English fragments, raw names, UTC times or "#6" users on any page a manager or admin opens', async () => {
    const vp = VIEWPORTS[0] as Viewport;
    const problems: string[] = [];
    for (const who of ['manager', 'admin']) {
      const session = await openSession(e2e.browser, vp, e2e.app.baseUrl, 'vi-VN');
      const { page } = session;
      try {
        await signIn(page, who);
        if ((await page.locator('html').getAttribute('lang')) !== 'vi') {
          await page.getByRole('button', { name: 'Tiếng Việt', exact: true }).click();
          await page.waitForLoadState('load');
        }
        assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
        if (who === 'manager') {
          // A person's decision, so that a history shows a user, a status change and a time.
          const csrf = ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
          const open = (await (await page.request.get('/api/v1/conflicts?status=open&pageSize=1')).json()) as {
            data: { id: number }[];
          };
          const id = open.data[0]?.id;
          assert.ok(id, 'the demo register has an open conflict');
          const ack = await page.request.post(`/api/v1/conflicts/${id}/acknowledge`, {
            data: { note: 'Đã phối hợp' },
            headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
          });
          assert.equal(ack.status(), 200);
        }
        const nav = await page
          .locator('nav a[href^="/"]')
          .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href') ?? ''))]);
        const pages = nav.filter((h) => h !== '/logout' && !h.startsWith('/api/'));
        const details: string[] = [];
        for (const path of pages) {
          await page.goto(path);
          if (path === '/map') await mapIdle(page);
          await page.waitForLoadState('networkidle');
          for (const f of await englishOn(page)) problems.push(`${who} ${path}: ${f}`);
          // One record page from each list.
          const prefix = path === '/' ? null : path.replace(/\/$/, '');
          if (prefix && !['/map', '/admin/audit'].includes(prefix)) {
            const href = await page
              .locator(`main a[href^="${prefix}/"]`)
              .evaluateAll(
                (as, p) =>
                  as.map((a) => a.getAttribute('href') ?? '').find((h) => /\/\w+$/.test(h.slice(p.length))) ?? null,
                prefix,
              );
            if (href && !href.endsWith('/new')) details.push(href);
          }
        }
        if (who === 'manager') {
          const conflict = (await (
            await page.request.get('/api/v1/conflicts?status=acknowledged&pageSize=1')
          ).json()) as {
            data: { id: number; victimAssignmentId: number }[];
          };
          const c = conflict.data[0];
          if (c) details.push(`/conflicts/${c.id}`, `/assignments/${c.victimAssignmentId}`);
        }
        for (const path of details) {
          await page.goto(path);
          await page.waitForLoadState('networkidle');
          await page.locator('details.history').evaluateAll((ds) => ds.forEach((d) => d.setAttribute('open', '')));
          const mapEl = page.locator('[data-record-map], #district-map');
          if (await mapEl.count()) await page.waitForSelector('[data-ready]', { timeout: 20_000 });
          for (const f of await englishOn(page)) problems.push(`${who} ${path}: ${f}`);
        }
      } finally {
        await session.context.close();
      }
    }
    assert.deepEqual(problems, [], 'English on Vietnamese pages');
  });
});
