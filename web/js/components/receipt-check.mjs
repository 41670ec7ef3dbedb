/* The receipt view (#/receipt[/<code>]): a resident pastes a receipt code and reads, in plain words,
 * what the API says of it: the area and round, whether the ballot still counts or a later one
 * replaced it, and whether the results include it. Nothing more is claimed than the API tells;
 * a code it does not know gets the same plain answer whatever the reason. */

import { Component, Latest } from '../component.mjs';
import { h, setText, showFieldError } from '../dom.mjs';
import { areaPath, routeHref } from '../router.mjs';

// What a person may paste: the code, maybe with spaces or hyphens (the API ignores both).
const CLEAN = /[\s-]/g;

const VIEW = `
<p class="crumb"><a href="#/" data-i18n="missing.home"></a></p>
<h1 id="receipt-check-title" tabindex="-1" data-i18n="check.title"></h1>
<p class="lede" data-i18n="check.intro"></p>
<form id="receipt-form" class="card" novalidate>
  <div class="field">
    <label for="receipt-code" data-i18n="check.label"></label>
    <p id="receipt-hint" class="hint" data-i18n="check.hint"></p>
    <p id="receipt-error" class="error-message" hidden></p>
    <div class="inline-field">
      <input id="receipt-code" name="receipt" class="input-receipt" type="text" autocomplete="off"
             autocapitalize="none" spellcheck="false" maxlength="80" aria-describedby="receipt-hint">
      <button type="submit" id="receipt-submit" data-i18n="check.submit"></button>
    </div>
  </div>
</form>
<div id="receipt-answer" class="notice" hidden tabindex="-1"></div>`;

export class ReceiptCheck extends Component {
  static moduleName = 'receipt-check';

