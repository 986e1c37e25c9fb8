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
    both: el.dataset.both,
    missing: el.dataset.missing,
    refine: el.dataset.refine,
    labels: JSON.parse(el.dataset.labels || '{}'),
    kinds: JSON.parse(el.dataset.kinds || '{}'),
    severities: JSON.parse(el.dataset.severities || '{}'),
  };
}

/**
 * Posts one check; resolves to the answer, or null when the input is not complete or valid yet. With
 * `incomplete: true`, an incomplete input resolves to the answer too (its `missing` names the fields).
 */
export async function checkConflicts(url, csrf, body, { incomplete = false } = {}) {
  let r;
  try {
    r = await fetchJson(url, { body, csrf });
  } catch (e) {
    if (e instanceof HttpError) return null;
    throw e; // offline: the caller decides
  }
  if (r.fields && Object.keys(r.fields).length && !incomplete) return null;
  return r;
}

/** "Still needed for the check: Centre frequency, Channel width" for the fields of `missing`. */
export function missingText(missing, texts) {
  const names = missing.map((k) => texts.labels[k] || k);
  return (texts.missing || '{fields}').replace('{fields}', names.join(', '));
}

const SEVERITY_RANK = { high: 0, medium: 1, low: 2 };

/**
 * The findings grouped by the other assignment: a pair found in both directions (the candidate would
 * suffer from it and interfere with it) is one entry, with its worst severity and its kinds.
 */
export function byOtherStation(conflicts) {
  const groups = new Map();
  for (const c of conflicts) {
    const otherId = c.candidateIs === 'victim' ? c.interfererId : c.victimId;
    // An intermodulation product is its own entry: its formula and contributors say what it is.
    const product =
      c.kind === 'intermodulation' ? `im:${c.victimId}:${(c.contributors || []).map((x) => x.assignmentId)}` : '';
    const key = product || (otherId ?? `${c.other ? c.other.stationName : ''}|${c.other ? c.other.frequencyHz : ''}`);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { ...c, kinds: [c.kind], directions: new Set([c.candidateIs]) });
      continue;
    }
    g.directions.add(c.candidateIs);
    if (!g.kinds.includes(c.kind)) g.kinds.push(c.kind);
    if ((SEVERITY_RANK[c.severity] ?? 9) < (SEVERITY_RANK[g.severity] ?? 9)) g.severity = c.severity;
  }
  return [...groups.values()];
}

/** One <li> per other station: worst severity badge, kind(s), both directions on one line, the station. */
export function conflictItems(conflicts, texts) {
  return byOtherStation(conflicts).map((c) => {
    const other = c.other ? `${c.other.stationName} (${keepTogether(fmt.frequency(c.other.frequencyHz))})` : '';
    let kinds = c.kinds.map((k) => texts.kinds[k] || k).join(', ');
    // "Intermodulation 2·f(A) − f(B) = 150,1 MHz (A: Tower 1, B: this station)".
    if (c.kind === 'intermodulation' && c.intermod) {
      const who = (c.contributors || []).map((x) => `${x.label}: ${x.stationName || '—'}`).join(', ');
      kinds += ` ${c.terms} = ${keepTogether(fmt.frequency(c.intermod.productHz))} (${who})`;
    }
    const direction =
      c.directions.size > 1 && texts.both ? texts.both : c.directions.has('victim') ? texts.victim : texts.interferer;
    return h(
      'li',
      {},
      badge(`sev-${c.severity}`, texts.severities[c.severity] || c.severity),
      ` ${kinds} — ${direction} ${other}`,
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
