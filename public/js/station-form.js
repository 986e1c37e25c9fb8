// Station form: shows the district of the typed position, the ERP, and the conflicts the station's TX
// assignments would have at the typed position and power, as the officer types.
import { keepTogether, pageFormatter } from './format.js';
import { livePreview } from './live-preview.js';
import { checkConflicts, conflictItems, conflictTexts, onTyping } from './conflict-check.js';

const form = document.querySelector('form.station-form');
const fmt = pageFormatter();
if (form) {
  const district = form.querySelector('[data-derived="district"]');
  const erp = form.querySelector('[data-derived="erp"]');
  livePreview(form, {
    fields: ['latitude', 'longitude', 'txPowerW', 'antennaGainDbi', 'feederLossDb'],
    render: (r) => {
      const f = r.fields || {};
      if (district)
        district.textContent = r.district
          ? `${r.district.name} (${r.district.code})`
          : f.latitude || f.longitude || '—';
      if (erp)
        erp.textContent =
          typeof r.erpW === 'number'
            ? `${fmt.number(r.erpW)}\u00a0W (${fmt.number(r.erpDbw)}\u00a0dBW)`
            : f.txPowerW || f.antennaGainDbi || f.feederLossDb || '—';
    },
  });
}

const STATION_FIELDS = [
  'service',
  'stationClass',
  'latitude',
  'longitude',
  'antennaHeightM',
  'antennaGainDbi',
  'txPowerW',
  'feederLossDb',
  'azimuthDeg',
  'beamwidthDeg',
  'farEndLatitude',
  'farEndLongitude',
];
const ctexts = conflictTexts();
const assignments = form && form.dataset.assignments ? JSON.parse(form.dataset.assignments) : [];
if (form && ctexts && form.dataset.check && assignments.length) {
  const target = form.querySelector('[data-derived="conflicts"]');
  const station = () => {
    const out = {};
    for (const name of STATION_FIELDS) {
      const el = form.elements.namedItem(name);
      if (el && 'value' in el && String(el.value).trim() !== '') out[name] = el.value;
    }
    return out;
  };
  onTyping(form, STATION_FIELDS, async (current) => {
    try {
      const answers = await Promise.all(
        assignments.map((a) =>
          checkConflicts(form.dataset.check, form.dataset.csrf, {
            station: station(),
            assignmentId: a.id,
            assignment: {
              direction: 'tx',
              frequencyHz: a.frequencyHz,
              bandwidthHz: a.bandwidthHz,
              emissionDesignator: a.emissionDesignator,
            },
          }),
        ),
      );
      if (!current()) return;
      target.replaceChildren();
      if (answers.some((r) => r === null)) {
        target.textContent = '—';
        return;
      }
      // Each assignment's findings, one line per other station (both directions on it).
      const found = answers.flatMap((r, i) =>
        conflictItems(r.conflicts, ctexts).map((li) => ({ li, a: assignments[i] })),
      );
      if (!found.length) {
        target.textContent = ctexts.none;
        return;
      }
      const ul = document.createElement('ul');
      ul.className = 'plain conflict-list';
      for (const { li, a } of found) {
        li.prepend(`${keepTogether(fmt.frequency(a.frequencyHz))}: `);
        ul.append(li);
      }
      target.append(ul);
    } catch {
      // offline: the save checks again
    }
  });
}
