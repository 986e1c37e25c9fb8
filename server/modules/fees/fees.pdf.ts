/**
 * The fee notice (thông báo phí) as a PDF in Vietnamese (SPEC §11), with the shared toolkit (server/lib/pdf.ts):
 * the authority, the notice number and dates, the licence and licensee, the lines with the schedule row behind
 * each, the total, payments and what remains, and the placeholder warning when an amount is a placeholder.
 * Every line is placed above the bottom margin; a long table continues on a new page with its header repeated.
 */
import { dmy, newPdf, nfc, pdfBuffer, vndText } from '../../lib/pdf';
import type { NoticeView } from './fees.presenter';

export interface NoticePdfData {
  notice: NoticeView;
  licence: { number: string | null; service: string; validFrom: string; validTo: string };
  licensee: { name: string; address: string; taxCode: string };
  authority: { name: string; address: string };
  /** Vietnamese words: fee kinds, statuses, service names. */
  words: (key: string, params?: Record<string, string | number>) => string;
}

export async function renderNoticePdf(d: NoticePdfData): Promise<Buffer> {
  const w = (key: string, params?: Record<string, string | number>) => nfc(d.words(key, params));
  const n = d.notice;
  const { doc, margin, bottom } = newPdf({ title: `${w('fees.pdf.title')} ${n.number}`, subject: n.number });
  const width = doc.page.width - 2 * margin;
  let y = margin;
  const text = (
    s: string,
    o: { size?: number; bold?: boolean; x?: number; w?: number; align?: 'left' | 'right' | 'center' } = {},
  ) => {
    doc.font(o.bold ? 'bold' : 'regular').fontSize(o.size ?? 10);
    const h = doc.heightOfString(nfc(s), { width: o.w ?? width });
    return {
      h,
      draw: (at: number) => doc.text(nfc(s), o.x ?? margin, at, { width: o.w ?? width, align: o.align ?? 'left' }),
    };
  };
  /** Places a block of text at y, on a new page when it would cross the bottom margin. */
  const put = (s: string, o: Parameters<typeof text>[1] = {}, gap = 4) => {
    const t = text(s, o);
    if (y + t.h > bottom) {
      doc.addPage();
      y = margin;
    }
    t.draw(y);
    y += t.h + gap;
  };

  put(d.authority.name.toUpperCase(), { bold: true, size: 11, align: 'center' }, 2);
  if (d.authority.address) put(d.authority.address, { size: 9, align: 'center' }, 14);
  put(w('fees.pdf.title').toUpperCase(), { bold: true, size: 16, align: 'center' }, 2);
  put(`${w('fees.pdf.number')}: ${n.number}`, { size: 11, align: 'center' }, 14);
  if (n.placeholder) put(w('fees.pdf.placeholder'), { bold: true, size: 10 }, 10);

  put(`${w('fees.pdf.licensee')}: ${d.licensee.name}`, { bold: true });
  if (d.licensee.address) put(`${w('fees.pdf.address')}: ${d.licensee.address}`);
  if (d.licensee.taxCode) put(`${w('fees.pdf.taxCode')}: ${d.licensee.taxCode}`);
  put(`${w('fees.pdf.licence')}: ${d.licence.number ?? '—'} (${w(`fees.pdf.service.${d.licence.service}`)})`);
  put(`${w('fees.pdf.term')}: ${dmy(d.licence.validFrom)} – ${dmy(d.licence.validTo)}`);
  put(
    `${w('fees.pdf.kind')}: ${w(`fees.noticeKinds.${n.kind}`)}; ` +
      `${w('fees.pdf.period')}: ${dmy(n.periodFrom)} – ${dmy(n.periodTo)}`,
  );
  put(
    `${w('fees.pdf.issuedOn')}: ${dmy(n.issuedOn)}    ${w('fees.pdf.dueDate')}: ${dmy(n.dueDate)}`,
    { bold: true },
    12,
  );

  // The lines: description (with the schedule row), amount.
  const amountW = 110;
  const descW = width - amountW - 10;
  const header = () => {
    const a = text(w('fees.pdf.line'), { bold: true, w: descW });
    const b = text(w('fees.pdf.amount'), { bold: true, w: amountW, x: margin + descW + 10, align: 'right' });
    if (y + Math.max(a.h, b.h) + 4 > bottom) {
      doc.addPage();
      y = margin;
    }
    a.draw(y);
    b.draw(y);
    y += Math.max(a.h, b.h) + 2;
    doc
      .moveTo(margin, y)
      .lineTo(margin + width, y)
      .stroke();
    y += 4;
  };
  header();
  n.lines.forEach((l, i) => {
    const parts = [w(`fees.kinds.${l.kind}`)];
    if (l.stationName) parts.push(l.stationName);
    if (l.days && l.daysInYear)
      parts.push(w('fees.pdf.proRata', { days: l.days, daysInYear: l.daysInYear, rate: vndText(l.rateVnd) }));
    if (l.exemptionId) parts.push(w('fees.pdf.exempt'));
    parts.push(
      w('fees.pdf.row', { id: l.scheduleRowId ?? '—' }) + (l.placeholder ? ` (${w('fees.pdf.placeholderShort')})` : ''),
    );
    const a = text(`${i + 1}. ${parts.join('; ')}`, { w: descW });
    const b = text(`${vndText(l.amountVnd)} đ`, { w: amountW, x: margin + descW + 10, align: 'right' });
    const h = Math.max(a.h, b.h);
    if (y + h > bottom) {
      doc.addPage();
      y = margin;
      header();
    }
    a.draw(y);
    b.draw(y);
    y += h + 4;
  });
  if (y + 2 > bottom) {
    doc.addPage();
    y = margin;
  }
  doc
    .moveTo(margin, y)
    .lineTo(margin + width, y)
    .stroke();
  y += 4;
  put(`${w('fees.pdf.total')}: ${vndText(n.totalVnd)} đ`, { bold: true, align: 'right' });
  put(`${w('fees.pdf.paid')}: ${vndText(n.paidVnd)} đ`, { align: 'right' });
  put(`${w('fees.pdf.remaining')}: ${vndText(n.remainingVnd)} đ`, { bold: true, align: 'right' }, 8);
  put(`${w('fees.pdf.status')}: ${w(`fees.statuses.${n.status}`)}`, {}, 8);
  if (n.waivedReason) put(`${w('fees.pdf.waived')}: ${n.waivedReason}`);
  put(w('fees.pdf.footer'), { size: 9 });
  return pdfBuffer(doc);
}
