// Live notifications: the backlog is paged in first, then new ones arrive over SSE from the
// last cursor seen, so each notification is shown once and only new ones are announced.

import { api, query } from './api.js';
import { EventStream } from './sse.js';
import { el, status, time } from './dom.js';
import { tierBadge, deadline } from './widgets.js';

const SHOWN = 200;

export class Notifications {
  /** onCase(caseId) runs for every notification about a case (to refresh that case). */
  constructor(root, { onCase }) {
    this.list = root.querySelector('#notifications');
    this.state = root.querySelector('#notifications-status');
    this.announcer = document.getElementById('announcer');
    this.onCase = onCase;
    this.stream = null;
  }

  async start() {
    this.stop();
    this.list.replaceChildren();
    status(this.state, 'Loading notifications…');
    let cursor = null;
    try {
      cursor = await this.backlog();
    } catch (e) {
      status(this.state, `Could not load notifications: ${e.message}`, 'error');
      return;
    }
    this.stream = new EventStream('/api/v1/notifications/stream', {
      lastEventId: cursor,
      onEvent: (event) => this.received(event.data, true),
      onState: (state, detail) => this.connection(state, detail),
    }).start();
  }

  stop() {
    if (this.stream) this.stream.stop();
    this.stream = null;
  }

  async backlog() {
    let after = null;
    for (;;) {
      const page = await api(`/api/v1/notifications${query({ after, limit: 1000 })}`);
      page.items.forEach((item) => this.received(item, false));
      if (!page.next || page.next === after) return after;
      after = page.next;
    }
  }

  received(notification, live) {
    if (!notification || typeof notification !== 'object') return;
    this.list.prepend(render(notification));
    while (this.list.children.length > SHOWN) this.list.lastElementChild.remove();
    if (live) {
      this.announcer.textContent = `New ${notification.tier} notification: ${notification.title}. ${notification.ask || ''}`;
      this.announcer.dataset.at = String(Date.now());
      if (notification.caseId) this.onCase(notification.caseId);
    }
  }

  connection(state, detail) {
    const text = {
      connecting: ['Connecting to the live feed…', 'info'],
      open: ['Live: new notifications appear at the top.', 'ok'],
      retrying: [`Live feed interrupted: ${detail}.`, 'error'],
      stopped: [`Live feed stopped: ${detail}.`, 'error'],
    }[state];
    status(this.state, text[0], text[1]);
  }
}

function render(n) {
  return el('li', { class: `notification tier-${n.tier}`, dataset: { notificationId: n.notificationId, kind: n.kind } },
    el('div', { class: 'row' }, tierBadge(n.tier), el('span', { class: 'kind' }, n.kind), time(n.createdAt)),
    el('h3', {}, n.title),
    about(n.about),
    el('p', {}, n.message),
    n.ask ? el('p', { class: 'ask' }, el('strong', {}, 'Asked of you: '), n.ask) : null,
    n.deadline ? el('p', {}, 'Deadline: ', deadline(n.deadline)) : null,
    n.escalationLevel > 0 ? el('p', { class: 'escalated' }, `Escalation level ${n.escalationLevel} (backup roster)`) : null,
    n.caseId ? el('a', { href: `#case/${encodeURIComponent(n.caseId)}`, class: 'case-link' }, `Open case ${n.caseId}`) : null);
}

// What the notification's case is about, as this node holds its signals; nothing when it holds none.
function about(a) {
  const labels = a ? [...a.campaigns.map((x) => `campaign ${x}`), ...a.systems] : [];
  return labels.length ? el('p', { class: 'about' }, el('strong', {}, 'About: '), labels.join(', ')) : null;
}

/** Case ids are [A-Za-z0-9._:-]; this maps them to a fragment-safe element id. */
export function cssId(caseId) {
  return caseId.replace(/[^A-Za-z0-9_-]/g, '_');
}
