// One case on a page of its own (route #case/<caseId>): what it is about, who is involved, the
// acknowledgement clock, the contributing signals this country holds (each linked to its inbox item),
// the timeline of its events, its obligations with their clocks, open votes, and the officer's
// commands. Everything is read from this node: the case copy and the timeline it derived from the
// copies it received.

import { api } from './api.js';
import { el, status, time } from './dom.js';
import { deadline, tierBadge } from './widgets.js';
import { CaseCommands } from './case-commands.js';
import { announce, urgency } from './cases.js';
import { caseRoute, countries, figures, humanTitle, overdue } from './case-model.js';
import { timeline } from './timeline.js';

const REFRESH_MS = 15000;

export class CasePage {
  constructor(root, { canAct }) {
    this.root = root;
    this.body = root.querySelector('#case-page');
    this.state = root.querySelector('#case-status');
    this.heading = root.querySelector('#case-heading');
    this.announcer = document.getElementById('announcer');
    this.canAct = canAct;
    this.commands = new CaseCommands(this.state, () => this.refresh());
    this.caseId = null;
  }

  /** Shows the case and keeps it current until closed. */
  async open(caseId) {
    const fresh = caseId !== this.caseId;
    this.close();
    this.caseId = caseId;
    if (fresh) {
      this.heading.textContent = `Case ${caseId}`;
      this.body.replaceChildren();
      this.sequence = null;
    }
    status(this.state, 'Loading the case…');
    await this.refresh();
    this.heading.focus();
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  close() {
    clearInterval(this.timer);
  }

  stop() {
    this.close();
    this.caseId = null;
  }

  /** A live notification concerned caseId: refresh when it is the case shown, and announce the change. */
  async updated(caseId) {
    if (caseId !== this.caseId || this.root.hidden) return;
    const before = this.sequence;
    await this.refresh();
    if (before !== null && this.sequence !== before) announce(this.announcer, `This case was updated.`);
  }

  async refresh() {
    const caseId = this.caseId;
    if (!caseId) return;
    try {
      const path = `/api/v1/cases/${encodeURIComponent(caseId)}`;
      const [c, history] = await Promise.all([api(path), api(`${path}/timeline`)]);
      if (caseId !== this.caseId) return;
      if (String(c.lastSequence) !== this.sequence) {
        this.sequence = String(c.lastSequence);
        this.render(c, history);
      }
      status(this.state, `Updated ${new Date().toLocaleTimeString()}.`, 'ok');
    } catch (e) {
      status(this.state, e.status === 404 ? `No case ${caseId} involving this country on this node.`
        : `Could not load the case: ${e.message}`, 'error');
    }
  }

  render(c, history) {
    const focused = document.activeElement;
    const focusKey = focused && this.body.contains(focused) ? focused.dataset.focusKey : null;
    this.heading.textContent = humanTitle(c);
    this.root.dataset.caseId = c.caseId;
    const width = this.body.clientWidth || 600;
    this.body.replaceChildren(
      header(c),
      signals(c),
      el('section', { class: 'case-part', 'aria-labelledby': 'case-timeline-heading' },
        el('h3', { id: 'case-timeline-heading' }, 'Timeline'),
        timeline(humanTitle(c), history, Math.min(width - 8, 900))),
      obligations(c),
      this.votes(c),
      this.canAct ? el('section', { class: 'case-part', 'aria-labelledby': 'case-commands-heading' },
        el('h3', { id: 'case-commands-heading' }, 'Commands'), this.commands.buttons(c)) : null);
    // the same control of the re-rendered page keeps the focus (a button's class, choice and action)
    this.body.querySelectorAll('button').forEach((b) => {
      b.dataset.focusKey = `${b.className}|${b.dataset.choice || ''}|${b.closest('[data-action-id]')?.dataset.actionId || ''}`;
    });
    if (focusKey) {
      const target = this.body.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
      if (target) target.focus();
    }
  }

  votes(c) {
    const open = c.actions.filter((a) => a.state === 'PROPOSED');
    const decided = c.actions.filter((a) => a.state !== 'PROPOSED');
    return el('section', { class: 'case-part actions', 'aria-labelledby': 'case-votes-heading' },
      el('h3', { id: 'case-votes-heading' }, 'Joint actions'),
      open.length || decided.length ? null : el('p', {}, 'No joint action proposed.'),
      open.length ? el('ul', { class: 'open-votes' }, open.map((a) => el('li', { class: 'action state-PROPOSED', dataset: { actionId: a.actionId } },
        el('div', { class: 'row' }, el('strong', {}, a.type), el('span', { class: 'badge' }, 'open vote'), a.targetTier ? tierBadge(a.targetTier) : null),
        el('p', {}, `Proposed by ${a.proposedByCountry} (${a.proposedBy}) `, time(a.proposedAt),
          `; passes with ${Math.round(a.quorum * 100)} % of involved countries voting yes. ${a.description}`),
        el('p', { class: 'votes' }, 'Votes: ', a.votes.map((v) => `${v.country} ${v.choice}`).join(', ') || 'none yet'),
        this.canAct && c.state !== 'RESOLVED' ? this.commands.voteButtons(c, a) : null))) : null,
      decided.length ? el('ul', { class: 'decided' }, decided.map((a) => el('li', { class: `action state-${a.state}`, dataset: { actionId: a.actionId } },
        `${a.type}: ${a.state} `, time(a.decidedAt), ` — votes ${a.votes.map((v) => `${v.country} ${v.choice}`).join(', ') || 'none'}`))) : null);
  }
}

function header(c) {
  const late = overdue(c, Date.now());
  const here = c.acknowledgements.map((a) => el('li', {}, `${a.country} (${a.officerId}) `, time(a.at)));
  return el('div', { class: `case-header tier-${c.tier} state-${c.state}${late ? ' overdue' : ''}` },
    el('div', { class: 'row' }, tierBadge(c.tier, 'case-tier'), el('span', { class: `badge case-state state-${c.state}` }, c.state), urgency(c, late)),
    el('p', { class: 'case-figures' }, figures(c)),
    el('dl', { class: 'facts' },
      fact('About', about(c)),
      fact('Involved countries', el('span', { class: 'case-countries' }, countries(c))),
      fact('Reporting countries', (c.reportingCountries || []).join(', ') || 'none named to you'),
      fact('Escalation level', c.escalationLevel === 0 ? '0 (primary officers)' : c.escalationLevel === 1 ? '1 (backup officers)' : `${c.escalationLevel} (next roster levels)`),
      fact('Acknowledge by', c.ackDeadline ? deadline(c.ackDeadline) : el('span', {}, '—')),
      fact('Acknowledged by', here.length ? el('ul', { class: 'plain' }, here) : 'nobody yet'),
      fact('Opened', time(c.openedAt)),
      fact('Updated', time(c.updatedAt)),
      fact('What fired', el('span', { class: 'case-rule' }, c.title || c.reason || '—')),
      fact('Case id', el('code', {}, c.caseId)),
      c.resolution ? fact('Resolution', c.resolution) : null),
    el('p', {}, el('a', { href: caseRoute(c.caseId), class: 'permalink' }, 'Link to this case')));
}

function about(c) {
  const a = c.about || { campaigns: [], systems: [] };
  const parts = [...(c.categories || []), ...(c.criticalSectors || []).map((s) => `sector ${s}`),
    ...a.campaigns.map((x) => `campaign ${x}`), ...a.systems];
  return el('span', { class: 'case-about' }, parts.join(', ') || '—');
}

function signals(c) {
  const list = c.signals || [];
  return el('section', { class: 'case-part', 'aria-labelledby': 'case-signals-heading' },
    el('h3', { id: 'case-signals-heading' }, 'Contributing signals'),
    list.length ? el('ul', { class: 'case-signals' }, list.map(signal)) : el('p', {}, 'No signal named to you.'),
    c.unnamedSignalCount ? el('p', { class: 'unnamed' }, `${c.unnamedSignalCount} more signal${c.unnamedSignalCount === 1 ? '' : 's'} counted in this case but not shared with you.`) : null);
}

function signal(s) {
  const attrs = { class: `case-signal status-${s.status}`, dataset: { signalId: s.id, status: s.status } };
  if (s.status === 'RETRACTED') {
    return el('li', attrs, el('span', { class: 'badge status-RETRACTED' }, 'RETRACTED'), ' ',
      el('a', { href: `#inbox/${encodeURIComponent(s.id)}` }, `Signal ${s.id}`), ' retracted ', time(s.retractedAt), `: ${s.reason}`);
  }
  if (s.status === 'NOT_HELD') {
    return el('li', attrs, el('span', { class: 'badge' }, 'NOT HELD'), ` Signal ${s.id}: named in the case, not in this node (not arrived yet).`);
  }
  const origin = s.status === 'OWN' ? 'our own report' : s.originCountry
    ? `from ${s.originCountry}${s.originAgency ? ` / ${s.originAgency}` : ''}` : 'from an anonymous member';
  return el('li', attrs,
    el('div', { class: 'row' },
      s.status === 'OWN' ? el('span', { class: 'badge' }, 'OWN') : el('span', { class: `badge status-${s.status}` }, s.status),
      el('span', { class: 'badge' }, s.category),
      el('span', { class: `badge severity severity-${s.severity}` }, `severity ${s.severity}`),
      el('span', { class: `badge tlp tlp-${s.tlp.replace('+', '_')}` }, `TLP:${s.tlp}`)),
    s.link ? el('a', { class: 'signal-link', href: s.link }, s.title) : el('strong', {}, s.title), ` — ${origin}`);
}

function obligations(c) {
  return el('section', { class: 'case-part obligations', 'aria-labelledby': 'case-obligations-heading' },
    el('h3', { id: 'case-obligations-heading' }, 'Obligations'),
    c.obligations.length ? el('ul', {}, c.obligations.map((o) => el('li', { class: `obligation state-${o.state}` },
      el('span', { class: `badge obligation-state state-${o.state}` }, o.state.replace('_', ' ')), ' ',
      `${o.description}${o.country ? ` (${o.country})` : ''} — due `, time(o.dueAt),
      o.state === 'MET' ? null : [' — ', deadline(o.dueAt)]))) : el('p', {}, 'No regulatory clock runs on this case for you.'));
}

function fact(label, value) {
  return [el('dt', {}, label), el('dd', {}, value)];
}
