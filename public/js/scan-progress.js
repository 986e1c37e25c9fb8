// While a full conflict scan runs, poll its progress and reload the list when it is done.
import { fetchJson } from './http.js';

const box = document.querySelector('.scan-status[data-status="running"]');
if (box) {
  const id = box.dataset.scan;
  const bar = box.querySelector('progress');
  const poll = async () => {
    try {
      const { data } = await fetchJson(`/api/v1/conflicts/scan/${encodeURIComponent(id)}`);
      if (bar) {
        bar.max = data.total || 1;
        bar.value = data.done;
      }
      if (data.status !== 'running') {
        window.location.reload();
        return;
      }
    } catch {
      // not answered (offline, or the server busy): try again
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 500);
}
