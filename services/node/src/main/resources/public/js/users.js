// The users of this node (ADMIN): list with enabled/disabled, add, disable/enable, set a new password.
// Every change goes through the node's users API, which records it in the node's audit log; the node
// never sends a password or hash back, and this page never shows one.

import { api } from './api.js';
import { el, status } from './dom.js';
import { clearViolations, showViolations } from './widgets.js';

export class Users {
  constructor(root) {
    this.list = root.querySelector('#users');
    this.state = root.querySelector('#users-status');
    this.form = root.querySelector('#user-form');
    this.general = root.querySelector('#user-violations');
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.add();
    });
  }

  async start() {
    await this.refresh();
  }

  async refresh() {
    try {
      const answer = await api('/api/v1/users');
      this.list.replaceChildren(...answer.users.map((user) => this.item(user)));
    } catch (e) {
      status(this.state, `Could not load the users: ${e.message}`, 'error');
    }
  }

  item(user) {
    const toggle = user.enabled
      ? el('button', { type: 'button', class: 'disable', onclick: () => this.change(user.name, 'disable') }, 'Disable')
      : el('button', { type: 'button', class: 'enable', onclick: () => this.change(user.name, 'enable') }, 'Enable');
    const reset = el('form', { class: 'reset-password', novalidate: true },
      el('label', { for: `reset-${user.name}` }, `New password for ${user.name}`),
      el('input', { id: `reset-${user.name}`, name: 'password', type: 'password', autocomplete: 'new-password' }),
      el('span', { class: 'violation', dataset: { field: 'password' }, hidden: true }),
      el('button', { type: 'submit' }, 'Set password'));
    reset.addEventListener('submit', (event) => {
      event.preventDefault();
      this.reset(user.name, reset);
    });
    const facts = [user.roles.join(', ') || 'no roles', user.enabled ? 'enabled' : 'disabled',
      user.hasPassword ? 'password' : 'no password', user.hasToken ? 'API token' : 'no token'].join(' · ');
    return el('li', { class: 'user', dataset: { user: user.name, enabled: String(user.enabled) } },
      el('strong', {}, user.name), ' ', el('span', { class: 'user-facts' }, facts), ' ', toggle, reset);
  }

  async change(name, action) {
    try {
      await api(`/api/v1/users/${encodeURIComponent(name)}/${action}`, { method: 'POST' });
      status(this.state, `${name} ${action === 'disable' ? 'disabled: their sessions and token no longer work' : 'enabled'}.`, 'ok');
      await this.refresh();
    } catch (e) {
      status(this.state, `Refused: ${e.message}`, 'error');
    }
  }

  async reset(name, form) {
    clearViolations(form);
    try {
      await api(`/api/v1/users/${encodeURIComponent(name)}/password`, { method: 'POST', body: { password: form.elements.password.value } });
      form.elements.password.value = '';
      status(this.state, `New password set for ${name}; their open sessions ended.`, 'ok');
    } catch (e) {
      showViolations(form, e.violations, this.general);
      status(this.state, `Refused: ${e.message}`, 'error');
    }
  }

  async add() {
    clearViolations(this.form, this.general);
    const f = this.form.elements;
    const roles = [...this.form.querySelectorAll('input[name="roles"]:checked')].map((box) => box.value);
    try {
      await api('/api/v1/users', { method: 'POST', body: { name: f.name.value.trim(), roles, password: f.password.value } });
      status(this.state, `${f.name.value.trim()} added.`, 'ok');
      this.form.reset();
      await this.refresh();
    } catch (e) {
      showViolations(this.form, e.violations, this.general);
      status(this.state, `Refused: ${e.message}`, 'error');
    }
  }
}
