/* One suggestion in the moderation queue: what the resident wrote (in their language), what became of
 * it, and, while pending, the moderator's decision - approve (with the title and description in both
 * languages: the moderator writes the missing one), merge into a priority of the same area, decline
 * (with a reason in both languages) or redirect a crime report to 101 / 999. */

import { Component } from '../../../js/component.mjs';
import { announce, h, setText } from '../../../js/dom.mjs';
import { BilingualField } from '../bilingual.mjs';
import { busy } from '../view.mjs';

const DECISIONS = ['approve', 'merge', 'decline', 'redirect'];
const DONE = { approve: 'approved', merge: 'merged', decline: 'declined', redirect: 'redirected' };

export class ProposalCard extends Component {
  constructor(root, app, proposal) {
    super(root, app);
    this.proposal = proposal;
    this.done = null; // the status message after this moderator's decision
    const ref = proposal.reference;
    this.id = `p-${String(ref).replace(/[^A-Za-z0-9_-]/g, '')}`;
    this.title = new BilingualField({ id: `${this.id}-title`, legend: 'police.approve.title', hint: 'police.approve.titleHint', max: 80 });
    this.description = new BilingualField({ id: `${this.id}-description`, legend: 'police.approve.description',
      hint: 'police.approve.descriptionHint', max: 500, multiline: true });
    this.reason = new BilingualField({ id: `${this.id}-reason`, legend: 'police.decline.reason', hint: 'police.decline.reasonHint',
      max: 500, multiline: true });
    const own = proposal.language === 'cy' ? 'cy' : 'en';
    this.title.set({ [own]: proposal.title });
    this.description.set({ [own]: proposal.description });
    this.priorities = h('select', { id: `${this.id}-priority`, name: 'priority' });
    this.form = this.buildForm();
  }

