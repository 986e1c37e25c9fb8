// District map: polygons from /api/v1/districts.geojson on Leaflet (served locally). Base tiles from
// the configured URL; when they cannot load, the polygons still draw on the plain background.
import * as L from '/vendor/leaflet/leaflet-src.esm.js';

const el = document.getElementById('district-map');
if (el) {
  const focus = el.dataset.focus || null;
  const approxLabel = el.dataset.approximateLabel || 'approximate';
  const map = L.map(el, { keyboard: true, zoomSnap: 0.25 });
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, { maxZoom: 18, attribution: '&copy; OpenStreetMap contributors' }).addTo(map);
  }
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  fetch(el.dataset.geojson, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((fc) => {
      const layer = L.geoJSON(fc, {
        style: (f) => ({
          color: f.properties.code === focus ? '#b42318' : '#0b5cad',
          weight: f.properties.code === focus ? 3 : 1.5,
          dashArray: f.properties.approximate ? '6 4' : null,
          fillOpacity: f.properties.code === focus ? 0.25 : 0.08,
        }),
        onEachFeature: (f, lyr) => {
          const name = `${f.properties.name} (${f.properties.code})${f.properties.approximate ? ` — ${approxLabel}` : ''}`;
          lyr.bindTooltip(name, { sticky: true });
          const a = document.createElement('a');
          a.href = `/districts/${encodeURIComponent(f.properties.code)}`;
          a.textContent = name;
          lyr.bindPopup(a);
        },
      }).addTo(map);
      const target = focus ? layer.getLayers().find((l) => l.feature.properties.code === focus) : null;
      map.fitBounds((target || layer).getBounds(), { padding: [10, 10] });
      el.dataset.ready = 'true';
    })
    .catch(() => {
      el.dataset.ready = 'error';
    });
}
