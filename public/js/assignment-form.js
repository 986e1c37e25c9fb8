// Assignment form: decodes the emission designator and checks the band plan as the officer types.
import { formatFrequency, livePreview } from './live-preview.js';

const form = document.querySelector('form.assignment-form');
const texts = document.getElementById('bandplan-texts');
if (form && texts) {
  const out = (name) => form.querySelector(`[data-derived="${name}"]`);
  const reasons = JSON.parse(texts.dataset.reasons || '{}');
  const badge = (cls, text) => {
    const s = document.createElement('span');
    s.className = `badge ${cls}`;
    s.textContent = text;
    return s;
  };
  livePreview(form, {
    fields: ['direction', 'frequencyHz', 'bandwidthHz', 'emissionDesignator'],
    extra: () => ({ service: form.dataset.service }),
    render: (r) => {
      const f = r.fields || {};
      out('necessary').textContent = typeof r.necessaryBandwidthHz === 'number' ? formatFrequency(r.necessaryBandwidthHz) : (f.emissionDesignator || '—');
      out('occupied').textContent = typeof r.occupiedLowHz === 'number' ? `${formatFrequency(r.occupiedLowHz)} – ${formatFrequency(r.occupiedHighHz)}` : (f.frequencyHz || f.bandwidthHz || '—');
      const bp = out('bandplan');
      bp.replaceChildren();
      if (r.bandPlanCheck === undefined) { bp.textContent = '—'; return; }
      if (r.bandPlanCheck === null) { bp.textContent = texts.dataset.rx; return; }
      const c = r.bandPlanCheck;
      if (c.status === 'ok') {
        bp.append(badge('badge-issued', texts.dataset.ok.replace('{band}', c.band ? `${formatFrequency(c.band.lowHz)}–${formatFrequency(c.band.highHz)}` : '')));
      } else {
        bp.append(badge('badge-suspended', texts.dataset.warning));
        const ul = document.createElement('ul');
        ul.className = 'plain reasons';
        for (const reason of c.reasons) {
          const li = document.createElement('li');
          li.textContent = reasons[reason] || reason;
          ul.append(li);
        }
        bp.append(ul);
      }
    },
  });
}

// Conflicts the unsaved assignment would cause or suffer (POST /api/v1/conflicts/check), as the officer types.
const ctexts = document.getElementById('conflict-texts');
if (form && ctexts && form.dataset.check) {
  const target = form.querySelector('[data-derived="conflicts"]');
  const kinds = JSON.parse(ctexts.dataset.kinds || '{}');
  const severities = JSON.parse(ctexts.dataset.severities || '{}');
  let timer = null;
  let seq = 0;
  const run = async () => {
    const field = (name) => { const el = form.elements.namedItem(name); return el && 'value' in el ? el.value : ''; };
    const mine = ++seq;
    try {
      const res = await fetch(form.dataset.check, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': form.dataset.csrf },
        body: JSON.stringify({ station: JSON.parse(form.dataset.station || '{}'), assignmentId: form.dataset.assignmentId || undefined, assignment: { direction: field('direction'), frequencyHz: field('frequencyHz'), bandwidthHz: field('bandwidthHz'), emissionDesignator: field('emissionDesignator') } }),
      });
      if (mine !== seq) return;
      if (!res.ok) { target.textContent = '—'; return; }
      const r = await res.json();
      target.replaceChildren();
      if (r.fields && Object.keys(r.fields).length) { target.textContent = '—'; return; }
      if (!r.conflicts.length) { target.textContent = ctexts.dataset.none; return; }
      const ul = document.createElement('ul');
      ul.className = 'plain conflict-list';
      for (const c of r.conflicts) {
        const li = document.createElement('li');
        const badge = document.createElement('span');
        badge.className = `badge sev-${c.severity}`;
        badge.textContent = severities[c.severity] || c.severity;
        const other = c.other ? `${c.other.stationName} (${formatFrequency(c.other.frequencyHz)})` : '';
        li.append(badge, ` ${kinds[c.kind] || c.kind} — ${c.candidateIs === 'victim' ? ctexts.dataset.victim : ctexts.dataset.interferer} ${other}`);
        ul.append(li);
      }
      target.append(ul);
    } catch {
      // offline: the save checks again
    }
  };
  form.addEventListener('input', (e) => {
    if (!['direction', 'frequencyHz', 'bandwidthHz', 'emissionDesignator'].includes(e.target.name)) return;
    clearTimeout(timer);
    timer = setTimeout(run, 400);
  });
  run();
}
