// The public register's map (/register and /register/licences/:number): the stations of the licences shown, as
// dots in their service colour, with their coverage footprints. Popups and tooltips are DOM nodes built with
// h() (never HTML strings from data). "Search this map area" writes the map's bounds into the search form's
// bbox field and sends the form, so the URL keeps the search.
import { L, SERVICE_COLOURS, createMap, dotIcon, facts, fetchJson, h, legendBox, translator } from './tanso-map.js';

const colourOf = (service) => SERVICE_COLOURS[service] || SERVICE_COLOURS.other;

function stationPopup(p, i18n) {
  const { t, number } = i18n;
  return h(
    'div',
    {},
    h('strong', {}, p.name),
    facts([
      [
        t('register.number'),
        h('a', { href: `/register/licences/${encodeURIComponent(p.licenceNumber)}` }, p.licenceNumber),
      ],
      [t('register.service'), t(`svc.${p.service}`)],
      [t('register.callsign'), p.callsign],
      [t('register.erp'), `${number(p.erpW, 1)} W`],
      [t('register.height'), `${number(p.antennaHeightM, 1)} m`],
      p.positionRounded ? [t('register.position'), t('register.positionRounded')] : null,
    ]),
  );
}

function draw(el, fc, map, i18n) {
  const footprints = L.geoJSON(
    { type: 'FeatureCollection', features: fc.features.filter((f) => f.geometry.type === 'Polygon') },
    {
      pane: 'footprints',
      interactive: false,
      style: (f) => ({ color: colourOf(f.properties.service), weight: 1, fillOpacity: 0.08 }),
    },
  );
  const stations = L.geoJSON(
    { type: 'FeatureCollection', features: fc.features.filter((f) => f.geometry.type === 'Point') },
    {
      pointToLayer: (f, latlng) =>
        L.marker(latlng, { icon: dotIcon(colourOf(f.properties.service)), title: f.properties.name, keyboard: true }),
      onEachFeature: (f, lyr) => {
        lyr.bindTooltip(() => h('span', {}, `${f.properties.name} · ${f.properties.licenceNumber}`));
        lyr.bindPopup(() => stationPopup(f.properties, i18n));
      },
    },
  );
  const group = L.featureGroup([footprints, stations]).addTo(map);
  const services = [...new Set(fc.features.map((f) => f.properties.service))].sort();
  if (services.length) {
    const legend = L.control({ position: 'bottomright' });
    legend.onAdd = () =>
      legendBox(
        i18n.t('register.mapLegend'),
        services.map((s) => [colourOf(s), i18n.t(`svc.${s}`)]),
      );
    legend.addTo(map);
  }
  const bounds = group.getBounds();
  const bbox = (el.dataset.bbox || '').split(',').map(Number);
  if (bbox.length === 4 && bbox.every(Number.isFinite))
    map.fitBounds([
      [bbox[1], bbox[0]],
      [bbox[3], bbox[2]],
    ]);
  else if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], maxZoom: 12 });
  else map.setView([12.7, 108.05], 8);
  const note = document.getElementById(el.dataset.truncatedNote || '');
  if (note && fc.truncated) {
    note.textContent = i18n.t('register.mapTruncated', {
      shown: fc.features.filter((f) => f.geometry.type === 'Point').length,
      total: fc.total,
    });
    note.hidden = false;
  }
}

for (const el of document.querySelectorAll('[data-register-map]')) {
  const i18n = translator(el);
  const map = createMap(el, { tileUrl: el.dataset.tileUrl });
  fetchJson(el.dataset.geojson)
    .then((fc) => {
      draw(el, fc, map, i18n);
      el.dataset.ready = 'true';
    })
    .catch(() => {
      map.setView([12.7, 108.05], 8);
      el.dataset.ready = 'error';
    });
  const button = document.getElementById(el.dataset.areaButton || '');
  const form = button?.form;
  if (button && form) {
    button.hidden = false;
    button.addEventListener('click', (e) => {
      e.preventDefault();
      const b = map.getBounds();
      const r = (x) => Math.round(x * 1e4) / 1e4;
      form.elements.namedItem('bbox').value = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(r).join(',');
      const page = form.elements.namedItem('page');
      if (page) page.value = '';
      form.requestSubmit();
    });
  }
}
