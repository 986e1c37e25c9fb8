// The /map page's layer requests, and the busy count that tools and the journeys wait on
// (#map[data-busy="0"]: no request under way and none about to start).
import { fetchJson } from '../http.js';

/** A counter kept in `el.dataset.busy`: onBusy(1) when something starts, onBusy(-1) when it ends. */
export function busyCounter(el) {
  return (delta) => {
    el.dataset.busy = String(Number(el.dataset.busy || 0) + delta);
  };
}

/**
 * load(name, url) fetches a layer; an answer that a newer request of the same name overtook resolves
 * to null (ignored, not aborted). Each request counts as busy until it settles.
 */
export function createLoader({ onBusy }) {
  const inflight = {};
  return function load(name, url) {
    const seq = (inflight[name] || 0) + 1;
    inflight[name] = seq;
    onBusy(1);
    return fetchJson(url)
      .then((body) => (inflight[name] === seq ? body : null))
      .finally(() => onBusy(-1));
  };
}
