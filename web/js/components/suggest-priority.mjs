/* The suggest view (#/area/<id>/suggest): a resident suggests a priority for their area's next round,
 * in English or Welsh, after being told plainly that crimes are reported on 101 (999 in an
 * emergency), not here. Title and description have counts as GOV.UK's character count does: typing
 * over the limit is allowed, and the count says by how much; it is read out once typing pauses.
 * Characters are counted as the API counts them (code points after NFC). On success the view shows
 * the reference and a link to look it up. It also lists the area's suggestions already approved
 * for the next round, so a resident can see whether theirs is there. */

import { Component, Latest } from '../component.mjs';
import { announce, h, setText, showFieldError } from '../dom.mjs';
import { areaPath, routeHref } from '../router.mjs';
import { voterToken } from '../store.mjs';

const MOST = { title: 80, description: 500 };
const FIELD_OF = {
  title_missing: 'title', title_too_long: 'title', description_missing: 'description', description_too_long: 'description',
};
const PAUSE_MS = 800; // a count is read out once typing pauses, not at every key

/** The words as the API keeps them: composed (NFC), a title on one line, no surrounding spaces. */
export const cleaned = {
  title: (s) => s.normalize('NFC').split(/\s+/).filter(Boolean).join(' '),
  description: (s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim(),
};
export const characters = (s) => [...s].length;

const VIEW = `
<p class="crumb"><a id="suggest-back" href="#/" data-i18n="suggest.back"></a></p>
<h1 id="suggest-title" tabindex="-1"></h1>
<div class="notice notice-warning" id="suggest-crime">
  <h2 class="notice-title" data-i18n="suggest.crimeHeading"></h2>
  <p><strong data-i18n="suggest.crime"></strong></p>
</div>
<p class="lede" data-i18n="suggest.intro"></p>
<section class="card" aria-labelledby="suggest-waiting-title">
  <h2 id="suggest-waiting-title" data-i18n="suggest.waitingHeading"></h2>
  <div id="suggest-waiting"></div>
</section>
<form id="suggest-form" class="card" novalidate>
  <h2 data-i18n="suggest.formHeading"></h2>
  <fieldset class="field choices">
    <legend data-i18n="suggest.language"></legend>
    <label class="choice"><input type="radio" name="language" value="en" lang="en"> English</label>
    <label class="choice"><input type="radio" name="language" value="cy" lang="cy"> Cymraeg</label>
  </fieldset>
  <div class="field">
    <label for="suggest-title-input" data-i18n="suggest.titleLabel"></label>
    <p id="suggest-title-hint" class="hint" data-i18n="suggest.titleHint"></p>
    <p id="suggest-title-error" class="error-message" hidden></p>
    <input id="suggest-title-input" name="title" type="text" autocomplete="off" spellcheck="true">
    <p id="suggest-title-count" class="hint char-count"></p>
  </div>
  <div class="field">
    <label for="suggest-description-input" data-i18n="suggest.descriptionLabel"></label>
    <p id="suggest-description-hint" class="hint" data-i18n="suggest.descriptionHint"></p>
    <p id="suggest-description-error" class="error-message" hidden></p>
    <textarea id="suggest-description-input" name="description" rows="6" spellcheck="true"></textarea>
    <p id="suggest-description-count" class="hint char-count"></p>
  </div>
  <div id="suggest-error" class="notice notice-error" role="alert" tabindex="-1" hidden></div>
  <div class="actions"><button type="submit" id="suggest-submit" class="button-primary"></button></div>
</form>
<div id="suggest-done" class="notice notice-ok" hidden tabindex="-1">
  <h2 class="notice-title" data-i18n="suggest.doneHeading"></h2>
  <p><span data-i18n="suggest.reference"></span> <strong id="suggest-reference" class="reference"></strong></p>
  <p data-i18n="suggest.referenceNote"></p>
  <p><a id="suggest-check" href="#/suggestion" data-i18n="suggest.checkLink"></a></p>
  <p><button type="button" id="suggest-another" class="button-secondary" data-i18n="suggest.another"></button></p>
</div>
<p class="after-form"><a href="#/suggestion" data-i18n="suggest.checkExisting"></a></p>`;

export class SuggestPriority extends Component {
  static moduleName = 'suggest-priority';

  constructor(root, app) {
    super(root, app);
    root.innerHTML = VIEW;
    this.words = this.i18n.part('proposals'); // only residents who suggest need these words
    for (const a of root.querySelectorAll('a[href^="#/"]')) a.href = routeHref(a.getAttribute('href'));
    this.latest = new Latest();
    this.area = null;
    this.waiting = null; // the API's list, or {error}
    this.state = {}; // {sending} | {done: proposal} | {error} | {fields: {title, description}}
    this.inputs = { title: this.$('suggest-title-input'), description: this.$('suggest-description-input') };
    this.timers = {};
    for (const [name, input] of Object.entries(this.inputs)) {
      input.addEventListener('input', () => this.typed(name));
    }
    this.$('suggest-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.send(); });
    this.$('suggest-another').addEventListener('click', () => this.again());
    this.listen(app.router, 'route', this.onRoute);
    this.listen(this.i18n, 'change', () => { if (app.page.isShowing('suggest')) this.render(); });
  }

  async onRoute({ view, areaId, focus }) {
    const current = this.latest.next();
    if (view !== 'suggest') return;
    const { page } = this.app;
    if (!page.isShowing('suggest')) page.loading(true);
    let area = null;
    try {
      [area] = await Promise.all([this.api.area(areaId), this.words]);
    } catch (error) {
      this.words = this.i18n.part('proposals'); // try again on the next visit
      if (!current()) return;
      return page.missing(focus);
    }
    if (!current()) return;
    if (!area) return page.missing(focus);
    if (area.id !== this.area?.id) {
      Object.assign(this, { area, waiting: null });
      this.again(false);
    }
    this.$('suggest-back').href = routeHref(areaPath(area.id));
    this.render();
    page.show('suggest', () => this.t('suggest.title', { area: this.i18n.place(this.area) }));
    if (focus) this.$('suggest-title').focus();
    this.loadWaiting(area);
  }

  async loadWaiting(area) {
    let waiting;
    try {
      waiting = (await this.api.waitingProposals(area.id)).proposals || [];
    } catch (error) {
      waiting = { error };
    }
    if (area !== this.area) return;
    this.waiting = waiting;
    this.renderWaiting();
  }

  /** A fresh, empty form (for another suggestion, or another area). */
  again(focus = true) {
    for (const input of Object.values(this.inputs)) input.value = '';
    const mine = this.root.querySelector(`input[name=language][value=${this.i18n.lang}]`);
    if (mine) mine.checked = true;
    this.state = {};
    this.render();
    if (focus) this.inputs.title.focus();
  }

  /** What is wrong with a field now, in the API's own words (its codes), or ''. */
  problem(name) {
    const text = cleaned[name](this.inputs[name].value);
    if (!text) return `${name}_missing`;
    return characters(text) > MOST[name] ? `${name}_too_long` : '';
  }

  typed(name) {
    this.renderCount(name);
    clearTimeout(this.timers[name]);
    this.timers[name] = setTimeout(() => announce(this.countText(name)), PAUSE_MS);
    if (this.state.fields?.[name] && !this.problem(name)) { // an error clears once it is put right
      this.state = { fields: { ...this.state.fields, [name]: '' } };
      this.render();
    }
  }

  countText(name) {
    const left = MOST[name] - characters(cleaned[name](this.inputs[name].value));
    return left >= 0 ? this.t('suggest.left', { count: left }) : this.t('suggest.over', { count: -left });
  }

  async send() {
    if (this.state.sending) return;
    const fields = { title: this.problem('title'), description: this.problem('description') };
    if (fields.title || fields.description) {
      this.state = { fields };
      this.render();
      this.inputs[fields.title ? 'title' : 'description'].focus();
      return;
    }
    const area = this.area;
    const body = {
      voter: voterToken(),
      language: this.root.querySelector('input[name=language]:checked')?.value || this.i18n.lang,
      title: cleaned.title(this.inputs.title.value),
      description: cleaned.description(this.inputs.description.value),
    };
    this.state = { sending: true };
    this.render();
    let state;
    try {
      state = { done: (await this.api.propose(area.id, body)).body.proposal };
    } catch (error) {
      const name = FIELD_OF[error.code];
      state = name ? { fields: { [name]: error.code } } : { error };
    }
    if (area !== this.area) return;
    this.state = state;
    this.render();
    if (state.done) this.$('suggest-done').focus();
    else if (state.error) this.$('suggest-error').focus();
    else this.inputs[Object.keys(state.fields)[0]].focus();
  }

  render() {
    for (const el of this.root.querySelectorAll('[data-i18n]')) setText(el, this.t(el.dataset.i18n));
    const { area, state } = this;
    setText(this.$('suggest-title'), area ? this.t('suggest.title', { area: this.i18n.place(area) }) : '');
    for (const name of Object.keys(this.inputs)) {
      const code = state.fields?.[name];
      showFieldError(this.inputs[name], this.$(`suggest-${name}-error`), `suggest-${name}-hint suggest-${name}-count`,
        code ? this.i18n.error({ code }) : '');
      this.renderCount(name);
    }
    const box = this.$('suggest-error');
    box.hidden = !state.error;
    box.replaceChildren(...(state.error ? [
      h('h2', { class: 'notice-title' }, this.t('suggest.failedHeading')), h('p', null, this.i18n.error(state.error)),
    ] : []));
    setText(this.$('suggest-submit'), this.t(state.sending ? 'suggest.sending' : 'suggest.submit'));
    this.$('suggest-form').hidden = !!state.done;
    this.$('suggest-done').hidden = !state.done;
    if (state.done) {
      setText(this.$('suggest-reference'), state.done.reference);
      this.$('suggest-check').href = routeHref(`#/suggestion/${encodeURIComponent(state.done.reference)}`);
    }
    this.renderWaiting();
  }

  renderCount(name) {
    const el = this.$(`suggest-${name}-count`);
    setText(el, this.countText(name));
    el.classList.toggle('over', characters(cleaned[name](this.inputs[name].value)) > MOST[name]);
  }

  renderWaiting() {
    const box = this.$('suggest-waiting');
    const { waiting, i18n } = this;
    if (!waiting) return box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
    if (waiting.error) return box.replaceChildren(h('p', null, this.t('suggest.waitingFailed')));
    if (!waiting.length) return box.replaceChildren(h('p', null, this.t('suggest.waitingNone')));
    box.replaceChildren(h('ul', { class: 'waiting' }, waiting.map((p) => h('li', null,
      h('h3', null, i18n.loc(p.title)), h('p', null, i18n.loc(p.description))))));
  }
}
