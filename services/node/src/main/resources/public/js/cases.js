// The case list of the watch floor: the cases this country takes part in, most urgent first (overdue
// acknowledgements, then the time left to the ack deadline counting down, then tier, then the latest
// update), filtered by tier and state, each titled by what it is about and linking to its case page.
// A case is re-rendered only when it changed (lastSequence), keeping keyboard focus where it was; a
// case that a live notification updated is marked for a moment and announced.

import { api } from './api.js';
import { el, status, time } from './dom.js';
import { deadline, tierBadge } from './widgets.js';
import { cssId } from './notifications.js';
import { CaseCommands } from './case-commands.js';
import { ackDue, byUrgency, caseRoute, countries, figures, humanTitle, overdue } from './case-model.js';

const REFRESH_MS = 15000;
const MARKED_MS = 6000;

export class Cases {
  /** canAct: whether the token holds DUTY_OFFICER (OPERATOR sees cases read-only). */
  constructor(root, { canAct }) {
    this.list = root.querySelector('#cases');
    this.state = root.querySelector('#cases-status');
    this.tier = root.querySelector('#cases-filter-tier');
    this.stateFilter = root.querySelector('#cases-filter-state');
    this.announcer = document.getElementById('announcer');
    this.canAct = canAct;
    this.commands = new CaseCommands(this.state, () => this.refresh());
    this.marked = new Map();
    this.tier.addEventListener('change', () => this.refresh());
    this.stateFilter.addEventListener('change', () => this.refresh());
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

  /**
   * A live notification concerned this case: refresh, mark it and announce it; the mark stays until
   * the case's new copy is shown (the notification may arrive before the copy it tells of).
   */
  async updated(caseId) {
    const before = this.list.querySelector(`li.case[data-case-id="${CSS.escape(caseId)}"]`);
    this.marked.set(caseId, { since: Date.now(), sequence: before ? before.dataset.sequence : null, told: false });
    await this.refresh();
  }

  async refresh() {
    try {
      const body = await api('/api/v1/cases');
      const now = Date.now();
      const cases = body.items.filter((c) => this.shown(c)).sort(byUrgency(now));
      this.render(cases, now);
      const open = body.items.filter((c) => c.state !== 'RESOLVED').length;
      const late = body.items.filter((c) => overdue(c, now)).length;
      status(this.state, `${open} open case${open === 1 ? '' : 's'}${late ? `, ${late} overdue` : ''}; `
        + `${cases.length} shown; updated ${new Date().toLocaleTimeString()}.`, late ? 'error' : 'ok');
    } catch (e) {
      status(this.state, `Could not load cases: ${e.message}`, 'error');
    }
  }

  shown(c) {
    const state = this.stateFilter.value;
    if (this.tier.value && c.tier !== this.tier.value) return false;
    if (state === 'ACTIVE') return c.state !== 'RESOLVED';
    return !state || c.state === state;
  }

  render(cases, now) {
    const existing = new Map([...this.list.children].map((li) => [li.dataset.caseId, li]));
    const items = cases.map((c) => {
      const old = existing.get(c.caseId);
      const late = String(overdue(c, now));
      const item = old && old.dataset.sequence === String(c.lastSequence) && old.dataset.overdue === late ? old : this.item(c, now);
      if (old && item !== old) keepFocus(old, item);
      this.mark(c, item);
      return item;
    });
    const focused = document.activeElement;
    this.list.replaceChildren(...items);
    if (focused && focused.isConnected && this.list.contains(focused)) focused.focus();
    if (items.length === 0) this.list.append(el('li', { class: 'empty' }, 'No cases match the filters.'));
  }

  /** Marks a case a live notification updated, and announces it once. */
  mark(c, item) {
    const mark = this.marked.get(c.caseId);
    if (!mark) return;
    if (mark.sequence !== String(c.lastSequence) || Date.now() - mark.since > REFRESH_MS * 2) this.marked.delete(c.caseId);
    if (!mark.told) {
      mark.told = true;
      announce(this.announcer, `Case updated: ${humanTitle(c)}, ${c.tier}, ${c.state}.`);
    }
    if (item.classList.contains('updated')) return;
    item.classList.add('updated');
    item.dataset.updated = 'true';
    setTimeout(() => { item.classList.remove('updated'); delete item.dataset.updated; }, MARKED_MS);
  }

  item(c, now) {
    const heading = `case-${cssId(c.caseId)}-title`;
    const late = overdue(c, now);
    const proposed = c.actions.filter((a) => a.state === 'PROPOSED');
    return el('li', { class: `case tier-${c.tier} state-${c.state}${late ? ' overdue' : ''}`, id: `case-${cssId(c.caseId)}`,
      dataset: { caseId: c.caseId, sequence: String(c.lastSequence), overdue: String(late) }, 'aria-labelledby': heading, tabindex: '-1' },
    el('div', { class: 'row' },
      tierBadge(c.tier, 'case-tier'),
      el('span', { class: `badge case-state state-${c.state}` }, c.state),
      urgency(c, late)),
    el('h3', { id: heading }, el('a', { class: 'case-open', href: caseRoute(c.caseId) }, humanTitle(c))),
    el('p', { class: 'case-figures' }, figures(c), ' · updated ', time(c.updatedAt)),
    el('dl', { class: 'facts' },
      fact('Involved countries', el('span', { class: 'case-countries' }, countries(c))),
      fact('Acknowledged by', c.acknowledgements.map((a) => `${a.country} (${a.officerId})`).join(', ') || 'nobody yet'),
      c.escalationLevel > 0 ? fact('Escalation', `level ${c.escalationLevel} (backup roster)`) : null,
      c.resolution ? fact('Resolution', c.resolution) : null),
    el('p', { class: 'case-rule' }, `${c.caseId} · ${c.title || c.reason || c.correlationKey}`),
    proposed.length ? el('div', { class: 'actions' }, el('h4', {}, 'Open votes'),
      el('ul', {}, proposed.map((a) => el('li', { class: 'action state-PROPOSED', dataset: { actionId: a.actionId } },
        `${a.type} proposed by ${a.proposedByCountry}; votes: ${a.votes.map((v) => `${v.country} ${v.choice}`).join(', ') || 'none yet'}`,
        this.canAct && c.state !== 'RESOLVED' ? this.commands.voteButtons(c, a) : null)))) : null,
    this.canAct ? this.commands.buttons(c) : null);
  }
}

/** Overdue badge, the countdown to this country's ack deadline, or who acknowledged. */
export function urgency(c, late) {
  if (ackDue(c) !== null) {
    return el('span', { class: 'urgency' }, late ? el('span', { class: 'badge overdue-badge' }, 'OVERDUE') : 'Acknowledge:',
      ' ', deadline(c.ackDeadline));
  }
  if (c.state === 'RESOLVED') return el('span', { class: 'urgency' }, 'resolved');
  const here = c.acknowledgements.filter((a) => a.country === c.copyFor);
  return el('span', { class: 'urgency' }, here.length ? `acknowledged by ${here.map((a) => a.officerId).join(', ')}` : 'no deadline');
}

/** Says a message in the live region; joins one said in the same moment (a notification's) rather than replacing it. */
export function announce(announcer, message) {
  const recent = Date.now() - Number(announcer.dataset.at || 0) < 3000;
  announcer.textContent = recent ? `${announcer.textContent} ${message}` : message;
  announcer.dataset.at = String(Date.now());
}

function fact(label, value) {
  return [el('dt', {}, label), el('dd', {}, value)];
}

/** Moves focus from an element of the old case item to the same control in its replacement. */
function keepFocus(old, fresh) {
  const focused = document.activeElement;
  if (!focused || !old.contains(focused)) return;
  const selector = focused.className ? `.${focused.className.trim().split(/\s+/).join('.')}` : focused.tagName;
  const target = fresh.querySelector(selector);
  queueMicrotask(() => (target || fresh).focus());
}
