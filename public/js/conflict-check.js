// Conflicts an unsaved station + assignment would cause or suffer (POST /api/v1/conflicts/check?preview=1),
// rendered as a list. Shared by the assignment form (one assignment) and the station form (each of the
// station's TX assignments, with the station as typed).
import { badge, h } from './dom.js';
import { keepTogether, pageFormatter } from './format.js';
import { HttpError, fetchJson } from './http.js';

const fmt = pageFormatter();

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
  let r;
  try {
    r = await fetchJson(url, { body, csrf });
  } catch (e) {
    if (e instanceof HttpError) return null;
    throw e; // offline: the caller decides
  }
  if (r.fields && Object.keys(r.fields).length) return null;
  return r;
}

/** One <li> per conflict: severity badge, kind, direction and the other station. */
export function conflictItems(conflicts, texts) {
  return conflicts.map((c) => {
    const other = c.other ? `${c.other.stationName} (${keepTogether(fmt.frequency(c.other.frequencyHz))})` : '';
    return h(
      'li',
      {},
      badge(`sev-${c.severity}`, texts.severities[c.severity] || c.severity),
      ` ${texts.kinds[c.kind] || c.kind} — ${c.candidateIs === 'victim' ? texts.victim : texts.interferer} ${other}`,
    );
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
  // Once the form is sent, no new check: the page is leaving (a request it started would be cut off).
  form.addEventListener('submit', () => clearTimeout(timer));
  go();
}
