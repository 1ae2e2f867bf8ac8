// Console entry point: login with a pasted bearer token, find out what the token may do
// (401/403 answers of the node), then start the sections the token's roles can use.

import { allowed, session } from './api.js';
import { show, status } from './dom.js';
import { Cases } from './cases.js';
import { CasePage } from './case-page.js';
import { Router } from './router.js';
import { Inbox } from './inbox.js';
import { Notifications } from './notifications.js';
import { Policy } from './policy.js';
import { SignalForm } from './signal-form.js';

const $ = (selector) => document.querySelector(selector);

const sections = {
  notifications: $('#notifications-section'),
  cases: $('#cases-section'),
  inbox: $('#inbox-section'),
  submit: $('#submit-section'),
  policy: $('#policy-section'),
};
let running = [];
// --- case routes (#case/<id>, #inbox/<id>): see router.js
let router = null;
// --- end case routes

/** Which sections the token may use: one harmless GET per role-guarded endpoint. */
async function probe() {
  const [inbox, notifications, cases, publisher, admin] = await Promise.all([
    allowed('/api/v1/inbox?limit=1'),
    allowed('/api/v1/notifications?limit=1'),
    allowed('/api/v1/cases'),
    allowed('/api/v1/signals/console-role-probe'),
    allowed('/api/v1/policy'),
  ]);
  return { inbox, notifications, cases, submit: publisher, policy: admin, act: notifications };
}

async function login(token) {
  session.set(token);
  const loginStatus = $('#login-status');
  status(loginStatus, 'Checking the token…');
  let may;
  try {
    may = await probe();
  } catch (e) {
    session.clear();
    status(loginStatus, e.status === 401 ? 'The node refused this token (401). Paste a valid token.' : e.message, 'error');
    $('#token').focus();
    return;
  }
  status(loginStatus, '');
  show($('#login-section'), false);
  show($('#session-bar'), true);
  $('#roles').textContent = describe(may);
  const onCasePage = start(may);
  const first = Object.keys(sections).find((name) => may[name]);
  if (first && !onCasePage) sections[first].querySelector('h2').focus();
}

function start(may) {
  stop();
  for (const [name, section] of Object.entries(sections)) show(section, Boolean(may[name]));
  show($('#no-sections'), !Object.keys(sections).some((name) => may[name]));
  const cases = may.cases ? new Cases(sections.cases, { canAct: may.act }) : null;
  if (cases) running.push(cases);
  // --- case routes: the case page, refreshed like the list when a live notification concerns its case
  const casePage = may.cases ? new CasePage($('#case-section'), { canAct: may.act }) : null;
  const onCase = (caseId) => {
    if (cases) cases.updated(caseId);
    if (casePage) casePage.updated(caseId);
  };
  // --- end case routes
  if (may.notifications) running.push(new Notifications(sections.notifications, { onCase }));
  const inbox = may.inbox ? new Inbox(sections.inbox) : null;
  if (inbox) running.push(inbox);
  if (may.policy) running.push(new Policy(sections.policy));
  running.forEach((part) => part.start());
  // --- case routes: returns whether the address opened a case page
  router = new Router({ main: $('#main'), caseSection: $('#case-section'), casePage, inbox });
  return router.start();
  // --- end case routes
}

function stop() {
  running.forEach((part) => part.stop && part.stop());
  running = [];
  // --- case routes
  if (router) router.stop();
  router = null;
  // --- end case routes
}

function logout(message, kind = 'info') {
  stop();
  session.clear();
  Object.values(sections).forEach((section) => show(section, false));
  show($('#session-bar'), false);
  show($('#no-sections'), false);
  show($('#login-section'), true);
  $('#token').value = '';
  status($('#login-status'), message, kind);
  $('#token').focus();
}

function describe(may) {
  const can = [];
  if (may.notifications) can.push('duty officer (notifications, case commands)');
  else if (may.cases) can.push('cases read-only');
  if (may.inbox) can.push('inbox');
  if (may.submit) can.push('publisher (submit signals)');
  if (may.policy) can.push('admin (policy)');
  return `Signed in: ${can.join(', ') || 'no sections for this token'}.`;
}

new SignalForm(sections.submit);
session.onUnauthorized(() => logout('The node no longer accepts this token (401). Paste a new one.', 'error'));
$('#login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('#token').value.trim().replace(/^Bearer\s+/i, '');
  if (!token) {
    status($('#login-status'), 'Paste a token first.', 'error');
    $('#token').focus();
    return;
  }
  login(token);
});
$('#logout').addEventListener('click', () => logout('Signed out; the token was removed from this tab.'));
if (session.token()) login(session.token());
