/**
 * The certificate worker thread: draws a certificate (pdfkit, fonts, QR code) off the web server's event loop
 * (SPEC §9). A message is `{ id, data, authority, vi, en }` (the labels as plain tables); the answer is
 * `{ id, pdf }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { renderCertificatePdf, type CertificateData } from './certificate.pdf';

export interface RenderRequest {
  id: number;
  data: CertificateData;
  authority: { name: string; address: string };
  vi: Record<string, string>;
  en: Record<string, string>;
}

parentPort?.on('message', (m: RenderRequest) => {
  renderCertificatePdf(m.data, m.authority, { vi: (k) => m.vi[k] ?? k, en: (k) => m.en[k] ?? k }).then(
    (pdf) => parentPort?.postMessage({ id: m.id, pdf }),
    (e: unknown) => parentPort?.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
