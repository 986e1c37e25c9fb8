/**
 * Draws a licence certificate (SPEC §10.4) with pdfkit: A4, Be Vietnam Pro embedded (one TTF covers every
 * Vietnamese letter; text is NFC), the stations and assignments as a table, and a QR code to the licence's public
 * page with its verification code. Every line is placed explicitly above the bottom margin (pdfkit would
 * otherwise start a page of its own); a long table continues on a new page with its header repeated.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface CertificateData {
  number: string;
  revision: number;
  status: string;
  type: string;
  service: { vi: string; en: string };
  validFrom: string;
  validTo: string;
  issuedAt: string;
  issuedBy: string;
  conditions: string;
  licensee: { name: string; address: string; taxCode: string };
  stations: {
    name: string;
    stationClass: string;
    latitude: number;
    longitude: number;
    antennaHeightM: number | null;
    azimuthDeg: number | null;
    txPowerW: number | null;
    erpW: number | null;
    assignments: { direction: string; frequencyHz: number; bandwidthHz: number | null; emissionDesignator: string }[];
  }[];
  verificationCode: string;
  pageUrl: string;
}

/** The certificate's words in both languages (from the i18n block `certificates.pdf`). */
export interface CertificateLabels {
  vi(key: string): string;
  en(key: string): string;
}

const FONT_DIR = '@expo-google-fonts/be-vietnam-pro';
export const FONT_REGULAR = require.resolve(`${FONT_DIR}/400Regular/BeVietnamPro_400Regular.ttf`);
export const FONT_BOLD = require.resolve(`${FONT_DIR}/700Bold/BeVietnamPro_700Bold.ttf`);

const nfc = (s: string) => s.normalize('NFC');
const dmy = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;

/** 12.6667 → 12°40'00"N (seconds rounded). */
export function dms(deg: number, pos: string, neg: string): string {
  const hemi = deg < 0 ? neg : pos;
  let total = Math.round(Math.abs(deg) * 3600);
  const d = Math.floor(total / 3600);
  total -= d * 3600;
  const m = Math.floor(total / 60);
  const s = total - m * 60;
  return `${d}°${String(m).padStart(2, '0')}'${String(s).padStart(2, '0')}"${hemi}`;
}

function mhz(hz: number): string {
  return `${(hz / 1e6).toFixed(6).replace(/0+$/, '').replace(/\.$/, '')} MHz`;
}
function khz(hz: number | null): string {
  return hz === null ? '' : `${(hz / 1e3).toFixed(3).replace(/0+$/, '').replace(/\.$/, '')} kHz`;
}
const watts = (w: number | null) => (w === null ? '' : `${Number(w.toPrecision(4))} W`);

const A4 = { width: 595.28, height: 841.89 };
const M = 48;
const BOTTOM = A4.height - M;

