// The offline queue of inspections: a submission that cannot reach the server waits in IndexedDB (with
// its photos) and is sent when the `online` event fires or on the next page load. The server makes one
// inspection per clientKey, so a submission sent twice still arrives once.
import { fill, h } from './dom.js';
import { fetchJson } from './http.js';

const DB_NAME = 'tanso-offline';
const STORE = 'inspections';

function openDb() {
  return new Promise((resolve, reject) => {
    const req = window.indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'clientKey' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run(mode, work) {
  return openDb().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = work(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req ? req.result : undefined);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

export const enqueue = (entry) => run('readwrite', (s) => s.put(entry));
const remove = (clientKey) => run('readwrite', (s) => s.delete(clientKey));
const all = () => run('readonly', (s) => s.getAll());

function statusEl() {
  return document.querySelector('[data-inspection-queue]');
}

function say(text, link) {
  const el = statusEl();
  if (!el) return;
  el.hidden = false;
  el.replaceChildren(link ? h('a', { href: link.href }, text) : text);
}

function msg(name, params = {}) {
  const el = statusEl();
  return fill((el && el.dataset[name]) || name, params);
}

async function csrfToken() {
  return (await fetchJson('/api/v1/session')).csrfToken;
}

function formDataOf(entry) {
  const fd = new FormData();
  for (const [k, v] of entry.fields) fd.append(k, v);
  for (const f of entry.files) fd.append('photos', new window.File([f.blob], f.name, { type: f.type }));
  return fd;
}

/**
 * Sends one entry. Resolves { state: 'sent', data } | { state: 'offline' } | { state: 'refused', status, body }.
 * A refused entry (422, 403, 409, 413) is not retried.
 */
export async function send(entry) {
  let token = entry.csrf;
  for (let attempt = 0; attempt < 2; attempt++) {
    let res;
    try {
      res = await fetch(entry.url, {
        method: 'POST',
        body: formDataOf(entry),
        headers: { 'X-CSRF-Token': token, Accept: 'application/json' },
        credentials: 'same-origin',
      });
    } catch {
      return { state: 'offline' };
    }
    const body = await res.json().catch(() => ({}));
    if (res.ok) return { state: 'sent', data: body.data };
    if (res.status === 403 && body.error && body.error.code === 'csrf_failed' && attempt === 0) {
      try {
        token = await csrfToken();
      } catch {
        return { state: 'offline' };
      }
      continue;
    }
    if (res.status >= 500 || res.status === 401) return { state: 'offline' };
    return { state: 'refused', status: res.status, body };
  }
  return { state: 'offline' };
}

let flushing = null;

/** Sends every waiting entry once; shows what is still waiting. */
export function flush() {
  if (!navigator.onLine) return showWaiting();
  if (flushing) return flushing;
  flushing = (async () => {
    let entries = [];
    try {
      entries = await all();
    } catch {
      return;
    }
    if (!entries.length) return;
    say(msg('msgSending'));
    for (const entry of entries) {
      const r = await send(entry);
      if (r.state === 'offline') break;
      await remove(entry.clientKey);
      if (r.state === 'sent')
        say(msg('msgSent', { reference: r.data.reference }), { href: `/inspections/${r.data.id}` });
      else say(msg('msgFailed', { message: (r.body.error && r.body.error.message) || r.status }));
    }
    const left = (await all()).length;
    if (left) say(msg('msgWaiting', { count: left }));
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

export async function showWaiting() {
  const left = (await all().catch(() => [])).length;
  if (left) say(msg('msgWaiting', { count: left }));
}

window.addEventListener('online', () => {
  flush();
});
if (navigator.onLine) flush();
else showWaiting();
