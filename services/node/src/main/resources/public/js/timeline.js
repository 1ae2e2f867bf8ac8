// The case timeline as an inline SVG built here (no external assets): one row per event, oldest at
// the top, a marker whose shape says the kind of event and whose colour the tier, and a text label.
// The picture is role="img" with a title and description; the same events follow as a list, for
// screen readers and for reading the full sentences.

import { el, time } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const ROW = 46;
const TOP = 18;

const LABELS = {
  OPENED: 'Opened', HISTORY_FROM: 'History held from here', TIER_RAISED: 'Tier raised', TIER_LOWERED: 'Tier lowered',
  COUNTRIES_JOINED: 'Countries joined', SIGNALS_ADDED: 'Signals added', ESCALATED: 'Re-escalated',
  ACKNOWLEDGED: 'Acknowledged', STATE_CHANGED: 'State changed', ACTION_PROPOSED: 'Action proposed', VOTED: 'Vote',
  ACTION_DECIDED: 'Action decided', OBLIGATION: 'Obligation', RESOLVED: 'Resolved', COMMENTED: 'Comment',
};

/** Marker outlines around (0, 0), about 14 px across. */
const SHAPES = {
  circle: () => svg('circle', { r: 7 }),
  up: () => svg('path', { d: 'M0,-8 L8,6 L-8,6 Z' }),
  down: () => svg('path', { d: 'M0,8 L8,-6 L-8,-6 Z' }),
  plus: () => svg('path', { d: 'M-3,-8 H3 V-3 H8 V3 H3 V8 H-3 V3 H-8 V-3 H-3 Z' }),
  square: () => svg('rect', { x: -7, y: -7, width: 14, height: 14 }),
  diamond: () => svg('path', { d: 'M0,-8 L8,0 L0,8 L-8,0 Z' }),
  bolt: () => svg('path', { d: 'M2,-9 L-6,1 H-1 L-3,9 L6,-2 H1 Z' }),
  ring: () => svg('circle', { r: 6, class: 'ring' }),
  check: () => svg('path', { d: 'M-8,0 L-3,6 L8,-7 L5,-9 L-3,1 L-5,-3 Z' }),
  bubble: () => svg('path', { d: 'M-8,-6 H8 V4 H-1 L-5,8 V4 H-8 Z' }),
};
const SHAPE_OF = {
  OPENED: 'circle', HISTORY_FROM: 'circle', TIER_RAISED: 'up', TIER_LOWERED: 'down', COUNTRIES_JOINED: 'plus',
  SIGNALS_ADDED: 'plus', ESCALATED: 'bolt', ACKNOWLEDGED: 'square', STATE_CHANGED: 'circle', ACTION_PROPOSED: 'diamond',
  VOTED: 'diamond', ACTION_DECIDED: 'diamond', OBLIGATION: 'ring', RESOLVED: 'check', COMMENTED: 'bubble',
};

/** The timeline figure of {events, heldFrom, complete} for a container of the given width (px). */
export function timeline(caseTitle, body, width) {
  const events = body.events;
  const w = Math.max(280, Math.floor(width || 600));
  const height = TOP * 2 + Math.max(0, events.length - 1) * ROW;
  const chars = Math.max(20, Math.floor((w - 44) / 7));
  const first = events.length ? new Date(events[0].at).toLocaleString() : '';
  const last = events.length ? new Date(events[events.length - 1].at).toLocaleString() : '';
  const picture = svg('svg', { class: 'timeline-svg', role: 'img', width: w, height, viewBox: `0 0 ${w} ${height}`,
    'aria-labelledby': 'timeline-svg-title timeline-svg-desc' },
  svg('title', { id: 'timeline-svg-title' }, `Timeline of ${caseTitle}: ${events.length} event${events.length === 1 ? '' : 's'}`),
  svg('desc', { id: 'timeline-svg-desc' }, events.length
    ? `From ${first} to ${last}. The same events are listed after the picture.` : 'No events held.'),
  events.length > 1 ? svg('line', { class: 'axis', x1: 14, y1: TOP, x2: 14, y2: TOP + (events.length - 1) * ROW }) : null,
  events.map((e, i) => row(e, TOP + i * ROW, chars)));
  const list = el('ol', { class: 'timeline-list' }, events.map((e) => el('li', { class: `timeline-event type-${e.type}`, dataset: { type: e.type } },
    time(e.at), ' ', el('strong', {}, LABELS[e.type] || e.type), ` (${e.tier}): ${e.text}`)));
  return el('div', { class: 'timeline' },
    body.complete ? null : el('p', { class: 'history-note' }, 'History held from ', time(body.heldFrom),
      ': this node received no earlier copy of the case, so nothing before is shown.'),
    picture, list);
}

function row(e, y, chars) {
  const marker = SHAPES[SHAPE_OF[e.type] || 'circle']();
  const when = new Date(e.at);
  const label = `${Number.isNaN(when.getTime()) ? e.at : when.toLocaleString()} — ${LABELS[e.type] || e.type}`;
  return svg('g', { class: `event type-${e.type}`, 'data-type': e.type, transform: `translate(0 ${y})` },
    svg('title', {}, `${label}: ${e.text}`),
    svg('g', { class: `marker tier-${e.tier}`, transform: 'translate(14 0)' }, marker),
    svg('text', { x: 30, y: -4, class: 'label' }, truncate(label, chars)),
    svg('text', { x: 30, y: 12, class: 'words' }, truncate(e.text, chars)));
}

function truncate(text, chars) {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
