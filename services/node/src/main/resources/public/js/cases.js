// Open cases of this country: tier, state, involved countries, acknowledgement countdown,
// joint actions with votes, and the duty officer's commands. Re-rendered per case only when
// the case changed (lastSequence), keeping keyboard focus where it was.

import { api } from './api.js';
import { el, status, time } from './dom.js';
import { ask } from './dialog.js';
import { deadline, tierBadge, TIERS } from './widgets.js';
import { cssId } from './notifications.js';

const ACTION_TYPES = ['HALT_DEPLOYMENT', 'BLOCK_MODEL_ACCESS', 'FREEZE_FUNDS', 'TAKE_DOWN_CONTENT',
  'ISSUE_PUBLIC_ADVISORY', 'SHARE_MITIGATION', 'LOWER_TIER', 'RESOLVE_CASE'];
const REFRESH_MS = 15000;

export class Cases {
  /** canAct: whether the token holds DUTY_OFFICER (OPERATOR sees cases read-only). */
  constructor(root, { canAct }) {
    this.list = root.querySelector('#cases');
    this.state = root.querySelector('#cases-status');
    this.showResolved = root.querySelector('#cases-show-resolved');
    this.canAct = canAct;
    this.showResolved.addEventListener('change', () => this.refresh());
    root.querySelector('#cases-refresh').addEventListener('click', () => this.refresh());
  }

