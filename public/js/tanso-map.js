// The shared map module: a Leaflet map with the configured base tiles (and their attribution), a scale
// bar and a plain background, so every vector layer still draws when tiles cannot load; the district,
// footprint and conflict layers; colours, legends and popups built from DOM nodes (never HTML strings).
// Used by districts-map.js, record-map.js and map/*.js. Text comes from the page (data-i18n, JSON); numbers
// and frequencies from format.js, the same as the server writes them.
import * as L from '/vendor/leaflet/leaflet-src.esm.js';
import { h } from './dom.js';
import { formatter } from './format.js';
import { fetchJson } from './http.js';

export { L, fetchJson, h };

/** Colours by service; every colour is shown with its word in a legend. */
export const SERVICE_COLOURS = {
  fm_broadcast: '#c2410c',
  tv_broadcast: '#7c3aed',
  land_mobile: '#0b5cad',
  fixed_link: '#0f766e',
  amateur: '#a16207',
  loudspeaker: '#be185d',
  maritime: '#1d4ed8',
  aeronautical: '#4d7c0f',
  other: '#475467',
};
/** Conflict severity: high red, medium amber, low yellow (UI.md). */
export const SEVERITY_COLOURS = { high: '#b42318', medium: '#b54708', low: '#ca8a04' };
/** Inspections are squares (stations are dots): slate, or a warning amber with "!" for an unlicensed emitter. */
export const INSPECTION_COLOURS = { inspection: '#1e293b', unlicensed: '#f59e0b' };

/**
 * The page's strings and formatter: `data-i18n` holds a JSON object; t('a.b', { n: 1 }) fills {{n}}.
 * `fmt` is the shared formatter (format.js); `number` (0 fraction digits unless told) and `frequency` use it.
 */
export function translator(el) {
  let dict = {};
  try {
    dict = JSON.parse(el.dataset.i18n || '{}');
  } catch {
    dict = {};
  }
  const lang = document.documentElement.lang || 'en';
  const fmt = formatter(lang);
  const plural = new Intl.PluralRules(lang);
  const lookup = (key) => {
    const raw = key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), dict);
    return typeof raw === 'string' ? raw : undefined;
  };
  // As i18next does: with a numeric `count`, `key_one`/`key_other` by the language's plural rules;
  // numbers are written in the page language (1,234 / 1.234).
  const t = (key, params = {}) => {
    const n = params.count;
    const forms = typeof n === 'number' ? [`${key}_${plural.select(n)}`, `${key}_other`] : [];
    const s = [...forms, key].map(lookup).find((x) => x !== undefined) ?? key;
    return s.replace(/\{\{(\w+)(?:, *number)?\}\}/g, (_, k) => {
      const v = params[k];
      return v === undefined ? '' : typeof v === 'number' ? fmt.number(v) : String(v);
    });
  };
  const number = (x, digits = 0) => fmt.number(x, digits);
  return { t, lang, fmt, number, frequency: fmt.frequency };
}

/** A district's name from the page (data-i18n's `dname`), or its code when the page has no names. */
export function districtName(i18n, code) {
  if (!code) return null;
  const name = i18n.t(`dname.${code}`);
  return name === `dname.${code}` ? code : name;
}

/**
 * A map with base tiles from `tileUrl` (when given) and a metric scale bar. The container's plain
 * background (CSS) stays visible where tiles fail.
 */
