// While a full conflict scan runs, poll its progress and reload the list when it is done.
const box = document.querySelector('.scan-status[data-status="running"]');
if (box) {
  const id = box.dataset.scan;
  const bar = box.querySelector('progress');
  const poll = async () => {
    try {
      const res = await fetch(`/api/v1/conflicts/scan/${encodeURIComponent(id)}`, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (res.ok) {
        const { data } = await res.json();
        if (bar) {
          bar.max = data.total || 1;
          bar.value = data.done;
        }
        if (data.status !== 'running') {
          window.location.reload();
          return;
        }
      }
    } catch {
      // try again
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 500);
}