  constructor(root, app) {
    super(root, app);
    // Built here, and its words loaded with it: only a resident who checks a receipt needs them.
    root.innerHTML = VIEW;
    this.words = this.i18n.part('receipt');
    for (const a of root.querySelectorAll('a[href^="#/"]')) a.href = routeHref(a.getAttribute('href'));
    this.latest = new Latest();
    this.state = null; // {empty} | {checking} | {answer} | {error}
    this.input = this.$('receipt-code');
    this.$('receipt-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.check(true); });
    this.listen(app.router, 'route', this.onRoute);
    this.listen(this.i18n, 'change', () => { if (app.page.isShowing('receipt')) this.render(); });
  }

  async onRoute({ view, code, focus }) {
    const current = this.latest.next();
    if (view !== 'receipt') return;
    try {
      await this.words;
    } catch {
      this.words = this.i18n.part('receipt'); // try again on the next visit
    }
    if (!current()) return;
    for (const el of this.root.querySelectorAll('[data-i18n]')) setText(el, this.t(el.dataset.i18n));
    this.app.page.show('receipt', () => this.t('check.title'));
    this.state = null;
    if (code) {
      this.input.value = code;
      this.check(focus);
    } else {
      this.render();
      if (focus) this.$('receipt-check-title').focus();
    }
  }

  async check(focus) {
    const code = this.input.value.replace(CLEAN, '');
    const current = this.latest.next();
    if (!code) {
      this.state = { empty: true };
      this.render();
      this.input.focus();
      return;
    }
    this.state = { checking: true };
    this.render();
    let state;
    try {
      const answer = (await this.api.receipt(code)).receipt;
      state = { answer, code, tasking: await this.taskingOf(answer) };
    } catch (error) {
      state = { error };
    }
    if (!current()) return;
    this.state = state;
    this.render();
    if (focus) this.$('receipt-answer').focus();
  }

  render() {
    const s = this.state || {};
    const fieldError = s.empty ? this.t('check.empty') : '';
    showFieldError(this.input, this.$('receipt-error'), 'receipt-hint', fieldError);
    setText(this.$('receipt-submit'), this.t(s.checking ? 'check.checking' : 'check.submit'));

    const box = this.$('receipt-answer');
    box.hidden = !(s.answer || s.error);
    box.className = `notice ${s.error ? 'notice-error' : s.answer?.status === 'counted' ? 'notice-ok' : 'notice-info'}`;
    if (s.error) box.replaceChildren(...this.problem(s.error));
    else if (s.answer) {
      box.replaceChildren(...this.answer(s.answer));
      if (s.tasking?.status === 'completed') box.append(this.verdict(s.tasking, s));
    }
    else box.replaceChildren();
  }

  /** The tasking the receipt's round made, once the round is closed (null if none or unreachable). */
  async taskingOf(answer) {
    if (!answer?.round?.closed) return null;
    try {
      const page = await this.api.taskings(answer.area.id);
      return (page.taskings || []).find((k) => k.round === answer.round.id) || null;
    } catch {
      return null; // the receipt's answer stands on its own
    }
  }

  /** Once the round's tasking is completed, its voters can say (once per ballot) whether it made a difference. */
  verdict(k, s) {
    const { i18n } = this;
    const said = s.verdict?.verdicts;
    const ask = (made) => h('button', { type: 'button', class: 'button-secondary', 'data-verdict': String(made) },
      this.t(made ? 'verdict.yes' : 'verdict.no'));
    const buttons = said ? null : h('p', { class: 'verdict-choices' }, ask(true), ' ', ask(false));
    buttons?.addEventListener('click', (ev) => {
      const made = ev.target.closest('button')?.dataset.verdict;
      if (made) this.sendVerdict(k, s, made === 'true');
    });
    return h('div', { class: 'verdict', 'data-answer': 'verdict' },
      h('h3', null, this.t('verdict.heading')),
      h('p', null, this.t('verdict.intro', { title: i18n.loc(k.priority?.title), outcome: i18n.loc(k.outcome) })),
      buttons,
      h('p', { class: 'hint', role: 'status' }, said ? this.t('verdict.thanks') : s.verdict?.error ? i18n.error(s.verdict.error) : this.t('verdict.once')));
  }

  async sendVerdict(k, s, made) {
    let verdict;
    try {
      verdict = (await this.api.verdict(k.reference, s.code, made)).body;
    } catch (error) {
      verdict = { error };
    }
    if (this.state?.code !== s.code) return; // another receipt is on show now
    this.state = { ...this.state, verdict };
    this.render();
  }

  problem(error) {
    if (error.code === 'receipt_not_found') {
      return [h('h2', { class: 'notice-title' }, this.t('check.notFoundHeading')), h('p', null, this.t('check.notFound'))];
    }
    return [h('h2', { class: 'notice-title' }, this.t('check.failedHeading')), h('p', null, this.i18n.error(error))];
  }

  /** The API's answer in words: which round, counted or replaced, in the results or not. */
  answer(r) {
    const { i18n } = this;
    const area = i18n.loc(r.area?.name);
    const day = i18n.lastDay(r.round?.closes);
    const counted = r.status === 'counted';
    const live = r.inLiveResults ? 'In' : 'Out';
    const results = routeHref(areaPath(r.area?.id || '', `results/${r.round?.id || ''}`));
    return [
      h('h2', { class: 'notice-title' }, this.t(counted ? 'check.countedHeading' : 'check.replacedHeading')),
      h('p', { 'data-answer': 'round' }, this.t(r.round?.closed ? 'check.roundClosed' : 'check.roundOpen', { area, day })),
      h('p', { 'data-answer': 'status' }, this.t(counted ? 'check.counted' : 'check.replaced')),
      h('p', { 'data-answer': 'results' }, this.t(`check.${counted ? 'counted' : 'replaced'}${live}`)),
      h('p', null, h('a', { href: results }, this.t('check.seeResults', { area }))),
      h('p', { class: 'hint' }, this.t('check.private')),
    ];
  }
}
