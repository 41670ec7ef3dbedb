/* Take a ballot (officers and admins): at a street stall, a meeting or on the phone, an officer records
 * the ballot of a resident who is there - the area (one of their district's; any for an admin), the
 * resident's postcode, their UK mobile or a paper ballot's reference, whole bobbies per priority adding
 * up to the budget, an optional age band - and gives them the receipt code (POST
 * /api/admin/areas/{id}/ballots). The resident's details are cleared once the ballot is in. */

import { AGE_BANDS } from '../../../js/components/age-band.mjs';
import { h, setText, showFieldError } from '../../../js/dom.mjs';
import { BobbyShares } from '../bobby-shares.mjs';
import { ConsoleView, busy } from '../view.mjs';

// The field an API error is about; any other error shows above the button.
const FIELD_OF = {
  invalid_postcode: 'postcode', postcode_not_in_area: 'postcode', postcode_not_covered: 'postcode',
  not_a_uk_mobile: 'who', invalid_paper_reference: 'who', phone_or_paper_reference: 'who',
  invalid_age_band: 'age',
};
const SHARES_ERRORS = new Set(['budget_mismatch', 'not_whole_bobbies', 'negative_allocation', 'unknown_priority']);
const WHO = {
  phone: { label: 'police.stall.phone', hint: 'police.stall.phoneHint', empty: 'police.stall.phoneEmpty', type: 'tel' },
  paper: { label: 'police.stall.paper', hint: 'police.stall.paperHint', empty: 'police.stall.paperEmpty', type: 'text' },
};

/** A labelled control with its hint and error line (the label and hint words set later when `null`). */
const field = (id, label, hint, control) => h('div', { class: 'field' },
  h('label', { for: id, id: `${id}-label`, 'data-i18n': label }),
  h('p', { id: `${id}-hint`, class: 'hint', 'data-i18n': hint }),
  h('p', { id: `${id}-error`, class: 'error-message', hidden: true }),
  control);

const choice = (value, key) => h('label', { class: 'choice' },
  h('input', { type: 'radio', name: 'stall-by', value, checked: value === 'phone' }), h('span', { 'data-i18n': key }));