export function createMap(el, { tileUrl, attribution, zoomControl = true, minZoom = 3 } = {}) {
  const map = L.map(el, { keyboard: true, zoomSnap: 0.25, zoomControl: false, minZoom, preferCanvas: false });
  // Leaflet's own zoom buttons are titled in English: the page's words instead (data-i18n's `leaflet`).
  if (zoomControl) {
    const { t } = translator(el);
    const title = (key, fallback) => (t(key) === key ? fallback : t(key));
    L.control
      .zoom({ zoomInTitle: title('leaflet.zoomIn', 'Zoom in'), zoomOutTitle: title('leaflet.zoomOut', 'Zoom out') })
      .addTo(map);
  }
  // Stacking, bottom to top: districts, footprints, conflicts (overlayPane, 400), markers (600).
  map.createPane('districts').style.zIndex = '350';
  map.createPane('footprints').style.zIndex = '380';
  if (tileUrl) {
    L.tileLayer(tileUrl, {
      maxZoom: 18,
      attribution: attribution || '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    }).addTo(map);
  }
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  return map;
}

/**
 * Tooltip or popup content as a node: Leaflet parses a string as HTML (innerHTML), so text from data is
 * always wrapped in a text-only element first.
 */
export function textContent(content) {
  return typeof content === 'string' ? h('span', {}, content) : content;
}

/** A definition list of [label, value] rows (value: text or node). */
export function facts(rows) {
  return h(
    'dl',
    { className: 'map-facts' },
    rows
      .filter((r) => r && r[1] !== null && r[1] !== undefined && r[1] !== '')
      .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

/** District polygons; `style(feature)` and `popup(feature)` are optional. Approximate cells are dashed. */
export function districtLayer(fc, { focus = null, style, tooltip, popup, approxLabel = 'approximate' } = {}) {
  return L.geoJSON(fc, {
    pane: 'districts',
    style: (f) => ({
      color: f.properties.code === focus ? '#b42318' : '#0b5cad',
      weight: f.properties.code === focus ? 3 : 1.5,
      dashArray: f.properties.approximate ? '6 4' : null,
      fillOpacity: f.properties.code === focus ? 0.2 : 0.06,
      ...(style ? style(f) : {}),
    }),
    onEachFeature: (f, lyr) => {
      const name = `${f.properties.name} (${f.properties.code})${f.properties.approximate ? ` — ${approxLabel}` : ''}`;
      lyr.bindTooltip(textContent(tooltip ? tooltip(f, name) : name), { sticky: true });
      lyr.bindPopup(() =>
        textContent(
          popup ? popup(f, name) : h('a', { href: `/districts/${encodeURIComponent(f.properties.code)}` }, name),
        ),
      );
    },
  });
}

/** Stations as dots in their service colour (server clusters left out); `licence` adds the licence to the popup. */
export function stationPointLayer(fc, i18n, { licence = false } = {}) {
  const { t } = i18n;
  return L.geoJSON(fc, {
    filter: (f) => !f.properties.cluster,
    pointToLayer: (f, latlng) =>
      L.marker(latlng, {
        icon: dotIcon(SERVICE_COLOURS[f.properties.service] || '#475467'),
        title: f.properties.name,
        keyboard: true,
      }),
    onEachFeature: (f, lyr) =>
      lyr.bindPopup(() =>
        h(
          'div',
          {},
          h('a', { href: `/stations/${f.properties.id}` }, f.properties.name),
          facts([
            [t('map.service'), t(`svc.${f.properties.service}`)],
            licence ? [t('map.licence'), f.properties.licenceNumber || `#${f.properties.licenceId}`] : null,
          ]),
        ),
      ),
  });
}

/** Coverage footprints, outlined in the colour of their service. */
export function footprintLayer(fc, i18n, { colour } = {}) {
  const { t, frequency, number } = i18n;
  return L.geoJSON(fc, {
    pane: 'footprints',
    style: (f) => ({
      color: colour || SERVICE_COLOURS[f.properties.service] || '#475467',
      weight: 1.5,
      fillOpacity: 0.08,
      className: 'footprint',
    }),
    onEachFeature: (f, lyr) => {
      const p = f.properties;
      lyr.bindPopup(() =>
        h(
          'div',
          {},
          h('strong', {}, t('map.footprint')),
          facts([
            [t('map.station'), h('a', { href: `/stations/${p.stationId}` }, p.stationName)],
            [t('map.frequency'), h('a', { href: `/assignments/${p.assignmentId}` }, frequency(p.frequencyHz))],
            [t('map.service'), t(`svc.${p.service}`)],
            [t('map.maxRadius'), `${number(p.maxRadiusKm, 1)} km`],
          ]),
        ),
      );
    },
  });
}

/** Conflicting pairs: the overlap area and a dashed line between the stations, coloured by severity. */
export function conflictLayer(fc, i18n) {
  const { t, frequency, number } = i18n;
  const popup = (p) =>
    h(
      'div',
      {},
      h('strong', {}, `${t('map.conflict')} #${p.conflictId} · ${t(`sev.${p.severity}`)} · ${t(`cst.${p.status}`)}`),
      facts([
        [t('map.kind'), t(`kinds.${p.kind}`)],
        [
          t('map.stationA'),
          h(
            'span',
            {},
            h('a', { href: `/stations/${p.stationAId}` }, p.stationAName),
            ` · ${frequency(p.stationAFrequencyHz)}`,
          ),
        ],
        [
          t('map.stationB'),
          h(
            'span',
            {},
            h('a', { href: `/stations/${p.stationBId}` }, p.stationBName),
            ` · ${frequency(p.stationBFrequencyHz)}`,
          ),
        ],
        [t('map.overlap'), `${number(p.overlapKm2, 2)} km² (${number(p.overlapFraction * 100, 1)} %)`],
      ]),
      h(
        'p',
        {},
        h(
          'a',
          { href: `/conflicts/${p.conflictId}`, className: 'map-open-conflict' },
          t('map.openConflict', { id: p.conflictId }),
        ),
      ),
    );
  return L.geoJSON(fc, {
    filter: (f) => !f.properties.cluster,
    style: (f) => {
      const colour = SEVERITY_COLOURS[f.properties.severity] || '#b42318';
      return f.properties.featureType === 'conflict_link'
        ? { color: colour, weight: 3, dashArray: '6 5', className: `conflict-link sev-${f.properties.severity}` }
        : {
            color: colour,
            weight: 1.5,
            fillColor: colour,
            fillOpacity: 0.35,
            className: `conflict-overlap sev-${f.properties.severity}`,
          };
    },
    onEachFeature: (f, lyr) => {
      lyr.bindTooltip(
        textContent(
          `${t(`sev.${f.properties.severity}`)}: ${f.properties.stationAName} ↔ ${f.properties.stationBName}`,
        ),
        { sticky: true },
      );
      lyr.bindPopup(() => textContent(popup(f.properties)));
    },
  });
}

/** A round (or, for inspections, square) count icon (a cluster from the server), coloured, sized by the count. */
export function countIcon(count, colour, { square = false } = {}) {
  const size = Math.round(26 + Math.min(22, Math.log10(Math.max(count, 1)) * 8));
  const el = h('span', { className: square ? 'map-count map-count-square' : 'map-count' }, String(count));
  el.style.setProperty('--c', colour);
  return L.divIcon({ html: el, className: 'map-count-icon', iconSize: [size, size] });
}

/** A small dot icon for one station, in its service colour. */
export function dotIcon(colour) {
  const el = h('span', { className: 'map-dot' });
  el.style.setProperty('--c', colour);
  return L.divIcon({ html: el, className: 'map-dot-icon', iconSize: [16, 16] });
}

/** A square icon for one inspection; `mark` (e.g. "!") is written inside, so the colour is never the only sign. */
export function squareIcon(colour, { mark = '' } = {}) {
  const el = h('span', { className: `map-square${mark ? ' map-square-mark' : ''}` }, mark);
  el.style.setProperty('--c', colour);
  return L.divIcon({ html: el, className: 'map-square-icon', iconSize: [18, 18] });
}

/** A legend: `items` are [colour, text] or [colour, text, 'line']; colours always beside their words. */
export function legendBox(title, items) {
  return h(
    'div',
    { className: 'map-legend', role: 'group', 'aria-label': title },
    h('strong', {}, title),
    h(
      'ul',
      {},
      items.map(([colour, text, kind]) => {
        const sw = h('span', { className: `swatch${kind === 'line' ? ' swatch-line' : ''}`, 'aria-hidden': 'true' });
        sw.style.setProperty('--c', colour);
        return h('li', {}, sw, text);
      }),
    ),
  );
}

/** The same legend as a control on the map. */
export function legendControl(title, items, position = 'bottomright') {
  const control = L.control({ position });
  control.onAdd = () => {
    const box = legendBox(title, items);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  return control;
}
