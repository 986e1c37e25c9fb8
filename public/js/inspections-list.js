// The due list: "sort by distance from me" asks the phone for its position and reloads with it.
const button = document.querySelector('[data-near-me]');
if (button && navigator.geolocation) {
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const url = new URL(window.location.href);
        url.searchParams.set('lat', pos.coords.latitude.toFixed(5));
        url.searchParams.set('lon', pos.coords.longitude.toFixed(5));
        window.location.assign(url.toString());
      },
      () => {
        const status = document.querySelector('[data-near-status]');
        if (status) status.textContent = button.dataset.failed || '';
      },
      { timeout: 15000, maximumAge: 60000 },
    );
  });
}
