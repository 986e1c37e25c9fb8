// The district choropleth on /map: districts shaded by the chosen metric under the page's filters, with
// its legend on the map, and fitting the map to a district (or to all of them).
import L from '../leaflet-cluster.js';
import { districtLayer, facts, fetchJson, h, legendControl } from '../tanso-map.js';

const PALETTES = {
  stations: ['#eff6ff', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'],
  openConflicts: ['#fef2f2', '#fecaca', '#f87171', '#dc2626', '#7f1d1d'],
  overdueInspections: ['#fff7ed', '#fed7aa', '#fb923c', '#ea580c', '#7c2d12'],
  other: ['#f7fee7', '#d9f99d', '#a3e635', '#65a30d', '#365314'],
};

/** Width kept free for Leaflet's zoom buttons (30 px and their 10 px margin) and a little air. */
const ZOOM_BUTTONS_PX = 48;

/**
 * The shading's opacity at a zoom: full over the province, fading as one zooms in so that the stations,
 * conflicts and streets stay readable (0.55 up to zoom 9, down to 0.08 from zoom 13).
 */
export function choroplethOpacity(zoom) {
  const full = 0.55;
  const faint = 0.08;
  if (zoom <= 9) return full;
  if (zoom >= 13) return faint;
  return full - ((zoom - 9) / 4) * (full - faint);
}

/**
 * Options: map, i18n (translator), load (loader.js), state (the page's filters and layers), filterParams()
 * (the filters as query parameters) and onError() (a request failed).
 */
export function createDistrictsLayer({ map, i18n, load, state, filterParams, onError }) {
  const { t, number } = i18n;
  const group = L.layerGroup();
  let districts = null;
  let legend = null;
  let shaded = null;
  // The shading fades as the map zooms in (and comes back as it zooms out).
  map.on('zoomend', () => {
    if (shaded) shaded.setStyle({ fillOpacity: choroplethOpacity(map.getZoom()) });
  });

  function popup(f, name, figures) {
    const code = encodeURIComponent(f.properties.code);
    const row = figures.data.find((d) => d.code === f.properties.code) || {};
    return h(
      'div',
      {},
      h('strong', {}, h('a', { href: `/districts/${code}` }, name)),
      facts((figures.metrics || []).map((m) => [t(`map.metrics.${m}`), number(Number(row[m]) || 0)])),
      h(
        'p',
        {},
        h('a', { href: `/stations?district=${code}` }, t('map.listStations')),
        ' · ',
        h('a', { href: `/conflicts?district=${code}&status=open` }, t('map.listConflicts')),
        ' · ',
        h('a', { href: `/inspections?district=${code}` }, t('map.listInspections')),
      ),
    );
  }

  function draw(figures) {
    const metric = state.metric;
    const values = new Map(figures.data.map((d) => [d.code, Number(d[metric]) || 0]));
    const max = Math.max(0, ...values.values());
    const palette = PALETTES[metric] || PALETTES.other;
    const step = Math.max(1, Math.ceil(max / (palette.length - 1)));
    const classOf = (v) => (v <= 0 ? 0 : Math.min(palette.length - 1, 1 + Math.floor((v - 1) / step)));
    const metricName = t(`map.metrics.${metric}`).toLowerCase();
    group.clearLayers();
    shaded = districtLayer(districts, {
      focus: state.district || null,
      approxLabel: t('map.approximate'),
      style: (f) => ({
        fillColor: palette[classOf(values.get(f.properties.code) || 0)],
        fillOpacity: choroplethOpacity(map.getZoom()),
        className: 'district-area',
      }),
      tooltip: (f) => `${f.properties.name}: ${number(values.get(f.properties.code) || 0)} ${metricName}`,
      popup: (f, name) => popup(f, name, figures),
    }).addTo(group);
    if (legend) legend.remove();
    const items = palette
      .map((c, i) => [c, i === 0 ? '0' : step === 1 ? number(i) : `${number((i - 1) * step + 1)}–${number(i * step)}`])
      .filter((_, i) => i === 0 || (i - 1) * step + 1 <= Math.max(max, 1));
    legend = legendControl(t(`map.metrics.${metric}`), items, 'topright');
    if (state.layers.has('districts')) legend.addTo(map);
  }

  return {
    name: 'districts',
    groups: [group],
    /** Fetches the district outlines once (before anything can be shaded or fitted). */
    async fetchOutlines() {
      districts = await fetchJson('/api/v1/districts.geojson');
    },
    /** Fits the map to one district, or to all of them when `code` is empty. */
    fitTo(code, animate = true) {
      if (!districts) return;
      const fc = code
        ? { ...districts, features: districts.features.filter((f) => f.properties.code === code) }
        : districts;
      // Nothing drawn under the zoom buttons (top left): a cluster's count stays readable there.
      if (fc.features.length)
        map.fitBounds(L.geoJSON(fc).getBounds(), {
          paddingTopLeft: [ZOOM_BUTTONS_PX, 10],
          paddingBottomRight: [10, 10],
          animate,
        });
    },
    /** Asks for the figures under the filters and shades the districts (unshaded when the request fails). */
    async refresh() {
      if (!districts) return;
      let figures = { data: [] };
      try {
        figures = await load(
          'figures',
          `/api/v1/map/districts?${filterParams()}&metric=${encodeURIComponent(state.metric)}`,
        );
      } catch {
        onError();
      }
      if (figures) draw(figures);
    },
    /** After the layers changed: the legend goes with the districts. */
    synced() {
      if (legend && !state.layers.has('districts')) legend.remove();
    },
    /** The legend's box on the map, or null when the districts are off. */
    legendBox() {
      return legend && state.layers.has('districts') ? legend.getContainer() : null;
    },
  };
}
