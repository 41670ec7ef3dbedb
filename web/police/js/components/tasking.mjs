/* One tasking (#/taskings/<reference>, the link its email gives): its figures and flags, and what the
 * team does with it - acknowledge it, report progress, and close it with an outcome, each note in both
 * languages. */

import { h, setText } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { BilingualField } from '../bilingual.mjs';
import { flagTags, taskingFacts } from '../tasking-facts.mjs';
import { ConsoleView, busy } from '../view.mjs';

export class Tasking extends ConsoleView {
  constructor(root, app) {
    super(root, app, 'tasking');
    this.tasking = null;
    this.error = null;
    this.done = null; // the catalogue key of what was just done, said in the status line
    this.note = new BilingualField({ id: 'progress-note', legend: 'police.progress.note', hint: 'police.progress.hint', max: 500, multiline: true });
    this.outcome = new BilingualField({ id: 'outcome', legend: 'police.outcome.label', hint: 'police.outcome.hint', max: 500, multiline: true });
    root.append(
      h('p', { class: 'crumb' }, h('a', { href: routeHref('#/taskings'), 'data-i18n': 'police.tasking.back' })),
      h('h1', { id: 'tasking-title', tabindex: '-1' }),
      h('p', { id: 'tasking-done', class: 'notice notice-ok', role: 'status', tabindex: '-1', hidden: true }),
      h('div', { id: 'tasking-body' }),
      h('section', { id: 'acknowledge-box', class: 'card', 'aria-labelledby': 'acknowledge-title', hidden: true },
        h('h2', { id: 'acknowledge-title', 'data-i18n': 'police.acknowledge.heading' }),
        h('p', { 'data-i18n': 'police.acknowledge.explain' }),
        h('div', { id: 'acknowledge-failed', class: 'notice notice-error', role: 'alert', hidden: true }),
        h('button', { type: 'button', id: 'acknowledge', class: 'button-primary', 'data-i18n': 'police.acknowledge.button' })),
      h('section', { class: 'card', 'aria-labelledby': 'progress-title' },
        h('h2', { id: 'progress-title', 'data-i18n': 'police.progress.heading' }),
        h('ul', { id: 'progress-list', class: 'progress' }),
        h('form', { id: 'progress-form', novalidate: true, hidden: true }, this.note.el,
          h('div', { id: 'progress-failed', class: 'notice notice-error', role: 'alert', hidden: true }),
          h('button', { type: 'submit', id: 'add-progress', class: 'button-secondary', 'data-i18n': 'police.progress.button' }))),
      h('section', { id: 'outcome-box', class: 'card', 'aria-labelledby': 'outcome-title' },
        h('h2', { id: 'outcome-title', 'data-i18n': 'police.outcome.heading' }),
        h('div', { id: 'outcome-shown' }),
        h('form', { id: 'outcome-form', novalidate: true, hidden: true },
          h('p', { class: 'hint', 'data-i18n': 'police.outcome.explain' }), this.outcome.el,
          h('div', { id: 'outcome-failed', class: 'notice notice-error', role: 'alert', hidden: true }),
          h('button', { type: 'submit', id: 'close-tasking', class: 'button-primary', 'data-i18n': 'police.outcome.button' }))));
    this.words();
    this.$('acknowledge').addEventListener('click', () => this.act('acknowledge', () => this.api.acknowledge(this.reference)));
    this.$('progress-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!BilingualField.checkAll([this.note], this.i18n)) return;
      this.act('progress', () => this.api.progress(this.reference, this.note.value()), () => this.note.set({}));
    });
    this.$('outcome-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!BilingualField.checkAll([this.outcome], this.i18n)) return;
      this.act('outcome', () => this.api.outcome(this.reference, this.outcome.value()), () => this.outcome.set({}));
    });
  }

  title() {
    return this.tasking ? this.i18n.loc(this.tasking.priority) : this.t('police.tasking.title');
  }

  async enter(route, current) {
    if (route.reference !== this.reference) {
      this.tasking = null;
      this.done = null;
    }
    this.reference = route.reference;
    this.error = null;
    this.render();
    try {
      const body = await this.api.tasking(this.reference);
      if (!current()) return;
      this.tasking = body.tasking || body;
    } catch (error) {
      if (!current()) return;
      this.error = error;
    }
    this.render();
    this.app.page.title(() => this.title());
  }

  /** Sends one of the team's actions; the answer is the tasking as it now stands. */
  async act(kind, send, after = () => {}) {
    const error = this.$(`${kind}-failed`); // the API's refusal (each field has its own error line)
    const buttons = ['acknowledge', 'add-progress', 'close-tasking'].map((id) => this.$(id));
    await busy(buttons, async () => {
      try {
        const { body } = await send();
        this.tasking = body.tasking || this.tasking;
        this.done = `police.done.${kind}`;
        error.hidden = true;
        after();
        this.render();
        this.$('tasking-done').focus();
      } catch (err) {
        setText(error, this.i18n.error(err));
        error.hidden = false;
      }
    });
  }

  render() {
    const tk = this.tasking;
    const { i18n } = this;
    setText(this.$('tasking-title'), tk ? i18n.loc(tk.priority) : this.t('police.tasking.title'));
    const done = this.$('tasking-done');
    done.hidden = !this.done;
    setText(done, this.done ? this.t(this.done) : '');
    const body = this.$('tasking-body');
    const sections = ['acknowledge-box', 'progress-form', 'outcome-form'].map((id) => this.$(id));
    if (!tk) {
      for (const s of sections) s.hidden = true;
      if (this.error) this.failed(body, this.error, () => this.enter({ reference: this.reference }, this.latest.next()));
      else body.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
      this.$('progress-list').replaceChildren();
      this.$('outcome-shown').replaceChildren();
      return;
    }
    const open = tk.status !== 'completed';
    body.replaceChildren(h('p', { class: 'tags' }, ...flagTags(i18n, tk)), taskingFacts(i18n, tk));
    this.$('acknowledge-box').hidden = tk.status !== 'issued';
    this.$('progress-form').hidden = !open;
    this.$('outcome-form').hidden = !open;
    const progress = tk.progress || [];
    this.$('progress-list').replaceChildren(...(progress.length ? progress.map((p) => h('li', null,
      h('p', { class: 'hint' }, p.by ? this.t('police.progress.when', { date: i18n.date(p.at), by: p.by }) : i18n.date(p.at)),
      h('p', null, i18n.loc(p.note))))
      : [h('li', { class: 'hint' }, this.t('police.progress.none'))]));
    this.$('outcome-shown').replaceChildren(tk.outcome
      ? h('div', { class: 'outcome' }, h('p', null, i18n.loc(tk.outcome)))
      : h('p', { class: 'hint' }, this.t(open ? 'police.outcome.none' : 'police.outcome.missing')));
  }
}