export class TakeBallot extends ConsoleView {
  constructor(root, app) {
    super(root, app, 'ballots');
    this.areas = null; // the areas this officer may take ballots in
    this.paper = null; // the chosen area's ballot paper, or {error}
    this.done = null; // the last receipt: {area, receipt}
    this.shares = new BobbyShares(this.i18n);
    const input = (id, props) => h('input', { id, name: id, type: 'text', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': `${id}-hint`, ...props });
    root.append(
      h('h1', { id: 'ballots-title', tabindex: '-1', 'data-i18n': 'police.stall.title' }),
      h('p', { class: 'lede', 'data-i18n': 'police.stall.intro' }),
      h('section', { id: 'stall-done', class: 'confirmation fresh', 'aria-labelledby': 'stall-done-title' },
        h('h2', { id: 'stall-done-title', tabindex: '-1' }),
        h('p', { id: 'stall-done-note' }),
        h('p', null, h('span', { 'data-i18n': 'police.stall.receipt' }), ' ', h('strong', { id: 'stall-receipt', class: 'receipt' })),
        h('p', { 'data-i18n': 'police.stall.receiptNote' }),
        h('p', null, h('button', { type: 'button', id: 'stall-another', class: 'button-secondary', 'data-i18n': 'police.stall.another' }))),
      h('div', { id: 'stall-load' }),
      h('form', { id: 'stall-form', class: 'card', novalidate: true, hidden: true, 'aria-labelledby': 'ballots-title' },
        field('stall-area', 'police.stall.area', 'police.stall.areaHint', h('select', { id: 'stall-area', name: 'area', 'aria-describedby': 'stall-area-hint' })),
        h('div', { id: 'stall-paper', 'aria-live': 'polite' }),
        field('stall-postcode', 'police.stall.postcode', 'police.stall.postcodeHint',
          input('stall-postcode', { class: 'input-postcode', autocapitalize: 'characters' })),
        h('fieldset', { class: 'choices' }, h('legend', { 'data-i18n': 'police.stall.who' }),
          choice('phone', 'police.stall.byPhone'), choice('paper', 'police.stall.byPaper')),
        field('stall-who', null, null, input('stall-who', { inputmode: 'tel' })),
        this.shares.el,
        field('stall-age', 'police.stall.age', 'police.stall.ageHint', h('select', { id: 'stall-age', name: 'ageBand', 'aria-describedby': 'stall-age-hint' })),
        h('div', { id: 'stall-error', class: 'notice notice-error', role: 'alert', tabindex: '-1', hidden: true }),
        h('p', { class: 'actions' }, h('button', { type: 'submit', id: 'stall-submit', class: 'button-primary', 'data-i18n': 'police.stall.submit' }))));
    this.words();
    // The receipt's box is in the document only while there is a receipt: kept aside, not just hidden, so
    // no empty heading waits in the document for a screen reader or a checker (pa11y) to find.
    this.doneBox = this.$('stall-done');
    this.doneBox.remove();
    this.$('stall-area').addEventListener('change', () => this.loadPaper(this.latest.next()));
    this.root.querySelectorAll('input[name=stall-by]').forEach((radio) => radio.addEventListener('change', () => this.renderWho(true)));
    this.$('stall-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.send(); });
    this.doneBox.querySelector('#stall-another').addEventListener('click', () => {
      this.done = null;
      this.renderDone();
      this.$('stall-postcode').focus();
    });
  }

  get who() {
    return this.root.querySelector('input[name=stall-by]:checked')?.value || 'phone';
  }

  get area() {
    return this.areas?.find((a) => a.id === this.$('stall-area').value) || null;
  }

  async enter(route, current) {
    this.render();
    if (this.areas) return;
    try {
      const [me, areas] = await Promise.all([this.api.me(), this.api.areas()]);
      if (!current()) return;
      const everywhere = (me.groups || []).includes('admin');
      this.areas = areas.filter((a) => everywhere || (me.district && a.district?.id === me.district));
    } catch (error) {
      if (current()) this.failed(this.$('stall-load'), error, () => this.enter(route, this.latest.next()));
      return;
    }
    this.$('stall-load').replaceChildren();
    this.render();
    this.loadPaper(current);
  }

  /** The chosen area's priorities and budget, and whether its round is open. */
  async loadPaper(current) {
    this.paper = null;
    this.shares.use(null);
    this.renderPaper();
    const { area } = this;
    if (!area) return;
    try {
      this.paper = await this.api.ballot(area.id);
    } catch (error) {
      this.paper = { error };
    }
    if (!current() || area !== this.area) return;
    this.shares.use(this.paper.error ? null : this.paper);
    this.renderPaper();
  }

  render() {
    this.renderAreas();
    this.renderWho(false);
    this.renderAge();
    this.renderPaper();
    this.renderDone();
    if (this.shares.ballot) this.shares.render();
  }

  renderAreas() {
    const form = this.$('stall-form');
    form.hidden = !this.areas?.length;
    if (!this.areas) return;
    if (!this.areas.length) {
      this.$('stall-load').replaceChildren(h('p', { class: 'notice' }, this.t('police.stall.noAreas')));
      return;
    }
    const select = this.$('stall-area');
    const chosen = select.value || '';
    const { i18n } = this;
    const sorted = [...this.areas].sort((a, b) => i18n.loc(a.name).localeCompare(i18n.loc(b.name), i18n.lang));
    select.replaceChildren(...sorted.map((a) => h('option', { value: a.id }, i18n.loc(a.name))));
    if (chosen) select.value = chosen;
  }

  renderWho(changed) {
    const words = WHO[this.who];
    const input = this.$('stall-who');
    setText(this.$('stall-who-label'), this.t(words.label));
    setText(this.$('stall-who-hint'), this.t(words.hint));
    input.type = words.type;
    input.inputMode = this.who === 'phone' ? 'tel' : 'text';
    if (changed) {
      input.value = '';
      showFieldError(input, this.$('stall-who-error'), 'stall-who-hint', '');
    }
  }

  renderAge() {
    const select = this.$('stall-age');
    const chosen = select.value;
    select.replaceChildren(h('option', { value: '' }, this.t('ageBand.none')),
      ...AGE_BANDS.map((band) => h('option', { value: band }, this.t(`ageBand.${band}`))));
    select.value = chosen;
  }

  renderPaper() {
    const box = this.$('stall-paper');
    const { paper } = this;
    if (!this.area) box.replaceChildren();
    else if (!paper) box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
    else if (paper.error) this.failed(box, paper.error, () => this.loadPaper(this.latest.next()));
    else if (paper.round && !paper.round.votingOpen) box.replaceChildren(h('p', { class: 'notice notice-warning' }, this.t('police.stall.closed')));
    else box.replaceChildren();
  }

  renderDone() {
    const box = this.doneBox;
    const { done, i18n } = this;
    if (!done) {
      box.remove();
      return;
    }
    if (!box.parentNode) this.$('stall-load').before(box);
    this.words(box); // its words may have changed language while it was aside
    const area = i18n.place(done.area);
    setText(this.$('stall-done-title'), this.t(done.receipt.replaced ? 'police.stall.replaced' : 'police.stall.counted', { area }));
    setText(this.$('stall-done-note'), this.t(done.receipt.replaced ? 'police.stall.replacedNote' : 'police.stall.countedNote'));
    setText(this.$('stall-receipt'), done.receipt.receipt || '');
  }

  /** The ballot to send, or null with the first problem shown and focused. */
  ballot() {
    const postcode = this.$('stall-postcode');
    const who = this.$('stall-who');
    const problems = [
      [postcode, 'stall-postcode', !postcode.value.trim() && 'police.stall.postcodeEmpty'],
      [who, 'stall-who', !who.value.trim() && WHO[this.who].empty],
    ];
    for (const [input, id, key] of problems) showFieldError(input, this.$(`${id}-error`), `${id}-hint`, key ? this.t(key) : '');
    const first = problems.find(([, , key]) => key);
    if (first) {
      first[0].focus();
      return null;
    }
    const allocations = this.shares.allocations();
    if (!allocations) return null;
    const age = this.$('stall-age').value;
    return {
      postcode: postcode.value.trim(),
      [this.who === 'phone' ? 'phone' : 'paperReference']: who.value.trim(),
      allocations,
      ...(age ? { ageBand: age } : {}),
    };
  }

  async send() {
    const { area } = this;
    const error = this.$('stall-error');
    error.hidden = true;
    if (!area || !this.shares.ballot) return;
    const body = this.ballot();
    if (!body) return;
    await busy([this.$('stall-submit')], async () => {
      try {
        const { body: receipt } = await this.api.takeBallot(area.id, body);
        this.done = { area, receipt };
        this.clearResident();
        this.renderDone();
        this.$('stall-done-title').focus();
      } catch (err) {
        this.showError(err);
      }
    });
  }

  /** An API error beside the field it is about (the cursor put there), else above the button. */
  showError(err) {
    const text = this.i18n.error(err);
    const where = FIELD_OF[err.code];
    if (where) {
      const input = this.$(`stall-${where}`);
      showFieldError(input, this.$(`stall-${where}-error`), `stall-${where}-hint`, text);
      input.focus();
    } else if (SHARES_ERRORS.has(err.code)) {
      this.shares.problem(text);
    } else {
      const box = this.$('stall-error');
      setText(box, text);
      box.hidden = false;
      box.focus();
    }
  }

  /** Nothing of one resident is left in the form for the next. */
  clearResident() {
    for (const id of ['stall-postcode', 'stall-who', 'stall-age']) {
      const el = this.$(id);
      el.value = '';
      if (el.tagName === 'INPUT') showFieldError(el, this.$(`${id}-error`), `${id}-hint`, '');
    }
    this.shares.use(this.paper && !this.paper.error ? this.paper : null);
  }
}
