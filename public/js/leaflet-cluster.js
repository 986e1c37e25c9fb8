// Leaflet with the markercluster plugin (served locally from node_modules/leaflet.markercluster/dist).
import L from './leaflet-global.js';
import '/vendor/leaflet.markercluster/leaflet.markercluster-src.js';

export default L;
