// The conflicts on /map: server clusters when zoomed out, otherwise each pair's overlap and the dashed
// line between its stations (tanso-map.js conflictLayer). A popup open before a redraw stays open.
import L from '../leaflet-cluster.js';
import { SEVERITY_COLOURS, conflictLayer, countIcon } from '../tanso-map.js';
import { clusterMarker } from './markers.js';

/** Options: map, i18n (translator), load (loader.js), state (the page's filters and layers). */
export function createConflictsLayer({ map, i18n, load, state }) {
  const { t } = i18n;
  const group = L.layerGroup();
  let drawnKey = '';
  let open = null;

  function draw(fc) {
    // Same features as drawn: keep the layer (and any open popup) as it is.
    const ids = fc.features.map((f) => `${f.id}:${f.properties.count || f.properties.status}`);
    const key = `${fc.mode}|${ids.join(',')}`;
    if (key === drawnKey) return;
    drawnKey = key;
    const reopen = open;
    group.clearLayers();
    if (fc.mode === 'clusters') {
      for (const f of fc.features) {
        const p = f.properties;
        const icon = countIcon(p.count, SEVERITY_COLOURS[p.severity] || '#b42318');
        const title = t('map.conflictClusterTitle', { count: p.count });
        group.addLayer(clusterMarker(map, f, { icon, title, maxZoomIn: 3 }));
      }
      return;
    }
    const layer = conflictLayer(fc, i18n).addTo(group);
    layer.on('popupopen', (e) => {
      open = { id: e.propagatedFrom.feature.id, latlng: e.popup.getLatLng() };
    });
    layer.on('popupclose', () => {
      open = null;
    });
    // A conflict whose popup was open before the redraw (the popup's own pan moved the map) keeps it open.
    const again = reopen && layer.getLayers().find((l) => l.feature.id === reopen.id);
    if (again) again.openPopup(reopen.latlng);
  }

  return {
    name: 'conflicts',
    groups: [group],
    /** Draws the conflicts of the view `q` (or clears them when the layer is off); resolves to the answer or null. */
    async update(q) {
      if (!state.layers.has('conflicts')) {
        group.clearLayers();
        drawnKey = '';
        return null;
      }
      const cq = new URLSearchParams(q);
      if (state.severity) cq.set('severity', state.severity);
      const fc = await load('conflicts', `/api/v1/conflicts.geojson?${cq}`);
      if (fc) draw(fc);
      return fc;
    },
  };
}
