// The stations on /map: server clusters (cells) when zoomed out or dense, otherwise points that the
// browser clusters (markercluster), each with a popup of the station, its licence and frequencies.
import L from '../leaflet-cluster.js';
import { SERVICE_COLOURS, countIcon, districtName, dotIcon, facts, h } from '../tanso-map.js';
import { clusterMarker } from './markers.js';

/** Options: map, i18n (translator), load (loader.js), state (the page's filters and layers). */
export function createStationsLayer({ map, i18n, load, state }) {
  const { t, number, frequency } = i18n;
  const points = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    iconCreateFunction: (cluster) => {
      const by = {};
      for (const m of cluster.getAllChildMarkers()) by[m.options.service] = (by[m.options.service] || 0) + 1;
      const top = Object.entries(by).sort((a, b) => b[1] - a[1])[0];
      return countIcon(cluster.getChildCount(), SERVICE_COLOURS[top ? top[0] : 'other']);
    },
  });
  const cells = L.layerGroup();
  // What is drawn now: a refresh with the same features keeps the drawn layer and its open popup.
  let drawnKey = '';

  function clear() {
    points.clearLayers();
    cells.clearLayers();
    drawnKey = '';
  }

  function popup(p) {
    const freqs = p.frequenciesHz.slice(0, 4).map(frequency).join(', ') + (p.frequenciesHz.length > 4 ? ' …' : '');
    return h(
      'div',
      {},
      h('strong', {}, h('a', { href: `/stations/${p.id}` }, p.name)),
      facts([
        [t('map.callsign'), p.callsign],
        [t('map.service'), t(`svc.${p.service}`)],
        [
          t('map.licence'),
          h(
            'span',
            {},
            h('a', { href: `/licences/${p.licenceId}` }, p.licenceNumber || `#${p.licenceId}`),
            ` · ${t(`lic.${p.licenceStatus}`)}`,
          ),
        ],
        [t('map.licensee'), p.licenseeName],
        [t('map.district'), districtName(i18n, p.districtCode)],
        [t('map.erp'), p.erpW == null ? null : `${number(p.erpW, 1)} W`],
        [t('map.antennaHeight'), p.antennaHeightM == null ? null : `${number(p.antennaHeightM, 0)} m`],
        [t('map.frequencies'), freqs || null],
      ]),
    );
  }

  function draw(fc) {
    const key = `${fc.mode}|${fc.features.map((f) => `${f.id}:${f.properties.count || ''}`).join(',')}`;
    if (key === drawnKey) return;
    drawnKey = key;
    points.clearLayers();
    cells.clearLayers();
    if (fc.mode === 'clusters') {
      for (const f of fc.features) {
        const p = f.properties;
        const icon = countIcon(p.count, SERVICE_COLOURS[p.service] || '#475467');
        cells.addLayer(clusterMarker(map, f, { icon, title: t('map.clusterTitle', { count: p.count }) }));
      }
      return;
    }
    const markers = fc.features.map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const m = L.marker([lat, lon], {
        icon: dotIcon(SERVICE_COLOURS[p.service] || '#475467'),
        title: `${p.name} (${t(`svc.${p.service}`)})`,
        keyboard: true,
        service: p.service,
      });
      m.bindPopup(() => popup(p));
      return m;
    });
    points.addLayers(markers);
  }

  return {
    name: 'stations',
    groups: [points, cells],
    /** Draws the stations of the view `q` (or clears them when the layer is off); resolves to the answer or null. */
    async update(q) {
      if (!state.layers.has('stations')) {
        clear();
        return null;
      }
      const fc = await load('stations', `/api/v1/stations.geojson?${q}`);
      if (fc) draw(fc);
      return fc;
    },
  };
}
