// Import pages: while a commit runs, follow its import and reload the page when it has ended; on the upload
// form, offer only the saved mappings of the chosen record type.
const box = document.querySelector('[data-import]');
if (box && box.dataset.status === 'committing') {
  const id = box.dataset.import;
  const timer = window.setInterval(async () => {
    try {
      const res = await fetch(`/api/v1/imports/${id}`, { headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const { data } = await res.json();
      if (data.status !== 'committing') {
        window.clearInterval(timer);
        window.location.reload();
      }
    } catch {
      // try again at the next tick
    }
  }, 2000);
}

const kind = document.getElementById('f-kind');
const saved = document.getElementById('f-mappingName');
if (kind && saved) {
  const sync = () => {
    for (const option of saved.options) {
      if (!option.dataset.kind) continue;
      option.hidden = option.dataset.kind !== kind.value;
      if (option.hidden && option.selected) saved.value = '';
    }
  };
  kind.addEventListener('change', sync);
  sync();
}
