// Jobs pages: while a job on the page is queued or running, poll its JSON and update the progress and
// status in place; reload once it finishes, so the result, the error and the buttons are the server's.
import { fetchJson } from './http.js';

const ACTIVE = new Set(['queued', 'running']);

function update(el, job) {
  const progress = el.querySelector('[data-job-progress] progress');
  if (progress && job.progress.total) {
    progress.max = job.progress.total;
    progress.value = job.progress.done;
  }
}

async function poll() {
  const rows = [...document.querySelectorAll('[data-job]')].filter((el) => ACTIVE.has(el.dataset.status));
  if (!rows.length) return;
  let changed = false;
  for (const el of rows) {
    const body = await fetchJson(`/api/v1/jobs/${el.dataset.job}`).catch(() => null);
    const job = body && body.data;
    if (!job) continue;
    if (job.status !== el.dataset.status || (job.status === 'running' && !el.querySelector('progress'))) changed = true;
    else update(el, job);
  }
  if (changed) window.location.reload();
  else setTimeout(poll, 1500);
}

setTimeout(poll, 1500);
