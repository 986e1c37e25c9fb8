// Derived values while typing: posts the form's fields (debounced) to a preview endpoint that saves
// nothing, and hands the answer to a render function. Shared by the station and assignment forms.
import { fetchJson } from './http.js';

export function livePreview(form, { fields, extra = () => ({}), render, delayMs = 350 }) {
  let timer = null;
  let seq = 0;
  const run = async () => {
    const body = { ...extra() };
    for (const name of fields) {
      const el = form.elements.namedItem(name);
      // An empty field is left out, so that the endpoint's defaults apply: the district shows as soon
      // as the position is typed, before the power fields are filled.
      if (el && 'value' in el && String(el.value).trim() !== '') body[name] = el.value;
    }
    const mine = ++seq;
    try {
      const answer = await fetchJson(form.dataset.preview, { body, csrf: form.dataset.csrf });
      if (mine !== seq) return;
      render(answer);
    } catch {
      // Offline, server busy or refused: the server still checks everything on save.
    }
  };
  form.addEventListener('input', (e) => {
    if (!fields.includes(e.target.name)) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  });
  // Once the form is sent, no new check: the page is leaving (a request it started would be cut off).
  form.addEventListener('submit', () => clearTimeout(timer));
  run();
}
