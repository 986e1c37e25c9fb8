// Coverage footprints on /map, asked for only from FOOTPRINT_MIN_ZOOM in (they are large and many).
import L from '../leaflet-cluster.js';
import { footprintLayer } from '../tanso-map.js';

export const FOOTPRINT_MIN_ZOOM = 10;

/** Options: map, i18n (translator), load (loader.js), state (the page's filters and layers). */
export function createFootprintsLayer({ map, i18n, load, state }) {
  const group = L.layerGroup();
  return {
    name: 'footprints',
    groups: [group],
    /** Draws the footprints of the view `q` (or clears them when off or zoomed out); resolves to the answer or null. */
    async update(q) {
      if (!state.layers.has('footprints') || map.getZoom() < FOOTPRINT_MIN_ZOOM) {
        group.clearLayers();
        return null;
      }
      const fc = await load('footprints', `/api/v1/footprints.geojson?${q}`);
      if (fc) {
        group.clearLayers();
        footprintLayer(fc, i18n).addTo(group);
      }
      return fc;
    },
  };
}
