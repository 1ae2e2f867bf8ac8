// Signal submission: one input per field of the SignalContent contract. The node is the judge
// of validity; each of its violations[].field is shown next to the input of that field.

import { api } from './api.js';
import { el, status } from './dom.js';
import { clearViolations, showViolations, slotId, violationSlot } from './widgets.js';

const INDICATOR_TYPES = ['DOMAIN', 'URL', 'IPV4', 'IPV6', 'SHA256', 'MD5', 'EMAIL', 'MODEL_FINGERPRINT',
  'PROMPT_PATTERN', 'CONTENT_HASH', 'WATERMARK_ID', 'WALLET_ADDRESS', 'OTHER'];

export class SignalForm {
  constructor(root) {
    this.form = root.querySelector('#signal-form');
    this.state = root.querySelector('#signal-status');
    this.general = root.querySelector('#signal-general');
    this.systems = root.querySelector('#affected-systems');
    this.indicators = root.querySelector('#indicators');
    root.querySelector('#add-system').addEventListener('click', () => this.addRow(this.systems, systemRow));
    root.querySelector('#add-indicator').addEventListener('click', () => this.addRow(this.indicators, indicatorRow));
    root.querySelector('#observed-now').addEventListener('click', () => { this.form.elements.observedAt.value = localNow(); });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.form.addEventListener('reset', () => setTimeout(() => this.cleared()));
    this.cleared();
  }

  cleared() {
    this.systems.replaceChildren();
    this.indicators.replaceChildren();
    clearViolations(this.form, this.general);
    this.form.elements.observedAt.value = localNow();
  }

  addRow(container, make) {
    const row = make(container.children.length, () => {
      row.remove();
      renumber(container, make);
    });
    container.append(row);
    row.querySelector('input, select').focus();
  }

  async submit() {
    const button = this.form.querySelector('#signal-submit');
    clearViolations(this.form, this.general);
    button.disabled = true;
    status(this.state, 'Submitting…');
    try {
      const accepted = await api('/api/v1/signals', {
        method: 'POST', body: this.values(), headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
      this.form.reset();
      status(this.state, `Accepted: signal ${accepted.id} (${accepted.contentHash}) is on ${accepted.topic}.`, 'ok');
      this.state.focus();
    } catch (e) {
      const first = showViolations(this.form, e.violations, this.general);
      status(this.state, first ? `Not submitted: ${e.violations.length} field(s) to correct.` : `Not submitted: ${e.message}`, 'error');
      const input = this.form.querySelector('[aria-invalid="true"]');
      (input || this.state).focus();
    } finally {
      button.disabled = false;
    }
  }

  values() {
    const f = this.form.elements;
    const body = {
      category: f.category.value || undefined,
      title: f.title.value,
      description: f.description.value.trim() || undefined,
      severity: number(f.severity.value),
      confidence: number(f.confidence.value),
      tlp: f.tlp.value || undefined,
      observedAt: instant(f.observedAt.value),
      sectors: [...this.form.querySelectorAll('input[name="sectors"]:checked')].map((box) => box.value),
      atlasTechniques: list(f.atlasTechniques.value),
      affectedSystems: [...this.systems.children].map((row) => ({
        provider: row.querySelector('.provider').value,
        model: row.querySelector('.model').value,
        version: row.querySelector('.version').value.trim() || undefined,
      })),
      indicators: [...this.indicators.children].map((row) => ({
        type: row.querySelector('.type').value,
        value: row.querySelector('.value').value,
      })),
      recipients: list(f.recipients.value),
      campaignId: f.campaignId.value.trim() || undefined,
    };
    return JSON.parse(JSON.stringify(body));
  }
}

function systemRow(index, remove) {
  const at = `affectedSystems[${index}]`;
  return el('fieldset', { class: 'row-item' },
    el('legend', {}, `System ${index + 1}`),
    input(`${at}.provider`, 'Provider', 'provider', true),
    input(`${at}.model`, 'Model', 'model', true),
    input(`${at}.version`, 'Version (optional)', 'version', false),
    violationSlot(at),
    el('button', { type: 'button', class: 'remove', onclick: remove }, `Remove system ${index + 1}`));
}

function indicatorRow(index, remove) {
  const at = `indicators[${index}]`;
  const id = `field-${at}.type`.replace(/[^A-Za-z0-9_-]/g, '_');
  return el('fieldset', { class: 'row-item' },
    el('legend', {}, `Indicator ${index + 1}`),
    el('div', { class: 'field' },
      el('label', { for: id }, 'Type'),
      el('select', { id, name: `${at}.type`, class: 'type', 'aria-describedby': slotId(`${at}.type`) },
        INDICATOR_TYPES.map((t) => el('option', { value: t }, t))),
      violationSlot(`${at}.type`)),
    input(`${at}.value`, 'Value', 'value', true),
    violationSlot(at),
    el('button', { type: 'button', class: 'remove', onclick: remove }, `Remove indicator ${index + 1}`));
}

function input(name, label, cls, required) {
  const id = `field-${name}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return el('div', { class: 'field' },
    el('label', { for: id }, label),
    el('input', { id, name, class: cls, type: 'text', required, 'aria-describedby': slotId(name) }),
    violationSlot(name));
}

/** Rebuilds rows after a removal so that row i is named [i], keeping the values typed. */
function renumber(container, make) {
  const rows = [...container.children].map((row) => [...row.querySelectorAll('input, select')].map((i) => i.value));
  container.replaceChildren();
  rows.forEach((values, i) => {
    const row = make(i, () => { row.remove(); renumber(container, make); });
    row.querySelectorAll('input, select').forEach((node, j) => { node.value = values[j]; });
    container.append(row);
  });
  const last = container.lastElementChild;
  (last ? last.querySelector('.remove') : container.nextElementSibling)?.focus();
}

function number(text) {
  return text.trim() === '' ? undefined : Number(text);
}

function list(text) {
  return text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
}

/** datetime-local (the officer's local time) to ISO-8601 UTC; unparsable text is sent as is. */
function instant(text) {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

function localNow() {
  const now = new Date();
  now.setSeconds(0, 0);
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
