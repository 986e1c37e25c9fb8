/**
 * Renders certificates in a worker thread (SPEC §9: PDF rendering runs off the web server's event loop). One
 * thread, started on the first certificate and kept (unreferenced while idle, so it never holds a process
 * open); requests queue in it. The labels are resolved here into plain tables, since functions cannot cross
 * to a thread. A thread that dies fails its pending certificates and is started afresh for the next one.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CertificateData, CertificateLabels } from './certificate.pdf';
import type { RenderRequest } from './certificate.worker';

/** Every label the certificate prints (certificate.pdf.ts), besides the licence type's. */
const KEYS = [
  'address',
  'azimuth',
  'bandwidth',
  'conditions',
  'emission',
  'erp',
  'frequency',
  'height',
  'issuedBy',
  'issuedOn',
  'licensee',
  'motto',
  'nation',
  'none',
  'number',
  'omni',
  'position',
  'power',
  'revision',
  'scan',
  'service',
  'station',
  'stations',
  'taxCode',
  'title',
  'type',
  'validity',
  'verify',
].map((k) => `certificates.pdf.${k}`);

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function failAll(e: Error): void {
  for (const p of pending.values()) p.reject(e);
  pending.clear();
}

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(path.join(__dirname, 'certificate.worker.cjs'));
  w.unref();
  w.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.pdf) p.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
    else p.reject(new Error(m.error ?? 'certificate worker failed'));
    if (!pending.size) w.unref();
  });
  w.on('error', (e) => {
    if (worker === w) worker = null;
    failAll(e);
  });
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    failAll(new Error(`certificate worker exited (${code})`));
  });
  worker = w;
  return w;
}

/** The certificate's PDF bytes, drawn in the worker thread. */
export function renderCertificateInWorker(
  data: CertificateData,
  authority: { name: string; address: string },
  labels: CertificateLabels,
): Promise<Buffer> {
  const keys = [...KEYS, `certificates.pdf.types.${data.type}`];
  const table = (t: (k: string) => string) => Object.fromEntries(keys.map((k) => [k, t(k)]));
  const request: RenderRequest = {
    id: nextId++,
    data,
    authority: { name: authority.name, address: authority.address },
    vi: table((k) => labels.vi(k)),
    en: table((k) => labels.en(k)),
  };
  const w = thread();
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(request.id, { resolve, reject });
    w.ref();
    w.postMessage(request);
  });
}
