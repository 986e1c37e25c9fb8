// The /map page's filters fold behind a button on a narrow screen, so the map comes first (issue 19):
// folded when the page opens narrow, unfolded by the button (aria-expanded tells which). Without
// JavaScript, or on a wide screen, the filters stay open.

const NARROW = '(max-width: 760px)';

/** Wires the toggle button inside `form`; `matchMedia` is window.matchMedia. */
export function foldFilters(form, matchMedia) {
  const button = form.querySelector('.map-filters-toggle');
  if (!button) return;
  const set = (folded) => {
    form.classList.toggle('is-folded', folded);
    button.setAttribute('aria-expanded', String(!folded));
  };
  set(matchMedia(NARROW).matches);
  button.addEventListener('click', () => set(!form.classList.contains('is-folded')));
}
