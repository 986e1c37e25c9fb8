// Leaflet.markercluster is a UMD plugin that extends a global `L`. The ES module namespace of Leaflet is
// frozen, so the plugin gets a plain object with the same classes as window.L. Import this module before
// the plugin (module imports run in order); leaflet-cluster.js does both.
import * as Leaflet from '/vendor/leaflet/leaflet-src.esm.js';

if (!window.L || !window.L.Map) window.L = { ...Leaflet };
export default window.L;
