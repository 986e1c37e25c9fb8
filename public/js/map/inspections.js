// Inspections on /map: squares (stations are dots), an unlicensed emitter amber with "!", server clusters
// when zoomed out. They take the view and the district only: their `status` is the inspection's.
import L from '../leaflet-cluster.js';
import { INSPECTION_COLOURS, countIcon, districtName, facts, h, squareIcon } from '../tanso-map.js';
import { clusterMarker } from './markers.js';

/**
 * Options: map, i18n (translator), load (loader.js), state (the page's filters and layers), and
 * popupTopPadding() (px kept free at the top of the map when a popup brings itself into view).
 */
export function createInspectionsLayer({ map, i18n, load, state, popupTopPadding = () => 10 }) {
  const { t, fmt, number } = i18n;
  const group = L.layerGroup();
  let drawnKey = '';

  function popup(p) {
    const findings = p.openFindings
      ? `${number(p.openFindings)} (${t('map.worstSeverity', { severity: t(`fsev.${p.worstSeverity}`) })})`
      : number(0);
    return h(
      'div',
      { className: 'map-inspection-popup' },
      h('strong', {}, `${t('map.inspection')} ${p.reference}`),
      p.unlicensed ? h('p', { className: 'map-unlicensed' }, t('map.unlicensed')) : null,
      facts([
        [t('map.inspectionType'), t(`ity.${p.type}`)],
        [t('map.inspectionStatus'), t(`ist.${p.status}`)],
        [t('map.openFindings'), findings],
        p.stationId
          ? [t('map.station'), h('a', { href: `/stations/${p.stationId}` }, p.stationName || `#${p.stationId}`)]
          : [t('map.place'), p.place || null],
        [t('map.district'), districtName(i18n, p.districtCode)],
        [t('map.inspectionDate'), fmt.date(p.date) || null],
      ]),
      h(
        'p',
        {},
        h(
          'a',
          { href: `/inspections/${p.id}`, className: 'map-open-inspection' },
          t('map.openInspection', { reference: p.reference }),
        ),
      ),
    );
  }

  function marker(f) {
    const p = f.properties;
    if (p.cluster) {
      const colour = p.unlicensed ? INSPECTION_COLOURS.unlicensed : INSPECTION_COLOURS.inspection;
      const icon = countIcon(p.count, colour, { square: true });
      const title = t('map.inspectionClusterTitle', { count: p.count });
      return clusterMarker(map, f, { icon, title, maxZoomIn: 3 });
    }
    const [lon, lat] = f.geometry.coordinates;
    const icon = p.unlicensed
      ? squareIcon(INSPECTION_COLOURS.unlicensed, { mark: '!' })
      : squareIcon(INSPECTION_COLOURS.inspection);
    const title = `${p.reference} · ${t(`ity.${p.type}`)}${p.unlicensed ? ` · ${t('map.unlicensed')}` : ''}`;
    // Above stations; an unlicensed emitter above the inspections beside it.
    const m = L.marker([lat, lon], { icon, title, keyboard: true, zIndexOffset: p.unlicensed ? 1000 : 500 });
    // On a phone the choropleth legend covers the map's top right: the popup opens below it (set before
    // the popup's own click or Enter handler runs).
    m.on('click keypress', () => {
      const pop = m.getPopup();
      if (pop) pop.options.autoPanPaddingTopLeft = L.point(10, popupTopPadding());
    });
    m.bindPopup(() => popup(p), { maxWidth: 260 });
    return m;
  }

  function draw(fc) {
    const key = `${fc.mode}|${fc.features
      .map((f) => `${f.id}:${f.properties.count || f.properties.status}:${f.properties.openFindings || 0}`)
      .join(',')}`;
    if (key === drawnKey) return;
    drawnKey = key;
    group.clearLayers();
    for (const f of fc.features) group.addLayer(marker(f));
  }

  return {
    name: 'inspections',
    groups: [group],
    /** Draws the inspections of the view `q` (or clears them when the layer is off); resolves to the answer or null. */
    async update(q) {
      if (!state.layers.has('inspections')) {
        group.clearLayers();
        drawnKey = '';
        return null;
      }
      const iq = new URLSearchParams({ bbox: q.get('bbox'), zoom: q.get('zoom') });
      if (state.district) iq.set('district', state.district);
      if (state.istatus) iq.set('status', state.istatus);
      if (state.itype) iq.set('type', state.itype);
      const fc = await load('inspections', `/api/v1/inspections.geojson?${iq}`);
      if (fc) draw(fc);
      return fc;
    },
  };
}
