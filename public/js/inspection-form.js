// The inspection form on a phone: the draft is kept in localStorage as the inspector types; the GPS
// button fills the position (typing stays possible); on submit the inspection is sent, or queued in the
// browser when the network is down (see inspection-queue.js) with a visible "waiting to send" status.
import { fill } from './dom.js';
import { enqueue, flush, send, showWaiting } from './inspection-queue.js';

const form = document.querySelector('form.inspection-form');

function newKey() {
  return window.crypto && window.crypto.randomUUID
    ? window.crypto.randomUUID()
    : `k${Date.now()}${Math.random().toString(36).slice(2)}`;
}

if (form) {
  const d = form.dataset;
  const draftKey = d.draftKey;
  const draftStatus = form.querySelector('[data-draft-status]');
  const field = (name) => form.elements.namedItem(name);
  const textFields = () =>
    Array.from(form.elements).filter(
      (el) => el.name && el.name !== '_csrf' && el.type !== 'file' && el.type !== 'submit' && el.type !== 'button',
    );

  const saveDraft = () => {
    const values = {};
    for (const el of textFields()) values[el.name] = el.value;
    try {
      localStorage.setItem(draftKey, JSON.stringify(values));
      if (draftStatus) draftStatus.textContent = d.msgSaved;
    } catch {
      // storage full or disabled: the form still works
    }
  };
  const clearDraft = () => {
    try {
      localStorage.removeItem(draftKey);
    } catch {
      /* ignore */
    }
  };

  // Restore an unsent draft (the server's re-rendered values win when it answered 422).
  const hasServerErrors = document.querySelector('.error-summary');
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(draftKey) || 'null');
  } catch {
    saved = null;
  }
  if (saved && !hasServerErrors) {
    for (const el of textFields())
      if (typeof saved[el.name] === 'string' && saved[el.name] !== '') el.value = saved[el.name];
    if (draftStatus) draftStatus.textContent = d.msgRestored;
  }
  form.addEventListener('input', (e) => {
    if (e.target && (e.target.name === 'latitude' || e.target.name === 'longitude')) {
      const src = field('positionSource');
      if (src) src.value = 'manual';
    }
    saveDraft();
  });
  form.addEventListener('change', saveDraft);

  // Choosing a station reloads the form with its licensed values beside each field.
  const stationSelect = form.querySelector('select[name="stationId"]');
  if (stationSelect)
    stationSelect.addEventListener('change', () => {
      if (stationSelect.value)
        window.location.assign(`/inspections/new?stationId=${encodeURIComponent(stationSelect.value)}`);
    });

  // GPS, with typing as the fallback.
  const gps = form.querySelector('[data-gps]');
  const gpsStatus = form.querySelector('[data-gps-status]');
  if (gps && navigator.geolocation) {
    gps.hidden = false;
    gps.addEventListener('click', () => {
      if (gpsStatus) gpsStatus.textContent = d.msgLocating;
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          field('latitude').value = pos.coords.latitude.toFixed(6);
          field('longitude').value = pos.coords.longitude.toFixed(6);
          field('positionAccuracyM').value = String(Math.round(pos.coords.accuracy));
          field('positionSource').value = 'gps';
          if (gpsStatus) gpsStatus.textContent = fill(d.msgFound, { accuracy: Math.round(pos.coords.accuracy) });
          saveDraft();
        },
        () => {
          if (gpsStatus) gpsStatus.textContent = d.msgGpsFailed;
          field('latitude').focus();
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
  } else if (gpsStatus) {
    gpsStatus.textContent = d.msgGpsUnsupported;
  }

  // Submit: send now, or keep it in the queue until the network is back.
  let busy = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    busy = true;
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    const fields = textFields().map((el) => [el.name, el.value]);
    const input = form.querySelector('input[type="file"][name="photos"]');
    const files =
      input && input.files ? Array.from(input.files).map((f) => ({ name: f.name, type: f.type, blob: f })) : [];
    const entry = {
      clientKey: field('clientKey').value,
      url: d.api,
      csrf: d.csrf,
      fields,
      files,
      createdAt: new Date().toISOString(),
    };
    try {
      const r = navigator.onLine ? await send(entry) : { state: 'offline' };
      if (r.state === 'sent') {
        clearDraft();
        window.location.assign(`/inspections/${r.data.id}`);
        return;
      }
      if (r.state === 'refused') {
        // The server's own page shows each problem beside its field, with everything typed.
        window.HTMLFormElement.prototype.submit.call(form);
        return;
      }
      await enqueue(entry);
      clearDraft();
      form.reset();
      field('clientKey').value = newKey();
      await showWaiting();
      if (button) button.disabled = false;
      busy = false;
      flush();
    } catch {
      if (button) button.disabled = false;
      busy = false;
    }
  });
}
