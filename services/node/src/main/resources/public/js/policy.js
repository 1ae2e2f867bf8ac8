// The country's outbound sharing policy (ADMIN): current version, its rules, and replacement
// by a YAML or JSON document (docs/policy.md); violations are listed by field.

import { api } from './api.js';
import { el, status, time } from './dom.js';
import { clearViolations, showViolations } from './widgets.js';

export class Policy {
  constructor(root) {
    this.view = root.querySelector('#policy-view');
    this.state = root.querySelector('#policy-status');
    this.form = root.querySelector('#policy-form');
    this.general = root.querySelector('#policy-violations');
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.replace();
    });
  }

  async start() {
    try {
      this.render(await api('/api/v1/policy'));
    } catch (e) {
      this.view.replaceChildren();
      status(this.state, e.status === 404 ? e.message : `Could not load the policy: ${e.message}`, e.status === 404 ? 'info' : 'error');
    }
  }

  render(p) {
    status(this.state, `Version ${p.version}, updated by ${p.updatedBy}.`, 'ok');
    this.view.replaceChildren(
      el('dl', { class: 'facts' },
        fact('Country', p.country), fact('Version', String(p.version)), fact('Updated', time(p.updatedAt)),
        fact('Coordination', p.coordination), fact('Attribution', p.attribution),
        fact('Groups', Object.entries(p.groups).map(([name, members]) => `${name}: ${members.join(', ')}`).join('; ') || '—')),
      el('table', {},
        el('caption', {}, 'Rules, in evaluation order (deny wins over allow)'),
        el('thead', {}, el('tr', {}, ['Id', 'Effect', 'To', 'Except', 'TLP', 'Categories', 'Sectors', 'Severity', 'Fields / delay']
          .map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, p.rules.map(rule))));
    if (!this.form.elements.document.value) this.form.elements.document.value = JSON.stringify(editable(p), null, 2);
  }

  async replace() {
    const text = this.form.elements.document.value;
    clearViolations(this.form, this.general);
    const json = text.trim().startsWith('{');
    try {
      const answer = await api('/api/v1/policy', { method: 'PUT', body: text, contentType: json ? 'application/json' : 'application/yaml' });
      status(this.state, `Accepted as version ${answer.version}; the view updates once it is applied.`, 'ok');
      setTimeout(() => this.start(), 1500);
    } catch (e) {
      showViolations(this.form, e.violations, this.general);
      status(this.state, `Refused: ${e.message}`, 'error');
    }
  }
}

function rule(r) {
  const severity = r.minSeverity == null && r.maxSeverity == null ? 'any' : `${r.minSeverity ?? 1}..${r.maxSeverity ?? 5}`;
  return el('tr', {}, [r.id, r.effect, r.to.join(', '), r.except.join(', '), r.tlp.join(', ') || 'any',
    r.categories.join(', ') || 'any', r.sectors.join(', ') || 'any', severity,
    [r.fields.join(', '), r.delay].filter(Boolean).join(' ') || '—'].map((v, i) => el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, v)));
}

/** The policy without the fields the node assigns (version, updatedAt, updatedBy). */
function editable(p) {
  const { version, updatedAt, updatedBy, ...rest } = p;
  return rest;
}

function fact(label, value) {
  return [el('dt', {}, label), el('dd', {}, value)];
}
