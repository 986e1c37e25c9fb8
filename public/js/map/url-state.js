// The /map page's state: the filters, the layers shown, the choropleth metric and the view, kept in the
// form beside the map and in the address (history.replaceState), so that a link reopens the same map.

const FILTERS = ['district', 'service', 'status', 'band', 'licensee', 'severity', 'istatus', 'itype'];
const LAYERS = ['districts', 'stations', 'footprints', 'conflicts', 'inspections'];

/** The state written in an address's query (`search`): view (lat, lon, z or null), filters, layers, metric. */
export function readUrl(search) {
  const q = new URLSearchParams(search);
  const numberOr = (k) =>
    q.get(k) !== null && q.get(k) !== '' && Number.isFinite(Number(q.get(k))) ? Number(q.get(k)) : null;
  const layers = q
    .getAll('layers')
    .flatMap((v) => v.split(','))
    .filter((v) => LAYERS.includes(v));
  const s = {
    lat: numberOr('lat'),
    lon: numberOr('lon'),
    z: numberOr('z'),
    metric: q.get('metric') || 'stations',
    // A past day (YYYY-MM-DD): the stations and footprints as they stood then (set by the page's date picker).
    asOf: q.get('asOf') || '',
    layers: new Set(q.has('layers') ? layers : ['districts', 'stations', 'conflicts']),
  };
  for (const f of FILTERS) s[f] = q.get(f) || '';
  return s;
}

/**
 * The page's state between the filter `form`, the `map` and the address. Options: form, map, and
 * location (window.location) and history (window.history).
 */
export function createUrlState({ form, map, location, history }) {
  const state = readUrl(location.search);
  // On a past day the page disables what has no history (the conflicts layer, shading by conflicts or
  // inspections): off, whatever the address says.
  for (const box of form.querySelectorAll('input[name="layers"]:disabled')) state.layers.delete(box.value);
  for (const radio of form.querySelectorAll('input[name="metric"]:disabled'))
    if (radio.value === state.metric) state.metric = 'stations';

  /** The licence filters shared by every layer, as query parameters. */
  function filterParams() {
    const q = new URLSearchParams();
    for (const f of ['district', 'service', 'status', 'band', 'licensee']) if (state[f]) q.set(f, state[f]);
    if (state.asOf) q.set('asOf', state.asOf);
    return q;
  }

  return {
    state,
    filterParams,
    /** The form shows the state. */
    writeForm() {
      for (const f of FILTERS) form.elements[f].value = state[f];
      for (const box of form.querySelectorAll('input[name="layers"]')) box.checked = state.layers.has(box.value);
      for (const radio of form.querySelectorAll('input[name="metric"]')) radio.checked = radio.value === state.metric;
    },
    /** The state takes what the form shows. */
    readForm() {
      for (const f of FILTERS) state[f] = form.elements[f].value.trim();
      state.layers = new Set([...form.querySelectorAll('input[name="layers"]:checked')].map((b) => b.value));
      const metric = form.querySelector('input[name="metric"]:checked');
      state.metric = metric ? metric.value : 'stations';
    },
    /** The address (and the form's hidden view fields) show the state and the map's view. */
    writeUrl() {
      const q = filterParams();
      if (state.severity) q.set('severity', state.severity);
      if (state.istatus) q.set('istatus', state.istatus);
      if (state.itype) q.set('itype', state.itype);
      q.set('layers', [...state.layers].join(','));
      q.set('metric', state.metric);
      const c = map.getCenter();
      q.set('lat', c.lat.toFixed(5));
      q.set('lon', c.lng.toFixed(5));
      q.set('z', String(Math.round(map.getZoom() * 4) / 4));
      for (const k of ['lat', 'lon', 'z']) form.elements[k].value = q.get(k);
      history.replaceState(null, '', `/map?${q}`);
    },
    /** The filters with the view the layers are asked for: the map's bounds (padded 10 %) and zoom. */
    viewParams() {
      const b = map.getBounds().pad(0.1);
      const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
      const q = filterParams();
      const bbox = [
        clamp(b.getWest(), -180, 180),
        clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180),
        clamp(b.getNorth(), -90, 90),
      ];
      q.set('bbox', bbox.map((x) => x.toFixed(5)).join(','));
      q.set('zoom', String(Math.round(map.getZoom())));
      return q;
    },
  };
}