  start() {
    this.stop();
    this.refresh();
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  stop() {
    clearInterval(this.timer);
  }

  async refresh() {
    try {
      const body = await api('/api/v1/cases');
      const cases = body.items.filter((c) => this.showResolved.checked || c.state !== 'RESOLVED');
      this.render(cases);
      const open = cases.filter((c) => c.state !== 'RESOLVED').length;
      status(this.state, `${open} open case${open === 1 ? '' : 's'}; updated ${new Date().toLocaleTimeString()}.`, 'ok');
    } catch (e) {
      status(this.state, `Could not load cases: ${e.message}`, 'error');
    }
  }

  render(cases) {
    const existing = new Map([...this.list.children].map((li) => [li.dataset.caseId, li]));
    const items = cases.map((c) => {
      const old = existing.get(c.caseId);
      if (old && old.dataset.sequence === String(c.lastSequence)) return old;
      const fresh = this.item(c);
      if (old) keepFocus(old, fresh);
      return fresh;
    });
    const focused = document.activeElement;
    this.list.replaceChildren(...items);
    if (focused && focused.isConnected && this.list.contains(focused)) focused.focus();
    if (items.length === 0) this.list.append(el('li', { class: 'empty' }, 'No cases.'));
  }

  item(c) {
    const heading = `case-${cssId(c.caseId)}-title`;
    return el('li', { class: `case tier-${c.tier} state-${c.state}`, id: `case-${cssId(c.caseId)}`,
      dataset: { caseId: c.caseId, sequence: String(c.lastSequence) }, 'aria-labelledby': heading, tabindex: '-1' },
    el('h3', { id: heading }, c.title || c.correlationKey),
    el('div', { class: 'row' },
      tierBadge(c.tier, 'case-tier'),
      el('span', { class: `badge case-state state-${c.state}` }, c.state),
      el('span', { class: 'case-id' }, c.caseId)),
    el('dl', { class: 'facts' },
      fact('Involved countries', el('span', { class: 'case-countries' }, c.involvedCountries.join(', ') || '—')),
      fact('Acknowledge by', c.ackDeadline ? deadline(c.ackDeadline) : el('span', {}, '—')),
      fact('Acknowledged by', c.acknowledgements.map((a) => `${a.country} (${a.officerId})`).join(', ') || 'nobody yet'),
      fact('Escalation level', String(c.escalationLevel)),
      fact('Opened', time(c.openedAt)),
      fact('Updated', time(c.updatedAt)),
      fact('Signals', String(c.signalIds.length)),
      about(c.about),
      c.resolution ? fact('Resolution', c.resolution) : null),
    obligations(c.obligations),
    actions(c, this.canAct ? (action, choice) => this.vote(c, action, choice) : null),
    this.canAct ? this.buttons(c) : null);
  }

  buttons(c) {
    const closed = c.state === 'RESOLVED';
    return el('div', { class: 'buttons', role: 'group', 'aria-label': `Commands for case ${c.caseId}` },
      el('button', { type: 'button', class: 'ack primary', disabled: closed, onclick: () => this.ack(c) }, 'Acknowledge'),
      el('button', { type: 'button', class: 'propose', disabled: closed, onclick: () => this.propose(c) }, 'Propose action'),
      el('button', { type: 'button', class: 'resolve', disabled: closed, onclick: () => this.resolve(c) }, 'Resolve'),
      el('button', { type: 'button', class: 'comment', onclick: () => this.comment(c) }, 'Comment'));
  }

  async ack(c) {
    await this.command(c, 'ack', {}, 'Acknowledgement sent');
  }

  async vote(c, action, choice) {
    await this.command(c, 'votes', { actionId: action.actionId, choice }, `Vote ${choice} sent`);
  }

  propose(c) {
    return this.dialog(c, 'actions', `Propose a joint action on ${c.caseId}`, 'Propose', [
      { name: 'actionType', label: 'Action', kind: 'select', options: ACTION_TYPES, required: true },
      { name: 'description', label: 'Description', kind: 'textarea' },
      { name: 'targetTier', label: 'Target tier', kind: 'select', options: TIERS, hint: 'Only for LOWER_TIER.' }]);
  }

  resolve(c) {
    return this.dialog(c, 'resolve', `Resolve ${c.caseId}`, 'Resolve',
      [{ name: 'resolution', label: 'Resolution', kind: 'textarea', required: true }]);
  }

  comment(c) {
    return this.dialog(c, 'comments', `Comment on ${c.caseId}`, 'Comment',
      [{ name: 'text', label: 'Comment', kind: 'textarea', required: true }]);
  }

  async dialog(c, path, title, submitLabel, fields) {
    const sent = await ask({ title, fields, submitLabel, send: (values) => this.post(c, path, values) });
    if (sent) this.accepted(`${submitLabel}: command ${sent.commandId} accepted`);
  }

  async command(c, path, body, what) {
    try {
      const sent = await this.post(c, path, body);
      this.accepted(`${what}: command ${sent.commandId} accepted`);
    } catch (e) {
      const detail = e.violations.map((v) => `${v.field} ${v.message}`).join('; ');
      status(this.state, `Refused: ${e.message}${detail ? ` (${detail})` : ''}`, 'error');
    }
  }

  post(c, path, body) {
    return api(`/api/v1/cases/${encodeURIComponent(c.caseId)}/${path}`, { method: 'POST', body });
  }

  accepted(message) {
    status(this.state, `${message}; the case updates once the coordination centre applied it.`, 'ok');
    setTimeout(() => this.refresh(), 1500);
  }
}

function fact(label, value) {
  return [el('dt', {}, label), el('dd', {}, value)];
}

// What the case is about as this node holds its signals (campaigns, affected systems); nothing when it holds none.
function about(a) {
  const labels = a ? [...a.campaigns.map((x) => `campaign ${x}`), ...a.systems] : [];
  return labels.length ? fact('About', el('span', { class: 'case-about' }, labels.join(', '))) : null;
}

function obligations(list) {
  if (!list.length) return null;
  return el('div', { class: 'obligations' }, el('h4', {}, 'Regulatory clocks'),
    el('ul', {}, list.map((o) => el('li', { class: `obligation state-${o.state}` },
      `${o.description} — ${o.state} — `, o.state === 'MET' ? time(o.dueAt) : deadline(o.dueAt)))));
}

function actions(c, onVote) {
  if (!c.actions.length) return null;
  return el('div', { class: 'actions' }, el('h4', {}, 'Joint actions'),
    el('ul', {}, c.actions.map((a) => el('li', { class: `action state-${a.state}`, dataset: { actionId: a.actionId } },
      el('div', { class: 'row' }, el('strong', {}, a.type), el('span', { class: 'badge' }, a.state),
        a.targetTier ? tierBadge(a.targetTier) : null),
      el('p', {}, `Proposed by ${a.proposedByCountry} (${a.proposedBy}); quorum ${Math.round(a.quorum * 100)} %. ${a.description}`),
      el('p', { class: 'votes' }, 'Votes: ', a.votes.map((v) => `${v.country} ${v.choice}`).join(', ') || 'none yet'),
      onVote && a.state === 'PROPOSED' && c.state !== 'RESOLVED' ? voteButtons(a, onVote) : null))));
}

function voteButtons(action, onVote) {
  return el('div', { class: 'buttons', role: 'group', 'aria-label': `Vote on ${action.type}` },
    ['YES', 'NO', 'ABSTAIN'].map((choice) => el('button', {
      type: 'button', class: `vote vote-${choice}`, dataset: { choice },
      onclick: () => onVote(action, choice),
    }, `Vote ${choice}`)));
}

/** Moves focus from an element of the old case item to the same control in its replacement. */
function keepFocus(old, fresh) {
  const focused = document.activeElement;
  if (!focused || !old.contains(focused)) return;
  const selector = focused.className ? `.${focused.className.trim().split(/\s+/).join('.')}` : focused.tagName;
  const target = fresh.querySelector(selector);
  queueMicrotask(() => (target || fresh).focus());
}
