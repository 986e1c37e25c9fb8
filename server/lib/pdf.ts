/**
 * The shared PDF toolkit setup (pdfkit): A4 pages, Be Vietnam Pro embedded (one TTF covers every Vietnamese
 * letter), NFC text, dates as dd/mm/yyyy, and a document rendered to a Buffer. Used by fee notices; the licence
 * certificate (server/modules/certificates/) can share it.
 */
import PDFDocument from 'pdfkit';

const FONT_DIR = '@expo-google-fonts/be-vietnam-pro';
export const FONT_REGULAR = require.resolve(`${FONT_DIR}/400Regular/BeVietnamPro_400Regular.ttf`);
export const FONT_BOLD = require.resolve(`${FONT_DIR}/700Bold/BeVietnamPro_700Bold.ttf`);

export const A4 = { width: 595.28, height: 841.89 };

/** Text as stored and shown: NFC (a PDF must never split a letter from its tone mark). */
export const nfc = (s: string): string => s.normalize('NFC');

/** 2026-12-07 → 07/12/2026 (Vietnamese order). */
export function dmy(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/** 1234567 → "1.234.567" (Vietnamese grouping). */
export function vndText(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export interface PdfPage {
  doc: PDFKit.PDFDocument;
  margin: number;
  /** The lowest y a line may start at (everything stays above the bottom margin). */
  bottom: number;
}

/**
 * A new A4 document with the fonts registered as 'regular' and 'bold'. Lines are placed explicitly: a caller
 * checks `bottom` before each and adds a page itself (pdfkit would otherwise break a page on its own).
 */
export function newPdf(info: { title: string; subject?: string }, margin = 48): PdfPage {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    info: { Title: nfc(info.title), Subject: nfc(info.subject ?? ''), Producer: 'Tanso' },
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.font('regular');
  return { doc, margin, bottom: A4.height - margin };
}

/** Ends the document and resolves with its bytes. */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
