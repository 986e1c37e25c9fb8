// Conflicts an unsaved station + assignment would cause or suffer (POST /api/v1/conflicts/check?preview=1),
// rendered as a list. Shared by the assignment form (one assignment) and the station form (each of the
// station's TX assignments, with the station as typed).
import { formatFrequency } from './live-preview.js';

/** Texts of the <template id="conflict-texts"> partial, parsed once. */
export function conflictTexts() {
  const el = document.getElementById('conflict-texts');
  if (!el) return null;
  return {
    none: el.dataset.none,
    victim: el.dataset.victim,
    interferer: el.dataset.interferer,
    kinds: JSON.parse(el.dataset.kinds || '{}'),
    severities: JSON.parse(el.dataset.severities || '{}'),
  };
}

/** Posts one check; resolves to the answer, or null when the input is not complete or valid yet. */
export async function checkConflicts(url, csrf, body) {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf },
    body: JSON.stringify(body),
  });
  if (!res.ok) return null;
  const r = await res.json();
  if (r.fields && Object.keys(r.fields).length) return null;
  return r;
}

/** One <li> per conflict: severity badge, kind, direction and the other station. */
export function conflictItems(conflicts, texts) {
  return conflicts.map((c) => {
    const li = document.createElement('li');
    const badge = document.createElement('span');
    badge.className = `badge sev-${c.severity}`;
    badge.textContent = texts.severities[c.severity] || c.severity;
    const other = c.other ? `${c.other.stationName} (${formatFrequency(c.other.frequencyHz)})` : '';
    li.append(
      badge,
      ` ${texts.kinds[c.kind] || c.kind} — ${c.candidateIs === 'victim' ? texts.victim : texts.interferer} ${other}`,
    );
    return li;
  });
}

/** Runs `run` debounced on input in any of `names`, dropping answers that arrive after a newer request. */
export function onTyping(form, names, run, delayMs = 400) {
  let timer = null;
  let seq = 0;
  const go = async () => {
    const mine = ++seq;
    await run(() => mine === seq);
  };
  form.addEventListener('input', (e) => {
    if (!names.includes(e.target.name)) return;
    clearTimeout(timer);
    timer = setTimeout(go, delayMs);
  });
  go();
}
