// Markers shared by the /map page's layers.
import L from '../leaflet-cluster.js';

/**
 * A server cluster (a point feature with `count` and `extent` [w, s, e, n]) as a marker that zooms to
 * its extent when chosen: at most `maxZoomIn` steps in when given; without it, a cluster whose extent
 * is one point zooms in two steps.
 */
export function clusterMarker(map, feature, { icon, title, maxZoomIn }) {
  const [lon, lat] = feature.geometry.coordinates;
  const [w, s, e, n] = feature.properties.extent;
  const m = L.marker([lat, lon], { icon, title, keyboard: true });
  m.on('click', () => {
    const bounds = [
      [s, w],
      [n, e],
    ];
    if (maxZoomIn !== undefined) map.fitBounds(bounds, { padding: [20, 20], maxZoom: map.getZoom() + maxZoomIn });
    else if (e - w < 1e-6 && n - s < 1e-6) map.setView([lat, lon], map.getZoom() + 2);
    else map.fitBounds(bounds, { padding: [20, 20] });
  });
  return m;
}
