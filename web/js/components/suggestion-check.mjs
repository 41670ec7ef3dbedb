/* The suggestion view (#/suggestion[/<reference>]): a resident types the reference they were given
 * and reads, in plain words, what became of their suggestion: waiting for a moderator, approved for
 * the next round (in the words approved for the ballot), joined to a priority already on it, not
 * taken forward (and why), or a crime to report on 101 (999 in an emergency). A reference the API
 * does not know gets one plain answer, whatever the reason. */

import { Component, Latest } from '../component.mjs';
import { h, setText, showFieldError } from '../dom.mjs';
import { routeHref } from '../router.mjs';

const CLEAN = /[\s-]/g; // spaces and hyphens a person may type (the API ignores both)

const VIEW = `
<p class="crumb"><a href="#/" data-i18n="missing.home"></a></p>
<h1 id="suggestion-check-title" tabindex="-1" data-i18n="lookup.title"></h1>
<p class="lede" data-i18n="lookup.intro"></p>
<form id="suggestion-form" class="card" novalidate>
  <div class="field">
    <label for="suggestion-reference" data-i18n="lookup.label"></label>
    <p id="suggestion-hint" class="hint" data-i18n="lookup.hint"></p>
    <p id="suggestion-error" class="error-message" hidden></p>
    <div class="inline-field">
      <input id="suggestion-reference" name="reference" class="input-receipt" type="text" autocomplete="off"
             autocapitalize="characters" spellcheck="false" maxlength="40" aria-describedby="suggestion-hint">
      <button type="submit" id="suggestion-submit" data-i18n="lookup.submit"></button>
    </div>
  </div>
</form>
<div id="suggestion-answer" class="notice" hidden tabindex="-1"></div>`;

const HEADINGS = {
  pending: 'lookup.pendingHeading',
  approved: 'lookup.approvedHeading',
  merged: 'lookup.mergedHeading',
  declined: 'lookup.declinedHeading',
  redirected: 'lookup.redirectedHeading',
};

export class SuggestionCheck extends Component {
  static moduleName = 'suggestion-check';

  constructor(root, app) {
    super(root, app);
    root.innerHTML = VIEW;
    this.words = this.i18n.part('proposals');
    for (const a of root.querySelectorAll('a[href^="#/"]')) a.href = routeHref(a.getAttribute('href'));
    this.latest = new Latest();
    this.state = null; // {empty} | {checking} | {answer} | {error}
    this.input = this.$('suggestion-reference');
    this.$('suggestion-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.check(true); });
    this.listen(app.router, 'route', this.onRoute);
    this.listen(this.i18n, 'change', () => { if (app.page.isShowing('suggestion')) this.render(); });
  }

  async onRoute({ view, code, focus }) {
    const current = this.latest.next();
    if (view !== 'suggestion') return;
    try {
      await this.words;
    } catch {
      this.words = this.i18n.part('proposals'); // try again on the next visit
    }
    if (!current()) return;
    this.app.page.show('suggestion', () => this.t('lookup.title'));
    this.state = null;
    this.input.value = code || '';
    if (code) return this.check(focus);
    this.render();
    if (focus) this.$('suggestion-check-title').focus();
  }

  async check(focus) {
    const reference = this.input.value.replace(CLEAN, '');
    const current = this.latest.next();
    if (!reference) {
      this.state = { empty: true };
      this.render();
      this.input.focus();
      return;
    }
    this.state = { checking: true };
    this.render();
    let state;
    try {
      state = { answer: (await this.api.proposal(reference)).proposal };
    } catch (error) {
      state = { error };
    }
    if (!current()) return;
    this.state = state;
    this.render();
    if (focus) this.$('suggestion-answer').focus();
  }

  render() {
    for (const el of this.root.querySelectorAll('[data-i18n]')) setText(el, this.t(el.dataset.i18n));
    const s = this.state || {};
    showFieldError(this.input, this.$('suggestion-error'), 'suggestion-hint', s.empty ? this.t('lookup.empty') : '');
    setText(this.$('suggestion-submit'), this.t(s.checking ? 'lookup.checking' : 'lookup.submit'));
    const box = this.$('suggestion-answer');
    box.hidden = !(s.answer || s.error);
    const tone = { approved: 'notice-ok', redirected: 'notice-warning', declined: '' }[s.answer?.status] ?? 'notice-info';
    box.className = `notice ${s.error ? 'notice-error' : tone}`;
    if (s.error) box.replaceChildren(...this.problem(s.error));
    else if (s.answer) box.replaceChildren(...this.answer(s.answer));
    else box.replaceChildren();
  }

  problem(error) {
    const unknown = error.code === 'proposal_not_found';
    return [
      h('h2', { class: 'notice-title' }, this.t(unknown ? 'lookup.notFoundHeading' : 'lookup.failedHeading')),
      h('p', null, unknown ? this.t('lookup.notFound') : this.i18n.error(error)),
    ];
  }

  /** The API's answer in words: what was decided and why, then what the resident wrote. */
  answer(p) {
    const { i18n } = this;
    const area = i18n.loc(p.area?.name);
    const said = {
      pending: () => this.t('lookup.pending'),
      approved: () => this.t('lookup.approved', { area, title: i18n.loc(p.approved?.title) }),
      merged: () => this.t('lookup.merged', { title: i18n.loc(p.mergedInto?.title) || p.mergedInto?.id || '' }),
      redirected: () => this.t('lookup.redirected'),
    }[p.status];
    const reason = i18n.loc(p.reason);
    return [
      h('h2', { class: 'notice-title' }, this.t(HEADINGS[p.status] || 'lookup.pendingHeading')),
      said && h('p', { 'data-answer': 'status' }, said()),
      reason && h('p', { 'data-answer': 'reason' }, this.t('lookup.reason', { reason })),
      h('p', null, this.t('lookup.sent', { area, date: i18n.date(p.submitted, false) })),
      h('p', null, this.t('lookup.youWrote')),
      h('blockquote', { lang: p.language }, h('p', null, h('strong', null, p.title)), h('p', null, p.description)),
      h('p', { class: 'hint' }, this.t('lookup.private')),
    ];
  }
}
