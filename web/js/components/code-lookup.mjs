/* A view where a resident types a code they were given (#/<view>[/<code>]) and reads, in plain
 * words, what the API says of it. The view, its words (a catalogue part, loaded with it: only a
 * resident who checks a code needs them), the field and its states (empty, checking, answered,
 * failed) are the same for every such code; a subclass says only what differs:
 *   view     the view's name, also the start of its ids (<view>-form, -hint, -error, -submit, -answer)
 *   part     the catalogue part with its words
 *   keys     the start of its catalogue keys: <keys>.title, .intro, .label, .hint, .submit, .checking,
 *            .empty, .notFoundHeading, .notFound, .failedHeading
 *   notFound the API's error code for a code it does not know (one plain answer, whatever the reason)
 *   input    the input's id and attributes
 * and implements ask(code) -> {answer, ...}, tone(answer) and answer(answer, state). */

import { Component, Latest } from '../component.mjs';
import { h, setText, showFieldError, textField } from '../dom.mjs';
import { routeHref } from '../router.mjs';

const CLEAN = /[\s-]/g; // spaces and hyphens a person may type or paste (the API ignores both)

export class CodeLookup extends Component {
  constructor(root, app, spec) {
    super(root, app);
    const { view, part, keys, input } = spec;
    this.spec = spec;
    root.replaceChildren(
      h('p', { class: 'crumb' }, h('a', { href: routeHref('#/'), 'data-i18n': 'missing.home' })),
      h('h1', { id: `${view}-check-title`, tabindex: '-1', 'data-i18n': `${keys}.title` }),
      h('p', { class: 'lede', 'data-i18n': `${keys}.intro` }),
      h('form', { id: `${view}-form`, class: 'card', novalidate: true }, textField({
        prefix: view, label: `${keys}.label`, hint: `${keys}.hint`, button: `${keys}.submit`, input,
      })),
      h('div', { id: `${view}-answer`, class: 'notice', hidden: true, tabindex: '-1' }),
    );
    this.words = this.i18n.part(part);
    this.latest = new Latest();
    this.state = null; // {empty} | {checking} | {answer, ...} | {error}
    this.input = this.$(input.id);
    this.$(`${view}-form`).addEventListener('submit', (ev) => { ev.preventDefault(); this.check(true); });
    this.listen(app.router, 'route', this.onRoute);
    this.listen(this.i18n, 'change', () => { if (app.page.isShowing(view)) this.render(); });
  }

  key(name) {
    return `${this.spec.keys}.${name}`;
  }

  async onRoute({ view, code, focus }) {
    const current = this.latest.next();
    if (view !== this.spec.view) return;
    try {
      await this.words;
    } catch {
      this.words = this.i18n.part(this.spec.part); // try again on the next visit
    }
    if (!current()) return;
    this.app.page.show(view, () => this.t(this.key('title')));
    this.state = null;
    this.input.value = code || '';
    if (code) return this.check(focus);
    this.render();
    if (focus) this.$(`${view}-check-title`).focus();
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
      state = await this.ask(code);
    } catch (error) {
      state = { error };
    }
    if (!current()) return;
    this.state = state;
    this.render();
    if (focus) this.$(`${this.spec.view}-answer`).focus();
  }

  render() {
    const { view } = this.spec;
    for (const el of this.root.querySelectorAll('[data-i18n]')) setText(el, this.t(el.dataset.i18n));
    const s = this.state || {};
    showFieldError(this.input, this.$(`${view}-error`), `${view}-hint`, s.empty ? this.t(this.key('empty')) : '');
    setText(this.$(`${view}-submit`), this.t(this.key(s.checking ? 'checking' : 'submit')));
    const box = this.$(`${view}-answer`);
    box.hidden = !(s.answer || s.error);
    box.className = `notice ${s.error ? 'notice-error' : this.tone(s.answer)}`;
    if (s.error) box.replaceChildren(...this.problem(s.error));
    else if (s.answer) box.replaceChildren(...this.answer(s.answer, s).filter(Boolean)); // parts it has not: null, '', false
    else box.replaceChildren();
  }

  problem(error) {
    const unknown = error.code === this.spec.notFound;
    return [
      h('h2', { class: 'notice-title' }, this.t(this.key(unknown ? 'notFoundHeading' : 'failedHeading'))),
      h('p', null, unknown ? this.t(this.key('notFound')) : this.i18n.error(error)),
    ];
  }
}