export async function renderCertificatePdf(
  data: CertificateData,
  authority: { name: string; address: string },
  labels: CertificateLabels,
): Promise<Buffer> {
  const both = (key: string) => `${nfc(labels.vi(key))} / ${nfc(labels.en(key))}`;
  const qr = await QRCode.toBuffer(data.pageUrl, { errorCorrectionLevel: 'M', margin: 2, scale: 6, type: 'png' });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: M, bottom: M, left: M, right: M },
    info: { Title: nfc(`${labels.vi('certificates.pdf.title')} ${data.number}`), Author: nfc(authority.name) },
    autoFirstPage: true,
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = A4.width - 2 * M;
  let y = M;
  /** Writes text at y within the width; returns its height. Starts a new page first when it would not fit. */
  const text = (
    s: string,
    o: { font?: string; size?: number; align?: 'left' | 'center' | 'right'; x?: number; w?: number; gap?: number } = {},
  ) => {
    const t = nfc(s);
    doc.font(o.font ?? 'regular').fontSize(o.size ?? 10);
    const w = o.w ?? width;
    const h = doc.heightOfString(t, { width: w, align: o.align });
    if (y + h > BOTTOM) newPage();
    doc.text(t, o.x ?? M, y, { width: w, align: o.align, lineBreak: true, height: h + 1 });
    y += h + (o.gap ?? 2);
    return h;
  };
  const newPage = () => {
    doc.addPage();
    y = M;
  };

  // Heading: the authority on the left, the nation and motto on the right.
  const half = width / 2 - 6;
  const top = y;
  text(authority.name.toUpperCase(), { font: 'bold', size: 9, align: 'center', w: half, gap: 1 });
  text(authority.address, { size: 8, align: 'center', w: half });
  const leftBottom = y;
  y = top;
  text(labels.vi('certificates.pdf.nation'), {
    font: 'bold',
    size: 9,
    align: 'center',
    x: M + width / 2 + 6,
    w: half,
    gap: 1,
  });
  text(labels.vi('certificates.pdf.motto'), { font: 'bold', size: 9, align: 'center', x: M + width / 2 + 6, w: half });
  y = Math.max(y, leftBottom) + 18;

  text(labels.vi('certificates.pdf.title'), { font: 'bold', size: 15, align: 'center', gap: 2 });
  text(labels.en('certificates.pdf.title'), { size: 10, align: 'center', gap: 6 });
  text(`${both('certificates.pdf.number')}: ${data.number}    ${both('certificates.pdf.revision')}: ${data.revision}`, {
    font: 'bold',
    size: 11,
    align: 'center',
    gap: 14,
  });

  const field = (key: string, value: string) => {
    const lw = 170;
    const label = nfc(`${both(key)}:`);
    const shown = nfc(value || '—');
    doc.font('bold').fontSize(9);
    const lh = doc.heightOfString(label, { width: lw - 6 });
    doc.font('regular').fontSize(9.5);
    const vh = doc.heightOfString(shown, { width: width - lw });
    const h = Math.max(lh, vh, 12);
    if (y + h > BOTTOM) newPage();
    doc
      .font('bold')
      .fontSize(9)
      .text(label, M, y, { width: lw - 6 });
    doc
      .font('regular')
      .fontSize(9.5)
      .text(shown, M + lw, y, { width: width - lw });
    y += h + 4;
  };
  field('certificates.pdf.licensee', data.licensee.name);
  field('certificates.pdf.address', data.licensee.address);
  field('certificates.pdf.taxCode', data.licensee.taxCode);
  field(
    'certificates.pdf.type',
    `${labels.vi(`certificates.pdf.types.${data.type}`)} / ${labels.en(`certificates.pdf.types.${data.type}`)}`,
  );
  field('certificates.pdf.service', `${data.service.vi} / ${data.service.en}`);
  field('certificates.pdf.validity', `${dmy(data.validFrom)} – ${dmy(data.validTo)}`);
  y += 8;

  // The table of stations and assignments.
  const cols: { key: string; w: number; align?: 'left' | 'right' }[] = [
    { key: 'certificates.pdf.station', w: 96 },
    { key: 'certificates.pdf.position', w: 74 },
    { key: 'certificates.pdf.frequency', w: 62, align: 'right' },
    { key: 'certificates.pdf.bandwidth', w: 44, align: 'right' },
    { key: 'certificates.pdf.emission', w: 42 },
    { key: 'certificates.pdf.power', w: 40, align: 'right' },
    { key: 'certificates.pdf.erp', w: 42, align: 'right' },
    { key: 'certificates.pdf.height', w: 38, align: 'right' },
    { key: 'certificates.pdf.azimuth', w: width - 438 },
  ];
  const row = (cells: string[], font: string, size: number) => {
    doc.font(font).fontSize(size);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(nfc(c), { width: (cols[i]?.w ?? 40) - 4 })), size + 2);
    return h + 4;
  };
  const drawRow = (cells: string[], font: string, size: number, header = false) => {
    const h = row(cells, font, size);
    if (y + h > BOTTOM) {
      newPage();
      if (!header)
        drawRow(
          cols.map((c) => `${labels.vi(c.key)}\n${labels.en(c.key)}`),
          'bold',
          7,
          true,
        );
    }
    let x = M;
    doc.font(font).fontSize(size);
    cells.forEach((c, i) => {
      const col = cols[i];
      if (!col) return;
      doc.text(nfc(c), x + 2, y + 2, { width: col.w - 4, align: col.align ?? 'left', height: h });
      x += col.w;
    });
    doc
      .moveTo(M, y + h)
      .lineTo(M + width, y + h)
      .lineWidth(header ? 0.8 : 0.3)
      .stroke('#555555');
    y += h;
  };
  text(both('certificates.pdf.stations'), { font: 'bold', size: 10, gap: 4 });
  drawRow(
    cols.map((c) => `${labels.vi(c.key)}\n${labels.en(c.key)}`),
    'bold',
    7,
    true,
  );
  for (const s of data.stations) {
    const pos = `${dms(s.latitude, 'N', 'S')}\n${dms(s.longitude, 'E', 'W')}`;
    const az = s.azimuthDeg === null ? labels.vi('certificates.pdf.omni') : `${s.azimuthDeg}°`;
    const list = s.assignments.length ? s.assignments : [null];
    list.forEach((a, i) =>
      drawRow(
        [
          i === 0 ? `${s.name}${s.stationClass ? ` (${s.stationClass})` : ''}` : '',
          i === 0 ? pos : '',
          a ? `${mhz(a.frequencyHz)}${a.direction === 'rx' ? ' (RX)' : ''}` : '',
          a ? khz(a.bandwidthHz) : '',
          a?.emissionDesignator ?? '',
          i === 0 ? watts(s.txPowerW) : '',
          i === 0 ? watts(s.erpW) : '',
          i === 0 && s.antennaHeightM !== null ? `${s.antennaHeightM} m` : '',
          i === 0 ? az : '',
        ],
        'regular',
        7.5,
      ),
    );
  }
  y += 10;
  text(both('certificates.pdf.conditions'), { font: 'bold', size: 10, gap: 2 });
  text(data.conditions || labels.vi('certificates.pdf.none'), { size: 9, gap: 12 });

  // Signature block and the QR code: kept together, on a new page if they do not fit.
  const qrSize = 96;
  const blockH = Math.max(qrSize, 70) + 24;
  if (y + blockH > BOTTOM) newPage();
  const by = y;
  doc.image(qr, M, by, { width: qrSize, height: qrSize });
  y = by;
  const qx = M + qrSize + 8;
  const qw = width / 2 - qrSize - 16;
  text(`${both('certificates.pdf.verify')}:`, { font: 'bold', size: 9, x: qx, w: qw, gap: 1 });
  text(data.verificationCode, { font: 'bold', size: 12, x: qx, w: qw, gap: 3 });
  text(`${labels.vi('certificates.pdf.scan')} ${labels.en('certificates.pdf.scan')}`, {
    size: 7.5,
    x: qx,
    w: qw,
    gap: 2,
  });
  text(data.pageUrl, { size: 7, x: qx, w: qw });
  y = by;
  const rx = M + width / 2 + 6;
  text(`${both('certificates.pdf.issuedOn')}: ${dmy(data.issuedAt)}`, {
    size: 9,
    align: 'center',
    x: rx,
    w: half,
    gap: 4,
  });
  text(both('certificates.pdf.issuedBy'), { font: 'bold', size: 9, align: 'center', x: rx, w: half, gap: 30 });
  text(data.issuedBy, { font: 'bold', size: 10, align: 'center', x: rx, w: half });
  doc.end();
  return done;
}
