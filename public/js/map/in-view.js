// "In view" beside the map: the counts of what the layers show, and the conflicts, stations and
// inspections in view as lists of links, so that what is on the map can be read as text too.
import { h } from '../dom.js';
import { FOOTPRINT_MIN_ZOOM } from './footprints.js';

const LIST_MAX = 20;

/**
 * Options: map, i18n (translator), state (the page's filters and layers), and the elements: counts (a
 * paragraph), conflicts, stations and inspections (lists). Returns describe(answers), answers being the
 * layers' last answers by layer name.
 */
export function createInViewList({ map, i18n, state, counts, conflicts, stations, inspections }) {
  const { t, number, frequency } = i18n;
  const muted = (key) => h('li', { className: 'muted' }, t(key));
  const conflictLinks = (fc) => fc.features.filter((f) => f.properties.featureType === 'conflict_link');

  function countsText(a) {
    const parts = [];
    if (a.stations) {
      const key = a.stations.mode === 'clusters' ? 'map.countStationsGrouped' : 'map.countStations';
      parts.push(t(key, { count: a.stations.total }));
    }
    if (a.conflicts) {
      const n = a.conflicts.mode === 'clusters' ? a.conflicts.total : conflictLinks(a.conflicts).length;
      parts.push(t('map.countConflicts', { count: n }));
    }
    if (a.inspections) {
      const key = a.inspections.mode === 'clusters' ? 'map.countInspectionsGrouped' : 'map.countInspections';
      parts.push(t(key, { count: a.inspections.total }));
    }
    if (state.layers.has('footprints')) {
      const fp = a.footprints;
      parts.push(
        map.getZoom() < FOOTPRINT_MIN_ZOOM
          ? t('map.footprintsZoomIn')
          : t(fp && fp.truncated ? 'map.countFootprintsTruncated' : 'map.countFootprints', {
              count: fp ? fp.features.length : 0,
              total: fp ? fp.total : 0,
            }),
      );
    }
    return parts.join(' · ');
  }

  function listConflicts(fc) {
    const links = fc && fc.mode !== 'clusters' ? conflictLinks(fc) : [];
    if (!links.length) {
      conflicts.replaceChildren(muted(fc && fc.mode === 'clusters' ? 'map.zoomInForList' : 'map.noneInView'));
      return;
    }
    conflicts.replaceChildren(
      ...links
        .slice(0, LIST_MAX)
        .map(({ properties: p }) =>
          h(
            'li',
            {},
            h('span', { className: `badge sev-${p.severity}` }, t(`sev.${p.severity}`)),
            ' ',
            h('a', { href: `/conflicts/${p.conflictId}` }, `#${p.conflictId} ${p.stationAName} ↔ ${p.stationBName}`),
            ` · ${frequency(p.stationAFrequencyHz)}`,
          ),
        ),
    );
  }

  function listStations(fc) {
    const features = fc && fc.mode === 'points' ? fc.features : [];
    if (!features.length) {
      stations.replaceChildren(muted(fc && fc.mode === 'clusters' ? 'map.zoomInForList' : 'map.noneInView'));
      return;
    }
    stations.replaceChildren(
      ...features
        .slice(0, LIST_MAX)
        .map(({ properties: p }) =>
          h('li', {}, h('a', { href: `/stations/${p.id}` }, p.name), ` · ${t(`svc.${p.service}`)}`),
        ),
    );
    if (features.length > LIST_MAX) stations.append(andMore('map.andMore', features.length - LIST_MAX));
  }

  function listInspections(fc) {
    const features = fc && fc.mode === 'points' ? fc.features : [];
    if (!features.length) {
      const key = !fc ? 'map.layerOff' : fc.mode === 'clusters' ? 'map.zoomInForList' : 'map.noneInView';
      inspections.replaceChildren(muted(key));
      return;
    }
    inspections.replaceChildren(
      ...features.slice(0, LIST_MAX).map(({ properties: p }) => {
        const findings = p.openFindings ? ` · ${t('map.openFindings')}: ${number(p.openFindings)}` : '';
        return h(
          'li',
          {},
          p.unlicensed ? h('span', { className: 'badge sev-high' }, t('map.unlicensed')) : null,
          p.unlicensed ? ' ' : null,
          h('a', { href: `/inspections/${p.id}` }, p.reference),
          ` · ${t(`ity.${p.type}`)} · ${t(`ist.${p.status}`)}${findings}`,
        );
      }),
    );
    if (features.length > LIST_MAX) inspections.append(andMore('map.andMoreInspections', features.length - LIST_MAX));
  }

  /** "… and n more" under a list cut at LIST_MAX. */
  function andMore(key, more) {
    return h('li', { className: 'muted' }, t(key, { count: more }));
  }

  return function describe(answers) {
    counts.textContent = countsText(answers);
    listConflicts(answers.conflicts);
    listStations(answers.stations);
    listInspections(answers.inspections);
  };
}
