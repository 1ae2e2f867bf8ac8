// The duty officer's commands on a case (acknowledge, vote, propose, resolve, comment), shared by the
// case list and the case page. Each is one POST to the node, which produces it for the coordination
// centre (202); the case changes once the centre applied it and sent this country a new copy.

import { api } from './api.js';
import { el, status } from './dom.js';
import { ask } from './dialog.js';
import { acknowledgedHere } from './case-model.js';
import { TIERS } from './widgets.js';

const ACTION_TYPES = ['HALT_DEPLOYMENT', 'BLOCK_MODEL_ACCESS', 'FREEZE_FUNDS', 'TAKE_DOWN_CONTENT',
  'ISSUE_PUBLIC_ADVISORY', 'SHARE_MITIGATION', 'LOWER_TIER', 'RESOLVE_CASE'];

export class CaseCommands {
  /** statusNode shows outcomes; onAccepted() runs after a command was accepted (to refresh). */
  constructor(statusNode, onAccepted) {
    this.state = statusNode;
    this.onAccepted = onAccepted;
  }

  /** The command buttons (.ack .propose .resolve .comment) for a case. */
  buttons(c) {
    const closed = c.state === 'RESOLVED';
    const acked = acknowledgedHere(c);
    return el('div', { class: 'buttons case-commands', role: 'group', 'aria-label': `Commands for case ${c.caseId}` },
      el('button', { type: 'button', class: 'ack primary', disabled: closed || acked, onclick: () => this.ack(c) },
        acked ? 'Acknowledged' : 'Acknowledge'),
      el('button', { type: 'button', class: 'propose', disabled: closed, onclick: () => this.propose(c) }, 'Propose action'),
      el('button', { type: 'button', class: 'resolve', disabled: closed, onclick: () => this.resolve(c) }, 'Resolve'),
      el('button', { type: 'button', class: 'comment', onclick: () => this.comment(c) }, 'Comment'));
  }

  /** Yes / No / Abstain buttons (button.vote[data-choice]) for a proposed action. */
  voteButtons(c, action) {
    return el('div', { class: 'buttons', role: 'group', 'aria-label': `Vote on ${action.type}` },
      ['YES', 'NO', 'ABSTAIN'].map((choice) => el('button', {
        type: 'button', class: `vote vote-${choice}`, dataset: { choice },
        onclick: () => this.vote(c, action, choice),
      }, `Vote ${choice}`)));
  }

  ack(c) {
    return this.command(c, 'ack', {}, 'Acknowledgement sent');
  }

  vote(c, action, choice) {
    return this.command(c, 'votes', { actionId: action.actionId, choice }, `Vote ${choice} sent`);
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
    setTimeout(() => this.onAccepted(), 1500);
  }
}
