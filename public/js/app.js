// Behaviour shared by every page (no globals, no inline scripts).

// Move focus to an error summary so keyboard and screen-reader users hear it first.
const summary = document.querySelector('[data-autofocus]');
if (summary && typeof summary.focus === 'function') summary.focus();

// Forms that ask before a destructive action.
for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.getAttribute('data-confirm') || '')) event.preventDefault();
  });
}

// On wide screens the navigation menu is always open; on a phone it folds into "Menu".
const menu = document.querySelector('details.menu');
if (menu && window.matchMedia('(min-width: 761px)').matches) menu.setAttribute('open', '');

// Filter panels are open on wide screens; on a phone they fold unless a filter is active.
if (window.matchMedia('(min-width: 761px)').matches) {
  for (const d of document.querySelectorAll('details[data-open-wide]')) d.setAttribute('open', '');
}
