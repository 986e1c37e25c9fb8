/** The fee notice PDF (SPEC §11): Vietnamese, the font embedded, a long table continued on new pages. */
import assert from 'node:assert/strict';
import { en } from '../../../server/lib/i18n/en';
import { vi } from '../../../server/lib/i18n/vi';
import { renderNoticePdf } from '../../../server/modules/fees/fees.pdf';
import type { NoticeView } from '../../../server/modules/fees/fees.presenter';

function words(key: string, params: Record<string, string | number> = {}): string {
  const v = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], vi);
  assert.equal(typeof v, 'string', `vi ${key}`);
  assert.equal(typeof key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], en), 'string');
  return (v as string).replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(params[k] ?? ''));
}

function notice(lines: number): NoticeView {
  return {
    id: 1,
    number: 'TBP-2026-00001',
    licenceId: 1,
    licenceNumber: 'DLK-2026-00001',
    licenseeName: 'Đài Phát thanh và Truyền hình Đắk Lắk',
    revision: 1,
    kind: 'grant',
    service: 'fm_broadcast',
    periodFrom: '2026-07-02',
    periodTo: '2026-12-31',
    issuedOn: '2026-07-02',
    dueDate: '2026-08-01',
    lines: Array.from({ length: lines }, (_, i) => ({
      kind: i === 0 ? ('grant' as const) : ('annual_use' as const),
      description: '',
      amountVnd: 1_000_000 + i,
      scheduleRowId: 3,
      rateVnd: 6_000_000,
      stationId: i,
      stationName: `Trạm phát Buôn Ma Thuột số ${i} — Krông Pắc, Ea H'leo`,
      exemptionId: null,
      days: 183,
      daysInYear: 365,
      placeholder: true,
    })),
    totalVnd: 123_456_789,
    paidVnd: 0,
    remainingVnd: 123_456_789,
    status: 'due',
    placeholder: true,
    waivedReason: null,
    waivedById: null,
    waivedAt: null,
    paidAt: null,
    payments: [],
    version: 0,
    createdAt: '2026-07-02T00:00:00.000Z',
    updatedAt: '2026-07-02T00:00:00.000Z',
  };
}

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('fees: the PDF notice', () => {
  const render = (n: number) =>
    renderNoticePdf({
      notice: notice(n),
      licence: { number: 'DLK-2026-00001', service: 'fm_broadcast', validFrom: '2026-01-01', validTo: '2030-12-31' },
      licensee: { name: 'Đài PT-TH Đắk Lắk', address: '11 Lê Duẩn, Buôn Ma Thuột', taxCode: '6000000000' },
      authority: { name: 'Sở Khoa học và Công nghệ tỉnh Đắk Lắk', address: 'Buôn Ma Thuột' },
      words,
    });

  it('when a notice has a few lines, then one A4 page with Be Vietnam Pro embedded', async () => {
    const pdf = await render(3);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.equal(pages(pdf), 1);
    assert.match(pdf.toString('latin1'), /BeVietnamPro/);
  });

  it('when a notice has 120 lines, then the table continues over several pages, none empty', async () => {
    const pdf = await render(120);
    const n = pages(pdf);
    // ~2 lines of text a row at 10 pt: 120 rows need several pages, and never one page per row.
    assert.ok(n >= 4 && n <= 12, `${n} pages`);
  });
});
