// DOM and text helpers shared by the browser scripts: nodes are built, never parsed from HTML strings.

/** A small DOM builder: h('a', { href }, 'text', child). Null, undefined and false are left out. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'className') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof window.Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A status badge: a coloured word (`cls` e.g. "sev-high", "badge-issued"). */
export function badge(cls, text) {
  return h('span', { className: `badge ${cls}` }, text);
}

/** Fills `{name}` placeholders of a text the server wrote into a data-* attribute. */
export function fill(text, params = {}) {
  let s = text || '';
  for (const [k, v] of Object.entries(params)) s = s.replace(`{${k}}`, String(v));
  return s;
}
