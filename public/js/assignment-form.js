// Assignment form: decodes the emission designator and checks the band plan as the officer types.
import { badge } from './dom.js';
import { keepTogether, pageFormatter } from './format.js';
import { livePreview } from './live-preview.js';
import { checkConflicts, conflictItems, conflictTexts, onTyping } from './conflict-check.js';

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
      const r = await checkConflicts(form.dataset.check, form.dataset.csrf, {
        station: JSON.parse(form.dataset.station || '{}'),
        assignmentId: form.dataset.assignmentId || undefined,
        assignment: {
          direction: field('direction'),
          frequencyHz: field('frequencyHz'),
          bandwidthHz: field('bandwidthHz'),
          emissionDesignator: field('emissionDesignator'),
        },
      });
      if (!current()) return;
      target.replaceChildren();
      if (r === null) {
        target.textContent = '—';
        return;
      }
      if (!r.conflicts.length) {
        target.textContent = ctexts.none;
        return;
      }
      const ul = document.createElement('ul');
      ul.className = 'plain conflict-list';
      ul.append(...conflictItems(r.conflicts, ctexts));
      target.append(ul);
    } catch {
      // offline: the save checks again
    }
  });
}