  buildForm() {
    const { id } = this;
    const radios = DECISIONS.map((d) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: `${id}-decision`, value: d }), h('span', { 'data-i18n': `police.decision.${d}` })));
    const form = h('form', { class: 'decision-form', novalidate: true },
      h('fieldset', { class: 'choices' }, h('legend', { 'data-i18n': 'police.decision.legend' }), ...radios),
      h('div', { 'data-for': 'approve', hidden: true }, this.title.el, this.description.el),
      h('div', { 'data-for': 'merge', hidden: true, class: 'field' },
        h('label', { for: this.priorities.id, 'data-i18n': 'police.merge.label' }),
        h('p', { id: `${id}-merge-error`, class: 'error-message', hidden: true }), this.priorities),
      h('div', { 'data-for': 'decline', hidden: true }, this.reason.el),
      h('div', { 'data-for': 'redirect', hidden: true }, h('p', { class: 'hint', 'data-i18n': 'police.redirect.explain' })),
      h('div', { id: `${id}-error`, class: 'notice notice-error', role: 'alert', tabindex: '-1', hidden: true }),
      h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'button-primary', 'data-i18n': 'police.decision.submit' })));
    form.addEventListener('change', (ev) => { if (ev.target.type === 'radio') this.choose(ev.target.value); });
    form.addEventListener('submit', (ev) => { ev.preventDefault(); this.submit(); });
    return form;
  }

  get chosen() {
    return this.form.querySelector('input[type=radio]:checked')?.value || null;
  }

  choose(decision) {
    for (const part of this.form.querySelectorAll('[data-for]')) part.hidden = part.dataset.for !== decision;
    if (decision === 'merge' && !this.prioritiesLoaded) this.loadPriorities();
  }

  async loadPriorities() {
    const error = this.form.querySelector(`#${this.id}-merge-error`);
    try {
      this.prioritiesLoaded = await this.api.ballotPriorities(this.proposal.areaId);
      setText(error, '');
      error.hidden = true;
    } catch (err) {
      setText(error, this.i18n.error(err));
      error.hidden = false;
    }
    this.renderPriorities();
  }

  renderPriorities() {
    const chosen = this.priorities.value;
    this.priorities.replaceChildren(h('option', { value: '' }, this.t('police.merge.pick')),
      ...(this.prioritiesLoaded || []).map((p) => h('option', { value: p.id }, this.i18n.loc(p.title))));
    this.priorities.value = chosen;
  }

  render() {
    const p = this.proposal;
    const { i18n } = this;
    const own = p.language === 'cy' ? 'cy' : 'en';
    const words = (scope) => { for (const el of scope.querySelectorAll('[data-i18n]')) setText(el, this.t(el.dataset.i18n)); };
    words(this.form);
    this.renderPriorities();
    const facts = [
      h('p', { class: 'meta' }, this.t('police.proposal.meta', {
        area: i18n.loc(p.areaName), date: i18n.date(p.submittedAt),
        written: this.t(`police.proposal.written.${p.language === 'cy' ? 'cy' : 'en'}`),
      })),
      h('p', null, h('span', { class: `tag tag-${p.status}` }, this.t(`police.status.${p.status}`))),
      h('blockquote', { class: 'submitted', lang: own }, h('p', null, p.description)),
    ];
    if (p.approvedTitle) facts.push(h('p', null, this.t('police.proposal.approvedAs', { title: i18n.loc(p.approvedTitle) })));
    if (p.mergedInto) facts.push(h('p', null, this.t('police.proposal.mergedInto', { priority: i18n.loc(p.mergedInto.title || p.mergedInto) })));
    if (p.reason) facts.push(h('p', null, this.t('police.proposal.reason', { reason: i18n.loc(p.reason) })));
    for (const d of p.decisions || []) {
      facts.push(h('p', { class: 'hint' }, this.t('police.proposal.decided', {
        decision: this.t(`police.status.${DONE[d.decision] || d.decision}`), by: d.by || '', date: i18n.date(d.at),
      })));
    }
    const done = this.done ? h('p', { class: 'notice notice-ok', role: 'status' }, this.t(this.done)) : '';
    this.root.replaceChildren(h('h2', { id: `${this.id}-heading`, tabindex: '-1', lang: own }, p.title), ...facts, done,
      p.status === 'pending' ? this.form : '');
    this.root.setAttribute('aria-labelledby', `${this.id}-heading`);
  }

  /** The decision's body, or null (and the problem shown) when the form is not complete. */
  body() {
    const decision = this.chosen;
    const error = this.form.querySelector(`#${this.id}-error`);
    setText(error, decision ? '' : this.t('police.decision.pick'));
    error.hidden = !!decision;
    if (!decision) {
      this.form.querySelector('input[type=radio]').focus();
      announce(error.textContent);
      return null;
    }
    if (decision === 'approve') {
      if (!BilingualField.checkAll([this.title, this.description], this.i18n)) return null;
      return { decision, title: this.title.value(), description: this.description.value() };
    }
    if (decision === 'decline') {
      if (!BilingualField.checkAll([this.reason], this.i18n)) return null;
      return { decision, reason: this.reason.value() };
    }
    if (decision === 'merge') {
      const mergeError = this.form.querySelector(`#${this.id}-merge-error`);
      const priorityId = this.priorities.value;
      setText(mergeError, priorityId ? '' : this.t('police.merge.empty'));
      mergeError.hidden = !!priorityId;
      if (!priorityId) {
        this.priorities.focus();
        announce(mergeError.textContent);
        return null;
      }
      return { decision, priorityId };
    }
    return { decision };
  }

  async submit() {
    const body = this.body();
    if (!body) return;
    const error = this.form.querySelector(`#${this.id}-error`);
    await busy([this.form.querySelector('button[type=submit]')], async () => {
      try {
        const { body: answer } = await this.api.decide(this.proposal.reference, body);
        this.proposal = answer.proposal || { ...this.proposal, status: body.decision };
        this.done = `police.decided.${body.decision}`;
        this.render();
        this.emit('proposal:decided', { proposal: this.proposal });
        this.root.querySelector('h2').focus();
      } catch (err) {
        setText(error, this.i18n.error(err));
        error.hidden = false;
        error.focus();
      }
    });
  }
}
