// One modal form for case commands (propose, resolve, comment). The native <dialog> traps
// focus and closes on Escape; focus returns to the button that opened it.

import { el } from './dom.js';
import { showViolations, slotId, violationSlot } from './widgets.js';

/**
 * Opens the dialog. fields: [{name, label, kind: 'text'|'textarea'|'select', options, required,
 * hint}]; send(values) performs the call and may throw an ApiError whose violations are shown
 * next to the fields. Resolves with send's result, or null when cancelled.
 */
export function ask({ title, fields, submitLabel, send }) {
  const dialog = document.getElementById('case-dialog');
  const opener = document.activeElement;
  const general = el('p', { class: 'violation general', role: 'alert', hidden: true });
  const form = el('form', { novalidate: true },
    el('h2', { id: 'case-dialog-title' }, title),
    fields.map(field),
    general,
    el('div', { class: 'buttons' },
      el('button', { type: 'submit', class: 'primary' }, submitLabel),
      el('button', { type: 'button', class: 'cancel', onclick: () => dialog.close() }, 'Cancel')));
  dialog.replaceChildren(form);
  dialog.setAttribute('aria-labelledby', 'case-dialog-title');
  return new Promise((resolve) => {
    let result = null;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        result = await send(values(form, fields));
        dialog.close();
      } catch (e) {
        const first = showViolations(form, e.violations || [], general);
        if (!first) {
          general.textContent = e.message;
          general.hidden = false;
        }
      } finally {
        button.disabled = false;
      }
    });
    dialog.addEventListener('close', () => {
      if (opener && opener.isConnected) opener.focus();
      resolve(result);
    }, { once: true });
    dialog.showModal();
  });
}

function field(spec) {
  const id = `dialog-${spec.name}`;
  const common = { id, name: spec.name, required: spec.required, 'aria-describedby': slotId(spec.name, 'dialog-') };
  let input;
  if (spec.kind === 'select') {
    input = el('select', common, spec.required ? null : el('option', { value: '' }, '(none)'),
      spec.options.map((o) => el('option', { value: o }, o)));
  } else if (spec.kind === 'textarea') {
    input = el('textarea', { ...common, rows: 4, maxlength: 4000 });
  } else {
    input = el('input', { ...common, type: 'text', maxlength: 4000 });
  }
  return el('div', { class: 'field' },
    el('label', { for: id }, spec.label, spec.required ? el('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    spec.hint ? el('small', {}, spec.hint) : null,
    input,
    violationSlot(spec.name, 'dialog-'));
}

function values(form, fields) {
  const out = {};
  for (const spec of fields) {
    const value = form.elements[spec.name].value.trim();
    if (value !== '') out[spec.name] = value;
  }
  return out;
}
