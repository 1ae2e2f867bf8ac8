// Signals shared with this country, oldest first, filtered and paged by the node's cursor, with their
// withdrawals: a retracted signal shows as a tombstone (its content is gone, on the node and here),
// a downgraded one with its new TLP and a "downgraded" label. Each item has an anchor
// (#inbox-<id>); the route #inbox/<signalId> (linked from a case's signals) reveals one, fetching it
// on its own when the loaded pages do not hold it.

import { api, authHeaders, query } from './api.js';
import { el, status, time } from './dom.js';
import { clearViolations, showViolations } from './widgets.js';
import { cssId } from './notifications.js';

export class Inbox {
  constructor(root) {
    this.form = root.querySelector('#inbox-filters');
    this.list = root.querySelector('#inbox');
    this.state = root.querySelector('#inbox-status');
    this.more = root.querySelector('#inbox-more');
    this.general = root.querySelector('#inbox-filters-error');
    this.focus = root.querySelector('#inbox-focus');
    this.loaded = Promise.resolve();
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.load(true);
    });
    this.form.addEventListener('reset', () => setTimeout(() => this.load(true)));
    this.more.addEventListener('click', () => this.load(false));
  }

  start() {
    this.loaded = this.load(true);
  }

  /** Scrolls to and focuses the item of signalId, fetching it alone when no loaded page holds it. */
  async reveal(signalId) {
    await this.loaded;
    let item = this.list.querySelector(`.inbox-item[data-signal-id="${CSS.escape(signalId)}"]`);
    if (!item) {
      item = await this.single(signalId);
      if (!item) return;
      this.focus.replaceChildren(item);
    }
    item.tabIndex = -1;
    item.classList.add('revealed');
    item.scrollIntoView({ block: 'start' });
    item.focus();
    setTimeout(() => item.classList.remove('revealed'), 6000);
  }

  /** One signal as GET /api/v1/inbox/{id} answers it: the copy (200) or its tombstone (410). */
  async single(signalId) {
    try {
      const response = await fetch(`/api/v1/inbox/${encodeURIComponent(signalId)}`,
        { cache: 'no-store', headers: authHeaders({ Accept: 'application/json' }) });
      if (response.status === 410) return tombstone(await response.json());
      if (response.ok) return render(await response.json());
      status(this.state, `Signal ${signalId} is not in this inbox (HTTP ${response.status}).`, 'error');
    } catch (e) {
      status(this.state, `Could not load signal ${signalId}: ${e.message}`, 'error');
    }
    return null;
  }

  add(item) {
    const earlier = this.list.querySelector(`.inbox-item[data-signal-id="${CSS.escape(item.id)}"]`);
    if (item.event === 'retracted') {
      // whatever this page showed of the signal before goes: only the tombstone is left
      if (earlier) earlier.remove();
      this.list.append(tombstone(item));
    } else if (item.event === 'downgraded') {
      if (earlier) markDowngraded(earlier, item);
      this.list.append(downgradeNotice(item));
    } else {
      this.list.append(render(item));
    }
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
      page.items.forEach((item) => this.add(item));
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

function tombstone(r) {
  return el('li', { class: 'inbox-item withdrawn', id: `inbox-${cssId(r.id)}`, dataset: { signalId: r.id, status: 'RETRACTED' } },
    el('h3', {}, 'Retracted signal'),
    el('div', { class: 'row' },
      el('span', { class: 'badge status-RETRACTED' }, 'RETRACTED'),
      el('span', {}, 'retracted ', time(r.retractedAt))),
    el('p', {}, `Reason: ${r.reason}`),
    el('p', { class: 'hint' }, 'The origin withdrew this signal: delete any copy taken into other tools.'),
    el('dl', { class: 'facts' }, fact('Signal id', r.id)));
}

function downgradeNotice(d) {
  return el('li', { class: 'inbox-notice', dataset: { signalId: d.id, status: 'DOWNGRADED' } },
    el('span', { class: 'badge status-DOWNGRADED' }, 'DOWNGRADED'), ' ',
    `Signal ${d.id} now TLP:${d.tlp ?? '—'}, `, time(d.downgradedAt), ` — ${d.reason}`);
}

function markDowngraded(item, d) {
  const tlp = item.querySelector('.badge.tlp');
  if (tlp && d.tlp) {
    tlp.className = `badge tlp tlp-${d.tlp.replace('+', '_')}`;
    tlp.textContent = `TLP:${d.tlp}`;
  }
  if (!item.querySelector('.badge.status-DOWNGRADED')) {
    item.querySelector('.row').prepend(el('span', { class: 'badge status-DOWNGRADED' }, 'DOWNGRADED'));
  }
  item.dataset.status = 'DOWNGRADED';
  item.classList.replace('status-ACTIVE', 'status-DOWNGRADED');
}

function render(s) {
  const c = s.content;
  const origin = s.originCountry ? `${s.originCountry}${s.originAgency ? ` / ${s.originAgency}` : ''}` : 'anonymous';
  const downgrades = s.downgrades || [];
  return el('li', { class: `inbox-item status-${s.status || 'ACTIVE'}`, id: `inbox-${cssId(s.id)}`, dataset: { signalId: s.id, status: s.status || 'ACTIVE' } },
    el('h3', {}, c.title),
    el('div', { class: 'row' },
      s.status === 'DOWNGRADED' && el('span', { class: 'badge status-DOWNGRADED' }, 'DOWNGRADED'),
      el('span', { class: 'badge' }, c.category),
      el('span', { class: `badge severity severity-${c.severity}` }, `severity ${c.severity}`),
      el('span', { class: `badge tlp tlp-${c.tlp.replace('+', '_')}` }, `TLP:${c.tlp}`),
      el('span', {}, `from ${origin}`),
      el('span', {}, 'shared ', time(s.sharedAt))),
    downgrades.length > 0 && el('p', { class: 'downgrade-note' }, 'Downgraded by the origin ', time(downgrades[downgrades.length - 1].downgradedAt),
      `: now TLP:${downgrades[downgrades.length - 1].tlp ?? '—'} — ${downgrades[downgrades.length - 1].reason}. Handle it under the new label.`),
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
        fact('Policy', `v${s.policyVersion} rules ${s.ruleIds.join(', ') || '—'}`),
        downgrades.length > 0 && fact('Downgrades', el('ul', {}, downgrades.map((d) =>
          el('li', {}, time(d.downgradedAt), ` to TLP:${d.tlp ?? '—'}: ${d.reason}`)))))));
}

function fact(label, value) {
  return [el('dt', {}, label), el('dd', {}, value)];
}
