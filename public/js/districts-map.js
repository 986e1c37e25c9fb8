// District maps: on /districts every district; on /districts/:code the district fitted and highlighted,
// with its stations and open conflicts (data-stations, data-conflicts). Built on the shared tanso-map.js.
import { conflictLayer, createMap, districtLayer, fetchJson, stationPointLayer, translator } from './tanso-map.js';

const el = document.getElementById('district-map');
if (el) {
  const i18n = translator(el);
  const focus = el.dataset.focus || null;
  const map = createMap(el, { tileUrl: el.dataset.tileUrl });
  const extras = [];
  if (el.dataset.stations) {
    extras.push(fetchJson(el.dataset.stations).then((fc) => stationPointLayer(fc, i18n, { licence: true })));
  }
  if (el.dataset.conflicts) extras.push(fetchJson(el.dataset.conflicts).then((fc) => conflictLayer(fc, i18n)));
  fetchJson(el.dataset.geojson)
    .then(async (fc) => {
      const layer = districtLayer(fc, { focus, approxLabel: el.dataset.approximateLabel || 'approximate' }).addTo(map);
      const target = focus ? layer.getLayers().find((l) => l.feature.properties.code === focus) : null;
      map.fitBounds((target || layer).getBounds(), { padding: [10, 10] });
      for (const extra of await Promise.all(extras)) extra.addTo(map);
      el.dataset.ready = 'true';
    })
    .catch(() => {
      el.dataset.ready = 'error';
    });
}
