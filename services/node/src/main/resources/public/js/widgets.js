// Shared pieces: tier badges, deadline countdowns (ticking once a second), violation slots.

import { el, duration } from './dom.js';

export const TIERS = ['NOTICE', 'ADVISORY', 'ELEVATED', 'SEVERE', 'CRITICAL'];

export function tierBadge(tier, extraClass = '') {
  return el('span', { class: `badge tier tier-${tier} ${extraClass}`.trim(), title: `Tier ${tier}` }, tier);
}

/** A countdown to an ISO instant; refreshed by the ticker below. */
export function deadline(iso) {
  const node = el('span', { class: 'countdown', dataset: { deadline: iso } });
  tick(node, Date.now());
  return node;
}

function tick(node, now) {
  const due = Date.parse(node.dataset.deadline);
  if (Number.isNaN(due)) {
    node.textContent = node.dataset.deadline;
    return;
  }
  const left = due - now;
  const text = left >= 0 ? `due in ${duration(left)}` : `overdue by ${duration(-left)}`;
  if (node.textContent !== text) node.textContent = text;
  node.classList.toggle('overdue', left < 0);
  node.classList.toggle('soon', left >= 0 && left < 5 * 60 * 1000);
  node.title = new Date(due).toLocaleString();
}

setInterval(() => {
  const now = Date.now();
  document.querySelectorAll('.countdown[data-deadline]').forEach((node) => tick(node, now));
}, 1000);

/** An empty slot for the API's violations[].field messages about one field. */
export function violationSlot(field, prefix = '') {
  return el('span', { class: 'violation', dataset: { field }, id: slotId(field, prefix), hidden: true });
}

/** The element id of a field's violation slot, for aria-describedby. */
export function slotId(field, prefix = '') {
  return `${prefix}violation-${field.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * Writes each violation into the slot for its field; a field without a slot goes to its nearest
 * parent path's slot ("indicators[0].value" → "indicators[0]" → "indicators") or, failing that,
 * to fallback. Inputs named like the field get aria-invalid. Returns the first slot written.
 */
export function showViolations(form, violations, fallback) {
  clearViolations(form, fallback);
  let first = null;
  for (const v of violations) {
    const slot = slotFor(form, v.field) || fallback;
    const message = slot.dataset.field === v.field ? v.message : `${v.field} ${v.message}`;
    slot.append(el('span', { class: 'message' }, message));
    slot.hidden = false;
    const input = form.querySelector(`[name="${CSS.escape(v.field)}"]`);
    if (input) input.setAttribute('aria-invalid', 'true');
    first = first || slot;
  }
  return first;
}

export function clearViolations(form, fallback) {
  form.querySelectorAll('.violation').forEach((slot) => { slot.replaceChildren(); slot.hidden = true; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  if (fallback) { fallback.replaceChildren(); fallback.hidden = true; }
}

function slotFor(form, field) {
  let path = field;
  while (path) {
    const slot = form.querySelector(`.violation[data-field="${CSS.escape(path)}"]`);
    if (slot) return slot;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    path = cut > 0 ? path.slice(0, cut) : '';
  }
  return null;
}
