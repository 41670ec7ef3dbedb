/* The bobbies a resident gives each priority, as the officer types them in: a plain whole-number field
 * per priority (its description as the hint), and how many are left to give, said in a polite live
 * region as the numbers change - an officer reading the priorities out needs no slider or helmets. */

import { h, setText, showFieldError } from '../../js/dom.mjs';

const WHOLE = /^\d{1,3}$/;

export class BobbyShares {
  constructor(i18n) {
    this.i18n = i18n;
    this.ballot = null; // the area's ballot paper: {priorities, budget}
    this.list = h('ul', { class: 'shares' });
    this.hint = h('p', { id: 'stall-shares-hint', class: 'hint' });
    this.error = h('p', { id: 'stall-shares-error', class: 'error-message', hidden: true });
    this.left = h('p', { id: 'stall-left', class: 'shares-left', 'aria-live': 'polite' });
    this.el = h('fieldset', { id: 'stall-shares', class: 'choices', hidden: true },
      h('legend', { 'data-i18n': 'police.stall.shares' }), this.hint, this.error, this.list, this.left);
    this.list.addEventListener('input', () => this.count());
  }

  get inputs() {
    return [...this.list.querySelectorAll('input')];
  }

  /** A new ballot paper (or none): every priority starts at 0. */
  use(ballot) {
    this.ballot = ballot;
    this.render(true);
  }

  /** Paints the fields in the language on show, keeping what was typed unless `fresh`. */
  render(fresh = false) {
    const typed = fresh ? {} : Object.fromEntries(this.inputs.map((input) => [input.dataset.pid, input.value]));
    const { priorities = [], budget } = this.ballot || {};
    this.el.hidden = !this.ballot;
    this.clear();
    setText(this.hint, this.ballot ? this.i18n.t('police.stall.sharesHint', { budget }) : '');
    this.list.replaceChildren(...priorities.map((p, i) => {
      const id = `stall-share-${i}`;
      return h('li', { class: 'field' },
        h('label', { for: id }, this.i18n.loc(p.title)),
        h('p', { id: `${id}-hint`, class: 'hint' }, this.i18n.loc(p.description)),
        h('input', { id, name: id, type: 'number', class: 'input-number', inputmode: 'numeric', min: 0, max: budget,
          step: 1, value: typed[p.id] ?? '0', 'data-pid': p.id, 'aria-describedby': `${id}-hint` }));
    }));
    this.count();
  }

  /** The bobbies typed so far (a field that is not a whole number counts as none). */
  placed() {
    return this.inputs.reduce((sum, input) => sum + (WHOLE.test(input.value.trim()) ? Number(input.value) : 0), 0);
  }

  /** Says how many bobbies are left to give, or how many too many. */
  count() {
    if (!this.ballot) {
      setText(this.left, '');
      return;
    }
    const { budget } = this.ballot;
    const left = budget - this.placed();
    const t = (key, vars) => this.i18n.t(key, vars);
    setText(this.left, left > 0 ? t('police.stall.left', { count: left, budget })
      : left === 0 ? t('police.stall.allGiven', { budget }) : t('police.stall.over', { count: -left }));
  }

  clear() {
    for (const input of this.inputs) showFieldError(input, this.error, `${input.id}-hint`, '');
    this.error.hidden = true;
  }

  /** Shows a problem with the bobbies (at `input`, else the first field) and puts the cursor there. */
  problem(text, input = this.inputs[0]) {
    this.clear();
    if (input) {
      showFieldError(input, this.error, `${input.id}-hint`, text);
      input.focus();
    } else {
      setText(this.error, text);
      this.error.hidden = false;
    }
  }

  /** {priorityId: bobbies} adding up to the budget, or null with the problem shown and focused. */
  allocations() {
    this.clear();
    const notWhole = this.inputs.find((input) => !WHOLE.test(input.value.trim()));
    if (notWhole) {
      this.problem(this.i18n.t('police.stall.wholeNumbers'), notWhole);
      return null;
    }
    if (this.placed() !== this.ballot.budget) {
      this.problem(this.i18n.t('error.budget_mismatch'));
      return null;
    }
    return Object.fromEntries(this.inputs.map((input) => [input.dataset.pid, Number(input.value)]));
  }
}
