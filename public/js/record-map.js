// Small maps on a station, assignment or conflict page: the record's coverage footprint(s), its station,
// and its conflicts (overlap and a line to each conflicting neighbour). Every element with
// data-record-map is one map; data-footprints, data-stations and data-conflicts hold space-separated
// GeoJSON URLs of the app.
import { L, conflictLayer, createMap, fetchJson, footprintLayer, stationPointLayer, translator } from './tanso-map.js';

const urls = (s) => (s || '').split(/\s+/).filter(Boolean);

for (const el of document.querySelectorAll('[data-record-map]')) {
  const i18n = translator(el);
  const map = createMap(el, { tileUrl: el.dataset.tileUrl });
  const colours = urls(el.dataset.footprintColours);
  const jobs = [
    ...urls(el.dataset.footprints).map((u, i) =>
      fetchJson(u).then((fc) => footprintLayer(fc, i18n, { colour: colours[i] })),
    ),
    ...urls(el.dataset.conflicts).map((u) => fetchJson(u).then((fc) => conflictLayer(fc, i18n))),
    ...urls(el.dataset.stations).map((u) => fetchJson(u).then((fc) => stationPointLayer(fc, i18n))),
  ];
  Promise.all(jobs)
    .then((layers) => {
      const group = L.featureGroup(layers).addTo(map);
      const bounds = group.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], maxZoom: 13 });
      else map.setView([12.7, 108.05], 8);
      el.dataset.ready = 'true';
    })
    .catch(() => {
      map.setView([12.7, 108.05], 8);
      el.dataset.ready = 'error';
    });
}
