// Assignment form: decodes the emission designator and checks the band plan as the officer types.
import { badge, h } from './dom.js';
import { keepTogether, pageFormatter } from './format.js';
import { livePreview } from './live-preview.js';
import { checkConflicts, conflictItems, conflictTexts, missingText, onTyping } from './conflict-check.js';

const form = document.querySelector('form.assignment-form');
const texts = document.getElementById('bandplan-texts');
if (form && texts) {
  const out = (name) => form.querySelector(`[data-derived="${name}"]`);
  const reasons = JSON.parse(texts.dataset.reasons || '{}');
  const fmt = pageFormatter();
  // A no-break space keeps each number on one line with its unit in the narrow outputs.
  const formatFrequency = (hz) => keepTogether(fmt.frequency(hz));
  livePreview(form, {
    fields: ['direction', 'frequencyHz', 'bandwidthHz', 'emissionDesignator'],
    extra: () => ({ service: form.dataset.service }),
    render: (r) => {
      const f = r.fields || {};
      out('necessary').textContent =
        typeof r.necessaryBandwidthHz === 'number'
          ? formatFrequency(r.necessaryBandwidthHz)
          : f.emissionDesignator || '—';
      out('occupied').textContent =
        typeof r.occupiedLowHz === 'number'
          ? `${formatFrequency(r.occupiedLowHz)} – ${formatFrequency(r.occupiedHighHz)}`
          : f.frequencyHz || f.bandwidthHz || '—';
      const bp = out('bandplan');
      bp.replaceChildren();
      if (r.bandPlanCheck === undefined) {
        bp.textContent = '—';
        return;
      }
      if (r.bandPlanCheck === null) {
        bp.textContent = texts.dataset.rx;
        return;
      }
      const c = r.bandPlanCheck;
      if (c.status === 'ok') {
        bp.append(
          badge(
            'badge-issued',
            texts.dataset.ok.replace(
              '{band}',
              c.band ? `${formatFrequency(c.band.lowHz)}–${formatFrequency(c.band.highHz)}` : '',
            ),
          ),
        );
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

// Conflicts the unsaved assignment would cause or suffer, as the officer types.
const ctexts = conflictTexts();
if (form && ctexts && form.dataset.check) {
  const target = form.querySelector('[data-derived="conflicts"]');
  const field = (name) => {
    const el = form.elements.namedItem(name);
    return el && 'value' in el ? el.value : '';
  };
  onTyping(form, ['direction', 'frequencyHz', 'bandwidthHz', 'emissionDesignator'], async (current) => {
    try {
      const r = await checkConflicts(
        form.dataset.check,
        form.dataset.csrf,
        {
          station: JSON.parse(form.dataset.station || '{}'),
          assignmentId: form.dataset.assignmentId || undefined,
          assignment: {
            direction: field('direction'),
            frequencyHz: field('frequencyHz'),
            bandwidthHz: field('bandwidthHz'),
            emissionDesignator: field('emissionDesignator'),
          },
        },
        { incomplete: true },
      );
      if (!current()) return;
      target.replaceChildren();
      if (r === null) {
        target.textContent = '—';
        return;
      }
      // Checked as soon as frequency and width are known; what is still missing is said, not hidden.
      const missing = r.missing || [];
      const note = missing.length ? h('p', { className: 'hint check-missing' }, missingText(missing, ctexts)) : null;
      if (r.fields && Object.keys(r.fields).length) {
        target.append(note);
        return;
      }
      if (!r.conflicts.length) target.append(ctexts.none);
      else target.append(h('ul', { className: 'plain conflict-list' }, conflictItems(r.conflicts, ctexts)));
      if (note) target.append(note);
    } catch {
      // offline: the save checks again
    }
  });
}
