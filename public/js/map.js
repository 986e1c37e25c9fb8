// The /map page: district choropleth, stations (server clusters when zoomed out or dense, client
// clusters otherwise), coverage footprints, conflicts and inspections (squares), all fetched for the
// current view from the /api/v1/*.geojson endpoints. The URL keeps the view, the filters and the layers.
// Each layer is a module of map/; this one wires them to the map, the form and the "in view" list.
import { createMap, translator } from './tanso-map.js';
import { createConflictsLayer } from './map/conflicts.js';
import { createDistrictsLayer } from './map/districts.js';
import { createFootprintsLayer } from './map/footprints.js';
import { createInViewList } from './map/in-view.js';
import { createInspectionsLayer } from './map/inspections.js';
import { mapLegends } from './map/legends.js';
import { busyCounter, createLoader } from './map/loader.js';
import { createStationsLayer } from './map/stations.js';
import { createUrlState } from './map/url-state.js';

const el = document.getElementById('map');
const form = document.getElementById('map-filters');
if (el && form) start(el, form);

function start(el, form) {
  const i18n = translator(el);
  const { t } = i18n;
  const map = createMap(el, { tileUrl: el.dataset.tileUrl });
  const page = createUrlState({ form, map, location: window.location, history: window.history });
  const { state } = page;
  const status = document.getElementById('map-status');
  const setStatus = (text) => {
    status.textContent = text;
  };
  // A map moving (a pan animation, a popup bringing itself into view) or a refresh waiting for it to
  // stop counts as busy too, so that "idle" means no request under way and none about to start.
  const busy = busyCounter(el);
  const load = createLoader({ onBusy: busy });
  let lastView = '';
  const quiet = () => {
    setStatus(t('map.loadFailed'));
    lastView = ''; // the next move asks again
  };

  const shared = { map, i18n, load, state };
  const districts = createDistrictsLayer({ ...shared, filterParams: page.filterParams, onError: quiet });
  const popupTopPadding = () => {
    const box = districts.legendBox();
    return box && el.clientWidth < 600 ? box.offsetHeight + 20 : 10;
  };
  const stations = createStationsLayer(shared);
  const footprints = createFootprintsLayer(shared);
  const conflicts = createConflictsLayer(shared);
  const inspections = createInspectionsLayer({ ...shared, popupTopPadding });
  // Stacking order as added: districts, stations, footprints, conflicts, inspections.
  const overlays = [stations, footprints, conflicts, inspections];
  const describe = createInViewList({
    ...shared,
    counts: document.getElementById('map-counts'),
    conflicts: document.getElementById('map-conflict-list'),
    stations: document.getElementById('map-station-list'),
    inspections: document.getElementById('map-inspection-list'),
  });

  document.getElementById('map-legends').append(...mapLegends(t));

  function syncLayers() {
    for (const layer of [districts, ...overlays]) {
      const on = state.layers.has(layer.name);
      for (const group of layer.groups) {
        if (on) group.addTo(map);
        else group.remove();
      }
    }
    districts.synced();
  }

  let generation = 0;
  async function refreshView() {
    setStatus('');
    const mine = ++generation;
    const q = page.viewParams();
    lastView = q.toString();
    const answers = {};
    const order = [stations, conflicts, footprints, inspections];
    await Promise.all(
      order.map((layer) =>
        layer
          .update(q)
          .then((fc) => {
            if (fc) answers[layer.name] = fc;
          })
          .catch(quiet),
      ),
    );
    if (mine !== generation) return;
    describe(answers);
    // What is drawn now (tests and tools wait for it): the filters of the last complete refresh.
    el.dataset.drawn = page.filterParams().toString();
  }

  function apply(refit) {
    page.readForm();
    syncLayers();
    page.writeUrl();
    if (refit && state.district) districts.fitTo(state.district);
    districts.refresh();
    refreshView();
  }

  page.writeForm();
  if (state.lat !== null && state.lon !== null && state.z !== null) map.setView([state.lat, state.lon], state.z);
  else map.setView([12.79, 108.24], 8);
  syncLayers();

  let timer = null;
  const districtsDrawn = districts
    .fetchOutlines()
    .then(() => {
      // With no view in the address, the map fits the districts (at once, without animation) before the
      // layers are asked for, so that they are fetched once, for the view the user will see.
      if (state.lat === null) districts.fitTo(state.district, false);
      return districts.refresh();
    })
    .catch(() => setStatus(t('map.loadFailed')));

  let moving = false;
  const startMoving = () => {
    if (!moving) {
      moving = true;
      busy(1);
    }
  };
  map.on('movestart', startMoving);
  map.on('moveend', () => {
    startMoving();
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      moving = false;
      page.writeUrl();
      // A move that ends where the last refresh looked (a popup nudging the map back, a fit to the same
      // bounds) asks for nothing again.
      if (page.viewParams().toString() === lastView) {
        busy(-1);
        return;
      }
      Promise.resolve(refreshView()).finally(() => busy(-1));
    }, 150);
  });
  // After the fit, the move it made refreshes the layers; only when it made none (the view was already
  // right) is the first refresh asked for here.
  const firstView =
    state.lat === null
      ? districtsDrawn.then(() => (timer === null && lastView === '' ? refreshView() : undefined))
      : refreshView();
  Promise.all([districtsDrawn, firstView]).then(() => {
    el.dataset.ready = 'true';
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply(true);
  });
  form.addEventListener('change', (e) => apply(e.target && e.target.name === 'district'));
  let typing = null;
  form.elements.licensee.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => apply(false), 400);
  });
}
