// The /map page: district choropleth, stations (server clusters when zoomed out or dense, client
// clusters otherwise), coverage footprints, conflicts and inspections (squares), all fetched for the current view from the
// /api/v1/*.geojson endpoints. The URL keeps the view, the filters and the layers (history.replaceState).
import L from './leaflet-cluster.js';
import {
  INSPECTION_COLOURS,
  SERVICE_COLOURS,
  SEVERITY_COLOURS,
  conflictLayer,
  countIcon,
  createMap,
  districtLayer,
  dotIcon,
  facts,
  fetchJson,
  footprintLayer,
  h,
  legendBox,
  legendControl,
  squareIcon,
  translator,
} from './tanso-map.js';

const el = document.getElementById('map');
const form = document.getElementById('map-filters');
const FILTERS = ['district', 'service', 'status', 'band', 'licensee', 'severity', 'istatus', 'itype'];
const LAYERS = ['districts', 'stations', 'footprints', 'conflicts', 'inspections'];
const FOOTPRINT_MIN_ZOOM = 10;
const PALETTES = {
  stations: ['#eff6ff', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'],
  openConflicts: ['#fef2f2', '#fecaca', '#f87171', '#dc2626', '#7f1d1d'],
  overdueInspections: ['#fff7ed', '#fed7aa', '#fb923c', '#ea580c', '#7c2d12'],
  other: ['#f7fee7', '#d9f99d', '#a3e635', '#65a30d', '#365314'],
};

if (el && form) {
  const i18n = translator(el);
  const { t, number, frequency } = i18n;
  const state = readUrl();
  const map = createMap(el, { tileUrl: el.dataset.tileUrl });
  const groups = {
    districts: L.layerGroup(),
    stations: L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      iconCreateFunction: (cluster) => {
        const by = {};
        for (const m of cluster.getAllChildMarkers()) by[m.options.service] = (by[m.options.service] || 0) + 1;
        const top = Object.entries(by).sort((a, b) => b[1] - a[1])[0];
        return countIcon(cluster.getChildCount(), SERVICE_COLOURS[top ? top[0] : 'other']);
      },
    }),
    stationCells: L.layerGroup(),
    footprints: L.layerGroup(),
    conflicts: L.layerGroup(),
    inspections: L.layerGroup(),
  };
  let districtsFc = null;
  let choroplethLegend = null;
  const inflight = {};
  let generation = 0;
  // What each layer shows now (a refresh with the same features keeps the drawn layer and its open popup).
  let stationKey = '';
  let conflictKey = '';
  let inspectionKey = '';
  let openConflict = null;

  document.getElementById('map-legends').append(
    legendBox(
      t('map.legendServices'),
      Object.entries(SERVICE_COLOURS).map(([k, c]) => [c, t(`svc.${k}`)]),
    ),
    legendBox(
      t('map.legendConflicts'),
      Object.entries(SEVERITY_COLOURS).map(([k, c]) => [c, t(`sev.${k}`), 'line']),
    ),
    legendBox(t('map.legendInspections'), [
      [INSPECTION_COLOURS.inspection, t('map.legendInspection')],
      [INSPECTION_COLOURS.unlicensed, t('map.legendUnlicensed')],
    ]),
  );

  writeForm();
  if (state.lat !== null && state.lon !== null && state.z !== null) map.setView([state.lat, state.lon], state.z);
  else map.setView([12.79, 108.24], 8);
  syncLayers();

  let timer = null;
  let lastView = '';
  const districtsDrawn = fetchJson('/api/v1/districts.geojson')
    .then((fc) => {
      districtsFc = fc;
      // With no view in the address, the map fits the districts (at once, without animation) before the
      // layers are asked for, so that they are fetched once, for the view the user will see.
      if (state.lat === null) fitTo(state.district, false);
      return refreshChoropleth();
    })
    .catch(() => setStatus(t('map.loadFailed')));

  // A map moving (a pan animation, a popup bringing itself into view) or a refresh waiting for it to
  // stop counts as busy too, so that "idle" means no request under way and none about to start.
  let moving = false;
  const busy = (delta) => {
    el.dataset.busy = String(Number(el.dataset.busy || 0) + delta);
  };
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
      writeUrl();
      // A move that ends where the last refresh looked (a popup nudging the map back, a fit to the same
      // bounds) asks for nothing again.
      if (viewParams().toString() === lastView) {
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

  function apply(refit) {
    readForm();
    syncLayers();
    writeUrl();
    if (refit && state.district) fitTo(state.district);
    refreshChoropleth();
    refreshView();
  }

  function readUrl() {
    const q = new URLSearchParams(window.location.search);
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
      layers: new Set(q.has('layers') ? layers : ['districts', 'stations', 'conflicts']),
    };
    for (const f of FILTERS) s[f] = q.get(f) || '';
    return s;
  }

  function writeForm() {
    for (const f of FILTERS) form.elements[f].value = state[f];
    for (const box of form.querySelectorAll('input[name="layers"]')) box.checked = state.layers.has(box.value);
    for (const radio of form.querySelectorAll('input[name="metric"]')) radio.checked = radio.value === state.metric;
  }

  function readForm() {
    for (const f of FILTERS) state[f] = form.elements[f].value.trim();
    state.layers = new Set([...form.querySelectorAll('input[name="layers"]:checked')].map((b) => b.value));
    const metric = form.querySelector('input[name="metric"]:checked');
    state.metric = metric ? metric.value : 'stations';
  }

  function filterParams() {
    const q = new URLSearchParams();
    for (const f of ['district', 'service', 'status', 'band', 'licensee']) if (state[f]) q.set(f, state[f]);
    return q;
  }

  function writeUrl() {
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
    window.history.replaceState(null, '', `/map?${q}`);
  }

  function syncLayers() {
    const on = (name, group) => (state.layers.has(name) ? group.addTo(map) : group.remove());
    on('districts', groups.districts);
    on('stations', groups.stations);
    on('stations', groups.stationCells);
    on('footprints', groups.footprints);
    on('conflicts', groups.conflicts);
    on('inspections', groups.inspections);
    if (choroplethLegend && !state.layers.has('districts')) choroplethLegend.remove();
  }

  function fitTo(code, animate = true) {
    if (!districtsFc) return;
    const fc = code
      ? { ...districtsFc, features: districtsFc.features.filter((f) => f.properties.code === code) }
      : districtsFc;
    if (fc.features.length) map.fitBounds(L.geoJSON(fc).getBounds(), { padding: [10, 10], animate });
  }

  function viewParams() {
    const b = map.getBounds().pad(0.1);
    const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
    const q = filterParams();
    q.set(
      'bbox',
      [
        clamp(b.getWest(), -180, 180),
        clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180),
        clamp(b.getNorth(), -90, 90),
      ]
        .map((x) => x.toFixed(5))
        .join(','),
    );
    q.set('zoom', String(Math.round(map.getZoom())));
    return q;
  }

  /** Fetches a layer; a response that a newer request of the same layer overtook resolves to null (ignored, not aborted). */
  function load(name, url) {
    const seq = (inflight[name] || 0) + 1;
    inflight[name] = seq;
    // data-busy: how many layer requests are under way (0 when the map is idle).
    el.dataset.busy = String(Number(el.dataset.busy || 0) + 1);
    return fetchJson(url)
      .then((body) => (inflight[name] === seq ? body : null))
      .finally(() => {
        el.dataset.busy = String(Number(el.dataset.busy) - 1);
      });
  }

  function quiet() {
    setStatus(t('map.loadFailed'));
    lastView = ''; // the next move asks again
  }

  async function refreshView() {
    setStatus('');
    const mine = ++generation;
    const q = viewParams();
    lastView = q.toString();
    const jobs = [];
    const counts = {};
    if (state.layers.has('stations'))
      jobs.push(
        load('stations', `/api/v1/stations.geojson?${q}`)
          .then((fc) => {
            if (fc) {
              drawStations(fc);
              counts.stations = fc;
            }
          })
          .catch(quiet),
      );
    else {
      groups.stations.clearLayers();
      groups.stationCells.clearLayers();
      stationKey = '';
    }
    if (state.layers.has('conflicts')) {
      const cq = new URLSearchParams(q);
      if (state.severity) cq.set('severity', state.severity);
      jobs.push(
        load('conflicts', `/api/v1/conflicts.geojson?${cq}`)
          .then((fc) => {
            if (fc) {
              drawConflicts(fc);
              counts.conflicts = fc;
            }
          })
          .catch(quiet),
      );
    } else {
      groups.conflicts.clearLayers();
      conflictKey = '';
    }
    if (state.layers.has('footprints') && map.getZoom() >= FOOTPRINT_MIN_ZOOM) {
      jobs.push(
        load('footprints', `/api/v1/footprints.geojson?${q}`)
          .then((fc) => {
            if (fc) {
              groups.footprints.clearLayers();
              footprintLayer(fc, i18n).addTo(groups.footprints);
              counts.footprints = fc;
            }
          })
          .catch(quiet),
      );
    } else groups.footprints.clearLayers();
    if (state.layers.has('inspections')) {
      // Inspections take the view and the district only: their `status` is the inspection's, not the licence's.
      const iq = new URLSearchParams({ bbox: q.get('bbox'), zoom: q.get('zoom') });
      if (state.district) iq.set('district', state.district);
      if (state.istatus) iq.set('status', state.istatus);
      if (state.itype) iq.set('type', state.itype);
      jobs.push(
        load('inspections', `/api/v1/inspections.geojson?${iq}`)
          .then((fc) => {
            if (fc) {
              drawInspections(fc);
              counts.inspections = fc;
            }
          })
          .catch(quiet),
      );
    } else {
      groups.inspections.clearLayers();
      inspectionKey = '';
    }
    await Promise.all(jobs);
    if (mine !== generation) return;
    describe(counts);
    // What is drawn now (tests and tools wait for it): the filters of the last complete refresh.
    el.dataset.drawn = filterParams().toString();
  }

  function drawStations(fc) {
    const key = `${fc.mode}|${fc.features.map((f) => `${f.id}:${f.properties.count || ''}`).join(',')}`;
    if (key === stationKey) return;
    stationKey = key;
    groups.stations.clearLayers();
    groups.stationCells.clearLayers();
    if (fc.mode === 'clusters') {
      for (const f of fc.features) {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        const m = L.marker([lat, lon], {
          icon: countIcon(p.count, SERVICE_COLOURS[p.service] || '#475467'),
          title: t('map.clusterTitle', { count: number(p.count) }),
          keyboard: true,
        });
        m.on('click', () => {
          const [w, s, e, n] = p.extent;
          if (e - w < 1e-6 && n - s < 1e-6) map.setView([lat, lon], map.getZoom() + 2);
          else
            map.fitBounds(
              [
                [s, w],
                [n, e],
              ],
              { padding: [20, 20] },
            );
        });
        groups.stationCells.addLayer(m);
      }
      return;
    }
    const markers = fc.features.map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const m = L.marker([lat, lon], {
        icon: dotIcon(SERVICE_COLOURS[p.service] || '#475467'),
        title: `${p.name} (${t(`svc.${p.service}`)})`,
        keyboard: true,
        service: p.service,
      });
      m.bindPopup(() => stationPopup(p));
      return m;
    });
    groups.stations.addLayers(markers);
  }

  function stationPopup(p) {
    const freqs = p.frequenciesHz.slice(0, 4).map(frequency).join(', ') + (p.frequenciesHz.length > 4 ? ' …' : '');
    return h(
      'div',
      {},
      h('strong', {}, h('a', { href: `/stations/${p.id}` }, p.name)),
      facts([
        [t('map.callsign'), p.callsign],
        [t('map.service'), t(`svc.${p.service}`)],
        [
          t('map.licence'),
          h(
            'span',
            {},
            h('a', { href: `/licences/${p.licenceId}` }, p.licenceNumber || `#${p.licenceId}`),
            ` · ${t(`lic.${p.licenceStatus}`)}`,
          ),
        ],
        [t('map.licensee'), p.licenseeName],
        [t('map.district'), p.districtCode],
        [t('map.erp'), `${number(p.erpW, 1)} W`],
        [t('map.antennaHeight'), `${number(p.antennaHeightM, 0)} m`],
        [t('map.frequencies'), freqs || null],
      ]),
    );
  }

  function drawConflicts(fc) {
    // Same features as drawn: keep the layer (and any open popup) as it is.
    const key = `${fc.mode}|${fc.features.map((f) => `${f.id}:${f.properties.count || f.properties.status}`).join(',')}`;
    if (key === conflictKey) return;
    conflictKey = key;
    const reopen = openConflict;
    groups.conflicts.clearLayers();
    if (fc.mode === 'clusters') {
      for (const f of fc.features) {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        const m = L.marker([lat, lon], {
          icon: countIcon(p.count, SEVERITY_COLOURS[p.severity] || '#b42318'),
          title: t('map.conflictClusterTitle', { count: number(p.count) }),
          keyboard: true,
        });
        m.on('click', () =>
          map.fitBounds(
            [
              [p.extent[1], p.extent[0]],
              [p.extent[3], p.extent[2]],
            ],
            { padding: [20, 20], maxZoom: map.getZoom() + 3 },
          ),
        );
        groups.conflicts.addLayer(m);
      }
      return;
    }
    const layer = conflictLayer(fc, i18n).addTo(groups.conflicts);
    layer.on('popupopen', (e) => {
      openConflict = { id: e.propagatedFrom.feature.id, latlng: e.popup.getLatLng() };
    });
    layer.on('popupclose', () => {
      openConflict = null;
    });
    // A conflict whose popup was open before the redraw (the popup's own pan moved the map) keeps it open.
    const again = reopen && layer.getLayers().find((l) => l.feature.id === reopen.id);
    if (again) again.openPopup(reopen.latlng);
  }

  function drawInspections(fc) {
    const key = `${fc.mode}|${fc.features.map((f) => `${f.id}:${f.properties.count || f.properties.status}:${f.properties.openFindings || 0}`).join(',')}`;
    if (key === inspectionKey) return;
    inspectionKey = key;
    groups.inspections.clearLayers();
    for (const f of fc.features) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      if (p.cluster) {
        const m = L.marker([lat, lon], {
          icon: countIcon(p.count, p.unlicensed ? INSPECTION_COLOURS.unlicensed : INSPECTION_COLOURS.inspection, {
            square: true,
          }),
          title: t('map.inspectionClusterTitle', { count: number(p.count) }),
          keyboard: true,
        });
        m.on('click', () =>
          map.fitBounds(
            [
              [p.extent[1], p.extent[0]],
              [p.extent[3], p.extent[2]],
            ],
            { padding: [20, 20], maxZoom: map.getZoom() + 3 },
          ),
        );
        groups.inspections.addLayer(m);
        continue;
      }
      const icon = p.unlicensed
        ? squareIcon(INSPECTION_COLOURS.unlicensed, { mark: '!' })
        : squareIcon(INSPECTION_COLOURS.inspection);
      const title = `${p.reference} · ${t(`ity.${p.type}`)}${p.unlicensed ? ` · ${t('map.unlicensed')}` : ''}`;
      // Above stations; an unlicensed emitter above the inspections beside it.
      const m = L.marker([lat, lon], { icon, title, keyboard: true, zIndexOffset: p.unlicensed ? 1000 : 500 });
      // On a phone the choropleth legend covers the map's top right: the popup opens below it (set before the popup's own click or Enter handler runs).
      m.on('click keypress', () => {
        const pop = m.getPopup();
        if (pop) pop.options.autoPanPaddingTopLeft = L.point(10, popupTopPadding());
      });
      m.bindPopup(() => inspectionPopup(p), { maxWidth: 260 });
      groups.inspections.addLayer(m);
    }
  }

  function popupTopPadding() {
    const box = choroplethLegend && state.layers.has('districts') ? choroplethLegend.getContainer() : null;
    return box && el.clientWidth < 600 ? box.offsetHeight + 20 : 10;
  }

  function inspectionPopup(p) {
    const findings = p.openFindings
      ? `${number(p.openFindings)} (${t('map.worstSeverity', { severity: t(`fsev.${p.worstSeverity}`) })})`
      : number(0);
    return h(
      'div',
      { className: 'map-inspection-popup' },
      h('strong', {}, `${t('map.inspection')} ${p.reference}`),
      p.unlicensed ? h('p', { className: 'map-unlicensed' }, t('map.unlicensed')) : null,
      facts([
        [t('map.inspectionType'), t(`ity.${p.type}`)],
        [t('map.inspectionStatus'), t(`ist.${p.status}`)],
        [t('map.openFindings'), findings],
        p.stationId
          ? [t('map.station'), h('a', { href: `/stations/${p.stationId}` }, p.stationName || `#${p.stationId}`)]
          : [t('map.place'), p.place || null],
        [t('map.district'), p.districtCode],
        [t('map.inspectionDate'), p.date || null],
      ]),
      h(
        'p',
        {},
        h(
          'a',
          { href: `/inspections/${p.id}`, className: 'map-open-inspection' },
          t('map.openInspection', { reference: p.reference }),
        ),
      ),
    );
  }

  async function refreshChoropleth() {
    if (!districtsFc) return;
    let figures = { data: [] };
    try {
      figures = await load(
        'figures',
        `/api/v1/map/districts?${filterParams()}&metric=${encodeURIComponent(state.metric)}`,
      );
    } catch {
      quiet();
    }
    if (!figures) return;
    const metric = state.metric;
    const values = new Map(figures.data.map((d) => [d.code, Number(d[metric]) || 0]));
    const max = Math.max(0, ...values.values());
    const palette = PALETTES[metric] || PALETTES.other;
    const step = Math.max(1, Math.ceil(max / (palette.length - 1)));
    const classOf = (v) => (v <= 0 ? 0 : Math.min(palette.length - 1, 1 + Math.floor((v - 1) / step)));
    const label = (f) =>
      `${f.properties.name}: ${number(values.get(f.properties.code) || 0)} ${t(`map.metrics.${metric}`).toLowerCase()}`;
    groups.districts.clearLayers();
    districtLayer(districtsFc, {
      focus: state.district || null,
      approxLabel: t('map.approximate'),
      style: (f) => ({
        fillColor: palette[classOf(values.get(f.properties.code) || 0)],
        fillOpacity: 0.55,
        className: 'district-area',
      }),
      tooltip: (f) => label(f),
      popup: (f, name) => {
        const code = encodeURIComponent(f.properties.code);
        const row = figures.data.find((d) => d.code === f.properties.code) || {};
        return h(
          'div',
          {},
          h('strong', {}, h('a', { href: `/districts/${code}` }, name)),
          facts((figures.metrics || []).map((m) => [t(`map.metrics.${m}`), number(Number(row[m]) || 0)])),
          h(
            'p',
            {},
            h('a', { href: `/stations?district=${code}` }, t('map.listStations')),
            ' · ',
            h('a', { href: `/conflicts?district=${code}&status=open` }, t('map.listConflicts')),
            ' · ',
            h('a', { href: `/inspections?district=${code}` }, t('map.listInspections')),
          ),
        );
      },
    }).addTo(groups.districts);
    if (choroplethLegend) choroplethLegend.remove();
    const items = palette
      .map((c, i) => [c, i === 0 ? '0' : step === 1 ? number(i) : `${number((i - 1) * step + 1)}–${number(i * step)}`])
      .filter((_, i) => i === 0 || (i - 1) * step + 1 <= Math.max(max, 1));
    choroplethLegend = legendControl(t(`map.metrics.${metric}`), items, 'topright');
    if (state.layers.has('districts')) choroplethLegend.addTo(map);
  }

  function setStatus(text) {
    document.getElementById('map-status').textContent = text;
  }

  function describe(counts) {
    const parts = [];
    if (counts.stations)
      parts.push(
        t(counts.stations.mode === 'clusters' ? 'map.countStationsGrouped' : 'map.countStations', {
          count: number(counts.stations.total),
        }),
      );
    if (counts.conflicts)
      parts.push(
        t('map.countConflicts', {
          count: number(
            counts.conflicts.mode === 'clusters'
              ? counts.conflicts.total
              : counts.conflicts.features.filter((f) => f.properties.featureType === 'conflict_link').length,
          ),
        }),
      );
    if (counts.inspections)
      parts.push(
        t(counts.inspections.mode === 'clusters' ? 'map.countInspectionsGrouped' : 'map.countInspections', {
          count: number(counts.inspections.total),
        }),
      );
    if (state.layers.has('footprints'))
      parts.push(
        map.getZoom() < FOOTPRINT_MIN_ZOOM
          ? t('map.footprintsZoomIn')
          : t(
              counts.footprints && counts.footprints.truncated ? 'map.countFootprintsTruncated' : 'map.countFootprints',
              {
                count: number(counts.footprints ? counts.footprints.features.length : 0),
                total: number(counts.footprints ? counts.footprints.total : 0),
              },
            ),
      );
    document.getElementById('map-counts').textContent = parts.join(' · ');
    const cl = document.getElementById('map-conflict-list');
    const links =
      counts.conflicts && counts.conflicts.mode !== 'clusters'
        ? counts.conflicts.features.filter((f) => f.properties.featureType === 'conflict_link')
        : [];
    cl.replaceChildren(
      ...links.slice(0, 20).map((f) => {
        const p = f.properties;
        return h(
          'li',
          {},
          h('span', { className: `badge sev-${p.severity}` }, t(`sev.${p.severity}`)),
          ' ',
          h('a', { href: `/conflicts/${p.conflictId}` }, `#${p.conflictId} ${p.stationAName} ↔ ${p.stationBName}`),
          ` · ${frequency(p.stationAFrequencyHz)}`,
        );
      }),
    );
    if (!links.length)
      cl.replaceChildren(
        h(
          'li',
          { className: 'muted' },
          t(counts.conflicts && counts.conflicts.mode === 'clusters' ? 'map.zoomInForList' : 'map.noneInView'),
        ),
      );
    const sl = document.getElementById('map-station-list');
    const stations = counts.stations && counts.stations.mode === 'points' ? counts.stations.features : [];
    sl.replaceChildren(
      ...stations
        .slice(0, 20)
        .map((f) =>
          h(
            'li',
            {},
            h('a', { href: `/stations/${f.properties.id}` }, f.properties.name),
            ` · ${t(`svc.${f.properties.service}`)}`,
          ),
        ),
    );
    if (stations.length > 20)
      sl.append(h('li', { className: 'muted' }, t('map.andMore', { count: number(stations.length - 20) })));
    if (!stations.length)
      sl.replaceChildren(
        h(
          'li',
          { className: 'muted' },
          t(counts.stations && counts.stations.mode === 'clusters' ? 'map.zoomInForList' : 'map.noneInView'),
        ),
      );
    const il = document.getElementById('map-inspection-list');
    const inspections = counts.inspections && counts.inspections.mode === 'points' ? counts.inspections.features : [];
    il.replaceChildren(
      ...inspections.slice(0, 20).map((f) => {
        const p = f.properties;
        return h(
          'li',
          {},
          p.unlicensed ? h('span', { className: 'badge sev-high' }, t('map.unlicensed')) : null,
          p.unlicensed ? ' ' : null,
          h('a', { href: `/inspections/${p.id}` }, p.reference),
          ` · ${t(`ity.${p.type}`)} · ${t(`ist.${p.status}`)}${p.openFindings ? ` · ${t('map.openFindings')}: ${number(p.openFindings)}` : ''}`,
        );
      }),
    );
    if (inspections.length > 20)
      il.append(
        h('li', { className: 'muted' }, t('map.andMoreInspections', { count: number(inspections.length - 20) })),
      );
    if (!inspections.length)
      il.replaceChildren(
        h(
          'li',
          { className: 'muted' },
          t(
            !counts.inspections
              ? 'map.layerOff'
              : counts.inspections.mode === 'clusters'
                ? 'map.zoomInForList'
                : 'map.noneInView',
          ),
        ),
      );
  }
}
