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
import { foldFilters } from './map/fold.js';

const el = document.getElementById('map');
const form = document.getElementById('map-filters');
if (el && form) start(el, form);

function start(el, form) {
  foldFilters(form, window.matchMedia.bind(window));
  const i18n = translator(el);
  const map = createMap(el, { tileUrl: el.dataset.tileUrl });
  const page = createUrlState({ form, map, location: window.location, history: window.history });
  const status = createStatus(document.getElementById('map-status'), i18n.t);
  // A map moving (a pan animation, a popup bringing itself into view) or a refresh waiting for it to
  // stop counts as busy too, so that "idle" means no request under way and none about to start.
  const busy = busyCounter(el);
  const ctx = { el, map, i18n, page, status, busy, load: createLoader({ onBusy: busy }) };
  const layers = createLayers(ctx);
  document.getElementById('map-legends').append(...mapLegends(i18n.t));

  const syncLayers = () => showChosenLayers(ctx, layers);
  const refreshView = createRefresher(ctx, layers);
  showFirstView(ctx, layers, syncLayers, refreshView);
  wireForm(form, (refit) => {
    page.readForm();
    syncLayers();
    page.writeUrl();
    if (refit && page.state.district) layers.districts.fitTo(page.state.district);
    layers.districts.refresh();
    refreshView();
  });
}

/** The status line, and the view the layers were last asked for ('' when none, or after a failure). */
function createStatus(line, t) {
  const status = {
    lastView: '',
    set: (text) => {
      line.textContent = text;
    },
    quiet: () => {
      status.set(t('map.loadFailed'));
      status.lastView = ''; // the next move asks again
    },
  };
  return status;
}

/** The districts layer, the overlays (in stacking order) and the "in view" list. */
function createLayers({ el, map, i18n, load, page, status }) {
  const shared = { map, i18n, load, state: page.state };
  const districts = createDistrictsLayer({ ...shared, filterParams: page.filterParams, onError: status.quiet });
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
  return { districts, stations, footprints, conflicts, inspections, overlays, describe };
}

/** Shows the layers the state asks for and hides the others. */
function showChosenLayers({ map, page }, { districts, overlays }) {
  for (const layer of [districts, ...overlays]) {
    const on = page.state.layers.has(layer.name);
    for (const group of layer.groups) {
      if (on) group.addTo(map);
      else group.remove();
    }
  }
  districts.synced();
}

/** The refresh of the overlays for the current view: only the latest one started describes what is in view. */
function createRefresher({ el, page, status }, { stations, conflicts, footprints, inspections, describe }) {
  let generation = 0;
  return async function refreshView() {
    status.set('');
    const mine = ++generation;
    const q = page.viewParams();
    status.lastView = q.toString();
    const answers = {};
    const order = [stations, conflicts, footprints, inspections];
    await Promise.all(
      order.map((layer) =>
        layer
          .update(q)
          .then((fc) => {
            if (fc) answers[layer.name] = fc;
          })
          .catch(status.quiet),
      ),
    );
    if (mine !== generation) return;
    describe(answers);
    // What is drawn now (tests and tools wait for it): the filters of the last complete refresh.
    el.dataset.drawn = page.filterParams().toString();
  };
}

/** The view from the address (or the districts fitted), its first refresh, and a refresh after each move. */
function showFirstView(ctx, { districts }, syncLayers, refreshView) {
  const { el, map, page, status } = ctx;
  const { state } = page;
  const { t } = ctx.i18n;
  page.writeForm();
  if (state.lat !== null && state.lon !== null && state.z !== null) map.setView([state.lat, state.lon], state.z);
  else map.setView([12.79, 108.24], 8);
  syncLayers();

  const districtsDrawn = districts
    .fetchOutlines()
    .then(() => {
      // With no view in the address, the map fits the districts (at once, without animation) before the
      // layers are asked for, so that they are fetched once, for the view the user will see.
      if (state.lat === null) districts.fitTo(state.district, false);
      return districts.refresh();
    })
    .catch(() => status.set(t('map.loadFailed')));
  const noRefreshWaiting = refreshOnMove(ctx, refreshView);
  // After the fit, the move it made refreshes the layers; only when it made none (the view was already
  // right) is the first refresh asked for here.
  const firstView =
    state.lat === null
      ? districtsDrawn.then(() => (noRefreshWaiting() && status.lastView === '' ? refreshView() : undefined))
      : refreshView();
  Promise.all([districtsDrawn, firstView]).then(() => {
    el.dataset.ready = 'true';
  });
}

/** Refreshes the overlays once the map has stopped moving; returns whether no such refresh is waiting. */
function refreshOnMove({ map, page, status, busy }, refreshView) {
  let timer = null;
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
      if (page.viewParams().toString() === status.lastView) {
        busy(-1);
        return;
      }
      Promise.resolve(refreshView()).finally(() => busy(-1));
    }, 150);
  });
  return () => timer === null;
}

/** Submitting or changing the form applies it (a new district refits the map); typing a licensee, after a pause. */
function wireForm(form, apply) {
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
