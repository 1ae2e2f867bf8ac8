// Server-sent events over fetch(): EventSource cannot send an Authorization header, so the
// text/event-stream body is read and parsed here. Resumes with Last-Event-ID and reconnects
// with capped exponential backoff and jitter; stops for good on 401/403.

import { authHeaders } from './api.js';

/**
 * Incremental text/event-stream parser (WHATWG HTML "event stream interpretation").
 * feed(text) returns the events completed by that chunk: {id, event, data}.
 */
export class EventStreamParser {
  constructor() {
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.data = [];
    this.event = '';
    this.id = undefined;
  }

  feed(chunk) {
    this.buffer += chunk;
    const events = [];
    let match;
    const lineEnd = /\r\n|\r|\n/;
    while ((match = lineEnd.exec(this.buffer)) !== null) {
      // A lone '\r' at the end of the buffer may be the first half of '\r\n': wait for more.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  line(line) {
    if (line === '') {
      const hasData = this.data.length > 0;
      const event = { id: this.id, event: this.event || 'message', data: this.data.join('\n') };
      this.reset();
      return hasData ? event : null;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    return null;
  }
}

const MIN_DELAY = 1000;
const MAX_DELAY = 30000;

/**
 * A resumable event stream. onEvent({id, event, data}) for each event (data already parsed as
 * JSON when it is JSON); onState(state, detail) with 'connecting', 'open', 'retrying', 'stopped'.
 */
export class EventStream {
  constructor(url, { lastEventId, onEvent, onState = () => {} }) {
    this.url = url;
    this.lastEventId = lastEventId;
    this.onEvent = onEvent;
    this.onState = onState;
    this.delay = MIN_DELAY;
    this.controller = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.connect();
    return this;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.controller) this.controller.abort();
    this.onState('stopped', 'closed');
  }

  async connect() {
    this.controller = new AbortController();
    this.onState('connecting');
    const headers = authHeaders({ Accept: 'text/event-stream' });
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    try {
      const response = await fetch(this.url, { headers, cache: 'no-store', signal: this.controller.signal });
      if (response.status === 401 || response.status === 403) {
        this.stopped = true;
        this.onState('stopped', response.status === 401 ? 'the token is no longer valid' : 'not allowed for this token');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      this.onState('open');
      this.delay = MIN_DELAY;
      await this.read(response.body);
      this.retry('the node closed the stream');
    } catch (e) {
      if (this.stopped || e.name === 'AbortError') return;
      this.retry(e.message);
    }
  }

  async read(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new EventStreamParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
        if (event.id !== undefined) this.lastEventId = event.id;
        this.onEvent({ ...event, data: parseData(event.data) });
      }
      if (parser.retry) this.delay = Math.max(MIN_DELAY, parser.retry);
    }
  }

  retry(reason) {
    if (this.stopped) return;
    const wait = Math.round(this.delay * (0.5 + Math.random() / 2));
    this.onState('retrying', `${reason}; reconnecting in ${Math.ceil(wait / 1000)} s`);
    this.delay = Math.min(MAX_DELAY, this.delay * 2);
    this.timer = setTimeout(() => this.connect(), wait);
  }
}

function parseData(data) {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
