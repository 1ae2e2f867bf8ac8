// Hash routes of the signed-in console: #case/<caseId> shows one case on its own page (the e-mail
// pages link to /console/#case/<caseId>, which opens after sign-in); #inbox/<signalId> shows the
// list view at that inbox item; anything else (the section anchors) is the list view. The view is
// a data attribute of <main>, so the sections' own visibility (what the token may use) is untouched.

export class Router {
  /** casePage: CasePage or null (no cases role); inbox: Inbox or null. */
  constructor({ main, caseSection, casePage, inbox }) {
    this.main = main;
    this.caseSection = caseSection;
    this.casePage = casePage;
    this.inbox = inbox;
    this.listener = () => this.route();
  }

  /** Starts routing; returns whether the current address opened a case page. */
  start() {
    window.addEventListener('hashchange', this.listener);
    return this.route();
  }

  stop() {
    window.removeEventListener('hashchange', this.listener);
    this.list();
    if (this.casePage) this.casePage.stop();
  }

  route() {
    const hash = window.location.hash;
    if (hash.startsWith('#case/') && this.casePage) {
      this.main.dataset.view = 'case';
      this.caseSection.hidden = false;
      this.casePage.open(decodeURIComponent(hash.slice('#case/'.length)));
      return true;
    }
    this.list();
    if (hash.startsWith('#inbox/') && this.inbox) {
      this.inbox.reveal(decodeURIComponent(hash.slice('#inbox/'.length)));
    } else if (hash.length > 1) {
      const target = document.getElementById(hash.slice(1));
      if (target) target.scrollIntoView();
    }
    return false;
  }

  list() {
    if (this.casePage) this.casePage.close();
    this.main.dataset.view = 'list';
    this.caseSection.hidden = true;
  }
}
