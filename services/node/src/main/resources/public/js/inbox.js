// Signals shared with this country, oldest first, filtered and paged by the node's cursor.

import { api, query } from './api.js';
import { el, status, time } from './dom.js';
import { clearViolations, showViolations } from './widgets.js';

export class Inbox {
  constructor(root) {
    this.form = root.querySelector('#inbox-filters');
    this.list = root.querySelector('#inbox');
    this.state = root.querySelector('#inbox-status');
    this.more = root.querySelector('#inbox-more');
    this.general = root.querySelector('#inbox-filters-error');
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.load(true);
    });
    this.form.addEventListener('reset', () => setTimeout(() => this.load(true)));
    this.more.addEventListener('click', () => this.load(false));
  }

  start() {
    this.load(true);
  }

  filters() {
    const f = this.form.elements;
    const since = f.since.value ? new Date(f.since.value) : null;
    return {
      category: f.category.value,
      sector: f.sector.value,
      minSeverity: f.minSeverity.value,
      since: since && !Number.isNaN(since.getTime()) ? since.toISOString() : f.since.value,
    };
  }

  async load(fresh) {
    const after = fresh ? null : this.cursor;
    clearViolations(this.form, this.general);
    status(this.state, 'Loading…');
    try {
      const page = await api(`/api/v1/inbox${query({ ...this.filters(), after, limit: 50 })}`);
      if (fresh) this.list.replaceChildren();
      page.items.forEach((item) => this.list.append(render(item)));
      this.cursor = page.next || after;
      const shown = this.list.querySelectorAll('.inbox-item').length;
      const end = page.next === after || page.next === null;
      status(this.state, `${shown} signal${shown === 1 ? '' : 's'} shown${end ? '; no more for now' : ''}.`, 'ok');
      this.more.disabled = end;
    } catch (e) {
      if (!showViolations(this.form, e.violations, this.general)) status(this.state, e.message, 'error');
      else status(this.state, 'Check the filters.', 'error');
    }
  }
}

function render(s) {
  const c = s.content;
  const origin = s.originCountry ? `${s.originCountry}${s.originAgency ? ` / ${s.originAgency}` : ''}` : 'anonymous';
  return el('li', { class: 'inbox-item', dataset: { signalId: s.id } },
    el('h3', {}, c.title),
    el('div', { class: 'row' },
      el('span', { class: 'badge' }, c.category),
      el('span', { class: `badge severity severity-${c.severity}` }, `severity ${c.severity}`),
      el('span', { class: `badge tlp tlp-${c.tlp.replace('+', '_')}` }, `TLP:${c.tlp}`),
      el('span', {}, `from ${origin}`),
      el('span', {}, 'shared ', time(s.sharedAt))),
    el('details', {},
      el('summary', {}, 'Details'),
      el('dl', { class: 'facts' },
        fact('Signal id', s.id),
        fact('Description', c.description || '—'),
        fact('Confidence', `${c.confidence} %`),
        fact('Observed', time(c.observedAt)),
        fact('Sectors', c.sectors.join(', ') || '—'),
        fact('ATLAS techniques', c.atlasTechniques.join(', ') || '—'),
        fact('Affected systems', c.affectedSystems.map((a) => [a.provider, a.model, a.version].filter(Boolean).join(' ')).join('; ') || '—'),
        fact('Indicators', c.indicators.length ? el('ul', {}, c.indicators.map((i) => el('li', {}, el('code', {}, i.type), ' ', i.value))) : '—'),
        fact('Campaign', c.campaignId || '—'),
        fact('Redacted for us', s.redactedFields.join(', ') || 'nothing'),
        fact('Content hash', el('code', {}, s.contentHash)),
        fact('Policy', `v${s.policyVersion} rules ${s.ruleIds.join(', ') || '—'}`))));
}

function fact(label, value) {
  return [el('dt', {}, label), el('dd', {}, value)];
}
