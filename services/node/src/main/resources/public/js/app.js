// Console entry point: sign in with user name and password (the node keeps the session in an
// HttpOnly cookie) or, secondarily, with a pasted API token; find out what the user may do
// (401/403 answers of the node), then start the sections the user's roles can use.

import { allowed, session, signIn, signInOptions, signOut } from './api.js';
import { show, status } from './dom.js';
import { Cases } from './cases.js';
import { CasePage } from './case-page.js';
import { Router } from './router.js';
import { Inbox } from './inbox.js';
import { Notifications } from './notifications.js';
import { Policy } from './policy.js';
import { SignalForm } from './signal-form.js';
import { Users } from './users.js';

const $ = (selector) => document.querySelector(selector);

const sections = {
  notifications: $('#notifications-section'),
  cases: $('#cases-section'),
  inbox: $('#inbox-section'),
  submit: $('#submit-section'),
  policy: $('#policy-section'),
  users: $('#users-section'),
};
let running = [];
// --- case routes (#case/<id>, #inbox/<id>): see router.js
let router = null;
// --- end case routes
let signedIn = false;

/** Which sections the token may use: one harmless GET per role-guarded endpoint. */
async function probe() {
  const [inbox, notifications, cases, publisher, admin, users] = await Promise.all([
    allowed('/api/v1/inbox?limit=1'),
    allowed('/api/v1/notifications?limit=1'),
    allowed('/api/v1/cases'),
    allowed('/api/v1/signals/console-role-probe'),
    allowed('/api/v1/policy'),
    allowed('/api/v1/users'),
  ]);
  return { inbox, notifications, cases, submit: publisher, policy: admin, users, act: notifications };
}

/** Signs in with user name and password; the messages say what the node refused, never more. */
async function loginWithPassword(username, password) {
  const loginStatus = $('#login-status');
  status(loginStatus, 'Signing in…');
  try {
    await signIn(username, password);
  } catch (e) {
    const messages = {
      401: 'Wrong user name or password, or the user is disabled.',
      429: `Locked out for now: ${e.message}.`,
    };
    status(loginStatus, messages[e.status] || e.message, 'error');
    $('#password').value = '';
    $('#password').focus();
    return;
  }
  $('#password').value = '';
  await enter(loginStatus, () => $('#username').focus());
}

async function loginWithToken(token) {
  session.set(token);
  const loginStatus = $('#login-status');
  status(loginStatus, 'Checking the token…');
  await enter(loginStatus, () => {
    session.clear();
    $('#token').focus();
  }, 'The node refused this token (401). Paste a valid token.');
}

/** Probes what the signed-in user may do and opens those sections; refused runs when the node says 401. */
async function enter(loginStatus, refused, message = 'The node refused the session (401). Sign in again.') {
  let may;
  try {
    may = await probe();
  } catch (e) {
    status(loginStatus, e.status === 401 ? message : e.message, 'error');
    refused();
    return;
  }
  signedIn = true;
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
  if (may.users) running.push(users);
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
  signedIn = false;
  signOut();
  Object.values(sections).forEach((section) => show(section, false));
  show($('#session-bar'), false);
  show($('#no-sections'), false);
  show($('#login-section'), true);
  $('#token').value = '';
  $('#password').value = '';
  status($('#login-status'), message, kind);
  $('#username').focus();
}

function describe(may) {
  const can = [];
  if (may.notifications) can.push('duty officer (notifications, case commands)');
  else if (may.cases) can.push('cases read-only');
  if (may.inbox) can.push('inbox');
  if (may.submit) can.push('publisher (submit signals)');
  if (may.policy) can.push('admin (policy, users)');
  return `Signed in: ${can.join(', ') || 'no sections for this user'}.`;
}

new SignalForm(sections.submit);
const users = new Users(sections.users);
session.onUnauthorized(() => {
  if (signedIn) logout('The node no longer accepts this session or token (401). Sign in again.', 'error');
});
$('#password-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const username = $('#username').value.trim();
  const password = $('#password').value;
  if (!username || !password) {
    status($('#login-status'), 'Enter your user name and password.', 'error');
    (username ? $('#password') : $('#username')).focus();
    return;
  }
  loginWithPassword(username, password);
});
$('#login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('#token').value.trim().replace(/^Bearer\s+/i, '');
  if (!token) {
    status($('#login-status'), 'Paste a token first.', 'error');
    $('#token').focus();
    return;
  }
  loginWithToken(token);
});
$('#logout').addEventListener('click', () => logout('Signed out.'));
// The agency's identity provider, when the node offers one: the link comes back to this console address
signInOptions().then((options) => {
  if (!options || !options.oidc) return;
  const link = $('#oidc-sign-in');
  const here = () => `${options.oidc.url}?returnTo=${encodeURIComponent(`/console/${location.hash}`)}`;
  link.textContent = `Sign in with ${options.oidc.name}`;
  link.href = here();
  window.addEventListener('hashchange', () => { link.href = here(); });
  show($('#oidc-option'), true);
});
// A reload keeps the tab's token, or the session cookie (which this page cannot read: it just tries)
if (session.token()) loginWithToken(session.token());
else enter($('#login-status'), () => status($('#login-status'), ''));
