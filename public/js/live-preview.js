// Derived values while typing: posts the form's fields (debounced) to a preview endpoint that saves
// nothing, and hands the answer to a render function. Shared by the station and assignment forms.

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
      const res = await fetch(form.dataset.preview, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': form.dataset.csrf },
        body: JSON.stringify(body),
      });
      if (!res.ok || mine !== seq) return;
      render(await res.json());
    } catch {
      // Offline or server busy: the server still checks everything on save.
    }
  };
  form.addEventListener('input', (e) => {
    if (!fields.includes(e.target.name)) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  });
  run();
}

export function formatNumber(n, digits = 2) {
  return new Intl.NumberFormat(document.documentElement.lang === 'vi' ? 'vi-VN' : 'en-US', {
    maximumFractionDigits: digits,
  }).format(n);
}

export function formatFrequency(hz) {
  const units = [
    [1e9, 'GHz'],
    [1e6, 'MHz'],
    [1e3, 'kHz'],
    [1, 'Hz'],
  ];
  const [div, unit] = units.find(([d]) => Math.abs(hz) >= d) || [1, 'Hz'];
  // A no-break space keeps the number and its unit on one line in narrow outputs.
  return `${formatNumber(hz / div, 6)}\u00a0${unit}`;
}
