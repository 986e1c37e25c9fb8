/**
 * Bulk import (issue 14, SPEC §10.5) in Chromium, at 1280 px in English and on a 390 px phone in Vietnamese: an
 * officer uploads a CSV of licensees with one bad row, reads the dry run (nothing written), uploads the corrected
 * file, commits it as a job, and finds the new licensees in the register. The page offers stations with their
 * assignments in one file, with a hint saying how such a file is laid out.
 */
import assert from 'node:assert/strict';
import { csvOf } from '../helpers/import-files';
import { appAndBrowser, finishJourney, openSession, signIn, VIEWPORTS, type Session } from './helpers';

const rows = (tag: string, bad: boolean) => [
  { externalRef: `${tag}-1`, name: `Công ty Nhập Zeta${tag} Một`, kind: 'enterprise', taxCode: '6100000901' },
  {
    externalRef: `${tag}-2`,
    name: bad ? '' : `Công ty Nhập Zeta${tag} Hai`,
    kind: 'enterprise',
    taxCode: '6100000902',
  },
];

describe('imports: upload, dry run, commit (Chromium)', function () {
  this.timeout(300_000);
  const env = appAndBrowser();
  const sessions: Session[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.context.close();
  });

  const runs = [
    { vp: VIEWPORTS[0], lang: 'en' as const, tag: 'EN' },
    { vp: VIEWPORTS[1] ?? VIEWPORTS[0], lang: 'vi' as const, tag: 'VI' },
  ];
  for (const { vp, lang, tag } of runs) {
    if (!vp) continue;
    it(`in ${lang} at ${vp.width} px, a bad row is explained before any write, then the file commits`, async () => {
      const session = await openSession(env.browser, vp, env.app.baseUrl, lang === 'vi' ? 'vi-VN' : 'en-US');
      sessions.push(session);
      const { page } = session;
      await signIn(page, 'officer');
      const upload = async (bad: boolean) => {
        await page.goto('/imports');
        await page.locator('#f-file').setInputFiles({
          name: `licensees-${tag}.csv`,
          mimeType: 'text/csv',
          buffer: Buffer.from(csvOf(rows(tag, bad), { bom: true })),
        });
        await page.locator('#f-kind').selectOption('licensees');
        await page.locator('form.import-upload button[type=submit]').focus();
        await Promise.all([page.waitForURL(/\/imports\/\d+$/), page.keyboard.press('Enter')]);
      };

      // Stations with their assignments in one file: offered among the record types, explained by the hint.
      await page.goto('/imports');
      const registerOption = page.locator('#f-kind option[value=register]');
      assert.equal(
        (await registerOption.textContent())?.trim(),
        lang === 'vi' ? 'Đài kèm ấn định tần số' : 'Stations with their assignments',
      );
      assert.match((await page.locator('#f-kind').getAttribute('aria-describedby')) ?? '', /h-kind/);
      assert.match((await page.locator('#h-kind').textContent()) ?? '', /stationExternalRef/);

      await upload(true);
      const status = page.locator('[data-import-status]');
      assert.equal((await status.textContent())?.trim(), lang === 'vi' ? 'Đã kiểm tra' : 'Checked');
      const rowsTable = page.locator('table.import-rows');
      assert.match((await rowsTable.textContent()) ?? '', lang === 'vi' ? /Lỗi/ : /Error/);
      assert.match((await rowsTable.textContent()) ?? '', /name/);
      assert.equal(await page.locator('form[action$="/commit"]').count(), 0, 'no commit while a row is wrong');
      await page.goto(`/licensees?q=Zeta${tag}`);
      assert.equal(await page.locator('table tbody tr').count(), 0, 'the dry run wrote nothing');

      await upload(false);
      await finishJourney(session, `imports-checked${lang === 'vi' ? '-vi' : ''}`, vp);
      const commit = page.locator('form[action$="/commit"] button[type=submit]');
      await commit.focus();
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
      // The commit runs as a job: the page follows it until the import is committed.
      const committed = lang === 'vi' ? 'Đã ghi' : 'Committed';
      for (let i = 0; i < 60 && (await status.textContent())?.trim() !== committed; i++) {
        await page.waitForTimeout(1000);
        await page.reload();
      }
      assert.equal((await status.textContent())?.trim(), committed);
      await page.goto(`/licensees?q=Zeta${tag}`);
      assert.equal(await page.locator('table tbody tr').count(), 2, 'both licensees are in the register');
      await finishJourney(session, `imports-committed${lang === 'vi' ? '-vi' : ''}`, vp);
    });
  }
});
