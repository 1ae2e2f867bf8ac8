// Small DOM helpers. Server data is only ever written as text (textContent), never as HTML.

/** Creates an element: el('li', {class: 'x', dataset: {caseId: 'c1'}, onclick: fn}, 'text', childNode). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Shows or hides an element with the hidden attribute. */
export function show(node, visible) {
  node.hidden = !visible;
}

/** A <time> element for an ISO-8601 instant, rendered in the browser's locale and time zone. */
export function time(iso) {
  if (!iso) return el('span', {}, '—');
  const date = new Date(iso);
  return el('time', { datetime: iso, title: iso }, Number.isNaN(date.getTime()) ? iso : date.toLocaleString());
}

/** "4m 12s" style duration for a positive number of milliseconds. */
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return `${d}d ${h}h ${m}m`;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  return `${m}m ${s}s`;
}

/** A status line inside a section: kind is 'info', 'ok' or 'error'. */
export function status(node, message, kind = 'info') {
  node.textContent = message;
  node.dataset.kind = kind;
}
